import { describe, expect, it } from 'vitest';
import { compileSafeRegex, MAX_PATTERN_LENGTH } from './compile-safe-regex.js';

function reason(pattern: string): string {
  const result = compileSafeRegex(pattern);
  if (result.ok) throw new Error(`expected ${pattern} to be refused`);
  return result.reason;
}

describe('compileSafeRegex', () => {
  it('compiles with the u flag only, for an unanchored search', () => {
    const result = compileSafeRegex('xb+c');
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.regex.flags).toBe('u');
    expect(result.regex.test('axbbbcd')).toBe(true);
    expect(result.regex.test('axc')).toBe(false);
    // No g/y flag: repeated use gives the same answer (no lastIndex state).
    expect([1, 2, 3].map(() => result.regex.test('xbc'))).toEqual([true, true, true]);
  });

  it('reports patterns that do not compile', () => {
    expect(reason('(')).toMatch(/^does not compile: .*Unterminated group/);
    expect(reason('[a-')).toMatch(/^does not compile: /);
    expect(reason('a{')).toMatch(/^does not compile: /); // an error under u, a literal without
    expect(reason('\\1')).toMatch(/^does not compile: /);
  });

  it(`refuses patterns longer than ${MAX_PATTERN_LENGTH} characters`, () => {
    expect(compileSafeRegex('a'.repeat(MAX_PATTERN_LENGTH)).ok).toBe(true);
    expect(reason('a'.repeat(MAX_PATTERN_LENGTH + 1))).toBe(
      `is refused: it is ${MAX_PATTERN_LENGTH + 1} characters long, the limit is ${MAX_PATTERN_LENGTH}`,
    );
  });

  it.each([
    ['(a)\\1', 'it uses a backreference ("\\1")'],
    ['(?<x>a)\\k<x>', 'it uses a backreference ("\\k<x>")'],
    ['a(?=b)', 'it uses a lookaround ("(?=b)")'],
    ['a(?!b)', 'it uses a lookaround ("(?!b)")'],
    ['(?<=a)b', 'it uses a lookaround ("(?<=a)")'],
    ['(?<!a)b', 'it uses a lookaround ("(?<!a)")'],
  ])('refuses %s: %s', (pattern, why) => {
    expect(reason(pattern)).toBe(`is refused: ${why}`);
  });

  it.each([
    [
      '(a+)+',
      '"a+" inside the repeated group "(a+)+" can start with \'a\', which may also follow it',
    ],
    ['^(a+)+$', '"a+" inside the repeated group "(a+)+"'],
    ['(\\w+\\s?)*$', '"\\w+" inside the repeated group "(\\w+\\s?)*"'],
    ['^((ab)*a)*$', '"(ab)*" inside the repeated group "((ab)*a)*"'],
    ['^(a*)*$', 'the repeated group "(a*)*" can match the empty string'],
    ['^(a?){3}$', 'the repeated group "(a?){3}" can match the empty string'],
    ['^(a|)+$', 'the repeated group "(a|)+" can match the empty string'],
    ['^(a|a)*$', 'the branches "a" and "a" can both start with \'a\''],
    ['^(a|ab)+$', 'the branches "a" and "ab" can both start with \'a\''],
    ['^(\\d|\\w)+$', 'the branches "\\d" and "\\w" can both start with \'0\''],
    ['^(?:x(a|)y)+$', 'has a branch that can match the empty string ("")'],
  ])('refuses nested or ambiguous repetition: %s', (pattern, why) => {
    expect(reason(pattern)).toContain(why);
  });

  it.each([
    ['^a+a+b', '"a+" and "a+" can both match \'a\', so a failing match retries'],
    [
      '^\\w+\\s*\\w+$',
      '"\\w+" and "\\w+" can both match \'a\', and so can everything between them',
    ],
    ['^.*a.*b', '".*" and ".*" can both match \'a\', and so can everything between them'],
    ['^[a-z]+[a-z0-9]*$', '"[a-z]+" and "[a-z0-9]*" can both match \'a\''],
    ['^(a+|b)a+y', '"(a+|b)" and "a+" can both match \'a\''],
    ['^a?a?a?a?aaaa$', '"a?" and "a?" can both match \'a\''],
  ])('refuses overlapping quantifiers in sequence: %s', (pattern, why) => {
    expect(reason(pattern)).toContain(why);
  });

  it.each([
    ['\\s+$', 'write "\\s" instead'],
    ['^\\s+|\\s+$', 'write "\\s" instead'],
    ['\\d+px', 'write "\\d" instead'],
    ['a{2,}b', 'write "a{2}" instead'],
    ['.*foo', 'drop it'],
    ['.*foo.*', 'drop it'],
    ['x?\\d*y', '"\\d*" at the start'],
    ['(\\d+\\.){3}', 'anchor the pattern with ^'],
  ])('refuses a far-repeating quantifier leading an unanchored search: %s', (pattern, fix) => {
    const why = reason(pattern);
    expect(why).toContain(
      'at the start of an unanchored pattern is re-scanned from every start position',
    );
    expect(why).toContain(fix);
  });

  const SAFE = [
    '',
    'foo',
    '^Mozilla.*Chrome',
    'Mozilla.*Chrome',
    '^(uk|gb)$',
    '^[a-z0-9-]+$',
    '(\\d{1,3}\\.){3}\\d{1,3}',
    '^([a-z0-9]+\\.)+[a-z]{2,}$',
    '^[a-z0-9._%+-]+@[a-z0-9.-]+\\.[a-z]{2,}$',
    '^/products/[^/]+/reviews$',
    '\\bfoo\\b',
    '\\b\\w+x',
    'colou?r',
    '^-?\\d+(\\.\\d+)?$',
    '^\\p{Lu}+$',
    '(foo|bar)+',
    '^(?:[a-z]+-)*[a-z]+$',
    '^(\\w+\\s)*\\w+$',
    '^(?:\\d{3}-){2}\\d{4}$',
    '^[\\u{1F600}-\\u{1F64F}]+$',
    'a{2,5}b',
    'foo.*',
    '[a-z]+',
    '(iPhone|iPad).*OS (\\d+)_(\\d+)',
    '^(a|b)*c$',
  ];

  it.each(SAFE)('accepts the ordinary pattern %j', (pattern) => {
    expect(compileSafeRegex(pattern)).toEqual({ ok: true, regex: new RegExp(pattern, 'u') });
  });

  it('runs every accepted pattern in linear time on adversarial input', () => {
    const units = ['a', '0', ' ', '.', '-', 'ab', 'a.', '0.', 'a-', 'a ', 'foo', 'Mozilla'];
    for (const pattern of SAFE) {
      const result = compileSafeRegex(pattern);
      if (!result.ok) throw new Error(pattern);
      for (const unit of units) {
        const input = unit.repeat(Math.ceil(20_000 / unit.length)) + '!';
        const started = performance.now();
        result.regex.test(input);
        // Linear runs take about a millisecond here; a quadratic one takes seconds.
        expect(performance.now() - started, `${pattern} on ${unit}…`).toBeLessThan(250);
      }
    }
  });
});
