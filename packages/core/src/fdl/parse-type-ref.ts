/** Parsing of FDL type references: `Int`, `Foo!`, `[[String!]]!` (spec fdl.md §3 `type`). */
import type { TypeRef } from './ast.js';
import type { TokenStream } from './token-stream.js';
import { MAX_NESTING } from './token-stream.js';

/** Parses the type of field `field`. */
export function parseTypeRef(ts: TokenStream, field: string): TypeRef {
  return typeRef(ts, field, 1);
}

function typeRef(ts: TokenStream, field: string, depth: number): TypeRef {
  const i = ts.index;
  if (ts.kind === '[') {
    if (depth > MAX_NESTING) {
      return ts.fail(
        i,
        `List types nested more than ${MAX_NESTING} levels deep are not supported.`,
      );
    }
    ts.advance();
    const pos = ts.pos(i);
    const of = typeRef(ts, field, depth + 1);
    if (!ts.eat(']')) {
      ts.fail(
        ts.index,
        `Expected ']' to close the list type opened at line ${pos.line}, found ${ts.describe()}.`,
      );
    }
    return { kind: 'list', pos, of, nonNull: ts.eat('!') };
  }
  // A name followed by ':' is the next field, not this field's type.
  if (ts.isWord() && !ts.isBlockKeyword() && ts.peekKind(1) !== ':') {
    if (ts.kind === 'keyword') ts.reportReserved(i);
    ts.advance();
    return { kind: 'named', pos: ts.pos(i), name: ts.text(i), nonNull: ts.eat('!') };
  }
  const where = depth > 1 ? "after '['" : `after '${field}:'`;
  return ts.fail(
    i,
    `Expected a type (such as String, Int! or [ID!]) ${where}, found ${ts.describe()}.`,
  );
}
