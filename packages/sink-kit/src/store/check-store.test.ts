import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { SinkErrorCode } from '../sink-error.js';
import { checkStore } from './check-store.js';
import { createLocalDirectoryStore } from './local-directory-store.js';
import type { ObjectStore } from './object-store.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sink-kit-check-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('checkStore', () => {
  it('writes and deletes a test object', async () => {
    const keys: string[] = [];
    const local = createLocalDirectoryStore(dir);
    const store: ObjectStore = {
      put: (key, bytes) => (keys.push(`put ${key}`), local.put(key, bytes)),
      delete: (key) => (keys.push(`delete ${key}`), local.delete(key)),
      describe: () => local.describe(),
    };
    await checkStore(store);
    expect(keys).toEqual([
      expect.stringMatching(/^put _iserver-check\/[0-9a-f-]{36}\.txt$/),
      keys[0]?.replace('put', 'delete'),
    ]);
    expect(await readdir(join(dir, '_iserver-check'))).toEqual([]);
  });

  it('fails naming the target and the cause when it cannot write', async () => {
    const blocker = join(dir, 'not-a-directory');
    await writeFile(blocker, 'x');
    const store = createLocalDirectoryStore(join(blocker, 'data'));
    const error = await checkStore(store, { key: 'probe.txt' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'SinkError', code: SinkErrorCode.STORE_UNAVAILABLE });
    expect((error as Error).message).toBe(
      `cannot write to local directory ${join(blocker, 'data')}: ENOTDIR: not a directory, mkdir '${join(blocker, 'data')}' (start-up check, object 'probe.txt')`,
    );
    expect((error as Error).cause).toMatchObject({ code: 'ENOTDIR' });
  });

  it('fails naming the target when it cannot delete', async () => {
    const store: ObjectStore = {
      put: () => Promise.resolve(),
      delete: () => Promise.reject(new Error('AccessDenied: s3:DeleteObject')),
      describe: () => 's3://bucket/prefix',
    };
    await expect(checkStore(store, { key: 'k' })).rejects.toThrow(
      "cannot delete from s3://bucket/prefix: AccessDenied: s3:DeleteObject (start-up check, object 'k')",
    );
  });
});
