/** Parsing of FDL literal values (defaults and directive arguments, spec fdl.md §3 `value`). */
import type { Name, Pos, ValueNode } from './ast.js';
import type { TokenStream } from './token-stream.js';
import { MAX_NESTING } from './token-stream.js';

const VALUE_HINT = 'a value (number, string, true, false, null, enum value, [list] or {object})';

/**
 * Parses one value. `where` and `subject` describe its place in messages (`after argument`,
 * `reason`); the message is only built when no value is found.
 */
export function parseValue(ts: TokenStream, where: string, subject: string): ValueNode {
  return value(ts, where, subject, 1);
}

function missing(ts: TokenStream, where: string, subject: string): never {
  const place = subject === '' ? where : `${where} '${subject}'`;
  return ts.fail(ts.index, `Expected ${VALUE_HINT} ${place}, found ${ts.describe()}.`);
}

function value(ts: TokenStream, where: string, subject: string, depth: number): ValueNode {
  const i = ts.index;
  const kind = ts.kind;
  // A name followed by ':' is the next field or argument, so the value is missing.
  if (ts.isBlockKeyword() || (ts.isWord() && ts.peekKind(1) === ':'))
    return missing(ts, where, subject);
  switch (kind) {
    case 'int':
    case 'float':
      ts.advance();
      return { kind, pos: ts.pos(i), text: ts.text(i) };
    case 'string':
    case 'block-string':
      ts.advance();
      return { kind: 'string', pos: ts.pos(i), value: ts.value(i), block: kind === 'block-string' };
    case 'name':
      ts.advance();
      return { kind: 'enum', pos: ts.pos(i), name: ts.text(i) };
    case 'keyword':
      return keywordValue(ts);
    case '$': {
      ts.advance();
      const name = ts.expectName("a variable name after '$'");
      return { kind: 'variable', pos: ts.pos(i), name: name.text };
    }
    case '[':
    case '{':
      if (depth > MAX_NESTING) {
        return ts.fail(i, `Values nested more than ${MAX_NESTING} levels deep are not supported.`);
      }
      ts.advance();
      return kind === '[' ? listItems(ts, ts.pos(i), depth) : objectFields(ts, ts.pos(i), depth);
    case 'eof':
    case '}':
    case '(':
    case ')':
    case ']':
    case ':':
    case '=':
    case '!':
    case '@':
    case '...':
    case '&':
    case '|':
      return missing(ts, where, subject);
  }
}

function keywordValue(ts: TokenStream): ValueNode {
  const i = ts.advance();
  const pos = ts.pos(i);
  const text = ts.text(i);
  if (text === 'true' || text === 'false') return { kind: 'boolean', pos, value: text === 'true' };
  if (text === 'null') return { kind: 'null', pos };
  ts.reportReserved(i);
  return { kind: 'enum', pos, name: text };
}

function listItems(ts: TokenStream, pos: Pos, depth: number): ValueNode {
  const items: ValueNode[] = [];
  while (!ts.eat(']')) {
    const kind = ts.kind;
    if (kind === 'eof' || kind === '}' || kind === ')' || kind === ':' || kind === '@') {
      ts.fail(
        ts.index,
        `Expected a list item or ']' to close the list opened at line ${pos.line}, found ` +
          `${ts.describe()}.`,
      );
    }
    items.push(value(ts, 'in the list', '', depth + 1));
  }
  return { kind: 'list', pos, items };
}

function objectFields(ts: TokenStream, pos: Pos, depth: number): ValueNode {
  const fields: { name: Name; value: ValueNode }[] = [];
  while (!ts.eat('}')) {
    if (!ts.isWord()) {
      ts.fail(
        ts.index,
        `Expected a field name or '}' to close the object opened at line ${pos.line}, ` +
          `found ${ts.describe()}.`,
      );
    }
    const name = ts.expectName('an object field name');
    ts.expect(':', `':' after object field name '${name.text}'`);
    fields.push({ name, value: value(ts, 'after object field', name.text, depth + 1) });
  }
  return { kind: 'object', pos, fields };
}
