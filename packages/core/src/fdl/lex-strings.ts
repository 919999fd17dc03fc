/** Scanning and decoding of FDL `"…"` strings and `"""…"""` block strings (spec fdl.md §2). */
import { FdlCode } from './diagnostic.js';
import type { LinePos, Scanner } from './scanner.js';
import { Code } from './token-buffer.js';
import { here, lexError, locate, showChars } from './scanner.js';

const BACKSLASH = 92;
const QUOTE = 34;

/** The single-character JSON escapes, by the character after the backslash. */
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

function hexValue(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** The code unit of four hex digits at `at`, or -1. */
function hex4(text: string, at: number): number {
  let value = 0;
  for (let i = at; i < at + 4; i++) {
    const digit = hexValue(text, i);
    if (digit < 0) return -1;
    value = value * 16 + digit;
  }
  return value;
}

/**
 * Scans a `"…"` string starting at the opening quote at `s.pos`. Bad escapes are reported and
 * dropped (the token is still produced, so the parser does not report a second error for it).
 */
export function scanString(s: Scanner): void {
  const { text } = s;
  const start = s.pos;
  const startPos = here(s, start);
  const startCursor = { line: s.line, lineStart: s.lineStart };
  let value = '';
  let chunk = start + 1;
  let i = chunk;
  for (;;) {
    if (i >= text.length) {
      lexError(
        s,
        FdlCode.LEX_UNTERMINATED_STRING,
        startPos,
        "Unterminated string: this '\"' has no closing quote. Strings may span lines, so the rest " +
          "of the file was read as part of it; add the missing '\"'.",
      );
      s.pos = i;
      value += text.slice(chunk, i);
      break;
    }
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      value += text.slice(chunk, i);
      s.pos = i + 1;
      break;
    }
    if (c === BACKSLASH) {
      value += text.slice(chunk, i);
      i = decodeStringEscape(s, i, (decoded) => (value += decoded));
      chunk = i;
    } else if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      i++;
      s.line++;
      s.lineStart = i;
    } else {
      i++;
    }
  }
  s.tokens.setValue(s.tokens.count, value);
  s.tokens.push(Code.STRING, start, s.pos, startCursor);
}

/** Decodes the escape at the backslash at `at`; returns the offset after it. */
function decodeStringEscape(s: Scanner, at: number, emit: (decoded: string) => void): number {
  const { text } = s;
  if (at + 1 >= text.length) return at + 1; // the caller reports the unterminated string
  const next = text.charAt(at + 1);
  const simple = SIMPLE_ESCAPES[next];
  if (simple !== undefined) {
    emit(simple);
    return at + 2;
  }
  if (next === 'u') {
    const unit = hex4(text, at + 2);
    if (unit >= 0) {
      emit(String.fromCharCode(unit));
      return at + 6;
    }
    const written = text.slice(at, Math.min(at + 6, text.length)).split(/[\r\n"]/)[0] ?? '\\u';
    lexError(
      s,
      FdlCode.LEX_BAD_ESCAPE,
      here(s, at),
      `Invalid unicode escape '${written}' in a string: '\\u' must be followed by exactly four ` +
        'hex digits, e.g. \\u00e9.',
    );
    return at + 2;
  }
  // Skip only the backslash: the next character may be a line break the caller must count.
  const shown = next < ' ' ? `'\\' followed by ${showChars(next)}` : `'\\${next}'`;
  lexError(
    s,
    FdlCode.LEX_BAD_ESCAPE,
    here(s, at),
    `Invalid escape ${shown} in a string. Valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t ` +
      "and \\uXXXX; write '\\\\' for a literal backslash.",
  );
  return at + 1;
}

function isTrimmed(c: number): boolean {
  // Java's String.trim(), which the reference compiler applies: every code unit <= U+0020.
  return c <= 32;
}

/** Scans a `"""…"""` block string starting at `s.pos` (which holds `"""`). */
export function scanBlockString(s: Scanner): void {
  const { text } = s;
  const start = s.pos;
  const startPos = here(s, start);
  const startCursor = { line: s.line, lineStart: s.lineStart };
  const contentStart = start + 3;
  let contentEnd = text.indexOf('"""', contentStart);
  if (contentEnd < 0) {
    lexError(
      s,
      FdlCode.LEX_UNTERMINATED_STRING,
      startPos,
      'Unterminated block string: this \'"""\' has no closing \'"""\', so the rest of the file ' +
        'was read as part of it.',
    );
    contentEnd = text.length;
    s.pos = text.length;
  } else {
    s.pos = contentEnd + 3;
  }
  for (let i = contentStart; i < contentEnd; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      s.line++;
      s.lineStart = i + 1;
    }
  }
  let from = contentStart;
  let to = contentEnd;
  while (from < to && isTrimmed(text.charCodeAt(from))) from++;
  while (to > from && isTrimmed(text.charCodeAt(to - 1))) to--;
  const origin = { offset: start, ...startPos };
  s.tokens.setValue(s.tokens.count, decodeBlockEscapes(s, { from, to }, origin));
  s.tokens.push(Code.BLOCK_STRING, start, s.pos, startCursor);
}

/**
 * Lenient decoding of a block string's trimmed content, as Java's `unescapeJava` does it: octal
 * and unicode escapes, the control escapes, and otherwise the backslash is simply dropped. Only a
 * malformed `\u` is an error.
 */
function decodeBlockEscapes(
  s: Scanner,
  range: { from: number; to: number },
  origin: { offset: number } & LinePos,
): string {
  const { text } = s;
  const { to } = range;
  let first = text.indexOf('\\', range.from);
  if (first < 0 || first >= to) return text.slice(range.from, to);
  let out = '';
  let chunk = range.from;
  while (first >= 0 && first < to) {
    out += text.slice(chunk, first);
    let i = first + 1;
    const next = i < to ? text.charAt(i) : '';
    if (next === 'u') {
      while (i < to && text.charAt(i) === 'u') i++;
      if (i < to && text.charAt(i) === '+') i++;
      const unit = i + 4 <= to ? hex4(text, i) : -1;
      if (unit < 0) {
        const shown = text.slice(first, Math.min(i + 4, to));
        lexError(
          s,
          FdlCode.LEX_BAD_ESCAPE,
          locate(text, origin, first),
          `Invalid unicode escape '${shown}' in a block string: '\\u' must be followed by ` +
            'exactly four hex digits, e.g. \\u00e9.',
        );
        i = Math.min(i, to);
      } else {
        out += String.fromCharCode(unit);
        i += 4;
      }
    } else if (next >= '0' && next <= '7') {
      // Up to three octal digits, the first at most 3 when there are three (like Java).
      let end = i + 1;
      if (end < to && text.charAt(end) >= '0' && text.charAt(end) <= '7') {
        end++;
        if (next <= '3' && end < to && text.charAt(end) >= '0' && text.charAt(end) <= '7') end++;
      }
      out += String.fromCharCode(parseInt(text.slice(i, end), 8));
      i = end;
    } else if (next !== '') {
      out += SIMPLE_ESCAPES[next] ?? next;
      i++;
    }
    chunk = i;
    first = text.indexOf('\\', i);
  }
  return out + text.slice(chunk, to);
}
