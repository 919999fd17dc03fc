/**
 * A small parser for ECMAScript regular expressions with the `u` flag, producing just what the
 * backtracking check needs: alternations, sequences, quantifiers, and the characters each atom
 * can match. It assumes the pattern already compiled with `new RegExp(pattern, 'u')`, whose
 * strict syntax (no Annex B leniency) makes every construct unambiguous to read.
 */
import {
  ANY_CHAR,
  charSet,
  complement,
  DIGIT,
  DOT,
  EMPTY_SET,
  SPACE,
  union,
  WORD,
  type CharSet,
} from './char-set.js';

export interface RegexAlternation {
  readonly branches: readonly RegexSequence[];
  /** Source span, for messages. */
  readonly start: number;
  readonly end: number;
}

export type RegexSequence = readonly RegexTerm[];

export type RegexAtom =
  | { readonly kind: 'char'; readonly set: CharSet }
  | { readonly kind: 'group'; readonly body: RegexAlternation }
  /** `^ $ \b \B`: zero-width, can fail. `anchor` is true for `^` (no `m` flag: input start). */
  | { readonly kind: 'assertion'; readonly anchor: boolean }
  | { readonly kind: 'backreference' }
  | { readonly kind: 'lookaround'; readonly body: RegexAlternation };

/** An atom with its quantifier (`{1,1}` when it has none); `max` may be `Infinity`. */
export interface RegexTerm {
  readonly atom: RegexAtom;
  readonly min: number;
  readonly max: number;
  /** Source span of the whole term, quantifier included, and where the atom ends. */
  readonly start: number;
  readonly atomEnd: number;
  readonly end: number;
}

const CONTROL_ESCAPES: Readonly<Record<string, number>> = { t: 9, n: 10, v: 11, f: 12, r: 13 };

/** Parses a pattern that is valid under the `u` flag. */
export function parseRegex(pattern: string): RegexAlternation {
  let pos = 0;
  const peek = (offset = 0): string => pattern.charAt(pos + offset);

  function alternation(): RegexAlternation {
    const start = pos;
    const branches = [sequence()];
    while (peek() === '|') {
      pos++;
      branches.push(sequence());
    }
    return { branches, start, end: pos };
  }

  function sequence(): RegexTerm[] {
    const terms: RegexTerm[] = [];
    while (pos < pattern.length && peek() !== '|' && peek() !== ')') terms.push(term());
    return terms;
  }

  function term(): RegexTerm {
    const start = pos;
    const a = atom();
    const atomEnd = pos;
    let min = 1;
    let max = 1;
    const q = peek();
    if (q === '*' || q === '+' || q === '?') {
      pos++;
      min = q === '+' ? 1 : 0;
      max = q === '?' ? 1 : Infinity;
    } else if (q === '{') {
      const close = pattern.indexOf('}', pos);
      const [lo = '0', hi] = pattern.slice(pos + 1, close).split(',');
      min = Number(lo);
      max = hi === undefined ? min : hi === '' ? Infinity : Number(hi);
      pos = close + 1;
    }
    // A lazy quantifier backtracks just as much as a greedy one: same analysis.
    if ((q === '*' || q === '+' || q === '?' || q === '{') && peek() === '?') pos++;
    return { atom: a, min, max, start, atomEnd, end: pos };
  }

  function atom(): RegexAtom {
    const c = peek();
    if (c === '^' || c === '$') {
      pos++;
      return { kind: 'assertion', anchor: c === '^' };
    }
    if (c === '.') {
      pos++;
      return { kind: 'char', set: DOT };
    }
    if (c === '[') return { kind: 'char', set: characterClass() };
    if (c === '(') return group();
    if (c === '\\') return escape();
    return { kind: 'char', set: single(literal()) };
  }

  function group(): RegexAtom {
    pos++; // (
    let lookaround = false;
    if (peek() === '?') {
      const next = peek(1);
      if (next === '=' || next === '!') {
        lookaround = true;
        pos += 2;
      } else if (next === '<' && (peek(2) === '=' || peek(2) === '!')) {
        lookaround = true;
        pos += 3;
      } else if (next === '<') {
        pos = pattern.indexOf('>', pos) + 1;
      } else {
        pos += 2; // (?:
      }
    }
    const body = alternation();
    pos++; // )
    return lookaround ? { kind: 'lookaround', body } : { kind: 'group', body };
  }

  function escape(): RegexAtom {
    const c = peek(1);
    if (c === 'b' || c === 'B') {
      pos += 2;
      return { kind: 'assertion', anchor: false };
    }
    if ((c >= '1' && c <= '9') || c === 'k') {
      pos += 2;
      if (c === 'k') pos = pattern.indexOf('>', pos) + 1;
      else while (peek() >= '0' && peek() <= '9') pos++;
      return { kind: 'backreference' };
    }
    return { kind: 'char', set: escapeSet(false) };
  }

  /** An escape at `pos` (the backslash) that stands for characters. */
  function escapeSet(inClass: boolean): CharSet {
    pos++; // backslash
    const c = peek();
    pos++;
    switch (c) {
      case 'd':
        return DIGIT;
      case 'D':
        return complement(DIGIT);
      case 'w':
        return WORD;
      case 'W':
        return complement(WORD);
      case 's':
        return SPACE;
      case 'S':
        return complement(SPACE);
      case 'p':
      case 'P':
        // Unicode properties: we do not carry their tables, so assume they match anything.
        pos = pattern.indexOf('}', pos) + 1;
        return ANY_CHAR;
      default:
        pos--;
        return single(escapedChar(inClass));
    }
  }

  /** The code point of a character escape whose letter is at `pos`. */
  function escapedChar(inClass: boolean): number {
    const c = peek();
    pos++;
    const control = CONTROL_ESCAPES[c];
    if (control !== undefined) return control;
    if (c === 'b' && inClass) return 8;
    if (c === '0') return 0;
    if (c === 'c') {
      pos++;
      return pattern.charCodeAt(pos - 1) % 32;
    }
    if (c === 'x') {
      pos += 2;
      return parseInt(pattern.slice(pos - 2, pos), 16);
    }
    if (c === 'u') {
      if (peek() === '{') {
        const close = pattern.indexOf('}', pos);
        const cp = parseInt(pattern.slice(pos + 1, close), 16);
        pos = close + 1;
        return cp;
      }
      const unit = parseInt(pattern.slice(pos, pos + 4), 16);
      pos += 4;
      // Under `u`, an escaped surrogate pair is one code point.
      if (unit >= 0xd800 && unit <= 0xdbff && peek() === '\\' && peek(1) === 'u') {
        const low = parseInt(pattern.slice(pos + 2, pos + 6), 16);
        if (low >= 0xdc00 && low <= 0xdfff) {
          pos += 6;
          return 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
        }
      }
      return unit;
    }
    // An identity escape of a syntax character (or `-` / `/`).
    return c.codePointAt(0) ?? 0;
  }

  function literal(): number {
    const cp = pattern.codePointAt(pos) ?? 0;
    pos += cp > 0xffff ? 2 : 1;
    return cp;
  }

  function characterClass(): CharSet {
    pos++; // [
    const negated = peek() === '^';
    if (negated) pos++;
    let set: CharSet = EMPTY_SET;
    while (peek() !== ']') {
      const from = classAtom();
      if (typeof from === 'number' && peek() === '-' && peek(1) !== ']') {
        pos++;
        const to = classAtom();
        // `u` syntax guarantees both ends of a range are single characters.
        set = union(set, charSet([from, typeof to === 'number' ? to : from]));
      } else {
        set = union(set, typeof from === 'number' ? single(from) : from);
      }
    }
    pos++; // ]
    return negated ? complement(set) : set;
  }

  /** One character (as a number) or a class escape like `\d` (as a set). */
  function classAtom(): number | CharSet {
    if (peek() !== '\\') return literal();
    const c = peek(1);
    if (c !== '' && 'dDwWsSpP'.includes(c)) return escapeSet(true);
    pos++;
    return escapedChar(true);
  }

  return alternation();
}

function single(cp: number): CharSet {
  return [cp, cp];
}
