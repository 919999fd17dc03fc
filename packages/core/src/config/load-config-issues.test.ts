/**
 * One test per failure kind of config.md §1 (and of the checks iserver adds): each breaks one thing
 * in a valid document and expects exactly one issue, at its path, so a check that cascades into
 * follow-up noise fails here too. Every document is loaded as JSON and as YAML (see `load`).
 */
import { describe, expect, it } from 'vitest';
import {
  DELETE,
  baseDocument,
  containing,
  expectOneIssue,
  issuesAfter,
  load,
} from '../../test/config/config-fixture.js';

const EXP = 'experiments[0]';
const VARIANT_B = `${EXP}.variants[1]`;

it('accepts the base document', () => {
  expect(load(baseDocument()).issues).toEqual([]);
});

describe('top level', () => {
  it('requires version', () => {
    expectOneIssue({ version: DELETE }, 'version', 'is required');
  });

  it('accepts only version 1', () => {
    expectOneIssue({ version: 2 }, 'version', 'unsupported version 2');
    expectOneIssue({ version: '1' }, 'version', 'unsupported version "1"');
  });

  it('rejects unknown top-level keys with a suggestion', () => {
    expectOneIssue({ experiment: [] }, 'experiment', 'did you mean "experiments"?');
  });

  it('rejects a document that is not a mapping', () => {
    expect(load([1, 2]).issues).toEqual([
      { path: '', message: containing('expected a mapping with `version: 1`') },
    ]);
  });

  it('rejects a section of the wrong shape', () => {
    expectOneIssue({ experiments: { id: 'x' } }, 'experiments', 'expected a list of experiments');
  });

  it('rejects an environment that is not a string', () => {
    expectOneIssue({ environment: 3 }, 'environment', 'expected a non-empty string');
  });
});

describe('unknown keys', () => {
  it('are reported anywhere, with a suggestion', () => {
    expectOneIssue(
      { [`${VARIANT_B}.wieght`]: 1 },
      `${VARIANT_B}.wieght`,
      'unknown key "wieght" (did you mean "weight"?)',
    );
    expectOneIssue(
      { 'features.Banner.gates': 'on' },
      'features.Banner.gates',
      'did you mean "gate"?',
    );
    expectOneIssue(
      { 'qa.devices.qa-1.overide': {} },
      'qa.devices.qa-1.overide',
      'did you mean "overrides"?',
    );
    expectOneIssue({ 'session.idle': '1m' }, 'session.idle', 'did you mean "idleTimeout"?');
  });
});

describe('feature and output names', () => {
  it('rejects an unknown feature', () => {
    expectOneIssue(
      { 'features.Baner': {} },
      'features.Baner',
      'unknown feature "Baner" (did you mean "Banner"?)',
    );
  });

  it('rejects an abstract feature', () => {
    expectOneIssue({ 'features.Tracked': {} }, 'features.Tracked', 'is abstract');
  });

  it('rejects an unknown output in variant values', () => {
    expectOneIssue(
      { [`${VARIANT_B}.values.Banner.foo`]: 1 },
      `${VARIANT_B}.values.Banner.foo`,
      'unknown output "foo" of feature Banner',
    );
  });

  it('rejects an unknown feature in variant values', () => {
    expectOneIssue(
      { [`${VARIANT_B}.values.Nope`]: { x: 1 } },
      `${VARIANT_B}.values.Nope`,
      'unknown feature "Nope"',
    );
  });

  it('refuses outputs computed by iserver', () => {
    expectOneIssue(
      { 'features.Banner.control.textIsDefault': true },
      'features.Banner.control.textIsDefault',
      'computed from how "text" was decided',
    );
  });
});

describe('values type-check against the FDL', () => {
  const at = `${VARIANT_B}.values.Banner`;
  it.each([
    ['scalar', 'size', 'three', `${at}.size`, 'Int!: expected an integer'],
    ['enum', 'style', 'LOUD', `${at}.style`, 'expected one of PLAIN, FANCY'],
    [
      'struct field',
      'price',
      { amount: 'x', currency: 'EUR' },
      `${at}.price.amount`,
      'expected a number',
    ],
    ['struct missing field', 'price', { amount: 1 }, `${at}.price.currency`, 'a value is required'],
    [
      'struct unknown field',
      'price',
      { amount: 1, currency: 'EUR', tax: 1 },
      `${at}.price.tax`,
      "has no field 'tax'",
    ],
    ['list element', 'tags', ['a', 2], `${at}.tags[1]`, 'expected a string'],
    ['null for a non-null output', 'text', null, `${at}.text`, 'a value is required'],
  ])('rejects a mistyped %s', (_kind, output, value, path, fragment) => {
    expectOneIssue({ [`${at}.${output}`]: value }, path, fragment);
  });

  it('accepts null for a nullable output and values for plugin fields', () => {
    expect(
      issuesAfter({ [`${at}.color`]: null, [`${at}.items`]: ['x'], [`${at}.trackingTag`]: 'y' }),
    ).toEqual([]);
  });

  it('checks feature control values', () => {
    expectOneIssue(
      { 'features.Banner.control.text': 5 },
      'features.Banner.control.text',
      'expected a string',
    );
  });
});

describe('audiences', () => {
  it('rejects an unknown audience on a feature', () => {
    expectOneIssue(
      { 'features.Checkout.audience': 'carter' },
      'features.Checkout.audience',
      'unknown audience "carter" (did you mean "carters"?)',
    );
  });

  it('rejects an unknown audience on an experiment', () => {
    expectOneIssue(
      { [`${EXP}.audience`]: 'nobody' },
      `${EXP}.audience`,
      'unknown audience "nobody"',
    );
  });

  it('rejects an unknown audience on a rollout', () => {
    expectOneIssue(
      { 'rollouts[0].audience': 'nobody' },
      'rollouts[0].audience',
      'unknown audience "nobody"',
    );
  });

  it('rejects an unknown audience inside a rule', () => {
    expectOneIssue(
      { 'audiences.proGb.rule.all[0].audience': 'gbb' },
      'audiences.proGb.rule.all[0].audience',
      'unknown audience "gbb" (did you mean "gb"?)',
    );
  });

  it('rejects audience cycles', () => {
    expectOneIssue(
      { 'audiences.gb.rule': { not: { audience: 'proGb' } } },
      'audiences.proGb.rule.all[0].audience',
      'audience cycle: gb -> proGb -> gb',
    );
  });

  it('reports rule problems found by parseAudienceRule', () => {
    expectOneIssue(
      { 'audiences.gb.rule.op': 'equals' },
      'audiences.gb.rule.op',
      'unknown operator "equals"',
    );
  });

  it('refuses regular expressions that can backtrack catastrophically', () => {
    expectOneIssue(
      { 'audiences.gb.rule': { arg: 'channel', op: 'matches', value: '^(a+)+$' } },
      'audiences.gb.rule.value',
      'regular expression',
    );
  });

  it('requires a rule', () => {
    expectOneIssue({ 'audiences.gb.rule': DELETE }, 'audiences.gb.rule', 'is required');
  });

  it.each([
    ['arg', 'chanel', 'unknown session arg "chanel" (did you mean "channel"?)'],
    ['event', 'AddToBasket', 'unknown session event "AddToBasket"'],
    ['plugin', 'county', 'unknown plugin field (of the session or a feature) "county"'],
    ['featureArg', 'pages', 'unknown feature arg "pages" (did you mean "page"?)'],
  ])('rejects a rule on an unknown %s name', (kind, name, fragment) => {
    expectOneIssue(
      { 'audiences.gb.rule': { [kind]: name, op: 'eq', value: 1 } },
      `audiences.gb.rule.${kind}`,
      fragment,
    );
  });

  it('accepts rules on plugin fields of features and on feature args', () => {
    expect(
      issuesAfter({
        'audiences.gb.rule': {
          any: [
            { plugin: 'items', op: 'contains', value: 'x' },
            { featureArg: 'campaign', op: 'exists', value: true },
          ],
        },
      }),
    ).toEqual([]);
  });

  it('rejects an equality test a session arg can never satisfy', () => {
    expectOneIssue(
      { 'audiences.proGb.rule.all[1].value': 'GOLD' },
      'audiences.proGb.rule.all[1].value',
      'can never match session arg tier (Tier): expected one of FREE, PRO',
    );
  });

  it('rejects invalid audience ids', () => {
    expectOneIssue(
      { 'audiences["no spaces"]': { rule: { arg: 'channel', op: 'exists', value: true } } },
      'audiences["no spaces"]',
      'invalid audience id',
    );
  });
});
