import { describe, expect, it } from 'vitest';
import { containing, matching } from '../../test/config/config-fixture.js';
import { configFormatFor, parseConfigDocument } from './parse-config-document.js';

const yaml = (text: string) => parseConfigDocument(text, 'yaml');
const json = (text: string) => parseConfigDocument(text, 'json');

describe('configFormatFor', () => {
  it('picks JSON for .json and YAML for everything else', () => {
    expect(configFormatFor('prod.config.json')).toBe('json');
    expect(configFormatFor('PROD.JSON')).toBe('json');
    expect(configFormatFor('prod.config.yaml')).toBe('yaml');
    expect(configFormatFor('prod.yml')).toBe('yaml');
    expect(configFormatFor('config')).toBe('yaml');
  });
});

describe('YAML', () => {
  it('uses the 1.2 core schema: on/off/yes and timestamps stay strings', () => {
    const { document, issues } = yaml(
      'gate: on\nother: yes\nat: 2026-11-01T12:00:00Z\nn: 0x10\nok: true\nnone: ~\n',
    );
    expect(issues).toEqual([]);
    expect(document).toEqual({
      gate: 'on',
      other: 'yes',
      at: '2026-11-01T12:00:00Z',
      n: 16,
      ok: true,
      none: null,
    });
  });

  it('keeps the core schema under a %YAML 1.1 directive', () => {
    expect(yaml('%YAML 1.1\n---\ngate: off\n').document).toEqual({ gate: 'off' });
  });

  it('reports syntax errors with line and column', () => {
    expect(yaml('a: 1\nb:\n  - x\n  c: 2\n')).toEqual({
      issues: [
        {
          path: '',
          message: 'line 4, column 1: All mapping items must start at the same column',
        },
      ],
    });
  });

  it('reports duplicate keys at their path and still returns the document', () => {
    const result = yaml('a:\n  list:\n    - { k: 1, k: 2 }\n');
    expect(result.issues).toEqual([
      {
        path: 'a.list[0].k',
        message: 'duplicate key "k" at line 3, column 15 (first at line 3, column 9)',
      },
    ]);
    expect(result.document).toEqual({ a: { list: [{ k: 2 }] } });
  });

  it('refuses tags outside the core schema', () => {
    const { issues } = yaml('at: !!timestamp 2026-11-01\nx: !custom y\n');
    expect(issues.map((i) => i.message)).toEqual([
      matching(/^line 1, column 5: Unresolved tag: .*timestamp/),
      matching(/^line 2, column 4: Unresolved tag: !custom/),
    ]);
  });

  it('refuses keys that are lists or mappings', () => {
    expect(yaml('? [a, b]\n: 1\n').issues).toEqual([
      { path: '', message: containing('a key must be a plain value') },
    ]);
  });

  it('refuses several documents in one file', () => {
    expect(yaml('a: 1\n---\nb: 2\n').issues).toEqual([
      { path: '', message: 'line 2, column 1: a configuration file holds a single YAML document' },
    ]);
  });

  it('refuses alias bombs', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const { document, issues } = yaml(lines.join('\n'));
    expect(document).toBeUndefined();
    expect(issues).toHaveLength(1);
  });

  it('reads an empty file as null and ignores a byte-order mark', () => {
    expect(yaml('')).toEqual({ document: null, issues: [] });
    expect(yaml('\uFEFFa: 1\n')).toEqual({ document: { a: 1 }, issues: [] });
  });

  it('keeps a "__proto__" key as data', () => {
    const { document } = yaml('__proto__: { polluted: true }\n');
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    expect(Object.keys(document as object)).toEqual(['__proto__']);
  });
});

describe('JSON', () => {
  it('parses strict JSON', () => {
    const text = '{ "a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {} }';
    expect(json(text)).toEqual({ document: JSON.parse(text) as unknown, issues: [] });
  });

  it.each([
    ['a trailing comma', '{\n  "a": 1,\n}', 'line 3, column 1: expected a key'],
    ['a comment', '{ // no\n}', 'line 1, column 3: expected a key'],
    ['single quotes', "{ 'a': 1 }", 'line 1, column 3: expected a key'],
    ['a leading zero', '[01]', 'line 1, column 2: invalid number'],
    ['text after the value', '{} {}', 'line 1, column 4: unexpected text after the JSON value'],
    [
      'an unterminated string',
      '{\n "a": "b\n}',
      'line 2, column 9: unterminated string (write a line break as \\n)',
    ],
    ['nothing', '', 'line 1, column 1: unexpected end of input'],
    ['a control character', '["a\tb"]', 'line 1, column 4: control character in a string'],
    ['a bad escape', '["\\x"]', 'line 1, column 3: invalid escape "\\x"'],
  ])('reports %s with line and column', (_what, text, message) => {
    expect(json(text)).toEqual({
      issues: [{ path: '', message: containing(message) }],
    });
  });

  it('reports duplicate keys at their path and keeps the last value', () => {
    const result = json('{"a": {"b": 1,\n "b": 2}}');
    expect(result.issues).toEqual([
      { path: 'a.b', message: 'duplicate key "b" at line 2, column 2 (first at line 1, column 8)' },
    ]);
    expect(result.document).toEqual({ a: { b: 2 } });
  });

  it('quotes keys that are not plain words in paths', () => {
    expect(json('{"x y": {"k": 1, "k": 2}}').issues[0]!.path).toBe('["x y"].k');
  });

  it('keeps a "__proto__" key as data', () => {
    const { document } = json('{"__proto__": {"polluted": true}}');
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses absurd nesting instead of overflowing the stack', () => {
    expect(json('['.repeat(10_000)).issues[0]!.message).toContain('nested deeper than');
  });
});
