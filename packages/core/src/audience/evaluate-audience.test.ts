import { describe, expect, it } from 'vitest';
import type { CompiledRule } from './audience-rule.js';
import { evaluateRule, type AudienceContext } from './evaluate-audience.js';
import { parseAudienceRule } from './parse-audience-rule.js';

interface World {
  args?: Record<string, unknown>;
  featureArgs?: Record<string, unknown>;
  plugins?: Record<string, unknown>;
  events?: Record<string, number>;
  audiences?: Record<string, boolean>;
}

/** A context over plain records, logging which lookups the evaluator made. */
function context(world: World, calls: string[] = []): AudienceContext {
  return {
    sessionArg: (name) => (calls.push(`arg:${name}`), world.args?.[name]),
    featureArg: (name) => (calls.push(`featureArg:${name}`), world.featureArgs?.[name]),
    plugin: (name) => (calls.push(`plugin:${name}`), world.plugins?.[name]),
    eventCount: (name) => (calls.push(`event:${name}`), world.events?.[name] ?? 0),
    audience: (id) => (calls.push(`audience:${id}`), world.audiences?.[id] ?? false),
  };
}

function rule(raw: unknown): CompiledRule {
  const { rule: compiled, issues } = parseAudienceRule(raw, 'rule');
  expect(issues).toEqual([]);
  return compiled!;
}

/** Evaluates `{ arg: 'x', op, value }` with the session arg x set to `left` (absent: undefined). */
function test(op: string, value: unknown, left: unknown): boolean {
  return evaluateRule(
    rule({ arg: 'x', op, value }),
    context({ args: left === undefined ? {} : { x: left } }),
  );
}

const T = { arg: 'on', op: 'eq', value: true };
const F = { arg: 'on', op: 'eq', value: false };
const ON = context({ args: { on: true } });

describe('evaluateRule: nodes', () => {
  it('all is true when every child is, and stops at the first false', () => {
    expect(evaluateRule(rule({ all: [T, T] }), ON)).toBe(true);
    const calls: string[] = [];
    expect(
      evaluateRule(
        rule({ all: [T, F, { arg: 'later', op: 'exists', value: true }] }),
        context({ args: { on: true } }, calls),
      ),
    ).toBe(false);
    expect(calls).toEqual(['arg:on', 'arg:on']);
  });

  it('any is true when a child is, and stops at the first true', () => {
    expect(evaluateRule(rule({ any: [F, F] }), ON)).toBe(false);
    const calls: string[] = [];
    expect(
      evaluateRule(
        rule({ any: [F, T, { arg: 'later', op: 'exists', value: true }] }),
        context({ args: { on: true } }, calls),
      ),
    ).toBe(true);
    expect(calls).toEqual(['arg:on', 'arg:on']);
  });

  it('not negates', () => {
    expect(evaluateRule(rule({ not: T }), ON)).toBe(false);
    expect(evaluateRule(rule({ not: F }), ON)).toBe(true);
    expect(evaluateRule(rule({ not: { not: T } }), ON)).toBe(true);
  });

  it('audience asks the caller for the membership', () => {
    const calls: string[] = [];
    const ctx = context({ audiences: { staff: true } }, calls);
    expect(evaluateRule(rule({ audience: 'staff' }), ctx)).toBe(true);
    expect(evaluateRule(rule({ audience: 'other' }), ctx)).toBe(false);
    expect(calls).toEqual(['audience:staff', 'audience:other']);
  });

  it('reads each source from its own place', () => {
    const ctx = context({
      args: { n: 'session' },
      featureArgs: { n: 'feature' },
      plugins: { n: 'plugin' },
      events: { n: 4 },
    });
    expect(evaluateRule(rule({ arg: 'n', op: 'eq', value: 'session' }), ctx)).toBe(true);
    expect(evaluateRule(rule({ featureArg: 'n', op: 'eq', value: 'feature' }), ctx)).toBe(true);
    expect(evaluateRule(rule({ plugin: 'n', op: 'eq', value: 'plugin' }), ctx)).toBe(true);
    expect(evaluateRule(rule({ event: 'n', op: 'eq', value: 4 }), ctx)).toBe(true);
  });

  it('treats a feature arg the feature does not have as absent', () => {
    const ctx = context({ featureArgs: {} });
    expect(evaluateRule(rule({ featureArg: 'size', op: 'gt', value: 1 }), ctx)).toBe(false);
    expect(evaluateRule(rule({ featureArg: 'size', op: 'neq', value: 1 }), ctx)).toBe(true);
    expect(evaluateRule(rule({ featureArg: 'size', op: 'exists', value: false }), ctx)).toBe(true);
  });

  it('counts events from zero', () => {
    expect(evaluateRule(rule({ event: 'AddToCart', op: 'gte', value: 1 }), context({}))).toBe(
      false,
    );
    expect(
      evaluateRule(
        rule({ event: 'AddToCart', op: 'gte', value: 1 }),
        context({ events: { AddToCart: 2 } }),
      ),
    ).toBe(true);
    expect(evaluateRule(rule({ event: 'AddToCart', op: 'eq', value: 0 }), context({}))).toBe(true);
    expect(
      evaluateRule(
        rule({ event: 'AddToCart', op: 'in', value: [1, 2] }),
        context({ events: { AddToCart: 2 } }),
      ),
    ).toBe(true);
  });
});

describe('evaluateRule: operators', () => {
  // Every operator with a value that a present left side would match, for the absent/null rule.
  const ANY_OP: [string, unknown][] = [
    ['eq', 'a'],
    ['neq', 'a'],
    ['in', ['a']],
    ['notIn', ['a']],
    ['lt', 'z'],
    ['lte', 'z'],
    ['gt', ''],
    ['gte', ''],
    ['contains', 'a'],
    ['startsWith', ''],
    ['endsWith', ''],
    ['matches', 'a?'],
    ['exists', true],
    ['exists', false],
  ];

  it.each(ANY_OP)(
    '%s %j is false for an absent or null left side, except neq and exists: false',
    (op, value) => {
      const expected = op === 'neq' || (op === 'exists' && value === false);
      expect(test(op, value, undefined)).toBe(expected);
      expect(test(op, value, null)).toBe(expected);
    },
  );

  it('exists tells present from absent or null', () => {
    expect(test('exists', true, 'x')).toBe(true);
    expect(test('exists', true, 0)).toBe(true);
    expect(test('exists', true, false)).toBe(true);
    expect(test('exists', false, '')).toBe(false);
  });

  it('eq / neq compare JSON data without coercion', () => {
    expect(test('eq', 'web', 'web')).toBe(true);
    expect(test('eq', 'web', 'Web')).toBe(false);
    expect(test('eq', 1, 1)).toBe(true);
    expect(test('eq', 1, '1')).toBe(false);
    expect(test('eq', true, true)).toBe(true);
    expect(test('eq', true, 1)).toBe(false);
    expect(test('eq', ['a', 1], ['a', 1])).toBe(true);
    expect(test('eq', ['a', 1], ['a', 1, 2])).toBe(false);
    expect(test('eq', { a: 1, b: [2] }, { b: [2], a: 1 })).toBe(true);
    expect(test('eq', { a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(test('eq', { a: 1 }, ['a'])).toBe(false);
    expect(test('eq', ['a'], { 0: 'a' })).toBe(false);
    expect(test('neq', 'web', 'app')).toBe(true);
    expect(test('neq', 'web', 'web')).toBe(false);
    expect(test('neq', { a: 1 }, { a: 2 })).toBe(true);
  });

  it('in / notIn test list membership', () => {
    expect(test('in', ['web', 'app'], 'app')).toBe(true);
    expect(test('in', ['web', 'app'], 'tv')).toBe(false);
    expect(test('in', [1, 2], '1')).toBe(false);
    expect(test('in', [[1], { a: 1 }], { a: 1 })).toBe(true);
    expect(test('notIn', ['web', 'app'], 'tv')).toBe(true);
    expect(test('notIn', ['web', 'app'], 'web')).toBe(false);
  });

  it('lt / lte / gt / gte order numbers with numbers and strings with strings', () => {
    expect([test('lt', 5, 4), test('lt', 5, 5), test('lte', 5, 5), test('lte', 5, 6)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect([test('gt', 5, 6), test('gt', 5, 5), test('gte', 5, 5), test('gte', 5, 4)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(test('lt', 'b', 'a')).toBe(true);
    expect(test('gte', '2026-11-01T00:00:00Z', '2026-11-20T12:00:00Z')).toBe(true);
    expect(test('lt', 'B', 'a')).toBe(false); // code unit order: 'a' sorts after 'B'
  });

  it('lt / lte / gt / gte are false for mixed kinds and non-orderable values', () => {
    expect(test('lt', 10, '9')).toBe(false);
    expect(test('gt', '10', 11)).toBe(false);
    expect(test('gte', 0, false)).toBe(false);
    expect(test('lte', 0, [0])).toBe(false);
    expect(test('lt', 1, Number.NaN)).toBe(false);
    expect(test('gte', 1, Number.NaN)).toBe(false);
  });

  it('contains finds substrings of strings and elements of lists', () => {
    expect(test('contains', 'ell', 'hello')).toBe(true);
    expect(test('contains', 'xyz', 'hello')).toBe(false);
    expect(test('contains', 1, 'a1')).toBe(false); // no coercion of the value
    expect(test('contains', 'b', ['a', 'b'])).toBe(true);
    expect(test('contains', 'b', ['a', 'bc'])).toBe(false);
    expect(test('contains', 2, [1, 2])).toBe(true);
    expect(test('contains', { id: 2 }, [{ id: 1 }, { id: 2 }])).toBe(true);
    expect(test('contains', 'a', { a: 1 })).toBe(false);
    expect(test('contains', 1, 12)).toBe(false);
  });

  it('startsWith / endsWith need a string', () => {
    expect(test('startsWith', 'he', 'hello')).toBe(true);
    expect(test('startsWith', 'lo', 'hello')).toBe(false);
    expect(test('endsWith', 'lo', 'hello')).toBe(true);
    expect(test('endsWith', 'he', 'hello')).toBe(false);
    expect(test('startsWith', '1', 12)).toBe(false);
    expect(test('endsWith', 'a', ['a'])).toBe(false);
  });

  it('matches searches strings (unanchored unless the pattern anchors)', () => {
    expect(test('matches', 'Chrome/\\d', 'Mozilla/5.0 Chrome/120')).toBe(true);
    expect(test('matches', '^Chrome', 'Mozilla/5.0 Chrome/120')).toBe(false);
    expect(test('matches', '^(uk|gb)$', 'gb')).toBe(true);
    expect(test('matches', '^(uk|gb)$', 'gbr')).toBe(false);
    expect(test('matches', '^.$', '😀')).toBe(true); // u flag: one code point
    expect(test('matches', '1', 1)).toBe(false); // no coercion
    expect(test('matches', 'a', ['a'])).toBe(false);
  });
});
