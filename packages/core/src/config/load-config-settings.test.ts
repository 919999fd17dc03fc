/**
 * Failure kinds of features, session and QA settings and of the file syntax, one test each (see
 * load-config-issues.test.ts), plus reporting everything at once and the throwing variant.
 */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import {
  DELETE,
  applyEdits,
  baseDocument,
  containing,
  matching,
  expectOneIssue,
  issuesAfter,
  load,
  schema,
} from '../../test/config/config-fixture.js';
import { loadConfig, loadConfigOrThrow } from './load-config.js';

describe('features', () => {
  it('accepts gate on/off and the YAML booleans', () => {
    for (const gate of ['on', 'off', true, false]) {
      expect(issuesAfter({ 'features.Checkout.gate': gate })).toEqual([]);
    }
  });

  it('rejects other gate values', () => {
    expectOneIssue(
      { 'features.Checkout.gate': 'enabled' },
      'features.Checkout.gate',
      'expected on or off',
    );
  });

  it('rejects a gate on a @no_gate feature', () => {
    expectOneIssue({ 'features.Footer': { gate: 'on' } }, 'features.Footer.gate', 'is @no_gate');
  });
});

describe('session', () => {
  it('requires a duration for idleTimeout', () => {
    expectOneIssue(
      { 'session.idleTimeout': '30 minutes' },
      'session.idleTimeout',
      'a duration such as',
    );
    expectOneIssue({ 'session.idleTimeout': 1800 }, 'session.idleTimeout', 'a duration such as');
  });

  it('requires a positive idleTimeout', () => {
    expectOneIssue({ 'session.idleTimeout': '0s' }, 'session.idleTimeout', 'longer than 0');
  });
});

describe('qa', () => {
  const DEVICE = 'qa.devices.qa-1';
  it('requires registered to be a boolean', () => {
    expectOneIssue(
      { [`${DEVICE}.registered`]: 'yes' },
      `${DEVICE}.registered`,
      'expected true or false',
    );
  });

  it('type-checks overrides', () => {
    expectOneIssue(
      { [`${DEVICE}.overrides.Banner.size`]: 1.5 },
      `${DEVICE}.overrides.Banner.size`,
      'expected an integer',
    );
    expectOneIssue(
      { [`${DEVICE}.overrides.Bannr`]: {} },
      `${DEVICE}.overrides.Bannr`,
      'unknown feature "Bannr"',
    );
  });

  it('requires forced variants to name an existing experiment', () => {
    expectOneIssue(
      { [`${DEVICE}.variants`]: { 'banner-cpy': 'b' } },
      `${DEVICE}.variants.banner-cpy`,
      'unknown experiment "banner-cpy" (did you mean "banner-copy"?)',
    );
  });

  it('requires forced variants to name a variant of the experiment', () => {
    expectOneIssue(
      { [`${DEVICE}.variants.banner-copy`]: 'c' },
      `${DEVICE}.variants.banner-copy`,
      'has no variant "c"',
    );
  });

  it('accepts a device with nothing but its key', () => {
    const { config, issues } = load(applyEdits(baseDocument(), { 'qa.devices.qa-2': null }));
    expect(issues).toEqual([]);
    expect(config?.qa.get('qa-2')).toEqual({
      id: 'qa-2',
      registered: false,
      overrides: {},
      variants: {},
    });
  });
});

describe('syntax', () => {
  it('reports YAML syntax errors with line and column', () => {
    const { issues } = loadConfig('version: 1\nfeatures:\n  Banner: [1, 2\n', {
      schema,
      format: 'yaml',
    });
    expect(issues).toEqual([{ path: '', message: matching(/^line \d+, column \d+: /) }]);
  });

  it('reports JSON syntax errors with line and column', () => {
    const { issues } = loadConfig('{\n  "version": 1,\n}', { schema, format: 'json' });
    expect(issues).toEqual([
      { path: '', message: 'line 3, column 1: expected a key (a string in double quotes)' },
    ]);
  });

  it('reports duplicate keys with their path (YAML)', () => {
    const text =
      'version: 1\naudiences:\n  a: { rule: { arg: channel, op: exists, value: true } }\n  a: { rule: { arg: channel, op: exists, value: false } }\n';
    expect(loadConfig(text, { schema, format: 'yaml' }).issues).toEqual([
      {
        path: 'audiences.a',
        message: 'duplicate key "a" at line 4, column 3 (first at line 3, column 3)',
      },
    ]);
  });

  it('reports duplicate keys with their path (JSON)', () => {
    const text =
      '{ "version": 1, "audiences": {\n "a": { "rule": { "arg": "channel", "op": "exists", "value": true } },\n "a": { "rule": { "arg": "channel", "op": "exists", "value": false } } } }';
    expect(loadConfig(text, { schema, format: 'json' }).issues).toEqual([
      {
        path: 'audiences.a',
        message: 'duplicate key "a" at line 3, column 2 (first at line 2, column 2)',
      },
    ]);
  });

  it('rejects an empty document', () => {
    expect(loadConfig('# nothing yet\n', { schema, format: 'yaml' }).issues).toEqual([
      { path: '', message: containing('got nothing') },
    ]);
  });
});

describe('reporting', () => {
  it('reports every independent problem at once', () => {
    const issues = issuesAfter({
      version: DELETE,
      'features.Footer': { gate: 'off' },
      'experiments[0].traffic': 200,
      'rollouts[0].values.steps': 'many',
      'qa.devices.qa-1.registered': 'yes',
    });
    expect(issues.map((i) => i.path)).toEqual([
      'version',
      'features.Footer.gate',
      'experiments[0].traffic',
      'rollouts[0].values.steps',
      'qa.devices.qa-1.registered',
    ]);
  });

  it('loadConfigOrThrow throws a ConfigError listing the issues one per line', () => {
    const text = JSON.stringify(
      applyEdits(baseDocument(), { version: 2, 'experiments[0].traffic': 200 }),
    );
    let error: unknown;
    try {
      loadConfigOrThrow(text, { schema, format: 'json' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, issues, code } = error as ConfigError;
    expect(code).toBe('CONFIG_INVALID');
    expect(issues).toHaveLength(2);
    expect(message.split('\n').slice(1)).toEqual([
      'version: unsupported version 2: iserver reads version 1',
      matching(/^experiments\[0\]\.traffic: expected a percentage/),
    ]);
  });

  it('loadConfigOrThrow returns the config of a valid file', () => {
    expect(
      loadConfigOrThrow(JSON.stringify(baseDocument()), { schema, format: 'json' }).version,
    ).toBe(1);
  });
});
