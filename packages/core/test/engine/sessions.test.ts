/** Sessions, signals and closed-session records (config.md §5, protocol.md §3–§5, warehouse.md §2). */
import { describe, expect, it } from 'vitest';

import type { FeatureResult } from '../../src/engine/engine-types.js';
import { ErrorCode } from '../../src/errors.js';
import { arm, findKey, setup, T0 } from './fixture.js';

type On = Extract<FeatureResult, { status: 'on' }>;
const on = (r: FeatureResult | undefined): On => {
  if (r?.status !== 'on') throw new Error(JSON.stringify(r));
  return r;
};
const MINUTE = 60_000;

function expectCode(fn: () => unknown, code: string) {
  expect(fn).toThrow(expect.objectContaining({ code }) as Error);
}

describe('session identity', () => {
  it('requires the persistent key on /features', async () => {
    const { engine } = setup();
    await expect(engine.evaluate({ args: { visitId: 'v1' }, features: [] })).rejects.toMatchObject({
      code: ErrorCode.SESSION_KEYS_INVALID,
    });
    await expect(
      engine.evaluate({ args: { deviceId: 'd', channel: 3 }, features: [] }),
    ).rejects.toMatchObject({ code: ErrorCode.ARGS_INVALID });
  });

  it('matches by the keys present on both sides, so a signal may carry only one key', async () => {
    const { engine } = setup();
    const { session } = await engine.evaluate({
      args: { deviceId: 'd1', visitId: 'v1' },
      features: [],
    });
    expect(engine.findSession({ visitId: 'v1' })).toBe(session);
    expect(engine.findSession({ deviceId: 'd1' })).toBe(session);
    expect(engine.findSession({ deviceId: 'd1', visitId: 'v2' })).toBeUndefined();
    expect(
      engine.signal({ kind: 'keep-alive', keys: { visitId: 'v1', channel: 'ignored' } }).session,
    ).toBe(session);
  });

  it('a new @session_key value closes the open session and starts a new one', async () => {
    const { engine, closed } = setup();
    const first = await engine.evaluate({ args: { deviceId: 'd1', visitId: 'v1' }, features: [] });
    const second = await engine.evaluate({ args: { deviceId: 'd1', visitId: 'v2' }, features: [] });
    expect(second.created).toBe(true);
    expect(second.session.id).not.toBe(first.session.id);
    expect(second.replaced?.sessionId).toBe(first.session.id);
    expect(closed.map((c) => [c.sessionId, c.reason])).toEqual([[first.session.id, 'replaced']]);
    expect(engine.sessionCount).toBe(1);
  });

  it('applies session arg defaults and keeps the implicit args out of them', async () => {
    const { engine } = setup();
    const { session } = await engine.evaluate({
      args: { deviceId: 'd1', userAgent: 'UA/1', entryUrl: '/x?y', clientType: 'typescript' },
      userAgent: 'header',
      features: [],
    });
    expect(session.args).toEqual({ deviceId: 'd1', visitId: null, userId: null, channel: 'web' });
    expect([session.userAgent, session.entryUrl, session.clientType]).toEqual([
      'UA/1',
      '/x?y',
      'typescript',
    ]);
    const other = await engine.evaluate({
      args: { deviceId: 'd2' },
      userAgent: 'header',
      features: [],
    });
    expect([other.session.userAgent, other.session.entryUrl]).toEqual(['header', null]);
  });
});

describe('mutable args', () => {
  it('records changes sent as args on /features and through mutate, ignoring repeats', async () => {
    const { engine, clock } = setup();
    await engine.evaluate({ args: { deviceId: 'd1' }, features: [] });
    clock.t += MINUTE;
    await engine.evaluate({ args: { deviceId: 'd1', userId: 'u1' }, features: [] });
    clock.t += MINUTE;
    await engine.evaluate({ args: { deviceId: 'd1', userId: 'u1' }, features: [] });
    engine.signal({ kind: 'mutate', keys: { deviceId: 'd1' }, field: 'userId', value: 'u2' });
    const session = engine.findSession({ deviceId: 'd1' });
    expect(session?.args.userId).toBe('u2');
    expect(session?.histories.userId).toEqual([
      { startTime: T0, endTime: T0 + MINUTE, value: null },
      { startTime: T0 + MINUTE, endTime: T0 + 2 * MINUTE, value: 'u1' },
      { startTime: T0 + 2 * MINUTE, endTime: null, value: 'u2' },
    ]);
  });

  it('rejects mutations of unknown, non-mutable or mistyped fields', async () => {
    const { engine } = setup();
    await engine.evaluate({ args: { deviceId: 'd1' }, features: [] });
    const keys = { deviceId: 'd1' };
    expectCode(
      () => engine.signal({ kind: 'mutate', keys, field: 'nope', value: 1 }),
      ErrorCode.FEATURE_UNKNOWN,
    );
    expectCode(
      () => engine.signal({ kind: 'mutate', keys, field: 'channel', value: 'x' }),
      ErrorCode.ARGS_INVALID,
    );
    expectCode(
      () => engine.signal({ kind: 'mutate', keys, field: 'userId', value: 5 }),
      ErrorCode.ARGS_INVALID,
    );
  });

  it('a mutated @split_key moves later assignments, not earlier ones', async () => {
    const { engine } = setup();
    const device = findKey((k) => arm('early', k) === 0);
    const user = findKey((k) => arm('early', k) === 1);
    const first = await engine.evaluate({
      args: { deviceId: device },
      impressionId: 'i1',
      features: [{ name: 'Banner', args: { page: 'a' } }],
    });
    expect(on(first.results[0]).outputs.color).toBe('blue');
    await engine.evaluate({ args: { deviceId: device, userId: user }, features: [] });
    const second = await engine.evaluate({
      args: { deviceId: device },
      impressionId: 'i2',
      features: [{ name: 'Banner', args: { page: 'b' } }],
    });
    expect(on(second.results[0]).outputs.color).toBe('blue'); // the assignment in `early` is kept for the session
  });
});

describe('impressions, cache fills and beacons', () => {
  it('a cache fill gets a server id and counts no impression until its beacon', async () => {
    const { engine } = setup();
    const key = findKey((k) => arm('early', k) === 1);
    const fill = await engine.evaluate({
      args: { deviceId: key },
      features: [{ name: 'Banner', args: { page: 'p' } }],
    });
    const filled = on(fill.results[0]);
    expect(filled.impressionId).toMatch(/^id-/);
    expect(filled.record.impressions).toEqual([]);
    expect(fill.session.exposures.size).toBe(0);
    engine.signal({
      kind: 'beacon',
      keys: { deviceId: key },
      impressions: {
        Banner: { impression: filled.impressionId, newImpression: 'shown-1' },
        Gated: { newImpression: 'shown-1' },
      },
    });
    expect(filled.record.impressions.map((i) => i.id)).toEqual(['shown-1']);
    expect([...fill.session.exposures.keys()].sort()).toEqual(['early', 'late']);
    expectCode(
      () =>
        engine.signal({
          kind: 'beacon',
          keys: { deviceId: key },
          impressions: { Banner: { impression: 'never-issued', newImpression: 'x' } },
        }),
      ErrorCode.IMPRESSION_UNKNOWN,
    );
  });

  it('exposes experiments only on real impressions, control arm included', async () => {
    const { engine } = setup();
    const key = findKey((k) => arm('early', k) === 0 && arm('late', k) === 0);
    const { session } = await engine.evaluate({
      args: { deviceId: key },
      impressionId: 'i1',
      features: [{ name: 'Banner', args: { page: 'p' } }],
    });
    expect(
      [...session.exposures.values()]
        .map((v) => `${v.experimentId}:${v.variantId}:${v.control}`)
        .sort(),
    ).toEqual(['early:control:true', 'late:control:true']);
  });
});

describe('events', () => {
  it('records feature events on the record that owns the impression, with defaults', async () => {
    const { engine, clock } = setup();
    const { results } = await engine.evaluate({
      args: { deviceId: 'd1' },
      impressionId: 'imp-1',
      features: [{ name: 'Banner', args: { page: 'p' } }, { name: 'Always' }],
    });
    clock.t += 5000;
    const { eventId } = engine.signal({
      kind: 'feature-event',
      keys: { deviceId: 'd1' },
      feature: 'Banner',
      event: 'Dismiss',
      impressionId: 'imp-1',
      args: { reason: null },
    });
    expect(on(results[0]).record.events).toEqual([
      {
        name: 'Dismiss',
        eventTime: T0 + 5000,
        eventId,
        impressionId: 'imp-1',
        fields: { reason: 'closed' },
      },
    ]);
    const keys = { deviceId: 'd1' };
    expectCode(
      () =>
        engine.signal({
          kind: 'feature-event',
          keys,
          feature: 'Banner',
          event: 'Dismiss',
          impressionId: 'other',
        }),
      ErrorCode.IMPRESSION_UNKNOWN,
    );
    expectCode(
      () =>
        engine.signal({
          kind: 'feature-event',
          keys,
          feature: 'Banner',
          event: 'Nope',
          impressionId: 'imp-1',
        }),
      ErrorCode.EVENT_UNKNOWN,
    );
    expectCode(
      () =>
        engine.signal({
          kind: 'feature-event',
          keys,
          feature: 'Nope',
          event: 'Dismiss',
          impressionId: 'imp-1',
        }),
      ErrorCode.FEATURE_UNKNOWN,
    );
    expectCode(
      () =>
        engine.signal({
          kind: 'feature-event',
          keys,
          feature: 'Banner',
          event: 'Click',
          impressionId: 'imp-1',
          args: { x: 'a' },
        }),
      ErrorCode.ARGS_INVALID,
    );
  });

  it('records session events and abstract events (by impression, else on the session)', async () => {
    const { engine } = setup();
    const { results, session } = await engine.evaluate({
      args: { deviceId: 'd1' },
      impressionId: 'imp-1',
      features: [{ name: 'Banner', args: { page: 'p' } }],
    });
    engine.signal({
      kind: 'session-event',
      keys: { deviceId: 'd1' },
      event: 'AddToCart',
      args: { sku: 's' },
    });
    engine.signal({
      kind: 'abstract-event',
      keys: { deviceId: 'd1' },
      event: 'Click',
      impressionId: 'imp-1',
      args: { x: 3 },
    });
    engine.signal({
      kind: 'abstract-event',
      keys: { deviceId: 'd1' },
      event: 'Click',
      args: { x: 4 },
    });
    expect(session.events.map((e) => [e.name, e.impressionId, e.fields])).toEqual([
      ['AddToCart', session.id, { sku: 's', quantity: 1 }],
      ['Click', session.id, { x: 4 }],
    ]);
    expect(session.eventCounts.get('AddToCart')).toBe(1);
    expect(on(results[0]).record.events.map((e) => [e.name, e.fields])).toEqual([
      ['Click', { x: 3 }],
    ]);
  });

  it('answers 410-style for a signal to no open session', () => {
    const { engine } = setup();
    expectCode(
      () => engine.signal({ kind: 'keep-alive', keys: { deviceId: 'ghost' } }),
      ErrorCode.SESSION_UNKNOWN,
    );
    expectCode(
      () => engine.signal({ kind: 'keep-alive', keys: {} }),
      ErrorCode.SESSION_KEYS_INVALID,
    );
  });

  it('validates offline events without a session', () => {
    const { engine } = setup();
    expectCode(() => engine.offlineEvent('Nope', {}), ErrorCode.EVENT_UNKNOWN);
  });
});

describe('lifetime', () => {
  it('closes sessions idle past the timeout; any signal counts as activity', async () => {
    const { engine, clock, closed } = setup();
    await engine.evaluate({ args: { deviceId: 'a' }, features: [] });
    await engine.evaluate({ args: { deviceId: 'b' }, features: [] });
    clock.t += 20 * MINUTE;
    engine.signal({ kind: 'keep-alive', keys: { deviceId: 'b' } });
    clock.t += 11 * MINUTE;
    expect(engine.expireIdle().map((c) => c.persistentKey)).toEqual(['a']);
    expect(closed.map((c) => c.reason)).toEqual(['idle']);
    expect(engine.sessionCount).toBe(1);
    expectCode(
      () => engine.signal({ kind: 'keep-alive', keys: { deviceId: 'a' } }),
      ErrorCode.SESSION_UNKNOWN,
    );
  });

  it('evicts the least recently active session past the bound, writing it out', async () => {
    const { engine, clock, closed } = setup({ maxSessions: 2 });
    for (const key of ['a', 'b']) {
      await engine.evaluate({ args: { deviceId: key }, features: [] });
      clock.t += 1000;
    }
    engine.signal({ kind: 'keep-alive', keys: { deviceId: 'a' } });
    await engine.evaluate({ args: { deviceId: 'c' }, features: [] });
    expect(closed.map((c) => [c.persistentKey, c.reason])).toEqual([['b', 'evicted']]);
    expect(
      engine
        .closeAll()
        .map((c) => c.persistentKey)
        .sort(),
    ).toEqual(['a', 'c']);
  });
});

describe('closed session records', () => {
  it('are shaped as the warehouse tables, field by field', async () => {
    const { engine, clock } = setup();
    const key = findKey((k) => arm('early', k) === 1 && arm('late', k) === 0);
    const { session, results } = await engine.evaluate({
      args: { deviceId: key, visitId: 'v1', userAgent: 'UA' },
      impressionId: 'imp-1',
      features: [
        { name: 'Banner', args: { page: 'home', price: { amount: 2.5, currencyCode: 'EUR' } } },
      ],
    });
    const banner = on(results[0]);
    clock.t += 1000;
    engine.signal({
      kind: 'feature-event',
      keys: { visitId: 'v1' },
      feature: 'Banner',
      event: 'Dismiss',
      impressionId: 'imp-1',
    });
    engine.signal({
      kind: 'session-event',
      keys: { deviceId: key },
      event: 'AddToCart',
      args: { sku: 's1', quantity: 2 },
    });
    engine.signal({
      kind: 'external',
      keys: { deviceId: key },
      feature: 'Banner',
      impressionId: 'imp-1',
      values: { size: 'Big' },
    });
    expectCode(
      () =>
        engine.signal({
          kind: 'external',
          keys: { deviceId: key },
          feature: 'Banner',
          impressionId: 'imp-1',
          values: { text: 'x' },
        }),
      ErrorCode.FEATURE_UNKNOWN,
    );
    clock.t += 1000;
    engine.signal({ kind: 'mutate', keys: { deviceId: key }, field: 'userId', value: 'u9' });
    clock.t += 1000;
    const [closed] = engine.closeAll('flush');
    const dismiss = banner.record.events[0];
    const cart = session.events[0];
    expect(closed?.session).toEqual({
      device_id: key,
      visit_id: 'v1',
      session_id: session.id,
      start_time: T0,
      session_length: 2000, // to the last activity (the mutation), not to the close
      user_agent: 'UA',
      entry_url: null,
      variants: ['early:a', 'late:control'],
      audiences: [],
      user_id: 'u9',
      user_id_history: [
        { start_time: T0, end_time: T0 + 2000, value: null },
        { start_time: T0 + 2000, end_time: T0 + 2000, value: 'u9' },
      ],
      channel: 'web',
      country: 'US',
      add_to_cart: [
        {
          event_time: T0 + 1000,
          impression_id: session.id,
          event_id: cart?.eventId,
          sku: 's1',
          quantity: 2,
        },
      ],
      click: [],
    });
    expect(closed?.features).toEqual([
      {
        table: 'banner',
        feature: 'Banner',
        row: {
          session_id: session.id,
          device_id: key,
          impression_ids: ['imp-1'],
          impressions: [{ impression_id: 'imp-1', impression_time: T0 }],
          first_time: T0,
          impression_count: 1,
          page: 'home',
          slot: 1,
          price: { amount: 2.5, currency_code: 'EUR' },
          text: 'A',
          color: 'red',
          style: 'PLAIN',
          text_is_default: false,
          text_variant: 'a',
          text_variant_name: 'Variant A',
          size: 'Big',
          click: [],
          dismiss: [
            {
              event_time: T0 + 1000,
              impression_id: 'imp-1',
              event_id: dismiss?.eventId,
              reason: 'closed',
            },
          ],
        },
      },
    ]);
  });
});

describe('forget (QA change of a device)', () => {
  it('drops memoized records of the named features, keeps them for the warehouse', async () => {
    const { engine, closed } = setup();
    const features = [{ name: 'Banner', args: { page: 'p' } }, { name: 'Always' }];
    const first = await engine.evaluate({ args: { deviceId: 'd1' }, impressionId: 'i1', features });
    const banner = on(first.results[0]);
    expect(engine.forget('d1', ['Banner', 'Nope'])).toBe(1);
    expect(engine.forget('nobody', ['Banner'])).toBe(0);
    const second = await engine.evaluate({
      args: { deviceId: 'd1' },
      impressionId: 'i2',
      features,
    });
    expect(on(second.results[0]).cached).toBe(false);
    expect(on(second.results[0]).record).not.toBe(banner.record);
    expect(on(second.results[1]).cached).toBe(true);
    // Events on the impression shown before the flush still find the old record.
    engine.signal({ kind: 'keep-alive', keys: { deviceId: 'd1' } });
    expect(first.session.byImpression.get('i1')).toContain(banner.record);
    engine.closeAll();
    const bannerRows = closed[0]?.features.filter((f) => f.feature === 'Banner') ?? [];
    expect(bannerRows).toHaveLength(2);
  });
});
