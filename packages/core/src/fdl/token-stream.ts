/**
 * The parser's cursor over the token buffer, with its error reporting and recovery state.
 * Tokens are addressed by index, so parsing makes no object per token (see `token-buffer.ts`).
 * Internal to the parser: the public surface is `parseFdl`.
 */
import type { Name, Pos } from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { FdlCode } from './diagnostic.js';
import type { TokenKind } from './token.js';
import type { TokenBuffer } from './token-buffer.js';

/**
 * Thrown after a syntax error has been reported, to abandon the construct being parsed; caught
 * by the nearest list or declaration loop, which skips to a point where parsing can resume. Not
 * an error of the parser: `parseFdl` itself never throws.
 */
export class ParseAbort extends Error {}
const ABORT = new ParseAbort('FDL syntax error');

/** Deepest nesting of list types and of list/object values; deeper input is rejected, not recursed. */
export const MAX_NESTING = 64;

/** Keywords that start a declaration or a block item. */
const BLOCK_KEYWORDS: ReadonlySet<string> = new Set([
  'namespace',
  'type',
  'enum',
  'feature',
  'session',
  'abstract',
  'event',
  'offline',
  'args',
  'output',
  'plugin',
  'import',
]);

export class TokenStream {
  readonly path: string;
  readonly diagnostics: Diagnostic[] = [];
  /** Index of the current token. */
  index = 0;
  /** Kind of the current token. */
  kind: TokenKind;
  /** `{` consumed minus `}` consumed: lets recovery skip whole nested blocks. */
  braceDepth = 0;
  /**
   * Set once a block was reported unclosed at a declaration or at the end of file, so that the
   * blocks around it close silently instead of reporting the same missing `}` again.
   */
  unclosedReported = false;
  private readonly tokens: TokenBuffer;
  /** A lexer error already explains why the file ends early (unterminated string). */
  private readonly eofExplained: boolean;

  constructor(path: string, tokens: TokenBuffer, eofExplained: boolean) {
    this.path = path;
    this.tokens = tokens;
    this.eofExplained = eofExplained;
    this.kind = tokens.kind(0);
  }

  kindAt(i: number): TokenKind {
    return this.tokens.kind(i);
  }

  /** Source text of token `i` (the current one by default). */
  text(i = this.index): string {
    return this.tokens.text(i);
  }

  /** Decoded value of string token `i`; the text of other tokens. */
  value(i = this.index): string {
    return this.tokens.value(i);
  }

  pos(i = this.index): Pos {
    return { line: this.tokens.line(i), column: this.tokens.column(i) };
  }

  /** Kind of the token `ahead` places after the current one. */
  peekKind(ahead: number): TokenKind {
    return this.tokens.kind(this.index + ahead);
  }

  /** Whether token `i` is the keyword `word`. */
  isKeyword(word: string, i = this.index): boolean {
    return this.tokens.kind(i) === 'keyword' && this.tokens.text(i) === word;
  }

  /** Whether token `i` is a keyword that starts a declaration or block item. */
  isBlockKeyword(i = this.index): boolean {
    return this.tokens.kind(i) === 'keyword' && BLOCK_KEYWORDS.has(this.tokens.text(i));
  }

  isString(i = this.index): boolean {
    const kind = this.tokens.kind(i);
    return kind === 'string' || kind === 'block-string';
  }

  /** Whether token `i` is a name or a keyword (which is a misused name). */
  isWord(i = this.index): boolean {
    const kind = this.tokens.kind(i);
    return kind === 'name' || kind === 'keyword';
  }

  at(kind: TokenKind): boolean {
    return this.kind === kind;
  }

  /** Consumes the current token (not `eof`) and returns its index. */
  advance(): number {
    const i = this.index;
    const kind = this.kind;
    if (kind === 'eof') return i;
    if (kind === '{') this.braceDepth++;
    else if (kind === '}' && this.braceDepth > 0) this.braceDepth--;
    this.index = i + 1;
    this.kind = this.tokens.kind(i + 1);
    return i;
  }

  eat(kind: TokenKind): boolean {
    if (this.kind !== kind) return false;
    this.advance();
    return true;
  }

  /** Consumes a token of `kind` or reports `Expected <what>, found <current>.` and aborts. */
  expect(kind: TokenKind, what: string): number {
    if (this.kind === kind) return this.advance();
    return this.fail(this.index, `Expected ${what}, found ${this.describe()}.`);
  }

  /**
   * Consumes a name. A keyword is reported as reserved but accepted, so one misnamed field does
   * not hide the rest of its declaration; a keyword that starts a block is only taken as a name
   * when a name's usual follower comes next. Anything else aborts.
   */
  expectName(what: string): Name {
    const i = this.index;
    if (this.kind === 'name' || (this.kind === 'keyword' && this.keywordAsName())) {
      if (this.kind === 'keyword') this.reportReserved(i);
      this.advance();
      return { text: this.text(i), pos: this.pos(i) };
    }
    return this.fail(i, `Expected ${what}, found ${this.describe()}.`);
  }

  private keywordAsName(): boolean {
    if (!this.isBlockKeyword()) return true;
    const next = this.peekKind(1);
    return next === ':' || next === '{' || next === '@' || next === '(';
  }

  reportReserved(i: number): void {
    this.error(i, `'${this.text(i)}' is a reserved word and cannot be used as a name.`);
  }

  /** How token `i` is named in messages: `'='`, `'type'`, `string "abc"`, `end of file`. */
  describe(i = this.index): string {
    if (this.kindAt(i) === 'eof') return 'end of file';
    if (!this.isString(i)) return `'${this.text(i)}'`;
    const flat = this.value(i).replace(/\s+/g, ' ');
    return `string "${flat.length > 24 ? `${flat.slice(0, 24)}…` : flat}"`;
  }

  error(i: number, message: string): void {
    if (this.kindAt(i) === 'eof' && this.eofExplained) return;
    this.errorAt(this.pos(i), message);
  }

  errorAt(at: Pos, message: string): void {
    this.diagnostics.push({
      severity: 'error',
      code: FdlCode.SYNTAX,
      message,
      path: this.path,
      line: at.line,
      column: at.column,
    });
  }

  fail(i: number, message: string): never {
    this.error(i, message);
    throw ABORT;
  }

  /**
   * After an abort inside a block whose `{` left `braceDepth` at `base`: skips tokens until the
   * block's closing `}`, the start of a new item (`isItemStart`), or a new top-level declaration,
   * all at the block's own depth. Always consumes at least one token if none was consumed since
   * `startIndex`, so the caller's loop cannot spin.
   */
  recover(base: number, startIndex: number, isItemStart: (ts: TokenStream) => boolean): void {
    if (this.index === startIndex) this.advance();
    while (this.kind !== 'eof' && !this.atDeclarationStart(true)) {
      if (this.braceDepth <= base && (this.kind === '}' || isItemStart(this))) break;
      this.advance();
    }
    this.braceDepth = base;
  }

  /**
   * Whether all open `{` are closed before the next declaration or the end of the file. Decides
   * whether an item that belongs to an enclosing block is misplaced (braces balance) or follows
   * a forgotten `}` (they do not). Only called on error paths: it scans ahead.
   */
  closesAll(): boolean {
    let depth = this.braceDepth;
    for (let i = this.index; ; i++) {
      const kind = this.tokens.kind(i);
      if (kind === 'eof') return false;
      if (kind === '{') depth++;
      else if (kind === '}' && --depth <= 0) return true;
      else if (kind === 'keyword' && this.atDeclarationStart(true, i)) return false;
    }
  }

  /** After an abort at file level: skips to the next declaration, stray `}` included. */
  recoverTopLevel(startIndex: number): void {
    if (this.index === startIndex) this.advance();
    while (this.kind !== 'eof' && !this.atDeclarationStart(this.braceDepth > 0)) this.advance();
    this.braceDepth = 0;
  }

  /**
   * Whether the next tokens start a top-level declaration (optionally after a description).
   * `strongOnly` leaves out `event` and `offline event`, which also occur inside features, so
   * that recovery inside a feature does not mistake a nested event for the end of the feature.
   */
  atDeclarationStart(strongOnly: boolean, at = this.index): boolean {
    const i = this.isString(at) ? at + 1 : at;
    if (this.kindAt(i) !== 'keyword') return false;
    const next = this.kindAt(i + 1);
    switch (this.text(i)) {
      case 'type':
      case 'enum':
      case 'feature':
        return next === 'name' || next === 'keyword';
      case 'session':
        return next === '{' || next === '@';
      case 'abstract':
        return this.isKeyword('feature', i + 1) || this.isKeyword('session', i + 1);
      case 'namespace':
        return i === at && this.isString(i + 1);
      case 'event':
        return !strongOnly && (next === 'name' || next === 'keyword');
      case 'offline':
        return !strongOnly && this.isKeyword('event', i + 1);
      default:
        return false;
    }
  }
}
