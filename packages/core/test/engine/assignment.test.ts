/** The six phases of config.md §2, one rule per test. */
import { describe, expect, it } from 'vitest';

import type { FeatureResult } from '../../src/engine/engine-types.js';
import { arm, config, configWith, findKey, inShare, setup, T0 } from './fixture.js';

type On = Extract<FeatureResult, { status: 'on' }>;

function on(result: FeatureResult | undefined): On {
  if (result?.status !== 'on')
    throw new Error(`expected an 'on' result, got ${JSON.stringify(result)}`);
  return result;
}

async function banner(
  engine: ReturnType<typeof setup>['engine'],
  deviceId: string,
  args: Record<string, unknown> = { page: 'home' },
) {
  const { results } = await engine.evaluate({
    args: { deviceId },
    impressionId: `imp-${deviceId}`,
    features: [{ name: 'Banner', args }],
  });
  return on(results[0]);
}

describe('phase 1: validation and memoization', () => {
  it('applies FDL defaults to missing optional args', async () => {
    const { engine } = setup();
    const result = await banner(engine, 'd1');
    expect(result.record.args).toEqual({ page: 'home', slot: 1, price: null });
  });

  it('rejects a feature with a missing or mistyped required arg, and answers the others', async () => {
    const { engine } = setup();
    const { results } = await engine.evaluate({
      args: { deviceId: 'd1' },
      impressionId: 'i1',
      features: [
        { name: 'Banner', args: {} },
        { name: 'Banner', args: { page: 3 } },
        { name: 'Always' },
      ],
    });
    expect(results[0]).toMatchObject({
      status: 'error',
      message: expect.stringContaining("arg 'page' (String!) is required") as unknown,
    });
    expect(results[0]).toMatchObject({ outputs: { text: 'Hello', color: 'blue' } });
    expect(results[1]).toMatchObject({
      status: 'error',
      message: expect.stringContaining('expected a string') as unknown,
    });
    expect(on(results[2]).outputs).toEqual({ v: 1 });
  });

  it('answers unknown features as unknown', async () => {
    const { engine } = setup();
    const { results } = await engine.evaluate({
      args: { deviceId: 'd1' },
      features: [{ name: 'Nope' }],
    });
    expect(results[0]).toEqual({ status: 'unknown', name: 'Nope' });
  });

  it('memoizes by feature and canonical args: a repeat only adds an impression', async () => {
    const { engine } = setup();
    const first = await banner(engine, 'd1', {
      page: 'home',
      price: { amount: 1.5, currencyCode: 'EUR' },
    });
    const { results } = await engine.evaluate({
      args: { deviceId: 'd1' },
      impressionId: 'imp-2',
      features: [
        {
          name: 'Banner',
          args: { price: { currencyCode: 'EUR', amount: 1.5 }, page: 'home', slot: 1 },
        },
      ],
    });
    const second = on(results[0]);
    expect(second.cached).toBe(true);
    expect(second.record).toBe(first.record);
    expect(second.record.impressions.map((i) => i.id)).toEqual(['imp-d1', 'imp-2']);
    await banner(engine, 'd1', { page: 'home', price: { amount: 1.5, currencyCode: 'EUR' } });
    expect(second.record.impressions).toHaveLength(2); // the same impression id is not counted twice
  });

  it('returns identical outputs on a memo hit after a configuration swap', async () => {
    const { engine } = setup();
    const key = findKey((k) => arm('early', k) === 1 && arm('late', k) === 0);
    const before = await banner(engine, key);
    engine.setConfig(
      configWith((text) => text.replace("text: 'A', color: 'red'", "text: 'A2', color: 'green'")),
    );
    const after = await banner(engine, key);
    expect(after.outputs).toEqual(before.outputs);
    expect(after.outputs.text).toBe('A');
    const fresh = await banner(engine, key, { page: 'other' });
    expect(fresh.outputs.text).toBe('A2');
  });
});

describe('phase 2: plugins', () => {
  it('runs the session plugin once per session and feature plugins per memo miss', async () => {
    const { engine, behaviour } = setup();
    await engine.evaluate({
      args: { deviceId: 'd1', channel: 'uk' },
      impressionId: 'i1',
      features: [{ name: 'Recs', args: { sku: 's1' } }],
    });
    const { results, session } = await engine.evaluate({
      args: { deviceId: 'd1' },
      impressionId: 'i2',
      features: [
        { name: 'Recs', args: { sku: 's1' } },
        { name: 'Recs', args: { sku: 's2' } },
      ],
    });
    expect(behaviour.calls.map((c) => c.plugin.name)).toEqual(['geo', 'recs', 'recs']);
    expect(session.plugin).toEqual({ country: 'GB' });
    expect(on(results[1]).outputs).toEqual({ items: ['s2-1', 's2-2'], title: 'More' });
  });

  it('a throwing or slow plugin leaves its outputs at their defaults, counted, never an error', async () => {
    for (const mode of ['throw', 'slow'] as const) {
      const { engine, behaviour, failures } = setup();
      behaviour.mode = mode;
      const { results, session } = await engine.evaluate({
        args: { deviceId: 'd1' },
        impressionId: 'i1',
        features: [{ name: 'Recs', args: { sku: 's1' } }],
      });
      expect(on(results[0]).outputs.items).toEqual([]);
      expect(session.plugin).toEqual({ country: 'US' });
      expect(failures.map((f) => f.kind)).toEqual(
        mode === 'throw' ? ['error', 'error'] : ['timeout', 'timeout'],
      );
    }
  });

  it('a plugin returning a mistyped value makes a per-feature error (contract violation)', async () => {
    const { engine, behaviour } = setup();
    behaviour.mode = 'bad';
    const { results } = await engine.evaluate({
      args: { deviceId: 'd1' },
      impressionId: 'i1',
      features: [{ name: 'Recs', args: { sku: 's1' } }],
    });
    expect(results[0]).toMatchObject({
      status: 'error',
      message: expect.stringContaining("'items'") as unknown,
      outputs: { items: [], title: 'More' },
    });
  });
});

describe('phase 3: QA overrides', () => {
  it('beat everything, and force variants', async () => {
    const { engine } = setup();
    const result = await banner(engine, 'qa-1');
    expect(result.outputs.text).toBe('QA text');
    expect(result.decisions.text).toEqual({ source: 'qa' });
    expect(result.outputs.style).toBe('FANCY'); // forced variant b of `late`
    expect(result.variants.find((v) => v.experimentId === 'late')?.variantId).toBe('b');
  });

  it('keep a gated-off feature on for the device', async () => {
    const { engine } = setup({
      config: configWith((t) =>
        t.replace("Banner: { text: 'QA text' }", 'Gated: { enabled: false }'),
      ),
    });
    const { results } = await engine.evaluate({
      args: { deviceId: 'qa-1' },
      impressionId: 'i',
      features: [{ name: 'Gated' }],
    });
    expect(on(results[0]).outputs).toEqual({ enabled: false });
  });
});

describe('phase 4: gates and audiences', () => {
  it('answers OFF for a gated-off feature; @no_gate features are always on', async () => {
    const { engine } = setup();
    const { results } = await engine.evaluate({
      args: { deviceId: 'd1' },
      impressionId: 'i',
      features: [{ name: 'Gated' }, { name: 'Always' }],
    });
    expect(results[0]).toEqual({ status: 'off', name: 'Gated' });
    expect(results[1]?.status).toBe('on');
  });

  it('limits a feature to its audience (plugin-based)', async () => {
    const { engine } = setup();
    const us = await engine.evaluate({
      args: { deviceId: 'd1', channel: 'web' },
      impressionId: 'i',
      features: [{ name: 'Limited' }],
    });
    const uk = await engine.evaluate({
      args: { deviceId: 'd2', channel: 'uk' },
      impressionId: 'i',
      features: [{ name: 'Limited' }],
    });
    expect(us.results[0]?.status).toBe('off');
    expect(uk.results[0]?.status).toBe('on');
    expect([...uk.session.audiences]).toContain('gb');
  });

  it('keeps audience membership for the rest of the session', async () => {
    const { engine } = setup();
    await engine.evaluate({
      args: { deviceId: 'd1', userId: 'u1' },
      impressionId: 'i1',
      features: [{ name: 'Members' }],
    });
    engine.signal({ kind: 'mutate', keys: { deviceId: 'd1' }, field: 'userId', value: null });
    const { results, session } = await engine.evaluate({
      args: { deviceId: 'd1' },
      impressionId: 'i2',
      features: [{ name: 'Members' }],
    });
    expect(session.args.userId).toBeNull();
    expect(results[0]?.status).toBe('on');
    expect([...session.audiences]).toContain('signedIn');
  });
});

describe('phase 5: experiments', () => {
  it('visits experiments in launch order: the first launched wins a shared output', async () => {
    const { engine } = setup();
    const key = findKey((k) => arm('early', k) === 1 && arm('late', k) === 1);
    const result = await banner(engine, key);
    expect(result.outputs).toMatchObject({ text: 'A', color: 'red', style: 'FANCY' });
    expect(result.decisions.text).toMatchObject({
      source: 'experiment',
      experimentId: 'early',
      variantId: 'a',
    });
    expect(result.variants.map((v) => `${v.experimentId}:${v.variantId}`)).toEqual([
      'early:a',
      'late:b',
    ]);
  });

  it('the control arm sets nothing, so a later experiment may set the output', async () => {
    const { engine } = setup();
    const key = findKey((k) => arm('early', k) === 0 && arm('late', k) === 1);
    const result = await banner(engine, key);
    expect(result.outputs).toMatchObject({
      text: 'B',
      color: 'blue',
      style: 'FANCY',
      textVariant: 'b',
      textVariantName: 'Variant B',
      textIsDefault: false,
    });
  });

  it('fills @is_default, @variant_id and @variant_name from how the output was decided', async () => {
    const { engine } = setup();
    const key = findKey((k) => arm('early', k) === 0 && arm('late', k) === 0);
    const result = await banner(engine, key);
    expect(result.outputs).toMatchObject({
      text: 'Hello',
      textIsDefault: true,
      textVariant: 'control',
      textVariantName: 'control',
    });
    const a = await banner(
      engine,
      findKey((k) => arm('early', k) === 1),
    );
    expect(a.outputs).toMatchObject({
      textIsDefault: false,
      textVariant: 'a',
      textVariantName: 'Variant A',
    });
  });

  it('keeps an assignment for the whole session, even after the configuration changes', async () => {
    const { engine } = setup();
    const key = findKey((k) => arm('early', k) === 1);
    await banner(engine, key);
    engine.setConfig(
      configWith((t) =>
        t.replace(
          '- { id: control, weight: 1 }\n      - id: a',
          '- { id: control, weight: 1000 }\n      - id: a',
        ),
      ),
    );
    const again = await banner(engine, key, { page: 'elsewhere' });
    expect(again.outputs.text).toBe('A');
  });

  it('re-checks eligibility while undecided; outside the traffic share is final', async () => {
    const { engine } = setup();
    const key = findKey(
      (k) => inShare('checkout-carters', k, 50) && arm('checkout-carters', k) === 1,
    );
    const checkout = async (step: number) => {
      const { results } = await engine.evaluate({
        args: { deviceId: key },
        impressionId: `i${step}`,
        features: [{ name: 'Checkout', args: { step } }],
      });
      return on(results[0]);
    };
    expect((await checkout(1)).outputs.steps).toBe(4); // not a carter yet: config control value
    engine.signal({
      kind: 'session-event',
      keys: { deviceId: key },
      event: 'AddToCart',
      args: { sku: 'x' },
    });
    expect((await checkout(2)).outputs.steps).toBe(1); // now eligible and in variant `fast`
    const outKey = findKey((k) => !inShare('checkout-carters', k, 50));
    const { engine: other } = setup();
    await other.evaluate({ args: { deviceId: outKey }, features: [] });
    other.signal({
      kind: 'session-event',
      keys: { deviceId: outKey },
      event: 'AddToCart',
      args: { sku: 'x' },
    });
    const { results, session } = await other.evaluate({
      args: { deviceId: outKey },
      impressionId: 'i',
      features: [{ name: 'Checkout' }],
    });
    expect(on(results[0]).outputs.steps).toBe(4);
    expect(session.assignments.get('checkout-carters')).toEqual({ kind: 'out' });
  });

  it('raising traffic never moves an assigned key to another variant', async () => {
    const keys = Array.from({ length: 400 }, (_, i) => `k${i}`);
    const variantAt = async (traffic: number) => {
      const { engine } = setup({
        config: configWith((t) => t.replace('traffic: 50', `traffic: ${traffic}`)),
      });
      const out = new Map<string, number>();
      for (const key of keys) {
        await engine.evaluate({ args: { deviceId: key }, features: [] });
        engine.signal({
          kind: 'session-event',
          keys: { deviceId: key },
          event: 'AddToCart',
          args: { sku: 'x' },
        });
        const { results } = await engine.evaluate({
          args: { deviceId: key },
          impressionId: 'i',
          features: [{ name: 'Checkout' }],
        });
        const steps = on(results[0]).outputs.steps;
        const assigned = engine.findSession({ deviceId: key })?.assignments.get('checkout-carters');
        if (assigned?.kind === 'variant') out.set(key, assigned.index);
        expect(steps === 1).toBe(assigned?.kind === 'variant' && assigned.index === 1);
      }
      return out;
    };
    const low = await variantAt(20);
    const high = await variantAt(80);
    expect(low.size).toBeGreaterThan(40);
    expect(high.size).toBeGreaterThan(low.size);
    for (const [key, index] of low) expect(high.get(key)).toBe(index);
  });
});

describe('phase 6: rollouts', () => {
  it('applies only to sessions with no experiment arm on the feature (the control arm blocks it)', async () => {
    const end = Date.parse('2026-03-11T00:00:00Z'); // the ramp is at 100 %
    const controlKey = findKey(
      (k) => inShare('checkout-carters', k, 50) && arm('checkout-carters', k) === 0,
    );
    const { engine, clock } = setup();
    clock.t = end;
    await engine.evaluate({ args: { deviceId: controlKey }, features: [] });
    engine.signal({
      kind: 'session-event',
      keys: { deviceId: controlKey },
      event: 'AddToCart',
      args: { sku: 'x' },
    });
    const inControl = await engine.evaluate({
      args: { deviceId: controlKey },
      impressionId: 'i',
      features: [{ name: 'Checkout' }],
    });
    expect(on(inControl.results[0]).outputs).toEqual({ express: false, steps: 4 });
    const notInExperiment = await engine.evaluate({
      args: { deviceId: 'someone-else' },
      impressionId: 'i',
      features: [{ name: 'Checkout' }],
    });
    expect(on(notInExperiment.results[0]).outputs).toEqual({ express: true, steps: 4 });
    expect(on(notInExperiment.results[0]).decisions.express).toEqual({
      source: 'rollout',
      rolloutId: 'express',
    });
  });

  it('a rising ramp only adds sessions', async () => {
    const keys = Array.from({ length: 300 }, (_, i) => `r${i}`);
    const inRolloutAt = async (time: number) => {
      const { engine, clock } = setup();
      clock.t = time;
      const inside = new Set<string>();
      for (const key of keys) {
        const { results } = await engine.evaluate({
          args: { deviceId: key },
          impressionId: 'i',
          features: [{ name: 'Checkout' }],
        });
        if (on(results[0]).outputs.express === true) inside.add(key);
      }
      return inside;
    };
    const early = await inRolloutAt(Date.parse('2026-03-03T00:00:00Z'));
    const later = await inRolloutAt(T0);
    expect(early.size).toBeGreaterThan(30);
    expect(later.size).toBeGreaterThan(early.size);
    for (const key of early) expect(later.has(key)).toBe(true);
    expect(await inRolloutAt(Date.parse('2026-02-01T00:00:00Z'))).toEqual(new Set());
  });
});

describe('control values', () => {
  it('uses the configuration control over the FDL default', async () => {
    const { engine } = setup();
    const { results } = await engine.evaluate({
      args: { deviceId: 'x' },
      impressionId: 'i',
      features: [{ name: 'Checkout' }],
    });
    expect(on(results[0]).outputs.steps).toBe(4);
    expect(config.features.get('Checkout')?.control.steps).toBe(4);
  });

  it('honours an explicit null control value over a non-null FDL default', async () => {
    const { engine } = setup({
      config: configWith((t) =>
        t.replace(
          'Members: { audience: signedIn }',
          'Members: { audience: signedIn, control: { badge: null } }',
        ),
      ),
    });
    const { results } = await engine.evaluate({
      args: { deviceId: 'x', userId: 'u' },
      impressionId: 'i',
      features: [{ name: 'Members' }],
    });
    expect(on(results[0]).outputs).toEqual({ perk: 'none', badge: null });
  });
});
