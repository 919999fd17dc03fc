import { describe, expect, it } from 'vitest';

import type { CompiledConfig } from '../config/compiled-config.js';
import { loadConfig } from '../config/load-config.js';
import { compileFdl } from '../fdl/compile-fdl.js';
import type { FdlSchema } from '../fdl/schema-model.js';
import {
  pickVariant,
  rampPercent,
  rolloutBucket,
  shareBuckets,
  trafficBucket,
  variantBucket,
} from '../hashing/bucket.js';
import { createEngine } from './engine.js';
import { explainAssignment } from './explain-assignment.js';

const FDL = `
session {
  args {
    deviceId: ID! @persistent_key
    userId: ID @split_key
    tier: String = "free"
  }
}
feature Widget {
  output {
    title: String! = "Hello"
    color: String! = "blue"
    size: Int! = 1
  }
}
feature Gated @off_by_default {
  output { shown: Boolean! = false }
}
feature ForVips {
  output { x: Int! = 0 }
}
`;

const CONFIG = `
version: 1
features:
  ForVips: { audience: vip }
audiences:
  vip:
    rule: { arg: tier, op: eq, value: gold }
experiments:
  - id: title-test
    state: running
    launchedAt: 2026-01-01T00:00:00Z
    traffic: 50
    variants:
      - { id: control, weight: 1 }
      - { id: shout, name: Shouting, weight: 1, values: { Widget: { title: "HELLO" } } }
  - id: color-test
    name: Color test
    state: running
    launchedAt: 2026-01-02T00:00:00Z
    audience: vip
    traffic: 50
    splitKey: deviceId
    variants:
      - { id: control, weight: 1 }
      - id: red
        weight: 1
        values: { Widget: { color: red }, ForVips: { x: 1 } }
rollouts:
  - id: big
    feature: Widget
    values: { size: 2 }
    from: 2026-02-01T00:00:00Z
    to: 2026-03-01T00:00:00Z
qa:
  devices:
    qa-1:
      overrides: { Gated: { shown: true } }
      variants: { color-test: red }
`;

const compiled = compileFdl([{ path: 'explain.fdl', text: FDL }]);
if (!compiled.schema) throw new Error(JSON.stringify(compiled.diagnostics));
const schema: FdlSchema = compiled.schema;

function configOf(text: string): CompiledConfig {
  const { config, issues } = loadConfig(text, { schema, format: 'yaml' });
  if (!config || issues.length) throw new Error(JSON.stringify(issues));
  return config;
}
const config = configOf(CONFIG);

/** Halfway through the `big` ramp. */
const MID = Date.parse('2026-02-15T00:00:00Z');
const BEFORE = Date.parse('2026-01-15T00:00:00Z');
const AFTER = Date.parse('2026-03-15T00:00:00Z');

async function explain(
  feature: string,
  args: Record<string, unknown>,
  now = MID,
  cfg: CompiledConfig = config,
) {
  const engine = createEngine({ schema, config: cfg, clock: { now: () => now } });
  const { session, results } = await engine.evaluate({
    args,
    impressionId: 'i1',
    features: [{ name: feature }],
  });
  const result = results[0];
  if (!result) throw new Error('no result');
  return {
    result,
    session,
    explanation: explainAssignment({ config: cfg, schema, session, feature, now }),
  };
}

function findKey(test: (key: string) => boolean): string {
  for (let i = 0; i < 100_000; i++) if (test(`d${i}`)) return `d${i}`;
  throw new Error('no key found');
}

const inTitle = (key: string) => trafficBucket('title-test', key) < 5000;
const titleArm = (key: string) => pickVariant(variantBucket('title-test', key), [5000, 10000]);
const inColor = (key: string) => trafficBucket('color-test', key) < 5000;
const RAMP = [Date.parse('2026-02-01T00:00:00Z'), Date.parse('2026-03-01T00:00:00Z')] as const;
const inBig = (key: string, now: number) =>
  rolloutBucket('big', key) < shareBuckets(rampPercent(now, ...RAMP));

describe('explainAssignment: experiments', () => {
  it('explains a hashed variant with the buckets that chose it', async () => {
    const key = findKey((k) => inTitle(k) && titleArm(k) === 1);
    const { explanation, result } = await explain('Widget', { deviceId: key });
    const title = explanation.experiments[0];
    expect(title).toMatchObject({
      experimentId: 'title-test',
      experimentName: undefined,
      decision: 'variant',
      variantId: 'shout',
      variantName: 'Shouting',
      control: false,
      outputs: ['title'],
      splitKey: key,
      trafficBucket: trafficBucket('title-test', key),
      variantBucket: variantBucket('title-test', key),
      traffic: 50,
    });
    expect(title?.reason).toMatch(
      /^in traffic \(bucket \d+ < 5000\); variant bucket \d+ falls in variant shout$/,
    );
    expect(result.status === 'on' && result.outputs.title).toBe('HELLO');
  });

  it('explains the control arm as a variant with control: true', async () => {
    const key = findKey((k) => inTitle(k) && titleArm(k) === 0);
    const { explanation } = await explain('Widget', { deviceId: key });
    expect(explanation.experiments[0]).toMatchObject({
      decision: 'variant',
      variantId: 'control',
      variantName: 'control',
      control: true,
      outputs: [],
    });
    expect(explanation.experiments[0]?.reason).toContain('falls in the control arm');
  });

  it('explains outside-traffic and not-eligible', async () => {
    const key = findKey((k) => !inTitle(k));
    const { explanation } = await explain('Widget', { deviceId: key });
    expect(explanation.experiments.map((e) => [e.experimentId, e.decision])).toEqual([
      ['title-test', 'outside-traffic'],
      ['color-test', 'not-eligible'],
    ]);
    expect(explanation.experiments[0]?.reason).toBe(
      `outside traffic: bucket ${trafficBucket('title-test', key)} is not below 5000 (50 %)`,
    );
    expect(explanation.experiments[0]?.variantId).toBeUndefined();
    expect(explanation.experiments[1]?.reason).toBe("not in the experiment's audience vip");
  });

  it('uses the FDL split key, and the experiment split key over it', async () => {
    const user = findKey(inTitle);
    const { explanation } = await explain('Widget', {
      deviceId: 'dev',
      userId: user,
      tier: 'gold',
    });
    expect(explanation.experiments[0]?.splitKey).toBe(user);
    expect(explanation.experiments[1]?.splitKey).toBe('dev');
    expect(explanation.rollouts[0]?.splitKey).toBe(user);
  });

  it('explains a forced QA variant even outside the audience', async () => {
    const { explanation, result } = await explain('Widget', { deviceId: 'qa-1' });
    expect(explanation.qaDevice).toBe('qa-1');
    expect(explanation.experiments[1]).toMatchObject({
      experimentId: 'color-test',
      experimentName: 'Color test',
      decision: 'forced',
      variantId: 'red',
      control: false,
      reason: 'QA device qa-1 forces variant red',
    });
    expect(result.status === 'on' && result.outputs.color).toBe('red');
  });

  it('agrees with the engine for many keys', async () => {
    for (let i = 0; i < 200; i++) {
      const tier = i % 2 ? 'gold' : 'free';
      const { explanation, result } = await explain('Widget', { deviceId: `k${i}`, tier });
      if (result.status !== 'on') throw new Error('Widget is on');
      const assigned = explanation.experiments
        .filter((e) => e.decision === 'variant' || e.decision === 'forced')
        .map((e) => `${e.experimentId}:${e.variantId ?? ''}`);
      expect(assigned).toEqual(result.variants.map((v) => `${v.experimentId}:${v.variantId}`));
      expect(explanation.rollouts[0]?.decision === 'in-rollout').toBe(
        result.decisions.size?.source === 'rollout',
      );
      if (tier === 'gold')
        expect(explanation.experiments[1]?.decision).toBe(
          inColor(`k${i}`) ? 'variant' : 'outside-traffic',
        );
    }
  });

  it('says when a sticky assignment no longer matches the hash', async () => {
    const key = findKey((k) => inTitle(k) && titleArm(k) === 1);
    const engine = createEngine({ schema, config, clock: { now: () => MID } });
    await engine.evaluate({
      args: { deviceId: key },
      impressionId: 'i1',
      features: [{ name: 'Widget' }],
    });
    const shrunk = configOf(
      CONFIG.replace('traffic: 50\n    variants', 'traffic: 0\n    variants'),
    );
    const session = engine.findSession({ deviceId: key });
    if (!session) throw new Error('session');
    const explanation = explainAssignment({
      config: shrunk,
      schema,
      session,
      feature: 'Widget',
      now: MID,
    });
    expect(explanation.experiments[0]).toMatchObject({ decision: 'variant', variantId: 'shout' });
    expect(explanation.experiments[0]?.reason).toBe(
      'variant shout, kept from earlier in the session',
    );
  });
});

describe('explainAssignment: rollouts', () => {
  it('explains a rollout blocked by an experiment arm', async () => {
    const key = findKey(inTitle);
    const { explanation } = await explain('Widget', { deviceId: key });
    expect(explanation.rollouts[0]).toMatchObject({
      rolloutId: 'big',
      decision: 'blocked-by-experiment',
      blockedBy: ['title-test'],
      percentNow: 50,
      bucket: rolloutBucket('big', key),
    });
  });

  it('explains the ramp: outside before `from`, inside after `to`, by bucket in between', async () => {
    const key = findKey((k) => !inTitle(k));
    const before = await explain('Widget', { deviceId: key }, BEFORE);
    expect(before.explanation.rollouts[0]).toMatchObject({
      decision: 'outside-share',
      percentNow: 0,
    });
    expect(before.explanation.rollouts[0]?.reason).toMatch(/is not below 0 \(0 % now\)$/);
    const after = await explain('Widget', { deviceId: key }, AFTER);
    expect(after.explanation.rollouts[0]).toMatchObject({
      decision: 'in-rollout',
      percentNow: 100,
    });
    expect(after.result.status === 'on' && after.result.outputs.size).toBe(2);
    const inside = findKey((k) => !inTitle(k) && inBig(k, MID));
    const outside = findKey((k) => !inTitle(k) && !inBig(k, MID));
    expect((await explain('Widget', { deviceId: inside })).explanation.rollouts[0]?.decision).toBe(
      'in-rollout',
    );
    expect((await explain('Widget', { deviceId: outside })).explanation.rollouts[0]?.reason).toBe(
      `bucket ${rolloutBucket('big', outside)} is not below 5000 (50 % now)`,
    );
  });

  it('explains a rollout limited to an audience the session is not in', async () => {
    const key = findKey((k) => !inTitle(k));
    const limited = configOf(
      CONFIG.replace('    feature: Widget\n', '    feature: Widget\n    audience: vip\n'),
    );
    const { explanation } = await explain('Widget', { deviceId: key }, AFTER, limited);
    expect(explanation.rollouts[0]).toMatchObject({
      decision: 'not-in-audience',
      audience: 'vip',
      reason: "not in the rollout's audience vip",
    });
  });
});

describe('explainAssignment: the feature', () => {
  it('explains an ON feature', async () => {
    const { explanation } = await explain('Widget', { deviceId: 'd1' });
    expect(explanation).toMatchObject({
      feature: 'Widget',
      state: 'on',
      gate: true,
      audience: undefined,
      inAudience: undefined,
      qaDevice: undefined,
      qaOverrides: [],
      reason: 'the gate is on',
    });
  });

  it('explains a gated-off feature; nothing below it was evaluated', async () => {
    const { explanation, result } = await explain('Gated', { deviceId: 'd1' });
    expect(result.status).toBe('off');
    expect(explanation).toMatchObject({
      state: 'gated-off',
      gate: false,
      reason: 'the gate is off',
    });
  });

  it('explains a feature outside its audience and marks its experiments not evaluated', async () => {
    const { explanation, result } = await explain('ForVips', { deviceId: 'd1' });
    expect(result.status).toBe('off');
    expect(explanation).toMatchObject({
      state: 'not-in-audience',
      audience: 'vip',
      inAudience: false,
      reason: "not in the feature's audience vip",
    });
    expect(explanation.experiments).toEqual([
      expect.objectContaining({ experimentId: 'color-test', decision: 'not-evaluated' }),
    ]);
    const member = await explain('ForVips', { deviceId: 'd1', tier: 'gold' });
    expect(member.explanation).toMatchObject({ state: 'on', inAudience: true });
    expect(member.explanation.reason).toBe('the gate is on and the session is in audience vip');
  });

  it('explains QA overrides that keep a gated-off feature on', async () => {
    const { explanation, result } = await explain('Gated', { deviceId: 'qa-1' });
    expect(result.status === 'on' && result.outputs.shown).toBe(true);
    expect(explanation).toMatchObject({
      state: 'on',
      gate: false,
      qaDevice: 'qa-1',
      qaOverrides: ['shown'],
      reason:
        'the gate is off, but QA device qa-1 has overrides for the feature (shown), which keeps it on',
    });
  });

  it('throws FEATURE_UNKNOWN for a feature the configuration does not know', async () => {
    const { session } = await explain('Widget', { deviceId: 'd1' });
    expect(() => explainAssignment({ config, schema, session, feature: 'Nope', now: MID })).toThrow(
      expect.objectContaining({ code: 'FEATURE_UNKNOWN' }),
    );
  });

  it('reports not-evaluated for a session that never saw the feature', async () => {
    const { session } = await explain('Gated', { deviceId: 'd2' });
    const explanation = explainAssignment({ config, schema, session, feature: 'Widget', now: MID });
    expect(explanation.experiments.map((e) => e.decision)).toEqual([
      'not-evaluated',
      'not-evaluated',
    ]);
    expect(explanation.rollouts[0]?.decision).toBe('not-evaluated');
  });
});
