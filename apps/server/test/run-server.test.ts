/** The container entry in-process: help, bad flags, refusal on bad files, a start and a drain. */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import type { RunningServer } from '@iserver/runtime';
import { createLogger } from '@iserver/runtime';
import { describe, expect, it } from 'vitest';

import { runServer } from '../src/run-server.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

const silent = { logger: createLogger('silent'), handleSignals: false };

describe('runServer', () => {
  it('prints every option with its default and environment variable', async () => {
    const { out, io } = capture();
    expect(await runServer(['--help'], {}, io)).toBe(0);
    expect(out.join('\n')).toContain('--port <value>');
    expect(out.join('\n')).toContain('default: 3004; env: ISERVER_PORT');
    expect(out.join('\n')).toContain('env: ISERVER_PLUGINS');
  });

  it('rejects unknown flags and bad variables with exit code 2', async () => {
    const { err, io } = capture();
    expect(await runServer(['--bogus'], {}, io)).toBe(2);
    expect(await runServer([], { ISERVER_PORT: 'http' }, io)).toBe(2);
    expect(err.join('\n')).toContain("ISERVER_PORT expects a port number 0-65535, got 'http'");
  });

  it('refuses to start on FDL errors, listing each diagnostic', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iserver-main-'));
    await writeFile(join(dir, 'bad.fdl'), 'feature X { output { a: Int! } }\nfeature X {}\n');
    const { err, io } = capture();
    expect(
      await runServer(['--fdl', join(dir, 'bad.fdl'), '--data-dir', dir], {}, io, silent),
    ).toBe(1);
    expect(err.join('\n')).toMatch(/cannot start: the FDL has errors:\n\s+.*bad\.fdl:1:/);
  });

  it('starts on the embedded defaults and exits 0 after a drain', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iserver-main-'));
    const { io } = capture();
    let server: RunningServer | undefined;
    const exit = runServer(
      ['--port', '0', '--host', '127.0.0.1'],
      { ISERVER_DATA_DIR: dir },
      { ...io, started: (s) => (server = s) },
      silent,
    );
    await expect.poll(() => server).toBeDefined();
    const res = await fetch(`${server?.url ?? ''}nsessions`);
    expect(await res.text()).toBe('0');
    await server?.close('test');
    expect(await exit).toBe(0);
  });
});
