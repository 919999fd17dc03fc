/**
 * The FDL parser: a hand-written recursive descent over the grammar of spec fdl.md §3, building
 * the syntax tree of `ast.ts`. It reports every syntax error of a file (code `FDL_SYNTAX`), not
 * only the first: after an error it skips to the next field, item or declaration and goes on.
 */
import type {
  DeclarationNode,
  DocumentNode,
  EnumNode,
  EnumValueNode,
  ObjectTypeNode,
} from './ast.js';
import type { Diagnostic } from './diagnostic.js';
import { FdlCode } from './diagnostic.js';
import { scanFdl } from './lexer.js';
import type { Description } from './parse-block.js';
import { parseBlock, parseDescription, rejectDescription } from './parse-block.js';
import { parseDirectives } from './parse-directives.js';
import { parseEvent, parseFeature } from './parse-feature.js';
import { isFieldStart, parseField } from './parse-field.js';
import { ParseAbort, TokenStream } from './token-stream.js';

export interface ParseResult {
  readonly document: DocumentNode;
  /** Lexical and syntax errors, in source order. */
  readonly diagnostics: Diagnostic[];
}

const DECLARATION_HINT = 'a declaration (type, enum, feature, session or event)';

/**
 * Lexes and parses one FDL file. Never throws: whatever the input, the result is a (possibly
 * partial) document plus diagnostics. Semantic checks are not done here.
 *
 * @example
 * const { document, diagnostics } = parseFdl('shop.fdl', 'feature Banner { output { x: Int } }');
 * document.declarations[0]?.kind; // 'feature'
 */
export function parseFdl(path: string, text: string): ParseResult {
  try {
    return lexAndParse(path, text);
  } catch (e) {
    // Unreachable by design (the tests fuzz it); a bug must be a diagnostic, not a crash.
    const message = `Internal error of the FDL parser (${e instanceof Error ? e.message : String(e)}); please report it.`;
    return {
      document: { path, namespace: undefined, declarations: [] },
      diagnostics: [{ severity: 'error', code: FdlCode.SYNTAX, message, path, line: 1, column: 1 }],
    };
  }
}

function lexAndParse(path: string, text: string): ParseResult {
  const lexed = scanFdl(path, text);
  const eofExplained = lexed.diagnostics.some((d) => d.code === FdlCode.LEX_UNTERMINATED_STRING);
  const ts = new TokenStream(path, lexed.tokens, eofExplained);
  const document = parseDocument(ts);
  const diagnostics = [...lexed.diagnostics, ...ts.diagnostics];
  // Stable: errors at the same position keep lexer-before-parser order.
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  return { document, diagnostics };
}

function parseDocument(ts: TokenStream): DocumentNode {
  let namespace: DocumentNode['namespace'];
  const declarations: DeclarationNode[] = [];
  let first = true;
  while (!ts.at('eof')) {
    const start = ts.index;
    ts.braceDepth = 0;
    ts.unclosedReported = false;
    try {
      const description = parseDescription(ts);
      if (ts.isKeyword('namespace')) {
        rejectDescription(ts, description, 'namespace');
        const value = parseNamespace(ts, first);
        namespace ??= value;
      } else {
        declarations.push(parseDeclaration(ts, description));
      }
    } catch (e) {
      if (!(e instanceof ParseAbort)) throw e;
      ts.recoverTopLevel(start);
    }
    first = false;
  }
  return { path: ts.path, namespace, declarations };
}

function parseNamespace(ts: TokenStream, first: boolean): DocumentNode['namespace'] {
  const keyword = ts.advance();
  if (!ts.isString()) {
    ts.fail(
      ts.index,
      `Expected the namespace as a string after 'namespace' (e.g. namespace "com.shop"), ` +
        `found ${ts.describe()}.`,
    );
  }
  const value = ts.advance();
  if (!first) {
    ts.error(keyword, "'namespace' must be the first item of the file; move it to the top.");
    return undefined;
  }
  return { value: ts.value(value), pos: ts.pos(keyword) };
}

function parseDeclaration(ts: TokenStream, description: Description): DeclarationNode {
  const i = ts.index;
  const word = ts.kind === 'keyword' ? ts.text(i) : '';
  switch (word) {
    case 'type':
      return parseObjectType(ts, description);
    case 'enum':
      return parseEnum(ts, description);
    case 'feature':
    case 'session':
      return parseFeature(ts, description, undefined);
    case 'abstract': {
      ts.advance();
      if (ts.isKeyword('feature') || ts.isKeyword('session')) {
        return parseFeature(ts, description, i);
      }
      const hint = ts.isString() ? " A description goes before 'abstract'." : '';
      return ts.fail(
        ts.index,
        `Expected 'feature' or 'session' after 'abstract', found ${ts.describe()}.${hint}`,
      );
    }
    case 'event':
    case 'offline':
      return parseEvent(ts, description);
    case 'args':
    case 'output':
    case 'import':
    case 'plugin':
      return ts.fail(i, `'${word}' is only allowed inside a feature, the session or an event.`);
  }
  const after = description ? ' after the description' : '';
  return ts.fail(i, `Expected ${DECLARATION_HINT}${after}, found ${ts.describe()}.`);
}

/** `type Name [@d…] [{ field+ }]`; the body is optional, but present it must not be empty. */
function parseObjectType(ts: TokenStream, description: Description): ObjectTypeNode {
  const keyword = ts.advance();
  const name = ts.expectName("a type name after 'type'");
  const directives = parseDirectives(ts);
  let fields: ObjectTypeNode['fields'];
  if (ts.at('{')) {
    const block = parseBlock(ts, {
      label: `type '${name.text}'`,
      contents: 'fields',
      isItemStart: isFieldStart,
      endsAt: () => false,
      parseItem: (s) => parseField(s, undefined, name.text),
    });
    if (block.clean && block.items.length === 0) {
      ts.errorAt(
        block.open,
        `Type '${name.text}' has an empty body: declare at least one field, or drop the '{}' ` +
          'for a type without fields.',
      );
    }
    fields = block.items;
  }
  return {
    kind: 'type',
    pos: description?.pos ?? ts.pos(keyword),
    description: description?.value,
    name,
    directives,
    fields,
  };
}

/** `enum Name [@d…] [{ value+ }]`; without a body it parses (the checker rejects it). */
function parseEnum(ts: TokenStream, description: Description): EnumNode {
  const keyword = ts.advance();
  const name = ts.expectName("an enum name after 'enum'");
  const directives = parseDirectives(ts);
  let values: EnumNode['values'];
  if (ts.at('{')) {
    const block = parseBlock(ts, {
      label: `enum '${name.text}'`,
      contents: 'values',
      isItemStart: (s) => s.isString() || (s.isWord() && !s.isBlockKeyword()),
      endsAt: () => false,
      parseItem: parseEnumValue,
    });
    if (block.clean && block.items.length === 0) {
      ts.errorAt(
        block.open,
        `Enum '${name.text}' has an empty body: list at least one value, e.g. enum ${name.text} { A B }.`,
      );
    }
    values = block.items;
  }
  return {
    kind: 'enum',
    pos: description?.pos ?? ts.pos(keyword),
    description: description?.value,
    name,
    directives,
    values,
  };
}

function parseEnumValue(ts: TokenStream): EnumValueNode {
  const description = parseDescription(ts);
  const name = ts.expectName(
    description ? 'an enum value after the description' : "an enum value or '}'",
  );
  return {
    pos: description?.pos ?? name.pos,
    description: description?.value,
    name,
    directives: parseDirectives(ts),
  };
}
