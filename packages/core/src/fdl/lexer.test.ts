import { describe, expect, it } from 'vitest';

import { lexFdl } from './lexer.js';
import { FDL_KEYWORDS } from './token.js';

/** `[kind, text]` of every token except the final `eof`. */
function kinds(text: string): [string, string][] {
  return lexFdl('t.fdl', text)
    .tokens.filter((t) => t.kind !== 'eof')
    .map((t) => [t.kind, t.text]);
}

function clean(text: string) {
  const result = lexFdl('t.fdl', text);
  expect(result.diagnostics).toEqual([]);
  return result.tokens;
}

/** `code line:column` of every diagnostic. */
function errors(text: string): string[] {
  return lexFdl('t.fdl', text).diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`);
}

function values(text: string): string[] {
  return clean(text)
    .filter((t) => t.kind === 'string' || t.kind === 'block-string')
    .map((t) => t.value);
}

describe('lexFdl tokens', () => {
  it('produces every punctuation kind and ends with eof', () => {
    const tokens = clean('{ } ( ) [ ] : = ! @ $ ... & |');
    expect(tokens.map((t) => t.kind)).toEqual([
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
      'eof',
    ]);
  });

  it('returns only eof for empty input', () => {
    expect(clean('')).toEqual([
      { kind: 'eof', text: '', value: '', line: 1, column: 1, offset: 0 },
    ]);
  });

  it('lexes names, with the longest match over keywords', () => {
    expect(kinds('typeName userId inputs _x a1 A_B_9')).toEqual([
      ['name', 'typeName'],
      ['name', 'userId'],
      ['name', 'inputs'],
      ['name', '_x'],
      ['name', 'a1'],
      ['name', 'A_B_9'],
    ]);
  });

  it('lexes all 38 reserved words as keywords', () => {
    expect(FDL_KEYWORDS.size).toBe(38);
    const tokens = clean([...FDL_KEYWORDS].join(' '));
    expect(tokens.filter((t) => t.kind === 'keyword').map((t) => t.text)).toEqual([
      ...FDL_KEYWORDS,
    ]);
  });

  it('keeps js a name but java a keyword, and is case-sensitive', () => {
    expect(kinds('js java Type ENUM Enum')).toEqual([
      ['name', 'js'],
      ['keyword', 'java'],
      ['name', 'Type'],
      ['keyword', 'ENUM'],
      ['name', 'Enum'],
    ]);
  });

  it('records 1-based line and column and 0-based offset', () => {
    const tokens = clean('feature X {\n  args\n}');
    expect(tokens.map((t) => [t.text, t.line, t.column, t.offset])).toEqual([
      ['feature', 1, 1, 0],
      ['X', 1, 9, 8],
      ['{', 1, 11, 10],
      ['args', 2, 3, 14],
      ['}', 3, 1, 19],
      ['', 3, 2, 20],
    ]);
  });

  it('counts CRLF and lone CR as one line break each', () => {
    const tokens = clean('a\r\nb\rc\n\nd');
    expect(tokens.map((t) => [t.text, t.line, t.column])).toEqual([
      ['a', 1, 1],
      ['b', 2, 1],
      ['c', 3, 1],
      ['d', 5, 1],
      ['', 5, 2],
    ]);
  });

  it('skips a leading BOM without shifting columns', () => {
    const tokens = clean('\uFEFFfeature X');
    expect(tokens[0]).toMatchObject({ kind: 'keyword', text: 'feature', line: 1, column: 1 });
    expect(tokens[0]?.offset).toBe(1);
  });

  it('treats commas, tabs and spaces as whitespace', () => {
    expect(kinds('a: Int, b: Int,\t[1, 2,] ,,,')).toEqual([
      ['name', 'a'],
      [':', ':'],
      ['name', 'Int'],
      ['name', 'b'],
      [':', ':'],
      ['name', 'Int'],
      ['[', '['],
      ['int', '1'],
      ['int', '2'],
      [']', ']'],
    ]);
  });

  it('skips # comments to the end of the line, also at end of input', () => {
    expect(kinds('a # comment { "x"\nb # last')).toEqual([
      ['name', 'a'],
      ['name', 'b'],
    ]);
    expect(values('"# not a comment"')).toEqual(['# not a comment']);
  });
});

describe('lexFdl numbers', () => {
  it('lexes ints, including negative zero', () => {
    expect(kinds('0 7 42 -0 -15 1234567890123456789012')).toEqual([
      ['int', '0'],
      ['int', '7'],
      ['int', '42'],
      ['int', '-0'],
      ['int', '-15'],
      ['int', '1234567890123456789012'],
    ]);
  });

  it('splits leading zeros: 007 is three ints', () => {
    expect(kinds('007')).toEqual([
      ['int', '0'],
      ['int', '0'],
      ['int', '7'],
    ]);
  });

  it('lexes floats with a fraction, an exponent or both', () => {
    expect(kinds('1.5 1e5 1E5 1.5E-3 2e+10 -0.25 0.0')).toEqual([
      ['float', '1.5'],
      ['float', '1e5'],
      ['float', '1E5'],
      ['float', '1.5E-3'],
      ['float', '2e+10'],
      ['float', '-0.25'],
      ['float', '0.0'],
    ]);
  });

  it('lexes an exponent without digits as an int followed by a name', () => {
    expect(kinds('1e x')).toEqual([
      ['int', '1'],
      ['name', 'e'],
      ['name', 'x'],
    ]);
  });

  it('rejects .5 and 5. as malformed numbers but keeps their digits', () => {
    const leading = lexFdl('t.fdl', '.5');
    expect(leading.diagnostics).toMatchObject([
      { code: 'FDL_LEX_BAD_NUMBER', line: 1, column: 1, severity: 'error', path: 't.fdl' },
    ]);
    expect(leading.diagnostics[0]?.message).toContain("'.5'");
    expect(leading.diagnostics[0]?.message).toContain('0.5');
    const trailing = lexFdl('t.fdl', 'x = 5.');
    expect(trailing.diagnostics).toMatchObject([{ code: 'FDL_LEX_BAD_NUMBER', column: 6 }]);
    expect(trailing.diagnostics[0]?.message).toContain('5.0');
    expect(trailing.tokens.map((t) => t.kind)).toEqual(['name', '=', 'int', 'eof']);
    expect(errors('1.2.3')).toEqual(['FDL_LEX_BAD_NUMBER 1:4']);
  });
});

describe('lexFdl strings', () => {
  it('decodes every JSON escape', () => {
    expect(values(String.raw`"a\"b\\c\/d\be\ff\ng\rh\ti\u00e9\u0041"`)).toEqual([
      'a"b\\c/d\be\ff\ng\rh\ti\u00e9A',
    ]);
  });

  it('decodes surrogate pairs written as two \\u escapes', () => {
    expect(values(String.raw`"\ud83d\ude00"`)).toEqual(['😀']);
  });

  it('keeps the raw text, and the empty string', () => {
    const tokens = clean(String.raw`"a\nb" ""`);
    expect(tokens[0]).toMatchObject({ kind: 'string', text: String.raw`"a\nb"`, value: 'a\nb' });
    expect(tokens[1]).toMatchObject({ kind: 'string', text: '""', value: '' });
  });

  it('allows raw line breaks and counts them', () => {
    const tokens = clean('"line one\nline two" x');
    expect(tokens[0]?.value).toBe('line one\nline two');
    expect(tokens[1]).toMatchObject({ text: 'x', line: 2, column: 11 });
  });

  it('reports a bad escape at the backslash and still produces the string', () => {
    const result = lexFdl('t.fdl', String.raw`x "a\qb" y`);
    expect(result.diagnostics).toMatchObject([
      { code: 'FDL_LEX_BAD_ESCAPE', line: 1, column: 5, severity: 'error' },
    ]);
    expect(result.diagnostics[0]?.message).toContain(String.raw`'\q'`);
    expect(result.tokens.map((t) => t.kind)).toEqual(['name', 'string', 'name', 'eof']);
    expect(result.tokens[1]?.value).toBe('aqb');
  });

  it('reports a malformed \\u escape', () => {
    expect(errors(String.raw`"\u12G4" "\u00"`)).toEqual([
      'FDL_LEX_BAD_ESCAPE 1:2',
      'FDL_LEX_BAD_ESCAPE 1:11',
    ]);
  });

  it('reports an unterminated string at its opening quote', () => {
    const result = lexFdl('t.fdl', 'a\n  "never closed\nfeature X {}');
    expect(result.diagnostics).toMatchObject([
      { code: 'FDL_LEX_UNTERMINATED_STRING', line: 2, column: 3 },
    ]);
    expect(result.tokens.map((t) => t.kind)).toEqual(['name', 'string', 'eof']);
    expect(errors('"ends in a backslash\\')).toEqual(['FDL_LEX_UNTERMINATED_STRING 1:1']);
  });
});

describe('lexFdl block strings', () => {
  it('trims the content and keeps inner line breaks', () => {
    const tokens = clean('"""\n  The rating widget.\n  Tuned by experiments.\n"""');
    expect(tokens[0]).toMatchObject({
      kind: 'block-string',
      value: 'The rating widget.\n  Tuned by experiments.',
    });
  });

  it('ends at the first """ and counts its lines', () => {
    const tokens = clean('"""a\nb""" x """"""');
    expect(tokens.map((t) => [t.kind, t.value, t.line])).toEqual([
      ['block-string', 'a\nb', 1],
      ['name', 'x', 2],
      ['block-string', '', 2],
      ['eof', '', 2],
    ]);
  });

  it('decodes escapes leniently: unknown ones lose the backslash', () => {
    expect(values(String.raw`""" a\qb \n \t \\ \" \u0041 \101 """`)).toEqual([
      'aqb \n \t \\ " A A',
    ]);
    expect(values('""" "quoted" inside """')).toEqual(['"quoted" inside']);
  });

  it('reports a malformed \\u escape at its position', () => {
    const result = lexFdl('t.fdl', '"""\n  ok \\u12 """');
    expect(result.diagnostics).toMatchObject([{ code: 'FDL_LEX_BAD_ESCAPE', line: 2, column: 6 }]);
  });

  it('reports an unterminated block string', () => {
    expect(errors('x """ open\n\n')).toEqual(['FDL_LEX_UNTERMINATED_STRING 1:3']);
  });
});

describe('lexFdl errors', () => {
  function single(text: string) {
    const { diagnostics } = lexFdl('t.fdl', text);
    expect(diagnostics).toHaveLength(1);
    const [d] = diagnostics;
    expect(d).toMatchObject({ severity: 'error', path: 't.fdl' });
    return d!;
  }

  it.each([
    ['%', "'%'"],
    ['+', 'plus sign'],
    [';', "';'"],
    ['*', "'*'"],
    ['\\', 'backslash'],
    ['?', "'?'"],
    ['\u0000', 'U+0000'],
    ['\u00a0', 'U+00A0'],
  ])('rejects %j as an unexpected character', (char, shown) => {
    const d = single(`a ${char}b`);
    expect(d).toMatchObject({ code: 'FDL_LEX_UNEXPECTED_CHAR', line: 1, column: 3 });
    expect(d.message).toContain(shown);
  });

  it('explains that / does not start a comment', () => {
    expect(single('a / b').message).toBe("Unexpected character '/'. FDL comments start with '#'.");
  });

  it('reports a // comment once and skips the rest of its line', () => {
    const result = lexFdl('t.fdl', "a // the feature; it's fine\nb");
    expect(result.diagnostics).toMatchObject([{ code: 'FDL_LEX_UNEXPECTED_CHAR', column: 3 }]);
    expect(result.diagnostics[0]?.message).toContain('#');
    expect(result.tokens.map((t) => t.text)).toEqual(['a', 'b', '']);
  });

  it('reports a /* */ comment once and skips it', () => {
    const result = lexFdl('t.fdl', 'a /* one\ntwo */ b');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.tokens.map((t) => [t.text, t.line])).toEqual([
      ['a', 1],
      ['b', 2],
      ['', 2],
    ]);
  });

  it('turns a single-quoted string into an error plus the intended string', () => {
    const result = lexFdl('t.fdl', "x = 'hello'");
    expect(result.diagnostics).toMatchObject([{ code: 'FDL_LEX_UNEXPECTED_CHAR', column: 5 }]);
    expect(result.diagnostics[0]?.message).toContain('double quotes');
    expect(result.tokens[2]).toMatchObject({ kind: 'string', value: 'hello' });
    expect(errors("it's")).toEqual(['FDL_LEX_UNEXPECTED_CHAR 1:3']);
  });

  it('rejects a - that is not directly before digits', () => {
    const d = single('x = -a');
    expect(d).toMatchObject({ code: 'FDL_LEX_UNEXPECTED_CHAR', column: 5 });
    expect(d.message).toContain("'-'");
  });

  it('keeps a word with a non-ASCII letter as one name, with one error', () => {
    const result = lexFdl('t.fdl', 'feature Café {}');
    expect(result.diagnostics).toMatchObject([{ code: 'FDL_LEX_UNEXPECTED_CHAR', column: 12 }]);
    expect(result.diagnostics[0]?.message).toContain("'é'");
    expect(result.tokens.map((t) => [t.kind, t.text])).toEqual([
      ['keyword', 'feature'],
      ['name', 'Café'],
      ['{', '{'],
      ['}', '}'],
      ['eof', ''],
    ]);
    expect(errors('日本語 x')).toEqual(['FDL_LEX_UNEXPECTED_CHAR 1:1']);
  });

  it('keeps a hyphenated word as one name, with one error', () => {
    const result = lexFdl('t.fdl', 'feature my-feature {}');
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0]?.message).toContain('my_feature');
    expect(result.tokens[1]).toMatchObject({ kind: 'name', text: 'my-feature' });
    // A '-' before digits after a name is a negative number, not part of the name.
    expect(kinds('[A-1]')).toEqual([
      ['[', '['],
      ['name', 'A'],
      ['int', '-1'],
      [']', ']'],
    ]);
  });

  it('reports a run of the same stray character once', () => {
    expect(errors('a %%% b ;;')).toEqual([
      'FDL_LEX_UNEXPECTED_CHAR 1:3',
      'FDL_LEX_UNEXPECTED_CHAR 1:9',
    ]);
  });

  it('reports every lexical error of the file and keeps lexing', () => {
    const result = lexFdl('t.fdl', 'feature A % {\n  output { x: Int = +1 }\n} "bad \\q" ` .5');
    expect(result.diagnostics.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual([
      'FDL_LEX_UNEXPECTED_CHAR 1:11',
      'FDL_LEX_UNEXPECTED_CHAR 2:21',
      'FDL_LEX_BAD_ESCAPE 3:8',
      'FDL_LEX_UNEXPECTED_CHAR 3:12',
      'FDL_LEX_BAD_NUMBER 3:14',
    ]);
    expect(result.tokens.filter((t) => t.kind === 'int').map((t) => t.text)).toEqual(['1', '5']);
  });

  it('never throws on arbitrary characters', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 300; n++) {
      const chars = Array.from({ length: 40 }, () =>
        String.fromCharCode(Math.floor(random() * (random() < 0.8 ? 128 : 0x10000))),
      );
      const result = lexFdl('t.fdl', chars.join(''));
      expect(result.tokens.at(-1)?.kind).toBe('eof');
    }
  });
});
