/** startServer's refusals and warnings (the happy path is e2e.test.ts). */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { resolveServerOptions, startServer, StartupError } from '../src/index.js';
import { SHOP, silentLogger } from './helpers.js';

async function start(flags: Record<string, unknown>, expireEveryMs?: number) {
  const dir = await mkdtemp(join(tmpdir(), 'iserver-start-'));
  const logger = silentLogger();
  const options = resolveServerOptions({ port: '0', host: '127.0.0.1', 'data-dir': dir, ...flags });
  const hooks = { logger, handleSignals: false, expireEveryMs };
  return { dir, logger, start: () => startServer(options, hooks) };
}

describe('startServer', () => {
  it('refuses a configuration with problems, listing every issue', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iserver-start-'));
    const config = join(dir, 'bad.yaml');
    await writeFile(config, 'version: 2\nfeatures:\n  Nope: { gate: on }\n');
    const { start: run } = await start({ fdl: [SHOP.fdl], config });
    const error = await run().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StartupError);
    expect((error as StartupError).problems).toHaveLength(2);
    expect((error as StartupError).message).toContain(`${config}: version:`);
  });

  it('takes the FDL from the configuration’s fdl: entry, and warns about plugins not loaded', async () => {
    const { start: run, logger } = await start({ config: SHOP.config });
    const server = await run();
    try {
      expect(server.engine.schema.namespace).toBe('com.example.shop');
      const warned = logger.lines.filter((l) =>
        l.msg?.startsWith('plugin named in the FDL is not loaded'),
      );
      expect(warned.map((l) => l.obj)).toEqual([
        { plugin: 'GeoPlugin' },
        { plugin: 'plugin { } of feature Recommendations' },
      ]);
    } finally {
      await server.close();
    }
  });

  it('refuses a port in use and an unsupported sink', async () => {
    const first = await (await start({ fdl: [SHOP.fdl], config: SHOP.config })).start();
    try {
      const { start: again } = await start({
        fdl: [SHOP.fdl],
        config: SHOP.config,
        port: String(first.port),
      });
      await expect(again()).rejects.toThrow(/cannot listen on 127\.0\.0\.1/);
    } finally {
      await first.close();
    }
    const { start: s3 } = await start({
      fdl: [SHOP.fdl],
      config: SHOP.config,
      sink: 's3://bucket/prefix',
    });
    await expect(s3()).rejects.toThrow('unsupported --sink s3://bucket/prefix');
  });

  it('closes idle sessions from its timer with --session-timeout', async () => {
    const flags = { fdl: [SHOP.fdl], config: SHOP.config, 'session-timeout': '50ms' };
    const server = await (await start(flags, 20)).start();
    try {
      await fetch(`${server.url}features`, {
        method: 'POST',
        body: JSON.stringify({ args: { deviceId: 'd', visitId: 'v' }, requests: {} }),
      });
      expect(server.engine.sessionCount).toBe(1);
      await expect.poll(() => server.engine.sessionCount, { timeout: 3000 }).toBe(0);
    } finally {
      await server.close();
    }
  });
});
