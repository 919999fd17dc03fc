import { describe, expect, it } from 'vitest';
import { audienceOrder, audienceReferences, checkAudienceReferences } from './audience-graph.js';
import type { CompiledRule } from './audience-rule.js';
import { parseAudienceRule } from './parse-audience-rule.js';

/** Compiles `audiences.<id>.rule` for each id, as the configuration loader would. */
function audiences(raw: Record<string, unknown>): Record<string, CompiledRule> {
  const defs: Record<string, CompiledRule> = {};
  for (const [id, rule] of Object.entries(raw)) {
    const parsed = parseAudienceRule(rule, `audiences.${id}.rule`);
    expect(parsed.issues).toEqual([]);
    defs[id] = parsed.rule!;
  }
  return defs;
}

const ref = (id: string): unknown => ({ audience: id });
const leaf = { arg: 'x', op: 'exists', value: true };

describe('audienceReferences', () => {
  it('lists the references of a rule in document order, with their paths', () => {
    const { a } = audiences({
      a: { all: [ref('b'), { not: ref('c') }, { any: [leaf, ref('b')] }] },
    });
    expect(audienceReferences(a!)).toEqual([
      { id: 'b', path: 'audiences.a.rule.all[0].audience' },
      { id: 'c', path: 'audiences.a.rule.all[1].not.audience' },
      { id: 'b', path: 'audiences.a.rule.all[2].any[1].audience' },
    ]);
    expect(audienceReferences(audiences({ l: leaf }).l!)).toEqual([]);
  });
});

describe('checkAudienceReferences', () => {
  it('accepts references to known audiences', () => {
    expect(
      checkAudienceReferences(audiences({ a: ref('b'), b: { all: [leaf, ref('c')] }, c: leaf })),
    ).toEqual([]);
  });

  it('reports unknown audience ids where they are written', () => {
    expect(
      checkAudienceReferences(audiences({ a: { any: [ref('b'), ref('nope')] }, b: leaf })),
    ).toEqual([{ path: 'audiences.a.rule.any[1].audience', message: 'unknown audience "nope"' }]);
  });

  it('does not take Object.prototype names for audiences', () => {
    expect(
      checkAudienceReferences(audiences({ a: { any: [ref('constructor'), ref('__proto__')] } })),
    ).toEqual([
      { path: 'audiences.a.rule.any[0].audience', message: 'unknown audience "constructor"' },
      { path: 'audiences.a.rule.any[1].audience', message: 'unknown audience "__proto__"' },
    ]);
  });

  it('names a self reference', () => {
    expect(checkAudienceReferences(audiences({ a: { all: [leaf, ref('a')] } }))).toEqual([
      { path: 'audiences.a.rule.all[1].audience', message: 'audience cycle: a -> a' },
    ]);
  });

  it('names a longer cycle once, in the order it runs', () => {
    expect(
      checkAudienceReferences(
        audiences({ a: ref('b'), b: ref('c'), c: { not: ref('a') }, d: ref('a') }),
      ),
    ).toEqual([
      { path: 'audiences.c.rule.not.audience', message: 'audience cycle: a -> b -> c -> a' },
    ]);
  });

  it('reports separate cycles separately, next to unknown ids', () => {
    expect(
      checkAudienceReferences(
        audiences({ a: ref('b'), b: ref('a'), c: { any: [ref('d'), ref('x')] }, d: ref('c') }),
      ),
    ).toEqual([
      { path: 'audiences.c.rule.any[1].audience', message: 'unknown audience "x"' },
      { path: 'audiences.b.rule.audience', message: 'audience cycle: a -> b -> a' },
      { path: 'audiences.d.rule.audience', message: 'audience cycle: c -> d -> c' },
    ]);
  });
});

describe('audienceOrder', () => {
  it('puts every audience after the ones it refers to, keeping file order otherwise', () => {
    const order = audienceOrder(
      audiences({
        top: { all: [ref('mid'), ref('base')] },
        mid: ref('base'),
        base: leaf,
        alone: leaf,
      }),
    );
    expect(order).toEqual(['base', 'mid', 'top', 'alone']);
  });

  it('ignores unknown ids', () => {
    expect(audienceOrder(audiences({ a: ref('missing'), b: leaf }))).toEqual(['a', 'b']);
  });

  it('throws on a cycle', () => {
    expect(() => audienceOrder(audiences({ a: ref('b'), b: ref('a') }))).toThrow(
      'audience cycle: a -> b -> a',
    );
  });

  it('handles an empty definition set', () => {
    expect(audienceOrder({})).toEqual([]);
    expect(checkAudienceReferences({})).toEqual([]);
  });
});
