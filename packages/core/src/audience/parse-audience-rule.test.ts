import { describe, expect, it } from 'vitest';
import type { AudienceIssue } from './audience-rule.js';
import { parseAudienceRule } from './parse-audience-rule.js';

const PATH = 'audiences.uk-web.rule';

function issuesOf(raw: unknown): AudienceIssue[] {
  const { rule, issues } = parseAudienceRule(raw, PATH);
  expect(rule).toBeUndefined();
  return issues;
}

function compiled(raw: unknown): unknown {
  const { rule, issues } = parseAudienceRule(raw, PATH);
  expect(issues).toEqual([]);
  return rule;
}

describe('parseAudienceRule: accepted rules', () => {
  it('compiles every kind of node', () => {
    expect(
      compiled({
        all: [
          { any: [{ arg: 'channel', op: 'in', value: ['web', 'app'] }, { audience: 'staff' }] },
          { not: { featureArg: 'size', op: 'gt', value: 3 } },
          { plugin: 'geo.country', op: 'eq', value: 'GB' },
          { event: 'AddToCart', op: 'gte', value: 1 },
        ],
      }),
    ).toEqual({
      kind: 'all',
      rules: [
        {
          kind: 'any',
          rules: [
            {
              kind: 'compare',
              source: 'arg',
              name: 'channel',
              test: { op: 'in', value: ['web', 'app'] },
            },
            { kind: 'audience', id: 'staff', path: `${PATH}.all[0].any[1].audience` },
          ],
        },
        {
          kind: 'not',
          rule: {
            kind: 'compare',
            source: 'featureArg',
            name: 'size',
            test: { op: 'gt', value: 3 },
          },
        },
        { kind: 'compare', source: 'plugin', name: 'geo.country', test: { op: 'eq', value: 'GB' } },
        { kind: 'compare', source: 'event', name: 'AddToCart', test: { op: 'gte', value: 1 } },
      ],
    });
  });

  it.each([
    ['eq', 'web'],
    ['eq', 3],
    ['eq', true],
    ['eq', ['a', 1]],
    ['eq', { a: [1] }],
    ['neq', 'web'],
    ['in', ['web', 2, false]],
    ['notIn', ['web']],
    ['lt', 3],
    ['lte', '2026-01-01'],
    ['gt', -1.5],
    ['gte', 'b'],
    ['contains', 'sub'],
    ['contains', 42],
    ['contains', { id: 1 }],
    ['startsWith', 'pre'],
    ['endsWith', ''],
    ['exists', true],
    ['exists', false],
  ])('accepts %s with %j', (op, value) => {
    expect(compiled({ arg: 'x', op, value })).toEqual({
      kind: 'compare',
      source: 'arg',
      name: 'x',
      test: { op, value },
    });
  });

  it('compiles matches once, keeping the pattern', () => {
    const rule = compiled({ plugin: 'ua', op: 'matches', value: '^Mozilla/5\\.0 .*Chrome' });
    expect(rule).toMatchObject({ test: { op: 'matches', value: '^Mozilla/5\\.0 .*Chrome' } });
    expect(rule).toHaveProperty('test.regex', /^Mozilla\/5\.0 .*Chrome/u);
  });

  it.each(['eq', 'neq', 'lt', 'lte', 'gt', 'gte'])('accepts %s on event counts', (op) => {
    expect(compiled({ event: 'Click', op, value: 2 })).toMatchObject({
      source: 'event',
      test: { op, value: 2 },
    });
  });

  it('accepts in / notIn lists of numbers on event counts', () => {
    expect(compiled({ event: 'Click', op: 'in', value: [0, 1] })).toMatchObject({
      test: { op: 'in' },
    });
    expect(compiled({ event: 'Click', op: 'notIn', value: [0] })).toMatchObject({
      test: { op: 'notIn' },
    });
  });

  it('works at the document root (empty path)', () => {
    expect(parseAudienceRule({ audience: 'a' }, '')).toEqual({
      rule: { kind: 'audience', id: 'a', path: 'audience' },
      issues: [],
    });
    expect(parseAudienceRule({ arg: 'a', op: 'eq' }, '').issues).toEqual([
      { path: 'value', message: 'is required' },
    ]);
  });
});

describe('parseAudienceRule: refused rules', () => {
  it.each([
    ['a string', 'web', 'got "web"'],
    ['null', null, 'got null'],
    ['a list', [], 'got a list'],
    ['a number', 5, 'got 5'],
    ['a class instance', new Date(0), 'got a Date'],
  ])('refuses %s where a rule belongs', (_, raw, got) => {
    expect(issuesOf(raw)).toEqual([
      {
        path: PATH,
        message: `expected a rule (an object with all, any, not, arg, featureArg, plugin, event or audience), ${got}`,
      },
    ]);
  });

  it('refuses an object with no node key, naming the near miss', () => {
    expect(issuesOf({})).toEqual([
      {
        path: PATH,
        message:
          'a rule has exactly one of all, any, not, arg, featureArg, plugin, event or audience',
      },
    ]);
    expect(issuesOf({ args: 'channel', op: 'eq', value: 'web' })).toEqual([
      {
        path: PATH,
        message:
          'a rule has exactly one of all, any, not, arg, featureArg, plugin, event or audience',
      },
      { path: `${PATH}.args`, message: 'unknown key "args" (did you mean "arg"?)' },
    ]);
  });

  it('refuses two node keys in one object', () => {
    expect(issuesOf({ arg: 'a', event: 'b', op: 'eq', value: 1 })).toEqual([
      {
        path: PATH,
        message:
          'a rule has exactly one of all, any, not, arg, featureArg, plugin, event or audience; it has arg and event',
      },
    ]);
  });

  it('refuses unknown keys: a typo must not pass', () => {
    expect(issuesOf({ arg: 'a', op: 'eq', value: 1, vlaue: 2 })).toEqual([
      { path: `${PATH}.vlaue`, message: 'unknown key "vlaue" (did you mean "value"?)' },
    ]);
    expect(issuesOf({ all: [{ audience: 'x' }], op: 'eq' })).toEqual([
      { path: `${PATH}.op`, message: 'unknown key "op"' },
    ]);
    expect(issuesOf({ audience: 'x', comment: 'hi' })).toEqual([
      { path: `${PATH}.comment`, message: 'unknown key "comment"' },
    ]);
  });

  it.each([
    [{ all: 'x' }, `${PATH}.all`, 'expected a non-empty list of rules, got "x"'],
    [{ any: [] }, `${PATH}.any`, 'expected a non-empty list of rules, got a list'],
    [{ audience: 3 }, `${PATH}.audience`, 'expected an audience id, got 3'],
    [{ audience: '' }, `${PATH}.audience`, 'expected an audience id, got ""'],
    [{ arg: 5, op: 'eq', value: 1 }, `${PATH}.arg`, 'expected a name, got 5'],
    [{ plugin: '', op: 'eq', value: 1 }, `${PATH}.plugin`, 'expected a name, got ""'],
    [
      { arg: 'a', value: 1 },
      `${PATH}.op`,
      'is required (one of eq, neq, in, notIn, lt, lte, gt, gte, contains, startsWith, endsWith, matches, exists)',
    ],
    [{ arg: 'a', op: 'eq' }, `${PATH}.value`, 'is required'],
  ])('refuses a malformed node %j', (raw, path, message) => {
    expect(issuesOf(raw)).toEqual([{ path, message }]);
  });

  it.each([
    ['bogus', ''],
    ['equals', ' (did you mean "eq"?)'],
    ['startwith', ' (did you mean "startsWith"?)'],
    ['notin', ' (did you mean "notIn"?)'],
  ])('refuses the unknown operator %s', (op, hint) => {
    expect(issuesOf({ arg: 'a', op, value: 1 })).toEqual([
      {
        path: `${PATH}.op`,
        message: `unknown operator "${op}"${hint}; expected one of eq, neq, in, notIn, lt, lte, gt, gte, contains, startsWith, endsWith, matches, exists`,
      },
    ]);
    expect(issuesOf({ arg: 'a', op: 7, value: 1 })[0]?.message).toMatch(/^unknown operator 7;/);
  });

  it.each([
    ['exists', 'yes', '"exists" needs true or false, got "yes"'],
    ['startsWith', 5, '"startsWith" needs a string, got 5'],
    ['endsWith', ['a'], '"endsWith" needs a string, got a list'],
    ['lt', true, '"lt" needs a number or a string, got true'],
    ['gte', { a: 1 }, '"gte" needs a number or a string, got an object'],
    ['gt', Number.NaN, '"gt" needs a number or a string, got NaN'],
    ['in', 'web', '"in" needs a non-empty list, got "web"'],
    ['notIn', [], '"notIn" needs a non-empty list, got a list'],
    ['matches', 5, '"matches" needs a regular expression (a string), got 5'],
    [
      'eq',
      null,
      'null never matches (a comparison with an absent or null value is false); use "exists"',
    ],
    [
      'contains',
      null,
      'null never matches (a comparison with an absent or null value is false); use "exists"',
    ],
    ['eq', Number.POSITIVE_INFINITY, 'expected JSON data, got Infinity'],
    ['neq', new Date(0), 'expected JSON data, got a Date'],
    ['eq', { when: new Date(0) }, 'expected JSON data, got an object'],
  ])('refuses %s with the value %s', (op, value, message) => {
    expect(issuesOf({ arg: 'a', op, value })).toEqual([{ path: `${PATH}.value`, message }]);
  });

  it('names the offending list element', () => {
    expect(issuesOf({ arg: 'a', op: 'in', value: ['x', null, 'y', () => 1] })).toEqual([
      {
        path: `${PATH}.value[1]`,
        message:
          'null never matches (a comparison with an absent or null value is false); use "exists"',
      },
      { path: `${PATH}.value[3]`, message: 'expected JSON data, got a function' },
    ]);
  });

  it('refuses non-numeric operators and values on event counts', () => {
    for (const op of ['contains', 'startsWith', 'endsWith', 'matches', 'exists']) {
      expect(issuesOf({ event: 'Click', op, value: 1 })).toEqual([
        {
          path: `${PATH}.op`,
          message: `"${op}" does not apply to an event count (a number, 0 when never signalled); use eq, neq, in, notIn, lt, lte, gt, gte`,
        },
      ]);
    }
    expect(issuesOf({ event: 'Click', op: 'gte', value: '1' })).toEqual([
      { path: `${PATH}.value`, message: '"gte" needs a number, got "1"' },
    ]);
    expect(issuesOf({ event: 'Click', op: 'in', value: [1, 'two'] })).toEqual([
      { path: `${PATH}.value[1]`, message: 'expected a number, got "two"' },
    ]);
    expect(issuesOf({ event: 'Click', op: 'eq', value: true })).toEqual([
      { path: `${PATH}.value`, message: 'expected a number, got true' },
    ]);
  });

  it('refuses unsafe and broken regular expressions, naming the pattern', () => {
    expect(issuesOf({ arg: 'ua', op: 'matches', value: '^(a+)+$' })).toEqual([
      {
        path: `${PATH}.value`,
        message:
          'regular expression "^(a+)+$" is refused: "a+" inside the repeated group "(a+)+" can start with \'a\', which may also follow it, so the input can be divided between repetitions in exponentially many ways',
      },
    ]);
    expect(issuesOf({ arg: 'ua', op: 'matches', value: '(' })[0]?.message).toMatch(
      /^regular expression "\(" does not compile: /,
    );
    expect(issuesOf({ arg: 'ua', op: 'matches', value: 'x'.repeat(300) })[0]?.message).toBe(
      `regular expression "${'x'.repeat(57)}..." is refused: it is 300 characters long, the limit is 256`,
    );
  });

  it('reports every problem of a tree, each at its own path', () => {
    expect(
      issuesOf({
        all: [
          { arg: 'country', op: 'eq', value: 'GB' },
          { arg: 'channel', op: 'equal', value: 'web' },
          { not: { plugin: 'p', op: 'exists', value: 'no' } },
          { any: [{ audience: 'a' }, { event: 'E', op: 'gte' }] },
        ],
      }),
    ).toEqual([
      {
        path: `${PATH}.all[1].op`,
        message:
          'unknown operator "equal" (did you mean "eq"?); expected one of eq, neq, in, notIn, lt, lte, gt, gte, contains, startsWith, endsWith, matches, exists',
      },
      { path: `${PATH}.all[2].not.value`, message: '"exists" needs true or false, got "no"' },
      { path: `${PATH}.all[3].any[1].value`, message: 'is required' },
    ]);
  });
});
