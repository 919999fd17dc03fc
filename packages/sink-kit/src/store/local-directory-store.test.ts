import type * as fsPromises from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { createLocalDirectoryStore, keySegments } from './local-directory-store.js';

/** Watches what `rename` sees: the moment a file becomes visible under its final name. */
const renames = vi.hoisted(() => [] as { from: string; to: string; before: () => Promise<void> }[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof fsPromises>();
  return {
    ...fs,
    rename: async (from: string, to: string) => {
      for (const hook of renames) if (hook.to === to || hook.to === '*') await hook.before();
      renames.push({ from, to: `done:${to}`, before: () => Promise.resolve() });
      return fs.rename(from, to);
    },
  };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sink-kit-store-'));
  renames.length = 0;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('createLocalDirectoryStore', () => {
  it('writes objects under their key, creating directories', async () => {
    const store = createLocalDirectoryStore(dir);
    await store.put('prod/tables/t/ds=2026-03-06/hh=10/a-1.parquet', new Uint8Array([1, 2, 3]));
    const bytes = await readFile(join(dir, 'prod/tables/t/ds=2026-03-06/hh=10/a-1.parquet'));
    expect([...bytes]).toEqual([1, 2, 3]);
    expect(store.describe()).toBe(`local directory ${dir}`);
  });

  it('makes a file visible only once complete: temporary dot file, then rename', async () => {
    const store = createLocalDirectoryStore(dir);
    const key = 'env/tables/t/x.parquet';
    const target = join(dir, key);
    const payload = new Uint8Array(1 << 20).fill(7);
    let seen: { targetExists: boolean; temporary: string[]; size: number } | undefined;
    renames.push({
      from: '*',
      to: target,
      before: async () => {
        const files = await readdir(join(dir, 'env/tables/t'));
        const temporary = files.filter((f) => f.startsWith('.x.parquet.') && f.endsWith('.tmp'));
        seen = {
          targetExists: files.includes('x.parquet'),
          temporary,
          size: (await stat(join(dir, 'env/tables/t', temporary[0] ?? ''))).size,
        };
      },
    });
    await store.put(key, payload);
    expect(seen).toMatchObject({ targetExists: false, size: 1 << 20 });
    expect(seen?.temporary).toHaveLength(1);
    expect(await readdir(join(dir, 'env/tables/t'))).toEqual(['x.parquet']);
  });

  it('replaces an existing object whole (a retried upload overwrites itself)', async () => {
    const store = createLocalDirectoryStore(dir, { fsync: false });
    await store.put('a/b', new TextEncoder().encode('first version, longer'));
    await store.put('a/b', new TextEncoder().encode('second'));
    expect(await readFile(join(dir, 'a/b'), 'utf8')).toBe('second');
  });

  it('leaves no temporary file behind when the write fails', async () => {
    const store = createLocalDirectoryStore(dir);
    await mkdir(join(dir, 'a/b/c'), { recursive: true }); // a directory where the file should go
    await writeFile(join(dir, 'a/b/c/keep'), 'x');
    const error = await store.put('a/b/c', new Uint8Array([1])).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toMatch(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(await readdir(join(dir, 'a/b'))).toEqual(['c']);
  });

  it('deletes objects; deleting a missing one is fine', async () => {
    const store = createLocalDirectoryStore(dir);
    await store.put('x/y', new Uint8Array([1]));
    await store.delete('x/y');
    await store.delete('x/y');
    expect(await readdir(join(dir, 'x'))).toEqual([]);
  });

  it('refuses keys that would escape the directory', async () => {
    const store = createLocalDirectoryStore(dir);
    for (const key of ['../x', '/abs', 'a//b', 'a/./b', 'a\\b', '']) {
      await expect(store.put(key, new Uint8Array())).rejects.toThrow(`invalid object key '${key}'`);
    }
    expect(keySegments('a/b/c.parquet')).toEqual(['a', 'b', 'c.parquet']);
  });
});
