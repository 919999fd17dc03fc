/**
 * A strict JSON (RFC 8259) reader for configuration files. `JSON.parse` is not enough: its
 * errors carry no line and column on every Node version, and it keeps the last of two equal keys
 * without a word, which would let a pasted-over block silently replace another.
 */
import type { ConfigIssue } from '../errors.js';
import { indexPath, keyPath } from './config-path.js';

/** Deeper nesting is refused rather than risking the stack: no real configuration comes close. */
const MAX_DEPTH = 256;

class JsonSyntaxError extends Error {
  readonly offset: number;

  constructor(offset: number, message: string) {
    super(message);
    this.offset = offset;
  }
}

/** Line and column (1-based) of `offset` in `text`. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** `line 3, column 7` */
export function describePosition(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `line ${line}, column ${column}`;
}

/**
 * Parses `text` as one JSON value. A syntax error yields one issue (path `''`, the position in
 * the message) and no value; duplicate keys yield an issue each, at the path of the repeated
 * key, and the value keeps the last occurrence so that validation can go on.
 */
export function parseJsonText(text: string): { value?: unknown; issues: ConfigIssue[] } {
  const reader = new JsonReader(text);
  try {
    reader.skipSpace();
    const value = reader.value('', 0);
    reader.skipSpace();
    if (reader.pos < text.length)
      throw new JsonSyntaxError(reader.pos, 'unexpected text after the JSON value');
    return { value, issues: reader.issues };
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const at = describePosition(text, error.offset);
    return { issues: [{ path: '', message: `${at}: ${error.message}` }] };
  }
}

class JsonReader {
  pos = 0;
  readonly issues: ConfigIssue[] = [];
  private readonly text: string;

  constructor(text: string) {
    this.text = text;
  }

  skipSpace(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text.charAt(this.pos)))
      this.pos++;
  }

  value(path: string, depth: number): unknown {
    if (depth > MAX_DEPTH) this.fail(`nested deeper than ${MAX_DEPTH} levels`);
    const c = this.text.charAt(this.pos);
    if (c === '{') return this.object(path, depth);
    if (c === '[') return this.array(path, depth);
    if (c === '"') return this.string();
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of [
      ['true', true],
      ['false', false],
      ['null', null],
    ] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    }
    return this.fail(
      c === '' ? 'unexpected end of input' : `unexpected character ${JSON.stringify(c)}`,
    );
  }

  private object(path: string, depth: number): Record<string, unknown> {
    const result: Record<string, unknown> = {};
    const seen = new Map<string, number>();
    this.pos++;
    this.skipSpace();
    if (this.eat('}')) return result;
    for (;;) {
      this.skipSpace();
      if (this.text.charAt(this.pos) !== '"')
        this.fail('expected a key (a string in double quotes)');
      const keyOffset = this.pos;
      const key = this.string();
      this.skipSpace();
      if (!this.eat(':')) this.fail('expected ":" after the key');
      this.skipSpace();
      const childPath = keyPath(path, key);
      const value = this.value(childPath, depth + 1);
      const first = seen.get(key);
      if (first !== undefined) {
        this.issues.push({
          path: childPath,
          message: `duplicate key "${key}" at ${describePosition(this.text, keyOffset)} (first at ${describePosition(this.text, first)})`,
        });
      } else seen.set(key, keyOffset);
      // defineProperty: a "__proto__" key must become data, not replace the prototype.
      Object.defineProperty(result, key, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      });
      this.skipSpace();
      if (this.eat('}')) return result;
      if (!this.eat(',')) this.fail('expected "," or "}"');
    }
  }

  private array(path: string, depth: number): unknown[] {
    const result: unknown[] = [];
    this.pos++;
    this.skipSpace();
    if (this.eat(']')) return result;
    for (;;) {
      this.skipSpace();
      result.push(this.value(indexPath(path, result.length), depth + 1));
      this.skipSpace();
      if (this.eat(']')) return result;
      if (!this.eat(',')) this.fail('expected "," or "]"');
    }
  }

  private string(): string {
    const start = this.pos;
    let out = '';
    this.pos++;
    for (;;) {
      const c = this.text.charAt(this.pos);
      if (c === '') {
        this.pos = start;
        this.fail('unterminated string');
      }
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c === '\n' || c === '\r') this.fail('unterminated string (write a line break as \\n)');
      if (c < ' ') this.fail('control character in a string (escape it)');
      if (c !== '\\') {
        out += c;
        this.pos++;
        continue;
      }
      out += this.escape();
    }
  }

  private escape(): string {
    const c = this.text.charAt(this.pos + 1);
    const simple: Readonly<Record<string, string>> = {
      '"': '"',
      '\\': '\\',
      '/': '/',
      b: '\b',
      f: '\f',
      n: '\n',
      r: '\r',
      t: '\t',
    };
    if (Object.hasOwn(simple, c)) {
      this.pos += 2;
      return simple[c] ?? '';
    }
    if (c === 'u') {
      const hex = this.text.slice(this.pos + 2, this.pos + 6);
      if (!/^[0-9A-Fa-f]{4}$/.test(hex)) this.fail('invalid \\u escape (four hex digits expected)');
      this.pos += 6;
      return String.fromCharCode(parseInt(hex, 16));
    }
    return this.fail(`invalid escape "\\${c}"`);
  }

  private number(): number {
    const match = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    match.lastIndex = this.pos;
    const m = match.exec(this.text);
    if (m === null) this.fail('invalid number');
    const end = this.pos + m[0].length;
    if (/[0-9A-Za-z.]/.test(this.text.charAt(end))) this.fail('invalid number');
    this.pos = end;
    return Number(m[0]);
  }

  private eat(c: string): boolean {
    if (this.text.charAt(this.pos) !== c) return false;
    this.pos++;
    return true;
  }

  private fail(message: string): never {
    throw new JsonSyntaxError(this.pos, message);
  }
}
