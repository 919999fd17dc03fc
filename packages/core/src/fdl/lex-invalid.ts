/**
 * Lexing of characters that start no FDL token (spec fdl.md §2, made errors by §12/§13). Each
 * gets one clear diagnostic and is skipped; a few common mistakes are recognised so that the
 * rest of the file still lexes as the author meant (`//` comments, 'single-quoted' strings).
 */
import { FdlCode } from './diagnostic.js';
import type { Scanner } from './scanner.js';
import { here, lexError, showChars, skipNewline } from './scanner.js';
import { Code } from './token-buffer.js';

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** Handles a character that starts no token: one diagnostic per run of such characters. */
export function scanInvalid(s: Scanner): void {
  const { text } = s;
  const start = s.pos;
  const at = here(s, start);
  const c = text.charCodeAt(start);
  const next = text.charCodeAt(start + 1);
  if (c === 47 && (next === 47 || next === 42)) {
    skipForeignComment(s, next === 42);
    return;
  }
  if (c === 39 && scanSingleQuoted(s)) return;
  if (c === 46 && (isDigit(next) || isDigit(text.charCodeAt(start - 1)))) {
    reportBadNumber(s);
    return;
  }
  let end = start + 1;
  if (c >= 0xd800 && c <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) end++;
  // A run of the same stray character (`%%%`, `;;`) is one error.
  if (c > 32 && c < 0x7f && c !== 45) {
    while (text.charCodeAt(end) === c) end++;
  }
  const found = text.slice(start, end);
  lexError(
    s,
    FdlCode.LEX_UNEXPECTED_CHAR,
    at,
    `Unexpected ${end - start > 1 && c < 0x80 ? 'characters' : 'character'} ${showChars(found)}. ${hintFor(c)}`,
  );
  s.pos = end;
}

/**
 * A '.' touching digits that did not make a float (`5.`, `.5`, `1.2.3`): one error naming the
 * whole number; only the '.' is skipped, the digits around it stay tokens.
 */
function reportBadNumber(s: Scanner): void {
  const { text } = s;
  const dot = s.pos;
  const last = s.tokens.count - 1;
  const lastCode = last >= 0 ? s.tokens.code(last) : Code.EOF;
  const adjacent = (lastCode === Code.INT || lastCode === Code.FLOAT) && s.tokens.end(last) === dot;
  const before = adjacent ? s.tokens.text(last) : '';
  let end = dot + 1;
  while (isDigit(text.charCodeAt(end))) end++;
  const after = text.slice(dot + 1, end);
  let hint: string;
  if (adjacent && lastCode === Code.FLOAT) {
    hint = 'a number has at most one fraction part.';
  } else if (before === '') {
    hint = `a '.' needs digits on both sides: write 0.${after}.`;
  } else {
    hint = `a '.' needs digits on both sides: write ${before}.0.`;
  }
  lexError(
    s,
    FdlCode.LEX_BAD_NUMBER,
    here(s, dot),
    `Malformed number '${before}.${after}': ${hint}`,
  );
  s.pos = dot + 1;
}

function hintFor(c: number): string {
  switch (c) {
    case 47:
      return "FDL comments start with '#'.";
    case 43:
      return 'Numbers take no plus sign: write 1, not +1.';
    case 45:
      return "A '-' may only appear directly before the digits of a negative number.";
    case 59:
      return "FDL needs no ';' between items; remove it.";
    case 46:
      return "Remove the '.'; FDL has no dotted names (qualified names go in strings).";
    case 92:
      return 'A backslash is only meaningful inside a string.';
    case 39:
      return 'FDL strings use double quotes.';
    default:
      return 'It starts no FDL token; remove it.';
  }
}

/** `//` and `/* … *\/` are not FDL comments; report once and skip them instead of their words. */
function skipForeignComment(s: Scanner, block: boolean): void {
  const { text } = s;
  const at = here(s, s.pos);
  if (block) {
    lexError(
      s,
      FdlCode.LEX_UNEXPECTED_CHAR,
      at,
      "Unexpected '/*': FDL has no block comments. Start each comment line with '#'.",
    );
    const close = text.indexOf('*/', s.pos + 2);
    const end = close < 0 ? text.length : close + 2;
    while (s.pos < end) {
      if (!skipNewline(s)) s.pos++;
    }
  } else {
    lexError(s, FdlCode.LEX_UNEXPECTED_CHAR, at, "Unexpected '//': FDL comments start with '#'.");
    while (s.pos < text.length && !isLineBreak(text.charCodeAt(s.pos))) s.pos++;
  }
}

/** `'text'` on one line: report it and produce the string the author meant. */
function scanSingleQuoted(s: Scanner): boolean {
  const { text } = s;
  const start = s.pos;
  let end = start + 1;
  while (end < text.length && text.charCodeAt(end) !== 39) {
    if (isLineBreak(text.charCodeAt(end))) return false;
    end++;
  }
  if (end >= text.length) return false;
  const at = here(s, start);
  const value = text.slice(start + 1, end);
  lexError(
    s,
    FdlCode.LEX_UNEXPECTED_CHAR,
    at,
    `Unexpected character "'". FDL strings use double quotes: write "${value}" instead of '${value}'.`,
  );
  s.tokens.setValue(s.tokens.count, value);
  s.tokens.push(Code.STRING, start, end + 1, s);
  s.pos = end + 1;
  return true;
}
