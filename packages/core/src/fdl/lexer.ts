/**
 * The FDL lexer (spec fdl.md §2). Stricter than the reference compiler (§12, §13): a character
 * that starts no token is an error, reported and skipped so that lexing goes on and every lexical
 * error of the file is reported at once.
 */
import type { Diagnostic } from './diagnostic.js';
import { FdlCode } from './diagnostic.js';
import { scanInvalid } from './lex-invalid.js';
import { scanBlockString, scanString } from './lex-strings.js';
import type { Scanner } from './scanner.js';
import { createScanner, here, lexError, showChars, skipNewline } from './scanner.js';
import type { Token, TokenKind } from './token.js';
import type { TokenBuffer } from './token-buffer.js';
import { Code, CODE_BY_KIND, KEYWORD_BASE, KEYWORDS } from './token-buffer.js';

export interface LexResult {
  /** The tokens, always ending with one `eof` token. */
  readonly tokens: Token[];
  readonly diagnostics: Diagnostic[];
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// What an ASCII character starts, looked up instead of tested range by range.
const SKIP = 1;
const NEWLINE = 2;
const NAME = 3;
const DIGIT = 4;
const MINUS = 5;
const QUOTE = 6;
const COMMENT = 7;
const PUNCT = 8;
const DOT = 9;
const ACTION = new Uint8Array(128);
/** Token code of each single-character punctuation mark. */
const PUNCT_CODE = new Uint8Array(128);
/** ASCII characters that may continue a name. */
const NAME_PART = new Uint8Array(128);

for (let c = 0; c < 128; c++) {
  const letter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
  if (letter) ACTION[c] = NAME;
  if (isDigit(c)) ACTION[c] = DIGIT;
  if (letter || isDigit(c)) NAME_PART[c] = 1;
}
for (const ch of '{}()[]:=!@$&|') {
  ACTION[ch.charCodeAt(0)] = PUNCT;
  PUNCT_CODE[ch.charCodeAt(0)] = CODE_BY_KIND[ch as TokenKind];
}
// Commas are insignificant, exactly like whitespace (spec §2).
for (const ch of ' \t,') ACTION[ch.charCodeAt(0)] = SKIP;
ACTION[10] = NEWLINE;
ACTION[13] = NEWLINE;
ACTION[45] = MINUS;
ACTION[34] = QUOTE;
ACTION[35] = COMMENT;
ACTION[46] = DOT;

const BOM = 0xfeff;

/**
 * A letter outside ASCII (`é`, `ß`, `日`). Inside or at the start of a word it is swallowed into the
 * name token (with one error), so that `Café` or `naïve` does not also cause syntax errors.
 */
function isForeignLetter(c: number): boolean {
  return c >= 0xc0 && !(c >= 0x2000 && c <= 0x206f) && c !== 0x3000 && c < BOM;
}

function actionOf(c: number): number {
  if (c < 128) return ACTION[c] ?? 0;
  if (c === BOM) return SKIP; // a BOM is skipped anywhere (spec §2), not only at the start
  return isForeignLetter(c) ? NAME : 0;
}

/**
 * Lexes into the compact buffer the parser reads (see `token-buffer.ts`). Never throws.
 * @internal
 */
export function scanFdl(
  path: string,
  text: string,
): { tokens: TokenBuffer; diagnostics: Diagnostic[] } {
  const s = createScanner(path, text);
  const length = text.length;
  while (s.pos < length) {
    const c = text.charCodeAt(s.pos);
    switch (actionOf(c)) {
      case SKIP:
        s.pos++;
        break;
      case NEWLINE:
        skipNewline(s);
        break;
      case NAME:
        scanName(s);
        break;
      case DIGIT:
        scanNumber(s);
        break;
      case MINUS:
        if (isDigit(text.charCodeAt(s.pos + 1))) scanNumber(s);
        else scanInvalid(s);
        break;
      case QUOTE:
        if (text.charCodeAt(s.pos + 1) === 34 && text.charCodeAt(s.pos + 2) === 34) {
          scanBlockString(s);
        } else {
          scanString(s);
        }
        break;
      case COMMENT:
        while (s.pos < length && text.charCodeAt(s.pos) !== 10 && text.charCodeAt(s.pos) !== 13) {
          s.pos++;
        }
        break;
      case PUNCT:
        s.tokens.push(PUNCT_CODE[c] ?? 0, s.pos, s.pos + 1, s);
        s.pos++;
        break;
      case DOT:
        if (text.startsWith('...', s.pos)) {
          s.tokens.push(Code.ELLIPSIS, s.pos, s.pos + 3, s);
          s.pos += 3;
        } else {
          scanInvalid(s);
        }
        break;
      default:
        scanInvalid(s);
    }
  }
  s.tokens.push(Code.EOF, s.pos, s.pos, s);
  return { tokens: s.tokens, diagnostics: s.diagnostics };
}

/**
 * Splits FDL source text into tokens. Never throws; lexical errors are returned as diagnostics
 * (codes `FDL_LEX_*`) and the offending characters are skipped.
 *
 * @example
 * const { tokens } = lexFdl('a.fdl', 'feature X {}');
 * tokens.map((t) => t.kind); // ['keyword', 'name', '{', '}', 'eof']
 */
export function lexFdl(path: string, text: string): LexResult {
  const { tokens, diagnostics } = scanFdl(path, text);
  const list: Token[] = [];
  for (let i = 0; i < tokens.count; i++) list.push(tokens.token(i));
  return { tokens: list, diagnostics };
}

function scanName(s: Scanner): void {
  const { text } = s;
  const start = s.pos;
  let end = start + 1;
  let c = text.charCodeAt(end);
  while (c < 128 && NAME_PART[c] === 1) c = text.charCodeAt(++end);
  if (c === 45 || isForeignLetter(c) || text.charCodeAt(start) >= 128) {
    s.pos = scanBadName(s, start, end);
    return;
  }
  pushWord(s, start, end);
}

/** Keyword codes grouped by length, so that a word is compared in place instead of sliced out. */
const KEYWORDS_BY_LENGTH: number[][] = [];
KEYWORDS.forEach((word, index) => (KEYWORDS_BY_LENGTH[word.length] ??= []).push(index));

/** The token code of the word at `start..end`: a keyword's own code, or NAME. */
function wordCode(text: string, start: number, end: number): number {
  const candidates = KEYWORDS_BY_LENGTH[end - start];
  if (candidates === undefined) return Code.NAME;
  const first = text.charCodeAt(start);
  for (const index of candidates) {
    const word = KEYWORDS[index] ?? '';
    if (word.charCodeAt(0) === first && text.startsWith(word, start)) return KEYWORD_BASE + index;
  }
  return Code.NAME;
}

function pushWord(s: Scanner, start: number, end: number): void {
  s.tokens.push(wordCode(s.text, start, end), start, end, s);
  s.pos = end;
}

/** Whether `name-part` continues at `i` (a '-' followed by a letter). */
function isNameChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if ((c < 128 && NAME_PART[c] === 1) || isForeignLetter(c)) return true;
  // `my-feature`: one bad name rather than a name, a stray '-' and a keyword.
  const next = text.charCodeAt(i + 1);
  return c === 45 && ((next < 128 && ACTION[next] === NAME) || isForeignLetter(next));
}

/** A word with non-ASCII letters or hyphens: one NAME token and one error. Returns its end. */
function scanBadName(s: Scanner, start: number, asciiEnd: number): number {
  const { text } = s;
  let end = asciiEnd;
  while (end < text.length && isNameChar(text, end)) end++;
  let bad = start;
  while (bad < end && text.charCodeAt(bad) < 128 && NAME_PART[text.charCodeAt(bad)] === 1) bad++;
  if (bad === end) {
    pushWord(s, start, end); // `a-1`: the '-' belongs to the number after the name
    return end;
  }
  const name = text.slice(start, end);
  const c = text.charCodeAt(bad);
  const hint =
    c === 45
      ? `Names cannot contain '-'; use camelCase or '_' (e.g. ${name.replaceAll('-', '_')}).`
      : 'Names are ASCII only ([A-Za-z_][A-Za-z0-9_]*); other text belongs in a "string".';
  const shown = showChars(String.fromCodePoint(text.codePointAt(bad) ?? c));
  lexError(
    s,
    FdlCode.LEX_UNEXPECTED_CHAR,
    here(s, bad),
    `Unexpected character ${shown} in name '${name}'. ${hint}`,
  );
  s.tokens.push(Code.NAME, start, end, s);
  return end;
}

/** INT or FLOAT. A leading zero ends the integer part, so `007` is three tokens (as in §2). */
function scanNumber(s: Scanner): void {
  const { text } = s;
  const start = s.pos;
  let i = text.charCodeAt(start) === 45 ? start + 1 : start;
  if (text.charCodeAt(i) === 48) {
    i++;
  } else {
    while (isDigit(text.charCodeAt(i))) i++;
  }
  let float = false;
  if (text.charCodeAt(i) === 46 && isDigit(text.charCodeAt(i + 1))) {
    i += 2;
    while (isDigit(text.charCodeAt(i))) i++;
    float = true;
  }
  const e = text.charCodeAt(i);
  if (e === 101 || e === 69) {
    let j = i + 1;
    const sign = text.charCodeAt(j);
    if (sign === 43 || sign === 45) j++;
    if (isDigit(text.charCodeAt(j))) {
      i = j + 1;
      while (isDigit(text.charCodeAt(i))) i++;
      float = true;
    }
  }
  s.tokens.push(float ? Code.FLOAT : Code.INT, start, i, s);
  s.pos = i;
}
