/** `POST signal` and `POST external` (protocol.md §5, §6). */
import { describe, expect, it } from 'vitest';

import type { App } from './helpers.js';
import { at, EXT, post, setup, silentLogger, str } from './helpers.js';

const ID = { deviceId: 'dev-1', visitId: 'v1' };

async function open(app: App, impressionId?: string) {
  const r = await post(app, '/iserver/features', {
    args: ID,
    ...(impressionId ? { impressionId } : {}),
    requests: { RatingBox: { sku: 'A' }, SiteBanner: {} },
  });
  expect(r.status).toBe(200);
  return r;
}

describe('signal kinds', () => {
  it('records a feature event on the record shown under the impression id', async () => {
    const { app, engine } = setup();
    await open(app, 'imp-1');
    const r = await post(app, '/iserver/signal', {
      id: ID,
      feature: 'RatingBox',
      event: 'Rating',
      impressionId: 'imp-1',
      args: { stars: 5, comment: null },
    });
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ ok: true, eventId: expect.any(String) as unknown });
    const record = engine.findSession(ID)?.records.find((x) => x.feature === 'RatingBox');
    expect(record?.events.map((e) => [e.name, e.fields])).toEqual([
      ['Rating', { stars: 5, comment: null }],
    ]);
  });

  it('records a session event (no feature) with defaults applied', async () => {
    const { app, engine } = setup();
    await open(app, 'imp-1');
    const r = await post(app, '/iserver/signal', {
      id: ID,
      event: 'AddToCart',
      args: { sku: 'p1', quantity: null },
    });
    expect(r.status).toBe(200);
    expect(engine.findSession(ID)?.events[0]?.fields).toEqual({
      sku: 'p1',
      quantity: 1,
      price: null,
    });
  });

  it('turns a cached impression into a real one with a beacon and activates its variants', async () => {
    const { app, engine } = setup();
    const fill = await open(app);
    const old = str(fill.json, 'RatingBox', '_impressionId');
    expect(at(fill.json, '_variants')).toEqual([]);
    const r = await post(app, '/iserver/signal', {
      id: ID,
      impressions: {
        RatingBox: { impression: old, newImpression: 'imp-2' },
        NewCheckout: { newImpression: 'imp-2' },
      },
    });
    expect(r.status).toBe(200);
    const session = engine.findSession(ID);
    expect(
      session?.records.find((x) => x.feature === 'RatingBox')?.impressions.map((i) => i.id),
    ).toEqual(['imp-2']);
    expect([...(session?.exposures.keys() ?? [])]).toEqual(['rating-cta']);
    const ev = await post(app, '/iserver/signal', {
      id: ID,
      feature: 'RatingBox',
      event: 'Rating',
      impressionId: 'imp-2',
      args: { stars: 1 },
    });
    expect(ev.status).toBe(200);
  });

  it('applies a mutation (Java/Ruby) and echoes it on the next answer', async () => {
    const { app } = setup();
    await open(app, 'imp-1');
    expect(
      (await post(app, '/iserver/signal', { id: ID, mutate: 'userId', value: 'user-42' })).status,
    ).toBe(200);
    const r = await post(app, '/iserver/features', { args: ID, requests: {} });
    expect(r.json).toMatchObject({ session: { userId: 'user-42' } });
  });

  it('accepts keep-alives in all three shapes, and from headers alone', async () => {
    const { app, engine, advance } = setup();
    await open(app, 'imp-1');
    const bodies = [
      { id: { ...ID, channel: 'web', locale: 'de-DE' } }, // TypeScript: every arg in id
      { id: ID }, // Java: the keys
      { deviceId: 'dev-1' }, // Swift: the keys, no wrapper
    ];
    for (const body of bodies) {
      advance(1000);
      expect((await post(app, '/iserver/signal', body)).status).toBe(200);
    }
    advance(1000);
    expect(
      (
        await post(
          app,
          '/iserver/signal',
          {},
          { 'X-Causal-deviceId': 'dev-1', 'X-Causal-visitId': 'null' },
        )
      ).status,
    ).toBe(200);
    const session = engine.findSession(ID);
    expect((session?.lastActivity ?? 0) - (session?.startTime ?? 0)).toBe(4000);
  });

  it('matches a session by the keys present (a backend knowing only the device id)', async () => {
    const { app } = setup();
    await open(app, 'imp-1');
    const r = await post(app, '/iserver/signal', {
      id: { deviceId: 'dev-1' },
      feature: 'SiteBanner',
      event: 'BannerClick',
      impressionId: 'imp-1',
    });
    expect(r.status).toBe(200);
  });

  it('answers 410 for a session that is gone and 404 for unknown names', async () => {
    const { app } = setup();
    expect((await post(app, '/iserver/signal', { id: { deviceId: 'nobody' } })).status).toBe(410);
    await open(app, 'imp-1');
    const missing = await post(app, '/iserver/signal', {
      id: ID,
      feature: 'RatingBox',
      event: 'Rating',
      impressionId: 'imp-x',
      args: { stars: 1 },
    });
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ error: { code: 'IMPRESSION_UNKNOWN' } });
  });

  it('logs a 404 as a warning unless options.ignore_missing_imp is set', async () => {
    const logger = silentLogger();
    const { app } = setup({ logger });
    await open(app, 'imp-1');
    const body = {
      id: ID,
      feature: 'RatingBox',
      event: 'Rating',
      impressionId: 'gone',
      args: { stars: 1 },
    };
    expect(
      (await post(app, '/iserver/signal', { options: { ignore_missing_imp: true }, ...body }))
        .status,
    ).toBe(404);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(0);
    expect((await post(app, '/iserver/signal', body)).status).toBe(404);
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
  });
});

describe('abstract, offline and external', () => {
  it('records an abstract event under the importing feature event, or the session event', async () => {
    const { app, engine } = setup({ files: EXT });
    const id = { deviceId: 'd1' };
    await post(app, '/iserver/features', {
      args: id,
      impressionId: 'imp-1',
      requests: { Ext: { inputValue: 1 } },
    });
    const withImpression = await post(app, '/iserver/signal', {
      id,
      abstractEvent: 'ProductClick',
      impressionId: 'imp-1',
      args: { productId: 'sku-1', position: 3 },
    });
    const without = await post(app, '/iserver/signal', {
      id,
      abstractEvent: 'ProductClick',
      args: { productId: 'sku-2' },
    });
    expect([withImpression.status, without.status]).toEqual([200, 200]);
    const session = engine.findSession(id);
    expect(session?.records[0]?.events.map((e) => e.name)).toEqual(['Click']);
    expect(session?.events.map((e) => e.name)).toEqual(['Browse']);
  });

  it('sends an offline event (no id, no headers) to the sink as its own row', async () => {
    const { app, sink } = setup({ files: EXT });
    const r = await post(app, '/iserver/signal', {
      offlineEvent: 'Purchase',
      args: { userId: 'user-42', amount: 19.99, note: null },
    });
    expect(r.status).toBe(200);
    expect(sink.offline).toEqual([
      {
        table: 'purchase',
        event: 'Purchase',
        eventTime: expect.any(Number) as unknown,
        row: {
          event_time: expect.any(Number) as unknown,
          event_id: str(r.json, 'eventId'),
          user_id: 'user-42',
          amount: 19.99,
          note: null,
        },
      },
    ]);
  });

  it('stores an external value on the record owning the impression (§6)', async () => {
    const { app, engine, sink } = setup({ files: EXT });
    const id = { deviceId: 'd1' };
    await post(app, '/iserver/features', {
      args: id,
      impressionId: 'imp-j1',
      reqs: [{ name: 'Ext', args: { inputValue: 3 } }],
    });
    const r = await post(app, '/iserver/external', {
      id,
      feature: 'Ext',
      impressionId: 'imp-j1',
      extOut: 'a thousand',
    });
    expect(r.status).toBe(200);
    engine.closeAll('flush');
    expect(sink.sessions[0]?.features[0]?.row).toMatchObject({
      ext_out: 'a thousand',
      input_value: 3,
    });
  });
});
