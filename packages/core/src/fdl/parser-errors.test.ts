import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseFdl } from './parser.js';

/** `line:column message` of every diagnostic. */
function errors(text: string): string[] {
  return parseFdl('t.fdl', text).diagnostics.map((d) => `${d.line}:${d.column} ${d.message}`);
}

/** The single syntax error of `text`. */
function syntaxError(text: string): string {
  const { diagnostics } = parseFdl('t.fdl', text);
  expect(diagnostics.map((d) => d.code)).toEqual(['FDL_SYNTAX']);
  const [d] = diagnostics;
  return `${d!.line}:${d!.column} ${d!.message}`;
}

describe('parseFdl syntax errors (spec §3 consequences)', () => {
  it('names what was found and what was expected', () => {
    expect(syntaxError('feature A { args { price = 5 } }')).toBe(
      "1:26 Expected ':' after field name 'price', found '='.",
    );
  });

  it('rejects keywords as names, quoting them', () => {
    expect(syntaxError('feature A { args { type: String } }')).toBe(
      "1:20 'type' is a reserved word and cannot be used as a name.",
    );
    expect(syntaxError('feature input {}')).toContain("'input' is a reserved word");
    expect(syntaxError('enum E { A null }')).toContain("'null' is a reserved word");
    expect(syntaxError('feature F { output { x: Int @d(output: 1) } }')).toContain("'output'");
    expect(syntaxError('feature F { output { x: T = { on: 1 } } }')).toContain(
      "'on' is a reserved",
    );
  });

  it.each([
    ['namespace', '"d" namespace "x"'],
    ['args', 'feature F { "d" args {} }'],
    ['output', 'feature F { "d" output {} }'],
    ['import', 'feature F { "d" import G }'],
    ['import', 'event E { "d" import G }'],
  ])('rejects a description before %s', (word, text) => {
    expect(syntaxError(text)).toBe(
      `1:${text.indexOf('"d"') + 1} A description string cannot precede '${word}'; remove it or use a '#' comment.`,
    );
  });

  it('rejects a description after abstract, and two descriptions', () => {
    expect(syntaxError('abstract "d" feature X {}')).toContain(
      "Expected 'feature' or 'session' after 'abstract', found string \"d\".",
    );
    expect(syntaxError('"a" "b" feature X {}')).toMatch(/^1:5 Only one description/);
  });

  it('rejects an empty type body but accepts a type without body', () => {
    expect(syntaxError('type T {}')).toMatch(/^1:8 Type 'T' has an empty body/);
    expect(errors('type T\ntype U @deprecated')).toEqual([]);
  });

  it('rejects an empty enum body', () => {
    expect(syntaxError('enum E {}')).toMatch(/^1:8 Enum 'E' has an empty body/);
  });

  it('rejects a default on an object-type field', () => {
    expect(syntaxError('type T { a: Int = 1 }')).toBe(
      "1:17 Fields of object type 'T' cannot have a default value; remove '= …' from field 'a'.",
    );
  });

  it('requires directives after the default', () => {
    expect(syntaxError('feature F { output { x: Int @external = 1 } }')).toMatch(
      /^1:39 Directives must follow the default value/,
    );
  });

  it('rejects empty directive parentheses', () => {
    expect(syntaxError('feature F @deprecated() {}')).toMatch(
      /^1:22 Empty argument list after '@deprecated'/,
    );
  });

  it('requires a string after plugin java and plugin js', () => {
    expect(syntaxError('feature F { plugin java { a: Int } }')).toMatch(
      /^1:25 Expected the plugin name as a string after 'java'/,
    );
    expect(syntaxError('feature F { plugin js Geo { a: Int } }')).toContain("after 'js'");
    expect(syntaxError('feature F { plugin kotlin "K" {} }')).toContain("found 'kotlin'");
  });

  it('allows namespace only as the first item', () => {
    expect(syntaxError('feature X {}\nnamespace "a"')).toBe(
      "2:1 'namespace' must be the first item of the file; move it to the top.",
    );
    expect(parseFdl('t.fdl', 'namespace "a" namespace "b"').document.namespace?.value).toBe('a');
  });

  it('allows offline only before event', () => {
    expect(syntaxError('offline feature X {}')).toBe(
      "1:9 Expected 'event' after 'offline', found 'feature'.",
    );
  });

  it('requires a body on features, sessions and events', () => {
    expect(syntaxError('feature X')).toContain("Expected '{' to open the body of feature 'X'");
    expect(syntaxError('session @d')).toContain('the session');
    expect(syntaxError('event E')).toContain("event 'E'");
  });

  it('rejects fields outside args/output and items outside features', () => {
    expect(syntaxError('feature F { x: Int }')).toBe(
      "1:13 Field 'x' must be declared inside an 'args' or 'output' block of feature 'F'.",
    );
    expect(syntaxError('args { x: Int }')).toContain("'args' is only allowed inside");
    expect(syntaxError('@d feature F {}')).toContain("found '@'");
  });

  it('reports a missing value and a missing type at the next field', () => {
    expect(syntaxError('feature F { args { a: Int =\n b: Int } }')).toMatch(
      /^2:2 Expected a value .* after '=' in field 'a', found 'b'\.$/,
    );
    expect(syntaxError('feature F { args { a:\n b: Int } }')).toMatch(
      /^2:2 Expected a type .* after 'a:', found 'b'\.$/,
    );
  });

  it('reports a missing } where the next construct starts', () => {
    expect(syntaxError('feature A { args { x: Int\n output { y: Int } }')).toBe(
      "2:2 Expected '}' to close the 'args' block of feature 'A' (opened at line 1), found 'output'.",
    );
    expect(syntaxError('feature A { args { x: Int }\nfeature B {}')).toBe(
      "2:1 Expected '}' to close feature 'A' (opened at line 1), found 'feature'.",
    );
    expect(syntaxError('feature A { args { x: Int }')).toContain('found end of file');
  });

  it('reports an item of the enclosing block as misplaced when the braces balance', () => {
    expect(syntaxError('feature F {\n  event E {\n    args { x: Int }\n  }\n}')).toBe(
      "3:5 'args' is not allowed in event 'E', which contains only fields, imports and a plugin.",
    );
    expect(syntaxError('feature F { event E { event G {} } }')).toContain(
      "'event' is not allowed in event 'E'",
    );
    expect(syntaxError('feature F { args { x: Int "d" import X } }')).toBe(
      "1:31 'import' is not allowed in the 'args' block of feature 'F', which contains only fields.",
    );
  });

  it('reports each missing } once even when blocks are nested', () => {
    expect(errors('feature A { args { x: Int\nfeature B {}')).toHaveLength(1);
  });

  it('guards against deep nesting instead of overflowing the stack', () => {
    const deep = `feature F { output { x: Int = ${'['.repeat(100_000)} } }`;
    expect(syntaxError(deep)).toMatch(/nested more than 64 levels/);
    const deepType = `feature F { output { x: ${'['.repeat(100_000)}Int } }`;
    expect(syntaxError(deepType)).toMatch(/nested more than 64 levels/);
    const ok = `feature F { output { x: Int = ${'['.repeat(64)}${']'.repeat(64)} } }`;
    expect(errors(ok)).toEqual([]);
  });

  it('reports no cascade after an unterminated string', () => {
    const { diagnostics } = parseFdl('t.fdl', 'feature F { output { x: String = "oops } }');
    expect(diagnostics.map((d) => d.code)).toEqual(['FDL_LEX_UNTERMINATED_STRING']);
  });
});

describe('parseFdl error recovery', () => {
  it('reports every independent syntax error of a file', () => {
    const text = [
      'feature A { args { price = 5 } }', // 1
      'type T {}', // 2
      'feature B { output { x: Int @external = 1 } }', // 3
      'enum E { A true B }', // 4
      'feature C { event Clicked { x Int y: Int } }', // 5
      'feature D @d() { import }', // 6
      'feature Fine { output { ok: Int! = 1 } }', // 7
    ].join('\n');
    const { document, diagnostics } = parseFdl('t.fdl', text);
    expect(diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([
      'FDL_SYNTAX 1:26',
      'FDL_SYNTAX 2:8',
      'FDL_SYNTAX 3:39',
      'FDL_SYNTAX 4:12',
      'FDL_SYNTAX 5:31',
      'FDL_SYNTAX 6:13',
      'FDL_SYNTAX 6:25',
    ]);
    expect(document.declarations.map((d) => d.name.text)).toEqual([
      'A',
      'T',
      'B',
      'E',
      'C',
      'D',
      'Fine',
    ]);
  });

  it('recovers inside a field list and keeps the following fields', () => {
    const { document, diagnostics } = parseFdl(
      't.fdl',
      'feature F { args { a Int\n b: Int = { x: 1, y 2 }\n c: String } output { d: Int } }',
    );
    expect(diagnostics).toHaveLength(2);
    const [f] = document.declarations;
    expect(f?.kind === 'feature' && f.items.map((i) => i.kind)).toEqual(['args', 'output']);
    const args = f?.kind === 'feature' ? f.items[0] : undefined;
    expect(args?.kind === 'args' && args.fields.map((x) => x.name.text)).toEqual(['c']);
  });

  it('skips a broken declaration header to the next declaration', () => {
    const { document, diagnostics } = parseFdl(
      't.fdl',
      'feature 42 { args { x: Int } event E {} }\n"d" feature Next {}\n} ] stray',
    );
    expect(diagnostics.map((d) => d.line)).toEqual([1, 3]);
    expect(document.declarations.map((d) => d.name.text)).toEqual(['Next']);
  });

  it('keeps nested events inside a broken feature', () => {
    const { diagnostics } = parseFdl(
      't.fdl',
      'feature A { output { x: = 1 }\n event E { y: Int }\n}\nfeature B {}',
    );
    expect(diagnostics).toHaveLength(1);
  });
});

describe('parseFdl never throws', () => {
  /** A deterministic PRNG (mulberry32), so failures can be replayed. */
  function prng(seed: number): () => number {
    let a = seed;
    return () => {
      a = (a + 0x6d2b79f5) | 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  /** Parses `text` and checks the diagnostics are well-formed (plain checks: this runs often). */
  function expectSane(text: string): void {
    const { document, diagnostics } = parseFdl('fuzz.fdl', text);
    const bad = diagnostics.filter(
      (d) => d.message.includes('Internal error') || d.line < 1 || d.column < 1 || !d.message,
    );
    if (bad.length > 0 || !Array.isArray(document.declarations)) {
      expect({ text, bad }).toEqual({ text, bad: [] });
    }
  }

  const shop = readFileSync(
    new URL('../../../../../shared/examples/shop/shop.fdl', import.meta.url),
    'utf8',
  );

  it('survives thousands of random byte strings', () => {
    const random = prng(20240601);
    const decoder = new TextDecoder();
    for (let n = 0; n < 3000; n++) {
      const bytes = new Uint8Array(1 + Math.floor(random() * 200));
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(random() * 256);
      expectSane(decoder.decode(bytes));
    }
  });

  it('survives random FDL-like token soup', () => {
    const random = prng(7);
    const pieces = [
      'feature',
      'session',
      'abstract',
      'event',
      'offline',
      'type',
      'enum',
      'args',
      'output',
      'plugin',
      'java',
      'js',
      'import',
      'namespace',
      'X',
      'y',
      ':',
      '=',
      '!',
      '@d',
      '(',
      ')',
      '[',
      ']',
      '{',
      '}',
      '"s"',
      '"""b"""',
      '1',
      '-2.5',
      'true',
      'null',
      '$v',
      '...',
      '\n',
    ];
    for (let n = 0; n < 2000; n++) {
      const parts = Array.from(
        { length: Math.floor(random() * 60) },
        () => pieces[Math.floor(random() * pieces.length)],
      );
      expectSane(parts.join(' '));
    }
  });

  it('survives every truncation and random mutations of shop.fdl', () => {
    for (let end = 0; end <= shop.length; end += 7) expectSane(shop.slice(0, end));
    const random = prng(42);
    for (let n = 0; n < 500; n++) {
      const at = Math.floor(random() * shop.length);
      const cut = Math.floor(random() * 20);
      expectSane(shop.slice(0, at) + shop.slice(at + cut));
    }
  });
});
