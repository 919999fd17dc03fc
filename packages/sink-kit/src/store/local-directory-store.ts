/**
 * The embedded default store: objects are files under a directory. A file is written under a
 * temporary name (a dot file, which Hive, Trino, Spark and DuckDB globs skip), flushed to disk,
 * then renamed into place, so readers never see a partial file and a crash leaves at most a
 * stray `.tmp` file behind.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

import type { ObjectStore } from './object-store.js';

export interface LocalDirectoryStoreOptions {
  /**
   * `fsync` each file before the rename and its directory after it, so a completed `put`
   * survives a power loss. Turn off only for tests and scratch data.
   * @default true
   */
  readonly fsync?: boolean;
}

/** @throws RangeError for a key that is empty, absolute, or has `.`/`..`/empty segments or `\`. */
export function keySegments(key: string): string[] {
  const segments = key.split('/');
  const bad = segments.some(
    (s) => s === '' || s === '.' || s === '..' || s.includes('\\') || s.includes('\0'),
  );
  if (bad) throw new RangeError(`invalid object key '${key}'`);
  return segments;
}

/**
 * @example
 * const store = createLocalDirectoryStore('./iserver-data');
 * await checkStore(store);
 */
export function createLocalDirectoryStore(
  directory: string,
  options: LocalDirectoryStoreOptions = {},
): ObjectStore {
  const root = resolve(directory);
  const fsync = options.fsync ?? true;
  const pathOf = (key: string) => join(root, ...keySegments(key));

  return {
    async put(key, bytes) {
      const target = pathOf(key);
      const parent = dirname(target);
      await mkdir(parent, { recursive: true });
      const temporary = join(parent, `.${basename(target)}.${randomUUID().slice(0, 8)}.tmp`);
      try {
        const file = await open(temporary, 'wx');
        try {
          await file.writeFile(bytes);
          if (fsync) await file.sync();
        } finally {
          await file.close();
        }
        await rename(temporary, target);
      } catch (error) {
        await unlink(temporary).catch(() => undefined);
        throw error;
      }
      if (fsync) await syncDirectory(parent);
    },
    async delete(key) {
      try {
        await unlink(pathOf(key));
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'ENOENT') throw error;
      }
    },
    describe: () => `local directory ${root}`,
  };
}

/** Makes a rename durable. Some platforms (Windows) cannot open a directory; there it is skipped. */
async function syncDirectory(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}
