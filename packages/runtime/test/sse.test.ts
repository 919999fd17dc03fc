/** `GET sse` (protocol.md §7, §16.9): hello, heartbeat, flush events, limits, shutdown. */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { resolveServerOptions, startServer } from '../src/index.js';
import { admin, post, SHOP, setupAdmin, silentLogger, sseReader, T0 } from './helpers.js';

const QA = 'qa-device-1';
const hello = (time: number) => `retry: 5000\n\nevent: hello\ndata: ${time}\n\n`;

async function open(app: ReturnType<typeof setupAdmin>['app'], id: string) {
  const res = await app.request(`/iserver/sse?id=${encodeURIComponent(id)}`);
  return { res, stream: res.status === 200 && res.body ? sseReader(res.body) : undefined };
}

describe('sse in process', () => {
  it('starts with retry and hello (0 without a session, else lastFlushTime)', async () => {
    const { app, control } = setupAdmin();
    const first = await open(app, 'nobody');
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(await first.stream?.until((t) => t.includes('data:'))).toBe(hello(0));
    await first.stream?.cancel();
    await post(app, '/iserver/features', { args: { deviceId: QA, visitId: 'v1' }, requests: {} });
    const second = await open(app, QA);
    expect(await second.stream?.until((t) => t.includes('data:'))).toBe(hello(T0));
    await second.stream?.cancel();
    expect(control.hub.count()).toBe(0);
  });

  it('answers 400 without an id', async () => {
    const { app } = setupAdmin();
    expect((await app.request('/iserver/sse')).status).toBe(400);
  });

  it('limits streams per device and in total with a JSON 429', async () => {
    const { app, control } = setupAdmin({ maxPerKey: 2, maxTotal: 3 });
    const streams = [await open(app, 'a'), await open(app, 'a')];
    const third = await open(app, 'a');
    expect(third.res.status).toBe(429);
    expect(await third.res.json()).toMatchObject({ error: { code: 'TOO_MANY_STREAMS' } });
    streams.push(await open(app, 'b'));
    const total = await open(app, 'c');
    expect(total.res.status).toBe(429);
    expect(control.hub.count()).toBe(3);
    for (const s of streams) await s.stream?.cancel();
    expect(control.hub.count()).toBe(0);
    const again = await open(app, 'a');
    expect(again.res.status).toBe(200);
    await again.stream?.cancel();
  });

  it('sends a ping comment at the configured interval', async () => {
    const { app } = setupAdmin({ pingMs: 20 });
    const { stream } = await open(app, QA);
    expect(await stream?.until((t) => t.includes(': ping\n\n'), 1000)).toContain(': ping\n\n');
    await stream?.cancel();
  });

  it('sends flushfeatures on an override change and flushcache on (re)registration', async () => {
    const { app, control, engine, advance } = setupAdmin();
    await post(app, '/iserver/features', { args: { deviceId: QA, visitId: 'v1' }, requests: {} });
    const { stream } = await open(app, QA);
    await stream?.until((t) => t.includes('hello'));
    advance(1000);
    const put = await admin(app, 'PUT', `/iserver/admin/qa/devices/${QA}/overrides/SiteBanner`, {
      message: 'QA banner',
    });
    expect(put.status).toBe(200);
    expect(await stream?.until((t) => t.includes('flushfeatures'))).toContain(
      'event: flushfeatures\ndata: SiteBanner\n\n',
    );
    expect(engine.findSession({ deviceId: QA })?.lastFlushTime).toBe(T0 + 1000);
    advance(1000);
    await admin(app, 'PUT', '/iserver/admin/qa/devices/new-device', { registered: true });
    const other = await open(app, 'new-device');
    await other.stream?.until((t) => t.includes('hello'));
    expect(await other.stream?.until(() => false, 50)).toBe(hello(T0 + 2000));
    expect((await admin(app, 'DELETE', '/iserver/admin/qa/devices/new-device')).json).toMatchObject(
      { flush: 'cache' },
    );
    expect(await other.stream?.until((t) => t.includes('flushcache'))).toContain(
      `event: flushcache\ndata: ${T0 + 2000}\n\n`,
    );
    await other.stream?.cancel();
    await stream?.cancel();
    expect(control.hub.count()).toBe(0);
  });
});

describe('sse over HTTP', () => {
  it('streams hello, a flush after a config file edit, and ends on shutdown', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'iserver-sse-'));
    const config = join(dir, 'shop.config.yaml');
    await writeFile(config, await readFile(SHOP.config, 'utf8'));
    const logger = silentLogger();
    const server = await startServer(
      resolveServerOptions({
        fdl: [SHOP.fdl],
        config,
        port: '0',
        host: '127.0.0.1',
        'data-dir': dir,
        token: 'secret',
      }),
      { logger, handleSignals: false, ssePingMs: 50, watchConfig: { debounceMs: 20, pollMs: 100 } },
    );
    const abort = new AbortController();
    try {
      const res = await fetch(`${server.url}sse?id=${QA}`, { signal: abort.signal });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
      const stream = sseReader(res.body as ReadableStream<Uint8Array>);
      expect(await stream.until((t) => t.includes('event: hello'))).toContain(
        'retry: 5000\n\nevent: hello\ndata: 0\n\n',
      );
      expect(await stream.until((t) => t.includes(': ping'))).toContain(': ping\n\n');
      const text = await readFile(config, 'utf8');
      await writeFile(config, text.replace('QA: rating prompt', 'QA: edited prompt'));
      expect(await stream.until((t) => t.includes('flushfeatures'), 3000)).toContain(
        'event: flushfeatures\ndata: RatingBox\n\n',
      );
      expect(logger.lines.some((l) => l.msg === 'configuration reloaded')).toBe(true);
      const closing = server.close();
      await stream.until(() => stream.done, 3000);
      expect(stream.done).toBe(true);
      expect((await closing).clean).toBe(true);
    } finally {
      abort.abort();
      await server.close();
    }
  });
});
