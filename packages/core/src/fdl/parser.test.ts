import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import type { EventNode, FeatureNode, FieldNode, ValueNode } from './ast.js';
import { parseFdl } from './parser.js';

function ok(text: string) {
  const { document, diagnostics } = parseFdl('t.fdl', text);
  expect(diagnostics).toEqual([]);
  return document;
}

function feature(text: string): FeatureNode {
  const [declaration] = ok(text).declarations;
  if (declaration?.kind !== 'feature' && declaration?.kind !== 'session') {
    throw new Error('expected a feature');
  }
  return declaration;
}

/** The fields of the first `output` block of the first feature. */
function outputs(body: string): readonly FieldNode[] {
  const item = feature(`feature F { output { ${body} } }`).items[0];
  if (item?.kind !== 'output') throw new Error('expected an output block');
  return item.fields;
}

function defaultOf(literal: string): ValueNode | undefined {
  return outputs(`x: T = ${literal}`)[0]?.defaultValue;
}

const examples = new URL('../../../../../shared/examples/', import.meta.url);

describe('parseFdl on the example schemas', () => {
  it.each(['shop/shop.fdl', 'minimal/minimal.fdl'])('parses %s without diagnostics', (file) => {
    const text = readFileSync(new URL(file, examples), 'utf8');
    const document = ok(text);
    expect(document.path).toBe('t.fdl');
    expect(document.declarations.length).toBeGreaterThan(0);
  });

  it('parses the shop schema into the expected declarations', () => {
    const document = ok(readFileSync(new URL('shop/shop.fdl', examples), 'utf8'));
    expect(document.namespace).toEqual({ value: 'com.example.shop', pos: { line: 1, column: 1 } });
    expect(document.declarations.map((d) => `${d.kind} ${d.name.text}`)).toEqual([
      'session session',
      'enum Currency',
      'type Money',
      'enum ButtonStyle',
      'event ProductClick',
      'feature RatingBox',
      'feature Recommendations',
      'feature NewCheckout',
      'feature SiteBanner',
    ]);
  });
});

describe('parseFdl declarations', () => {
  it('parses an empty file', () => {
    expect(ok('# nothing\n')).toEqual({ path: 't.fdl', namespace: undefined, declarations: [] });
  });

  it('parses a feature with args, outputs, an event, a plugin and an import', () => {
    const f = feature(`"Banner" feature PromoBanner @off_by_default {
      import Tracked
      args { page: String! slot: Int = 1 }
      output { headline: String! = "Sale!" }
      plugin { score: Float }
      "clicked" event Clicked { x: Float }
    }`);
    expect(f).toMatchObject({
      kind: 'feature',
      pos: { line: 1, column: 1 },
      description: 'Banner',
      abstract: false,
      name: { text: 'PromoBanner', pos: { line: 1, column: 18 } },
      directives: [{ name: { text: 'off_by_default' }, args: undefined, pos: { column: 30 } }],
    });
    expect(f.items.map((i) => i.kind)).toEqual(['import', 'args', 'output', 'plugin', 'event']);
    expect(f.items[0]).toEqual({
      kind: 'import',
      node: {
        pos: { line: 2, column: 7 },
        name: { text: 'Tracked', pos: { line: 2, column: 14 } },
      },
    });
    expect(f.items[1]).toMatchObject({ kind: 'args', pos: { line: 3, column: 7 } });
    const event = f.items[4];
    expect(event?.kind === 'event' && event.node).toMatchObject({
      kind: 'event',
      description: 'clicked',
      offline: false,
      name: { text: 'Clicked' },
      pos: { line: 6, column: 7 },
    });
  });

  it('parses a kill-switch feature with an empty body', () => {
    expect(feature('feature K {}').items).toEqual([]);
  });

  it('puts the position of a declaration at its description, else its first keyword', () => {
    const document = ok('"d"\nabstract feature A {}\nabstract session {}\n"e" type T');
    expect(document.declarations.map((d) => [d.kind, d.pos.line, d.pos.column])).toEqual([
      ['feature', 1, 1],
      ['session', 3, 1],
      ['type', 4, 1],
    ]);
  });

  it('parses abstract features and abstract sessions', () => {
    expect(feature('"d" abstract feature A { output { t: String } }')).toMatchObject({
      abstract: true,
      description: 'd',
    });
    const session = feature('abstract session @bogus(x: 1) { args { id: ID! } }');
    expect(session).toMatchObject({
      kind: 'session',
      abstract: true,
      name: { text: 'session', pos: { line: 1, column: 10 } },
      directives: [{ name: { text: 'bogus' } }],
    });
  });

  it('parses object types with and without a body', () => {
    const [money, empty] = ok(
      '"An amount" type Money @deprecated { "ISO" currency: String! amount: Float }\ntype Marker',
    ).declarations;
    expect(money).toMatchObject({
      kind: 'type',
      description: 'An amount',
      directives: [{ name: { text: 'deprecated' } }],
      fields: [
        {
          description: 'ISO',
          name: { text: 'currency' },
          type: { kind: 'named', name: 'String', nonNull: true },
          defaultValue: undefined,
          pos: { column: 38 },
        },
        { description: undefined, name: { text: 'amount' }, pos: { column: 62 } },
      ],
    });
    expect(empty).toMatchObject({ kind: 'type', fields: undefined, name: { text: 'Marker' } });
  });

  it('parses enums, and an enum without a body (left to the checker)', () => {
    const [size, bare] = ok('enum Size { SMALL, "big" LARGE @deprecated }\nenum Bare').declarations;
    expect(size).toMatchObject({
      kind: 'enum',
      values: [
        { name: { text: 'SMALL' }, description: undefined, directives: [] },
        { name: { text: 'LARGE' }, description: 'big', pos: { column: 20 } },
      ],
    });
    expect(size?.kind === 'enum' && size.values?.[1]?.directives).toHaveLength(1);
    expect(bare).toMatchObject({ kind: 'enum', values: undefined });
  });

  it('parses top-level and offline events with imports, fields and a plugin', () => {
    const [top, offline] = ok(`event Seen { sku: String! }
      "loaded" offline event Order @deprecated {
        import Seen
        total: Float! = 0.0 @split_key
        plugin java "com.shop.Enrich" { region: String }
      }`).declarations as EventNode[];
    expect(top).toMatchObject({ kind: 'event', offline: false, name: { text: 'Seen' } });
    expect(offline).toMatchObject({
      offline: true,
      description: 'loaded',
      pos: { line: 2, column: 7 },
      directives: [{ name: { text: 'deprecated' } }],
    });
    expect(offline?.items.map((i) => i.kind)).toEqual(['import', 'field', 'plugin']);
    expect(offline?.items[2]).toMatchObject({
      kind: 'plugin',
      node: { language: 'java', pluginName: { value: 'com.shop.Enrich', pos: { column: 21 } } },
    });
  });

  it('parses offline event inside a feature as an offline EventNode', () => {
    const f = feature('feature F { offline event Late { x: Int } }');
    expect(f.items[0]).toMatchObject({
      kind: 'event',
      node: { offline: true, name: { text: 'Late' } },
    });
  });

  it('parses the three plugin forms', () => {
    const f = feature(`session {
      plugin java "Geo" { country: String! = "US" }
      "described" plugin js "geo-js" { }
      plugin { a: Int }
    }`);
    expect(f.items.map((i) => (i.kind === 'plugin' ? i.node : undefined))).toMatchObject([
      { language: 'java', pluginName: { value: 'Geo' }, description: undefined },
      { language: 'js', pluginName: { value: 'geo-js' }, description: 'described', fields: [] },
      { language: undefined, pluginName: undefined, fields: [{ name: { text: 'a' } }] },
    ]);
    const described = f.items[1];
    expect(described?.kind === 'plugin' && described.node.pos).toEqual({ line: 3, column: 7 });
  });

  it('accepts any number of args and output blocks in any order', () => {
    const f = feature('feature F { output {} args { a: Int } output { b: Int } args {} }');
    expect(f.items.map((i) => i.kind)).toEqual(['output', 'args', 'output', 'args']);
  });

  it('reads the namespace', () => {
    expect(ok('namespace "a.b.c"\nfeature X {}').namespace).toEqual({
      value: 'a.b.c',
      pos: { line: 1, column: 1 },
    });
  });
});

describe('parseFdl fields, types and directives', () => {
  it('parses a field with description, default and directives after the default', () => {
    const [field] = outputs('"desc" x: Int = 1 @external @hint(length: 3)');
    expect(field).toEqual({
      pos: { line: 1, column: 22 },
      description: 'desc',
      name: { text: 'x', pos: { line: 1, column: 29 } },
      type: { kind: 'named', pos: { line: 1, column: 32 }, name: 'Int', nonNull: false },
      defaultValue: { kind: 'int', pos: { line: 1, column: 38 }, text: '1' },
      directives: [
        {
          pos: { line: 1, column: 40 },
          name: { text: 'external', pos: { line: 1, column: 41 } },
          args: undefined,
        },
        {
          pos: { line: 1, column: 50 },
          name: { text: 'hint', pos: { line: 1, column: 51 } },
          args: [
            {
              pos: { line: 1, column: 56 },
              name: { text: 'length', pos: { line: 1, column: 56 } },
              value: { kind: 'int', pos: { line: 1, column: 64 }, text: '3' },
            },
          ],
        },
      ],
    });
  });

  it('parses nested list types with nullability at every level', () => {
    const [field] = outputs('x: [[Int!]]!');
    expect(field?.type).toEqual({
      kind: 'list',
      pos: { line: 1, column: 25 },
      nonNull: true,
      of: {
        kind: 'list',
        pos: { line: 1, column: 26 },
        nonNull: false,
        of: { kind: 'named', pos: { line: 1, column: 27 }, name: 'Int', nonNull: true },
      },
    });
  });

  it('parses every kind of value', () => {
    const p = { line: 1, column: 29 };
    expect(defaultOf('-42')).toEqual({ kind: 'int', pos: p, text: '-42' });
    expect(defaultOf('1.5e3')).toEqual({ kind: 'float', pos: p, text: '1.5e3' });
    expect(defaultOf(String.raw`"a\tb"`)).toEqual({
      kind: 'string',
      pos: p,
      value: 'a\tb',
      block: false,
    });
    expect(defaultOf('""" doc """')).toEqual({ kind: 'string', pos: p, value: 'doc', block: true });
    expect(defaultOf('true')).toEqual({ kind: 'boolean', pos: p, value: true });
    expect(defaultOf('false')).toEqual({ kind: 'boolean', pos: p, value: false });
    expect(defaultOf('null')).toEqual({ kind: 'null', pos: p });
    expect(defaultOf('RED')).toEqual({ kind: 'enum', pos: p, name: 'RED' });
    expect(defaultOf('$v')).toEqual({ kind: 'variable', pos: p, name: 'v' });
    expect(defaultOf('[]')).toEqual({ kind: 'list', pos: p, items: [] });
    expect(defaultOf('{}')).toEqual({ kind: 'object', pos: p, fields: [] });
  });

  it('parses nested lists and objects', () => {
    expect(defaultOf('[1, [2], { a: "x", b: [RED] }]')).toMatchObject({
      kind: 'list',
      items: [
        { kind: 'int', text: '1' },
        { kind: 'list', items: [{ kind: 'int', text: '2' }] },
        {
          kind: 'object',
          fields: [
            { name: { text: 'a', pos: { column: 40 } }, value: { kind: 'string', value: 'x' } },
            {
              name: { text: 'b' },
              value: { kind: 'list', items: [{ kind: 'enum', name: 'RED' }] },
            },
          ],
        },
      ],
    });
  });

  it('keeps lexer diagnostics in the result, sorted with syntax errors by position', () => {
    const { diagnostics } = parseFdl('t.fdl', 'feature A { output { x: Int = +1 } }\nfeature % {}');
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([
      ['FDL_LEX_UNEXPECTED_CHAR', 1, 31],
      ['FDL_LEX_UNEXPECTED_CHAR', 2, 9],
      ['FDL_SYNTAX', 2, 11],
    ]);
    expect(diagnostics.every((d) => d.severity === 'error' && d.path === 't.fdl')).toBe(true);
  });
});
