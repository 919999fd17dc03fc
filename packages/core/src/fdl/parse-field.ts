/** Parsing of fields and field lists: `[description] name: Type [= value] [@directive …]`. */
import type { FieldNode, ValueNode } from './ast.js';
import type { BlockSpec, Description } from './parse-block.js';
import { parseBlock, parseDescription } from './parse-block.js';
import { parseDirectives } from './parse-directives.js';
import { parseTypeRef } from './parse-type-ref.js';
import { parseValue } from './parse-values.js';
import type { TokenStream } from './token-stream.js';

/** Whether the current tokens begin a field: a description, or a name followed by ':'. */
export function isFieldStart(ts: TokenStream): boolean {
  return ts.isString() || (ts.isWord() && ts.peekKind(1) === ':');
}

/**
 * Parses a field. `description` is passed when the caller already consumed it; `objectType` is
 * the enclosing object type's name, whose fields may not have a default.
 */
export function parseField(
  ts: TokenStream,
  description: Description,
  objectType: string | undefined,
): FieldNode {
  const desc = description ?? parseDescription(ts);
  const name = ts.expectName(desc ? 'a field name after the description' : 'a field name');
  // Messages are only built on error paths: this runs for every field of a large schema.
  if (!ts.eat(':')) {
    ts.fail(ts.index, `Expected ':' after field name '${name.text}', found ${ts.describe()}.`);
  }
  const type = parseTypeRef(ts, name.text);
  let defaultValue = ts.at('=') ? parseDefault(ts, name.text, objectType) : undefined;
  let directives = parseDirectives(ts);
  if (directives.length > 0 && ts.at('=')) {
    ts.error(
      ts.index,
      `Directives must follow the default value: move '= …' of field '${name.text}' before ` +
        `its directives.`,
    );
    const late = parseDefault(ts, name.text, objectType);
    defaultValue ??= late;
    directives = [...directives, ...parseDirectives(ts)];
  }
  return {
    pos: desc?.pos ?? name.pos,
    description: desc?.value,
    name,
    type,
    defaultValue,
    directives,
  };
}

function parseDefault(
  ts: TokenStream,
  field: string,
  objectType: string | undefined,
): ValueNode | undefined {
  const eq = ts.advance();
  if (objectType !== undefined) {
    ts.error(
      eq,
      `Fields of object type '${objectType}' cannot have a default value; remove '= …' from ` +
        `field '${field}'.`,
    );
  }
  const value = parseValue(ts, "after '=' in field", field);
  return objectType === undefined ? value : undefined;
}

/**
 * Parses `{ field* }` of an `args`, `output` or plugin block. `endsAt` recognises the next item
 * of the enclosing feature or event, where a forgotten `}` is reported.
 */
export function parseFieldList(
  ts: TokenStream,
  label: string,
  endsAt: BlockSpec<FieldNode>['endsAt'],
): FieldNode[] {
  return parseBlock(ts, {
    label,
    contents: 'fields',
    isItemStart: isFieldStart,
    endsAt,
    parseItem: (s) => parseField(s, undefined, undefined),
  }).items;
}
