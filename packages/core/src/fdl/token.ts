/** Tokens of the FDL lexer (spec fdl.md §2). */

/** Punctuation tokens are their own kind, so the parser can compare kinds only. */
export type PunctuationKind =
  '{' | '}' | '(' | ')' | '[' | ']' | ':' | '=' | '!' | '@' | '$' | '...' | '&' | '|';

export type TokenKind =
  'name' | 'keyword' | 'int' | 'float' | 'string' | 'block-string' | PunctuationKind | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The source text of the token (for strings: with the quotes, escapes undecoded). */
  readonly text: string;
  /** The decoded value of a string or block string; equal to `text` for every other kind. */
  readonly value: string;
  /** 1-based line. */
  readonly line: number;
  /** 1-based column, counted in UTF-16 code units as editors and LSP do; a leading BOM is not counted. */
  readonly column: number;
  /** 0-based offset of the first character in the source string. */
  readonly offset: number;
}

/**
 * The reserved words (spec §2). Most come from the GraphQL grammar FDL was derived from and have
 * no use in FDL, but they can still never be used as names. `js` is deliberately not one: it was
 * added by this project for `plugin js "name"` and stays usable as a name.
 */
export const FDL_KEYWORDS: ReadonlySet<string> = new Set([
  'namespace',
  'type',
  'enum',
  'feature',
  'session',
  'abstract',
  'import',
  'args',
  'output',
  'contains',
  'event',
  'offline',
  'plugin',
  'java',
  'user',
  'fragment',
  'on',
  'true',
  'false',
  'null',
  'scalar',
  'extends',
  'implements',
  'extend',
  'interface',
  'union',
  'input',
  'SCHEMA',
  'SCALAR',
  'OBJECT',
  'FIELD_DEFINITION',
  'ARGUMENT_DEFINITION',
  'INTERFACE',
  'UNION',
  'ENUM',
  'ENUM_VALUE',
  'INPUT_OBJECT',
  'INPUT_FIELD_DEFINITION',
]);
