/**
 * What a valid configuration compiles to: the shipped examples load cleanly and yield the indexes
 * the engine reads (config.md §2), effective gates and control values follow their rules, and the
 * result is immutable. Failure kinds are in load-config-issues/-experiments/-settings.test.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  applyEdits,
  baseDocument,
  compileSchema,
  load,
  schema,
} from '../../test/config/config-fixture.js';
import type { CompiledConfig } from './compiled-config.js';
import { loadConfig } from './load-config.js';

const SHARED = new URL('../../../../../shared/examples/', import.meta.url);
const REPO = new URL('../../../../examples/', import.meta.url);

function loadExample(dir: URL, fdl: string, config: string): CompiledConfig {
  const exampleSchema = compileSchema(new URL(fdl, dir));
  const result = loadConfig(readFileSync(new URL(config, dir), 'utf8'), {
    schema: exampleSchema,
    format: 'yaml',
  });
  expect(result.issues).toEqual([]);
  return result.config!;
}

const iso = (text: string) => Date.parse(text);

describe('the shop example', () => {
  const config = loadExample(SHARED, 'shop/shop.fdl', 'shop/shop.config.yaml');
  const feature = (name: string) => config.features.get(name)!;

  it('keeps the top-level settings', () => {
    expect(config).toMatchObject({
      version: 1,
      environment: 'development',
      fdl: './shop.fdl',
      sessionIdleTimeoutMs: 30 * 60_000,
    });
    expect(config.hash).toMatch(/^[0-9a-f]{16}$/);
  });

  it('indexes experiments per feature', () => {
    expect(feature('RatingBox').experiments.map((e) => e.id)).toEqual(['rating-cta']);
    const [banner] = feature('SiteBanner').experiments;
    expect(banner).toMatchObject({
      id: 'banner-discount',
      splitKey: 'deviceId',
      audience: 'uk-web',
      traffic: 50,
      launchedAt: iso('2026-11-10T09:00:00Z'),
      boundaries: [5000, 10000],
      features: ['SiteBanner'],
    });
    expect(banner!.variants.map((v) => [v.id, v.control])).toEqual([
      ['control', true],
      ['ten-percent', false],
    ]);
    expect(feature('Recommendations').experiments).toEqual([]);
  });

  it('compiles the express-pay rollout as a ramp', () => {
    expect(feature('NewCheckout').rollouts).toEqual([
      {
        id: 'express-pay',
        feature: 'NewCheckout',
        values: { showExpressPay: true },
        share: { kind: 'ramp', from: iso('2026-11-20T00:00:00Z'), to: iso('2026-12-04T00:00:00Z') },
        audience: undefined,
      },
    ]);
  });

  it('resolves audiences per feature', () => {
    expect([...config.audiences.keys()]).toEqual(['engaged', 'uk-web']);
    expect(config.audiences.get('uk-web')!.name).toBe('UK web visitors');
    expect(feature('NewCheckout').audiences).toEqual(['engaged']);
    expect(feature('SiteBanner').audiences).toEqual(['uk-web']);
    expect(feature('RatingBox').audiences).toEqual([]);
  });

  it('applies gates and control values', () => {
    expect(feature('NewCheckout').gate).toBe(true); // @off_by_default, switched on
    expect(feature('SiteBanner').gate).toBe(true); // @no_gate
    expect(feature('RatingBox').control).toEqual({
      callToAction: 'Rate this product!',
      actionButton: 'Submit review',
      buttonStyle: 'PRIMARY',
      maxStars: 5,
    });
    expect(feature('Recommendations').control).toMatchObject({ skus: [] }); // plugin fields too
  });

  it('compiles the QA device', () => {
    expect(config.qa.get('qa-device-1')).toEqual({
      id: 'qa-device-1',
      registered: true,
      overrides: { RatingBox: { callToAction: 'QA: rating prompt' } },
      variants: { 'banner-discount': 'ten-percent' },
    });
  });
});

describe('the other examples', () => {
  it('loads the minimal example', () => {
    const config = loadExample(SHARED, 'minimal/minimal.fdl', 'minimal/minimal.config.yaml');
    expect(config.features.get('Greeting')).toMatchObject({
      gate: true,
      control: { text: 'Hello' },
      experiments: [],
      rollouts: [],
      audiences: [],
    });
    expect(config.sessionIdleTimeoutMs).toBe(30 * 60_000);
  });

  it("loads this repository's news example", () => {
    const config = loadExample(REPO, 'news.fdl', 'news.config.yaml');
    const paywall = config.features.get('Paywall')!;
    expect(paywall.gate).toBe(true);
    expect(paywall.control).toMatchObject({ freeArticles: 3, cta: 'Subscribe' });
    expect(paywall.experiments.map((e) => e.id)).toEqual(['paywall-cta']);
    expect(paywall.rollouts.map((r) => r.share.kind)).toEqual(['ramp']);
    // Dependency order: metered-readers refers to not-subscribed, so it comes after it.
    expect(paywall.audiences).toEqual(['not-subscribed', 'search-or-social', 'metered-readers']);
    const headline = config.features.get('Headline')!.experiments[0]!;
    expect(headline.boundaries).toEqual([5000, 8000, 10000]);
    expect(config.features.get('RelatedArticles')!.rollouts[0]!.share).toEqual({
      kind: 'fixed',
      percent: 10,
    });
  });
});

describe('compiling', () => {
  it('sorts running experiments by launchedAt, then the others in file order', () => {
    const experiment = (id: string, state: string, launchedAt?: string) => ({
      id,
      state,
      launchedAt,
      variants: [
        { id: 'control', weight: 1 },
        { id: 'b', weight: 1, values: { Banner: { size: 2 } } },
      ],
    });
    const { config } = load(
      applyEdits(baseDocument(), {
        experiments: [
          experiment('draft-1', 'draft'),
          experiment('late', 'running', '2026-03-01T00:00:00Z'),
          experiment('early', 'running', '2026-01-01T00:00:00+05:00'),
          experiment('stopped-1', 'stopped', '2025-01-01T00:00:00Z'),
          experiment('tie', 'running', '2026-03-01T00:00:00Z'),
        ],
        'qa.devices.qa-1.variants': {},
      }),
    );
    expect(config!.experiments.map((e) => e.id)).toEqual([
      'early',
      'late',
      'tie',
      'draft-1',
      'stopped-1',
    ]);
    expect(config!.features.get('Banner')!.experiments.map((e) => e.id)).toEqual([
      'early',
      'late',
      'tie',
    ]);
  });

  it('derives the effective gate', () => {
    const gates = (features: Record<string, unknown>) => {
      const { config } = load(applyEdits(baseDocument(), { features }));
      return Object.fromEntries([...config!.features].map(([name, f]) => [name, f.gate]));
    };
    // Defaults: on, except @off_by_default (Checkout); @no_gate (Footer) is always on.
    expect(gates({})).toEqual({ Banner: true, Checkout: false, Footer: true });
    expect(gates({ Banner: { gate: 'off' }, Checkout: { gate: true } })).toEqual({
      Banner: false,
      Checkout: true,
      Footer: true,
    });
  });

  it('lists every concrete feature, configured or not, with config control over FDL defaults', () => {
    const { config } = load(
      applyEdits(baseDocument(), { 'features.Banner.control': { text: 'Hi', color: null } }),
    );
    expect([...config!.features.keys()]).toEqual(['Banner', 'Checkout', 'Footer']);
    expect(config!.features.get('Banner')!.control).toEqual({
      trackingTag: 'none',
      text: 'Hi',
      color: null,
      style: 'PLAIN',
      tags: [],
      price: null,
      size: 1,
      textIsDefault: null,
      items: [],
    });
  });

  it('closes feature audiences over rule references, in dependency order', () => {
    const { config } = load(
      applyEdits(baseDocument(), {
        'experiments[0].audience': 'proGb',
        'rollouts[0].audience': 'carters',
      }),
    );
    expect(config!.audienceOrder).toEqual(['carters', 'gb', 'proGb']);
    expect(config!.features.get('Banner')!.audiences).toEqual(['gb', 'proGb']);
    expect(config!.features.get('Checkout')!.audiences).toEqual(['carters']);
    expect(config!.audiences.get('proGb')!.definition).toEqual({
      all: [{ audience: 'gb' }, { arg: 'tier', op: 'eq', value: 'PRO' }],
    });
  });

  it('compiles the same from YAML and JSON, apart from the source hash', () => {
    const doc = baseDocument();
    const json = loadConfig(JSON.stringify(doc), { schema, format: 'json' }).config!;
    const yamlText = [
      'version: 1',
      'environment: test',
      'session: { idleTimeout: 45m }',
      'features:',
      '  Banner: { control: { text: Hi } }',
      '  Checkout: { gate: on, audience: carters }',
      'audiences:',
      '  carters: { rule: { event: AddToCart, op: gte, value: 1 } }',
      '  gb: { name: UK, rule: { plugin: country, op: eq, value: GB } }',
      '  proGb:',
      '    rule:',
      '      all: [{ audience: gb }, { arg: tier, op: eq, value: PRO }]',
      'experiments:',
      '  - id: banner-copy',
      '    state: running',
      '    launchedAt: 2026-01-01T00:00:00Z',
      '    variants:',
      '      - { id: control, weight: 1 }',
      '      - { id: b, weight: 1, values: { Banner: { text: B } } }',
      'rollouts:',
      '  - { id: express, feature: Checkout, values: { express: true }, percent: 25 }',
      'qa:',
      '  devices:',
      '    qa-1:',
      '      registered: true',
      '      overrides: { Banner: { text: QA } }',
      '      variants: { banner-copy: b }',
    ].join('\n');
    const yaml = loadConfig(yamlText, { schema, format: 'yaml' }).config!;
    expect({ ...yaml, hash: '' }).toEqual({ ...json, hash: '' });
    expect(yaml.hash).not.toBe(json.hash);
    expect(yaml.sessionIdleTimeoutMs).toBe(45 * 60_000);
  });

  it('hashes the source text stably', () => {
    const text = JSON.stringify(baseDocument());
    const a = loadConfig(text, { schema, format: 'json' }).config!;
    const b = loadConfig(text, { schema, format: 'json' }).config!;
    expect(a.hash).toBe(b.hash);
    expect(a).not.toBe(b);
  });

  it('freezes the compiled configuration', () => {
    const { config } = load(baseDocument());
    const banner = config!.features.get('Banner')!;
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(banner)).toBe(true);
    expect(Object.isFrozen(banner.control)).toBe(true);
    expect(Object.isFrozen(banner.experiments[0]!.variants[1]!.values.Banner)).toBe(true);
    expect(Object.isFrozen(config!.audiences.get('proGb')!.rule)).toBe(true);
    expect(Object.isFrozen(config!.qa.get('qa-1')!.overrides)).toBe(true);
    expect(() => {
      (banner.control as Record<string, unknown>).text = 'changed';
    }).toThrow(TypeError);
  });
});
