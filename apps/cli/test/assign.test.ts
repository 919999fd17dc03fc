import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { pickVariant, variantBoundaries, variantBucket } from '@iserver/core';
import { describe, expect, it } from 'vitest';

import { runCli } from '../src/run-cli.js';

const shopDir = new URL('../../../../shared/examples/shop/', import.meta.url);
const fdl = fileURLToPath(new URL('shop.fdl', shopDir));
const config = fileURLToPath(new URL('shop.config.yaml', shopDir));

/** Inside rating-cta, before the express-pay ramp starts (2026-11-20). */
const NOW = '2026-11-15T12:00:00Z';

async function run(argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function assign(
  feature: string,
  session: Record<string, unknown>,
  extra: string[] = [],
): Promise<{ code: number; out: string; err: string }> {
  return run([
    'assign',
    '--fdl',
    fdl,
    '--config',
    config,
    '--session',
    JSON.stringify({ visitId: 'visit-1', ...session }),
    '--feature',
    feature,
    '--now',
    NOW,
    ...extra,
  ]);
}

async function tempFile(name: string, text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'iserver-assign-'));
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

/** rating-cta splits 1:1:1 on the device id (no userId given). */
const RATING_ARMS = variantBoundaries([1, 1, 1]);
function deviceIn(arm: number): string {
  for (let i = 0; i < 10_000; i++) {
    if (pickVariant(variantBucket('rating-cta', `device-${i}`), RATING_ARMS) === arm)
      return `device-${i}`;
  }
  throw new Error('no key found');
}

interface JsonResult {
  feature: string;
  status: string;
  outputs: Record<string, unknown>;
  variants: { id: string; name: string; variant: { id: string; name: string } | null }[];
  experiments: { experimentId: string; decision: string; variantId?: string }[];
  rollouts: { rolloutId: string; decision: string; percentNow: number }[];
}

describe('iserver assign: experiments', () => {
  const rating = ['--args', '{"sku":"SKU-1"}'];

  it('puts a device in the short variant of rating-cta and says why', async () => {
    const device = deviceIn(1);
    const result = await assign('RatingBox', { deviceId: device }, rating);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain(
      `RatingBox for deviceId=${device} at 2026-11-15T12:00:00.000Z: ON`,
    );
    expect(result.out).toContain(
      '  callToAction = "Rate it!"  (experiment rating-cta, variant short)',
    );
    expect(result.out).toContain(
      '  actionButton = "Submit review"  (control value from the configuration)',
    );
    expect(result.out).toContain('  maxStars = 5  (control value)');
    expect(result.out).toMatch(
      /^ {2}rating-cta "Rating call to action": variant short "Short prompt": in traffic \(bucket \d+ < 10000\); variant bucket \d+ falls in variant short$/m,
    );
    expect(result.out).toMatch(new RegExp(`split key ${device}, traffic 100 %`));
    expect(result.out).toContain('Rollouts: none');
  });

  it('puts a device in stars-3', async () => {
    const result = await assign('RatingBox', { deviceId: deviceIn(2) }, rating);
    expect(result.code).toBe(0);
    expect(result.out).toContain('  maxStars = 3  (experiment rating-cta, variant stars-3)');
    expect(result.out).toContain(
      '  buttonStyle = "GHOST"  (experiment rating-cta, variant stars-3)',
    );
    expect(result.out).toContain('  callToAction = "Rate this product!"  (control value)');
  });

  it('puts a device in the control arm', async () => {
    const result = await assign('RatingBox', { deviceId: deviceIn(0) }, rating);
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      '  callToAction = "Rate this product!"  (control value, control arm of rating-cta)',
    );
    expect(result.out).toMatch(
      /rating-cta "Rating call to action": control arm control: in traffic/,
    );
    expect(result.out).toContain('falls in the control arm');
  });

  it('splits on userId (the FDL @split_key) when it is given', async () => {
    const user = deviceIn(1);
    const result = await assign('RatingBox', { deviceId: 'someone', userId: user }, rating);
    expect(result.out).toContain('(experiment rating-cta, variant short)');
    expect(result.out).toContain(`split key ${user},`);
  });

  it('shows banner-discount as not-eligible outside uk-web, and says plugins do not run', async () => {
    const result = await assign('SiteBanner', { deviceId: 'device-1', channel: 'web' });
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      '  banner-discount "Banner discount for UK web": not-eligible: not in the experiment\'s audience uk-web',
    );
    expect(result.out).toContain('  discount = 0  (control value)');
    expect(result.out).toContain('  discountIsDefault = true  (computed from discount)');
    expect(result.out).toContain(
      'Note: plugins do not run in iserver assign; plugin fields keep their control values (session: country = "US").',
    );
  });

  it('mentions feature plugin fields too', async () => {
    const result = await assign('Recommendations', { deviceId: 'device-1' }, rating);
    expect(result.code).toBe(0);
    expect(result.out).toContain('  skus = []  (plugin field not run, control value)');
    expect(result.out).toContain('(session: country = "US"; Recommendations: skus = [])');
  });
});

describe('iserver assign: rollouts and audiences', () => {
  const engaged = ['--event', 'AddToCart={"sku":"SKU-1"}'];

  it('answers OFF outside the feature audience (exit 0)', async () => {
    const result = await assign('NewCheckout', { deviceId: 'device-1' });
    expect(result.code).toBe(0);
    expect(result.out).toContain(
      "NewCheckout for deviceId=device-1 at 2026-11-15T12:00:00.000Z: OFF (not in the feature's audience engaged)",
    );
    expect(result.out).toContain('  express-pay: not-evaluated: not visited: the feature is off');
  });

  it('is outside the express-pay share before `from`', async () => {
    const result = await assign('NewCheckout', { deviceId: 'device-1' }, engaged);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toContain('ON (the gate is on and the session is in audience engaged)');
    expect(result.out).toMatch(
      /^ {2}express-pay: outside-share: bucket \d+ is not below 0 \(0 % now\)$/m,
    );
    expect(result.out).toContain('  showExpressPay = false  (control value)');
  });

  it('is inside the express-pay share after `to`', async () => {
    const result = await run([
      'assign',
      ...['--fdl', fdl, '--config', config, '--feature', 'NewCheckout'],
      ...['--session', '{"deviceId":"device-1","visitId":"v"}', '--now', '2026-12-05T00:00:00Z'],
      ...engaged,
    ]);
    expect(result.code, result.err).toBe(0);
    expect(result.out).toMatch(/^ {2}express-pay: in-rollout: bucket \d+ < 10000 \(100 % now\)$/m);
    expect(result.out).toContain('  showExpressPay = true  (rollout express-pay)');
  });

  it('gives the QA device its override and its forced variant', async () => {
    const rating = await assign('RatingBox', { deviceId: 'qa-device-1' }, [
      '--args',
      '{"sku":"A"}',
    ]);
    expect(rating.code).toBe(0);
    expect(rating.out).toContain(
      'ON (the gate is on; QA device qa-device-1 overrides callToAction)',
    );
    expect(rating.out).toContain(
      '  callToAction = "QA: rating prompt"  (QA override, device qa-device-1)',
    );
    const banner = await assign('SiteBanner', { deviceId: 'qa-device-1' });
    expect(banner.code).toBe(0);
    expect(banner.out).toContain(
      '  banner-discount "Banner discount for UK web": forced variant ten-percent: QA device qa-device-1 forces variant ten-percent',
    );
    expect(banner.out).toContain(
      '  discount = 0.1  (experiment banner-discount, variant ten-percent)',
    );
    expect(banner.out).toContain('  discountVariant = "ten-percent"  (computed from discount)');
  });
});

describe('iserver assign --json', () => {
  it('prints outputs, wire variants, experiments and rollouts', async () => {
    const device = deviceIn(1);
    const result = await assign('RatingBox', { deviceId: device }, [
      '--args',
      '{"sku":"SKU-1"}',
      '--json',
    ]);
    expect(result.code).toBe(0);
    const parsed = JSON.parse(result.out) as JsonResult;
    expect(Object.keys(parsed)).toEqual(
      expect.arrayContaining([
        'feature',
        'status',
        'outputs',
        'variants',
        'experiments',
        'rollouts',
      ]),
    );
    expect(parsed).toMatchObject({
      feature: 'RatingBox',
      status: 'on',
      outputs: {
        callToAction: 'Rate it!',
        actionButton: 'Submit review',
        buttonStyle: 'PRIMARY',
        maxStars: 5,
      },
      variants: [
        {
          id: 'rating-cta',
          name: 'Rating call to action',
          variant: { id: 'short', name: 'Short prompt' },
        },
      ],
      experiments: [{ experimentId: 'rating-cta', decision: 'variant', variantId: 'short' }],
      rollouts: [],
    });
  });

  it('gives the control arm variant: null, and an unnamed experiment its id', async () => {
    const control = JSON.parse(
      (await assign('RatingBox', { deviceId: deviceIn(0) }, ['--args', '{"sku":"A"}', '--json']))
        .out,
    ) as JsonResult;
    expect(control.variants).toEqual([
      { id: 'rating-cta', name: 'Rating call to action', variant: null },
    ]);
    const json = await tempFile(
      'unnamed.json',
      JSON.stringify({
        version: 1,
        experiments: [
          {
            id: 'plain',
            state: 'running',
            launchedAt: '2026-11-01T00:00:00Z',
            variants: [
              { id: 'off', weight: 0 },
              { id: 'on', weight: 1, values: { SiteBanner: { message: 'Hi' } } },
            ],
          },
        ],
      }),
    );
    const result = await run([
      'assign',
      ...['--fdl', fdl, '--config', json, '--feature', 'SiteBanner', '--json'],
      ...['--session', '{"deviceId":"d","visitId":"v"}'],
    ]);
    expect(result.code, result.err).toBe(0);
    const parsed = JSON.parse(result.out) as JsonResult;
    expect(parsed.variants).toEqual([
      { id: 'plain', name: 'plain', variant: { id: 'on', name: 'on' } },
    ]);
    expect(parsed.outputs.message).toBe('Hi');
  });

  it('prints OFF and unknown results as JSON too', async () => {
    const off = await assign('NewCheckout', { deviceId: 'd' }, ['--json']);
    expect(off.code).toBe(0);
    expect(JSON.parse(off.out)).toMatchObject({ status: 'off', outputs: {}, variants: [] });
    const unknown = await assign('Nope', { deviceId: 'd' }, ['--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.out)).toMatchObject({ feature: 'Nope', status: 'unknown' });
  });
});

describe('iserver assign: errors', () => {
  it('exits 2 on a --session that is not JSON or not an object', async () => {
    const bad = await run([
      'assign',
      ...['--fdl', fdl, '--config', config, '--feature', 'SiteBanner', '--session', '{deviceId:'],
    ]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('iserver assign: --session is not valid JSON');
    const list = await run([
      'assign',
      ...['--fdl', fdl, '--config', config, '--feature', 'SiteBanner', '--session', '[1]'],
    ]);
    expect(list.code).toBe(2);
    expect(list.err).toContain('--session must be a JSON object');
    const args = await assign('RatingBox', { deviceId: 'd' }, ['--args', 'sku=A']);
    expect(args.code).toBe(2);
    expect(args.err).toContain('--args is not valid JSON');
  });

  it('exits 2 on a bad --now and on missing flags', async () => {
    const now = await run([
      'assign',
      ...['--fdl', fdl, '--config', config, '--feature', 'SiteBanner', '--now', 'yesterday'],
      ...['--session', '{"deviceId":"d","visitId":"v"}'],
    ]);
    expect(now.code).toBe(2);
    expect(now.err).toContain("--now 'yesterday' is not an ISO 8601 time");
    const twice = await assign('SiteBanner', { deviceId: 'd' }, ['--now', '2026-01-01T00:00:00Z']);
    expect(twice.code).toBe(2);
    expect(twice.err).toBe('iserver assign: give --now only once');
    const missing = await run(['assign', '--fdl', fdl, '--config', config, '--feature', 'X']);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('session');
  });

  it('exits 1 on an unknown feature', async () => {
    const result = await assign('Nope', { deviceId: 'd' });
    expect(result.code).toBe(1);
    expect(result.err).toContain("iserver assign: unknown feature 'Nope' (known: ");
  });

  it('exits 1 on a missing required feature arg or session arg', async () => {
    const arg = await assign('RatingBox', { deviceId: 'd' });
    expect(arg.code).toBe(1);
    expect(arg.err).toContain("iserver assign: RatingBox: arg 'sku' (String!) is required");
    const session = await run([
      'assign',
      ...[
        '--fdl',
        fdl,
        '--config',
        config,
        '--feature',
        'SiteBanner',
        '--session',
        '{"deviceId":"d"}',
      ],
    ]);
    expect(session.code).toBe(1);
    expect(session.err).toContain(
      "iserver assign: session: session arg 'visitId' (ID!) is required",
    );
    const event = await assign('NewCheckout', { deviceId: 'd' }, ['--event', 'AddToCart']);
    expect(event.code).toBe(1);
    expect(event.err).toMatch(/^iserver assign: --event AddToCart: .*'sku'.* is required$/);
    const unknown = await assign('NewCheckout', { deviceId: 'd' }, ['--event', 'Nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toBe("iserver assign: --event Nope: the session has no event 'Nope'");
  });

  it('exits 2 on missing files', async () => {
    const noFdl = await run([
      'assign',
      ...['--fdl', '/nonexistent/x.fdl', '--config', config, '--feature', 'A', '--session', '{}'],
    ]);
    expect(noFdl.code).toBe(2);
    expect(noFdl.err).toContain('cannot read /nonexistent/x.fdl');
    const noConfig = await run([
      'assign',
      ...['--fdl', fdl, '--config', '/nonexistent/c.yaml', '--feature', 'A', '--session', '{}'],
    ]);
    expect(noConfig.code).toBe(2);
    expect(noConfig.err).toContain('cannot read /nonexistent/c.yaml');
  });

  it('exits 1 with diagnostics on an invalid FDL file', async () => {
    const bad = await tempFile('bad.fdl', 'feature A {\n  output { x: Bool! = true }\n}\n');
    const result = await run([
      'assign',
      ...['--fdl', bad, '--config', config, '--feature', 'A', '--session', '{}'],
    ]);
    expect(result.code).toBe(1);
    expect(result.err).toContain(`${bad}:2:15: error FDL_UNKNOWN_TYPE: `);
  });

  it('exits 1 with every configuration issue as file:path: message', async () => {
    const bad = await tempFile(
      'bad.yaml',
      'version: 1\nfeatures:\n  NoSuchFeature: { gate: on }\nexperiments:\n  - id: x\n    state: running\n    launchedAt: 2026-01-01T00:00:00Z\n    traffic: 200\n    variants:\n      - { id: a, weight: 1 }\n      - { id: b, weight: 1, values: { RatingBox: { callToAction: "B" } } }\n',
    );
    const result = await run([
      'assign',
      ...['--fdl', fdl, '--config', bad, '--feature', 'RatingBox', '--session', '{}'],
    ]);
    expect(result.code).toBe(1);
    const lines = result.err.split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(2);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${escape(bad)}:features\\.NoSuchFeature\\S*: `)),
        expect.stringMatching(new RegExp(`^${escape(bad)}:experiments\\[0\\]\\.traffic: `)),
      ]),
    );
  });

  it('is listed in the help', async () => {
    const result = await run(['assign', '--help']);
    expect(result.code).toBe(0);
    expect(result.out).toContain('--feature');
    expect(result.out).toContain('--event');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
