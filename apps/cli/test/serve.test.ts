/** `iserver serve`, the default command. */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { RunningServer } from '@iserver/runtime';
import { createLogger } from '@iserver/runtime';
import { describe, expect, it } from 'vitest';

import { serve } from '../src/commands/serve.js';
import { runCli } from '../src/run-cli.js';

const SHOP = new URL('../../../../shared/examples/shop/', import.meta.url);
const quiet = { logger: createLogger('silent'), handleSignals: false };

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (t: string) => out.push(t), err: (t: string) => err.push(t) } };
}

describe('iserver serve', () => {
  it('lists every option with its default and environment variable in --help', async () => {
    for (const argv of [['--help'], ['serve', '--help']]) {
      const { out, io } = capture();
      expect(await runCli(argv, io)).toBe(0);
      const help = out.join('\n');
      expect(help).toContain('--data-dir');
      expect(help).toContain('[env: ISERVER_DATA_DIR]');
      expect(help).toContain('[default: ./iserver-data]');
      expect(help).toContain('[env: ISERVER_PLUGINS]');
    }
  });

  it('does not start on an unknown flag or a bad value (exit 2)', async () => {
    const bogus = capture();
    expect(await runCli(['--bogus'], bogus.io)).toBe(2);
    expect(bogus.err.join('\n')).toContain('bogus');
    const port = capture();
    expect(await runCli(['serve', '--port', 'http'], port.io)).toBe(2);
    expect(port.err.join('\n')).toContain("--port expects a port number 0-65535, got 'http'");
  });

  it('serves the FDL and config it is given, and exits 0 after a drain', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iserver-cli-'));
    const { io } = capture();
    let server: RunningServer | undefined;
    const flags = {
      fdl: [fileURLToPath(new URL('shop.fdl', SHOP))],
      config: fileURLToPath(new URL('shop.config.yaml', SHOP)),
      port: '0',
      host: '127.0.0.1',
      'data-dir': dir,
    };
    const exit = serve(flags, {}, io, { hooks: quiet, started: (s) => (server = s) });
    await expect.poll(() => server).toBeDefined();
    expect(await (await fetch(`${server?.url ?? ''}nsessions`)).text()).toBe('0');
    expect(server?.engine.schema.namespace).toBe('com.example.shop');
    await server?.close();
    expect(await exit).toBe(0);
  });

  it('runs the embedded news example when given nothing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iserver-cli-'));
    const { io } = capture();
    let server: RunningServer | undefined;
    const env = { ISERVER_PORT: '0', ISERVER_HOST: '127.0.0.1', ISERVER_DATA_DIR: dir };
    const exit = serve({}, env, io, { hooks: quiet, started: (s) => (server = s) });
    await expect.poll(() => server).toBeDefined();
    expect(server?.engine.schema.namespace).toBe('dev.iserver.examples.news');
    await server?.close();
    expect(await exit).toBe(0);
  });

  it('refuses to start on a bad configuration (exit 1)', async () => {
    const { err, io } = capture();
    const code = await serve(
      { fdl: [fileURLToPath(new URL('shop.fdl', SHOP))], config: '/nonexistent.yaml' },
      {},
      io,
      { hooks: quiet },
    );
    expect(code).toBe(1);
    expect(err.join('\n')).toContain('cannot read the configuration /nonexistent.yaml');
  });
});
