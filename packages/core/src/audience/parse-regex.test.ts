import { describe, expect, it } from 'vitest';
import { ANY_CHAR, complement, DIGIT, DOT, SPACE, WORD } from './char-set.js';
import { parseRegex, type RegexAtom } from './parse-regex.js';

/** The atoms of a one-branch pattern. */
function atoms(pattern: string): RegexAtom[] {
  return parseRegex(pattern).branches[0]!.map((t) => t.atom);
}
const set = (pattern: string): readonly number[] => {
  const [atom] = atoms(pattern);
  if (atom?.kind !== 'char') throw new Error(pattern);
  return atom.set;
};

describe('parseRegex', () => {
  it('reads quantifiers, lazy ones too', () => {
    const terms = parseRegex('a*b+?c?d{2}e{2,}f{2,5}?g').branches[0]!;
    expect(terms.map((t) => [t.min, t.max])).toEqual([
      [0, Infinity],
      [1, Infinity],
      [0, 1],
      [2, 2],
      [2, Infinity],
      [2, 5],
      [1, 1],
    ]);
    expect(terms.map((t) => t.end - t.start)).toEqual([2, 3, 2, 4, 5, 7, 1]);
  });

  it('reads alternations and groups of every kind', () => {
    const root = parseRegex('a|(b|c)(?:d)(?<n>e)(?=f)');
    expect(root.branches).toHaveLength(2);
    expect(root.branches[1]!.map((t) => t.atom.kind)).toEqual([
      'group',
      'group',
      'group',
      'lookaround',
    ]);
  });

  it('reads class escapes, ranges, negation and character escapes', () => {
    expect(set('\\d')).toEqual(DIGIT);
    expect(set('\\W')).toEqual(complement(WORD));
    expect(set('\\s')).toEqual(SPACE);
    expect(set('.')).toEqual(DOT);
    expect(set('\\p{L}')).toEqual(ANY_CHAR);
    expect(set('[a-c\\d_]')).toEqual([0x30, 0x39, 0x5f, 0x5f, 0x61, 0x63]);
    expect(set('[^\\x00-\\x{10}]'.replace('\\x{10}', '\\u0010'))).toEqual(complement([0, 0x10]));
    expect(set('[\\b]')).toEqual([8, 8]);
    expect(set('\\u{1F600}')).toEqual([0x1f600, 0x1f600]);
    expect(set('\\uD83D\\uDE00')).toEqual([0x1f600, 0x1f600]);
    expect(set('😀')).toEqual([0x1f600, 0x1f600]);
    expect(set('\\cJ')).toEqual([10, 10]);
    expect(set('\\.')).toEqual([0x2e, 0x2e]);
    expect(set('[\\-\\]]')).toEqual([0x2d, 0x2d, 0x5d, 0x5d]);
  });

  it('reads assertions and backreferences', () => {
    expect(atoms('^\\b\\B$').map((a) => a.kind === 'assertion' && a.anchor)).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(atoms('(a)\\1(?<x>b)\\k<x>').map((a) => a.kind)).toEqual([
      'group',
      'backreference',
      'group',
      'backreference',
    ]);
  });
});
