/**
 * The mutable state the FDL lexer shares with its string scanners. Internal to the lexer: the
 * public surface is `lexFdl`.
 */
import type { Diagnostic, FdlCode } from './diagnostic.js';
import { TokenBuffer } from './token-buffer.js';

export interface Scanner {
  readonly path: string;
  readonly text: string;
  /** Offset of the next character to read. */
  pos: number;
  /** 1-based line of `pos`. */
  line: number;
  /** Offset of the first character of the current line (column 1). */
  lineStart: number;
  readonly tokens: TokenBuffer;
  readonly diagnostics: Diagnostic[];
}

export interface LinePos {
  readonly line: number;
  readonly column: number;
}

export function createScanner(path: string, text: string): Scanner {
  // A leading BOM is invisible in editors, so it must not shift the columns of line 1.
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  return {
    path,
    text,
    pos: start,
    line: 1,
    lineStart: start,
    tokens: new TokenBuffer(text),
    diagnostics: [],
  };
}

export function lexError(s: Scanner, code: FdlCode, at: LinePos, message: string): void {
  s.diagnostics.push({
    severity: 'error',
    code,
    message,
    path: s.path,
    line: at.line,
    column: at.column,
  });
}

/** Position of `offset` on the scanner's current line. */
export function here(s: Scanner, offset: number): LinePos {
  return { line: s.line, column: offset - s.lineStart + 1 };
}

/** Consumes a line break at `s.pos` (LF, CR LF or a lone CR) if there is one. */
export function skipNewline(s: Scanner): boolean {
  const c = s.text.charCodeAt(s.pos);
  if (c === 10) {
    s.pos++;
  } else if (c === 13) {
    s.pos += s.text.charCodeAt(s.pos + 1) === 10 ? 2 : 1;
  } else {
    return false;
  }
  s.line++;
  s.lineStart = s.pos;
  return true;
}

/**
 * Line and column of `offset`, counting line breaks from a known earlier position. Used only on
 * error paths, where rescanning a token is cheaper than tracking every position up front.
 */
export function locate(text: string, from: { offset: number } & LinePos, offset: number): LinePos {
  let line = from.line;
  let lineStart = from.offset - from.column + 1;
  for (let i = from.offset; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** Control characters, odd spaces and U+FFFD (what undecodable bytes become) are not printable. */
function isInvisible(c: number): boolean {
  return c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xfffd || c === 0xfeff;
}

/** Shows characters in a message: printable ones quoted, an invisible one as U+XXXX. */
export function showChars(chars: string): string {
  const code = chars.codePointAt(0) ?? 0;
  if (isInvisible(code)) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return chars.includes("'") ? `"${chars}"` : `'${chars}'`;
}
