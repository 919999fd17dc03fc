/**
 * The lexer's output stored column-wise in one typed array. A large schema has hundreds of
 * thousands of tokens; keeping them as objects costs more (allocation and GC) than lexing itself,
 * so the parser reads this buffer and only `lexFdl` turns it into `Token` objects.
 */
import type { Token, TokenKind } from './token.js';
import { FDL_KEYWORDS } from './token.js';

/** Token kinds by numeric code (the code is the index). */
export const KIND_BY_CODE: readonly TokenKind[] = [
  'eof',
  'name',
  'keyword',
  'int',
  'float',
  'string',
  'block-string',
  '{',
  '}',
  '(',
  ')',
  '[',
  ']',
  ':',
  '=',
  '!',
  '@',
  '$',
  '...',
  '&',
  '|',
];

/** Numeric codes of the kinds the lexer emits directly (the index in `KIND_BY_CODE`). */
export const Code = {
  EOF: 0,
  NAME: 1,
  INT: 3,
  FLOAT: 4,
  STRING: 5,
  BLOCK_STRING: 6,
  ELLIPSIS: 18,
} as const;

/**
 * Keyword tokens are stored as `KEYWORD_BASE + index in KEYWORDS`, so the parser can tell which
 * keyword a token is without copying its text out of the source.
 */
export const KEYWORD_BASE = 32;
export const KEYWORDS: readonly string[] = [...FDL_KEYWORDS];

export const CODE_BY_KIND: Readonly<Record<TokenKind, number>> = Object.fromEntries(
  KIND_BY_CODE.map((kind, code) => [kind, code]),
) as Record<TokenKind, number>;

const STRIDE = 5; // kind, start offset, end offset, line, column

export class TokenBuffer {
  readonly source: string;
  count = 0;
  /** Decoded values of string tokens, by token index. */
  private readonly values = new Map<number, string>();
  private readonly names = new Map<string, string>();
  private data: Int32Array;

  constructor(source: string) {
    this.source = source;
    // About one token per four characters in typical schemas; grown by doubling if needed.
    this.data = new Int32Array(STRIDE * (64 + (source.length >> 2)));
  }

  /**
   * Appends a token. Its line is `cursor.line` and its column is counted from
   * `cursor.lineStart`: the lexer passes its own state, so no position object is made per token.
   */
  push(
    code: number,
    start: number,
    end: number,
    cursor: { readonly line: number; readonly lineStart: number },
  ): void {
    let base = this.count * STRIDE;
    if (base + STRIDE > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    const data = this.data;
    data[base++] = code;
    data[base++] = start;
    data[base++] = end;
    data[base++] = cursor.line;
    data[base] = start - cursor.lineStart + 1;
    this.count++;
  }

  setValue(index: number, value: string): void {
    this.values.set(index, value);
  }

  /** Kind code of token `i`; indexes past the end read as the last token (`eof`). */
  code(i: number): number {
    return this.data[this.clamp(i) * STRIDE] ?? 0;
  }

  kind(i: number): TokenKind {
    const code = this.code(i);
    return code >= KEYWORD_BASE ? 'keyword' : (KIND_BY_CODE[code] ?? 'eof');
  }

  start(i: number): number {
    return this.data[this.clamp(i) * STRIDE + 1] ?? 0;
  }

  end(i: number): number {
    return this.data[this.clamp(i) * STRIDE + 2] ?? 0;
  }

  line(i: number): number {
    return this.data[this.clamp(i) * STRIDE + 3] ?? 1;
  }

  column(i: number): number {
    return this.data[this.clamp(i) * STRIDE + 4] ?? 1;
  }

  text(i: number): string {
    const code = this.code(i);
    if (code >= KEYWORD_BASE) return KEYWORDS[code - KEYWORD_BASE] ?? '';
    // Punctuation is spelled like its kind: no need to copy it out of the source.
    if (code > Code.BLOCK_STRING) return KIND_BY_CODE[code] ?? '';
    const text = this.source.slice(this.start(i), this.end(i));
    if (code !== Code.NAME) return text;
    // Names repeat a lot (String, Int, sku …): the syntax tree keeps one copy of each.
    const known = this.names.get(text);
    if (known !== undefined) return known;
    this.names.set(text, text);
    return text;
  }

  /** The decoded value of a string token; the text of any other token. */
  value(i: number): string {
    return this.values.get(this.clamp(i)) ?? this.text(i);
  }

  token(i: number): Token {
    const text = this.text(i);
    const code = this.code(i);
    return {
      kind: this.kind(i),
      text,
      value: code === Code.STRING || code === Code.BLOCK_STRING ? this.value(i) : text,
      line: this.line(i),
      column: this.column(i),
      offset: this.start(i),
    };
  }

  private clamp(i: number): number {
    return i < this.count ? i : this.count - 1;
  }
}
