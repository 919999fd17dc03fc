/**
 * Robustness of `compileFdl` on damaged input: every valid corpus file and example is mutated
 * with a seeded PRNG (deleted, duplicated and swapped tokens, inserted bytes, truncation). The
 * compiler must never throw or hang, and its diagnostics must stay well-formed.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { compileFdl, FdlCode } from '../src/index.js';

interface Seed {
  readonly name: string;
  readonly text: string;
}

interface Token {
  readonly start: number;
  readonly end: number;
}

type Mutation = (text: string, rng: Rng) => string;

const CORPUS_DIR = new URL('./fdl/', import.meta.url);
const EXAMPLE_DIRS = [
  new URL('../../../../shared/examples/', import.meta.url),
  new URL('../../../examples/', import.meta.url),
];
const MUTANTS_PER_SEED_AND_KIND = 5;
const MAX_MS_PER_COMPILE = 1000;
const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(FdlCode));
const SEVERITIES: readonly string[] = ['error', 'warning'];

/** mulberry32: a tiny deterministic PRNG. */
class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

function hashString(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A rough FDL tokenizer, good enough to cut text at token boundaries. */
const TOKEN =
  /"""[\s\S]*?"""|"(?:[^"\\]|\\.)*"|#[^\n]*|[A-Za-z_][A-Za-z0-9_]*|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\s+|[\s\S]/gu;

function tokens(text: string): Token[] {
  const found: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    if (/^\s/.test(m[0])) continue;
    found.push({ start: m.index, end: m.index + m[0].length });
  }
  return found;
}

const INSERTIONS = [
  '\u0000',
  '\u0001',
  '\u0007',
  '\u001b',
  '\u007f',
  '\t',
  '\r',
  '\n',
  '\r\n',
  '\uFEFF',
  '\u00A0',
  '\u2028',
  'é',
  'ß',
  '日本',
  '☕',
  '\u{1F600}',
  '\uD800',
  '\uDC00',
  '"',
  '"""',
  '\\',
  '\\u',
  '\\uZZ',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  ':',
  '=',
  '!',
  '@',
  '$',
  '#',
  '%',
  '+',
  '-',
  '/',
  '//',
  '.',
  '...',
  '&',
  '|',
  ',',
  "'",
  '`',
  '0',
  '-1',
  '9223372036854775808',
  '1e999',
  '1.',
  '.5',
  'null',
  'true',
  'feature',
  'session',
  'event',
  'offline',
  'import',
  'plugin',
  'java',
  'js',
  'args',
  'output',
  'type',
  'enum',
  'abstract',
  'namespace',
  '@per',
  '@mutable',
  '@elapsed(kind: "session_end")',
  '@hint(length: 1)',
  'X',
  '_',
  'Int!',
  '[Int]',
];

function randomInsertion(rng: Rng): string {
  if (rng.int(4) === 0) {
    // Arbitrary code points, including controls, surrogates and astral planes.
    let s = '';
    const n = 1 + rng.int(4);
    for (let i = 0; i < n; i++)
      s += String.fromCodePoint(
        rng.pick([rng.int(0x20), rng.int(0x80), rng.int(0x800), rng.int(0x110000)]),
      );
    return s;
  }
  return rng.pick(INSERTIONS);
}

const MUTATIONS: Record<string, Mutation> = {
  'delete a token': (text, rng) => {
    const ts = tokens(text);
    if (ts.length === 0) return text;
    const t = rng.pick(ts);
    return text.slice(0, t.start) + text.slice(t.end);
  },
  'duplicate a token': (text, rng) => {
    const ts = tokens(text);
    if (ts.length === 0) return text;
    const t = rng.pick(ts);
    return text.slice(0, t.end) + ' ' + text.slice(t.start, t.end) + text.slice(t.end);
  },
  'swap two adjacent tokens': (text, rng) => {
    const ts = tokens(text);
    if (ts.length < 2) return text;
    const i = rng.int(ts.length - 1);
    const a = ts[i]!;
    const b = ts[i + 1]!;
    return (
      text.slice(0, a.start) +
      text.slice(b.start, b.end) +
      text.slice(a.end, b.start) +
      text.slice(a.start, a.end) +
      text.slice(b.end)
    );
  },
  'insert random bytes': (text, rng) => {
    let out = text;
    const n = 1 + rng.int(3);
    for (let i = 0; i < n; i++) {
      const at = rng.int(out.length + 1);
      out = out.slice(0, at) + randomInsertion(rng) + out.slice(at);
    }
    return out;
  },
  truncate: (text, rng) => text.slice(0, rng.int(text.length + 1)),
  'several mutations': (text, rng) => {
    const kinds = [
      'delete a token',
      'duplicate a token',
      'swap two adjacent tokens',
      'insert random bytes',
    ];
    let out = text;
    const n = 2 + rng.int(4);
    for (let i = 0; i < n; i++) out = MUTATIONS[rng.pick(kinds)]!(out, rng);
    return out;
  },
};

function findFdlFiles(dir: URL): URL[] {
  if (!existsSync(dir)) return [];
  const found: URL[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const url = new URL(entry, dir);
    if (statSync(url).isDirectory()) found.push(...findFdlFiles(new URL(`${entry}/`, dir)));
    else if (entry.endsWith('.fdl')) found.push(url);
  }
  return found;
}

/** Valid corpus files (single-file cases expected to compile) and the example schemas. */
function loadSeeds(): Seed[] {
  const seeds: Seed[] = [];
  for (const url of findFdlFiles(CORPUS_DIR)) {
    const text = readFileSync(url, 'utf8');
    const name = url.pathname.slice(CORPUS_DIR.pathname.length);
    if (!name.includes('/') && /^\uFEFF?# expect: ok\b/.test(text)) seeds.push({ name, text });
  }
  for (const dir of EXAMPLE_DIRS) {
    for (const url of findFdlFiles(dir))
      seeds.push({ name: url.pathname, text: readFileSync(url, 'utf8') });
  }
  return seeds;
}

/**
 * The spec does not say whether a lone CR (or U+2028/U+2029) ends a line, so a position is accepted
 * when it lies inside the text under any of these conventions.
 */
const LINE_BREAKS = [/\n/, /\r\n|\r|\n/, /\r\n|[\r\n\u2028\u2029]/];

function insideText(text: string, line: number, column: number): boolean {
  if (!Number.isInteger(line) || !Number.isInteger(column) || line < 1 || column < 1) return false;
  return LINE_BREAKS.some((breaks) => {
    const lineText = text.split(breaks)[line - 1];
    return lineText !== undefined && column <= lineText.length + 1;
  });
}

/** Compiles `text` and returns what is wrong with the outcome (empty when all is well). */
function check(path: string, text: string, maxMs = MAX_MS_PER_COMPILE): string[] {
  const started = performance.now();
  let result: ReturnType<typeof compileFdl>;
  try {
    result = compileFdl([{ path, text }]);
  } catch (error) {
    return [`threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`];
  }
  const elapsed = performance.now() - started;
  const problems: string[] = [];
  if (elapsed > maxMs) problems.push(`took ${elapsed.toFixed(0)} ms`);
  let errors = 0;
  for (const d of result.diagnostics) {
    const where = `${d.code} at ${d.path}:${d.line}:${d.column}`;
    if (!KNOWN_CODES.has(d.code)) problems.push(`unknown code: ${where}`);
    if (typeof d.message !== 'string' || d.message.trim() === '')
      problems.push(`empty message: ${where}`);
    if (!SEVERITIES.includes(d.severity)) problems.push(`bad severity ${d.severity}: ${where}`);
    if (d.severity === 'error') errors++;
    if (d.path !== path) problems.push(`wrong path: ${where}`);
    if (!insideText(text, d.line, d.column)) problems.push(`position outside the text: ${where}`);
  }
  if ((result.schema === undefined) !== errors > 0) {
    problems.push(
      `schema ${result.schema === undefined ? 'missing' : 'present'} with ${errors} error(s)`,
    );
  }
  return problems;
}

const seeds = loadSeeds();

describe('FDL fuzz', () => {
  it('has seeds', () => {
    expect(seeds.length).toBeGreaterThan(50);
  });

  it('compiles every seed cleanly before mutation', () => {
    const failures = seeds.flatMap((s) => check(s.name, s.text).map((p) => `${s.name}: ${p}`));
    expect(failures).toEqual([]);
  });

  for (const [kind, mutate] of Object.entries(MUTATIONS)) {
    it(`survives: ${kind}`, { timeout: 60_000 }, () => {
      const failures: string[] = [];
      let mutants = 0;
      for (const seed of seeds) {
        const rng = new Rng(hashString(`${kind}:${seed.name}`));
        for (let i = 0; i < MUTANTS_PER_SEED_AND_KIND; i++) {
          const text = mutate(seed.text, rng);
          mutants++;
          for (const problem of check(`${seed.name}#${i}`, text)) {
            failures.push(`${seed.name} mutant ${i}: ${problem}\n  input: ${JSON.stringify(text)}`);
          }
        }
      }
      expect(mutants).toBeGreaterThan(seeds.length);
      expect(failures.slice(0, 10), `${failures.length} failure(s)`).toEqual([]);
    });
  }
});

describe('FDL deep nesting', () => {
  const depth = 10_000;
  const open = '['.repeat(depth);
  const close = ']'.repeat(depth);
  const inputs: Record<string, string> = {
    'a closed list default': `feature A { args { x: [Int] = ${open}1${close} } }\n`,
    'an unclosed list default': `feature A { args { x: [Int] = ${open}1 } }\n`,
    'a closed list type': `feature A { args { x: ${open}Int${close} } }\n`,
    'an unclosed list type': `feature A { args { x: ${open}Int } }\n`,
    'an object default': `type P { p: Int }\nfeature A { args { x: P = ${'{ p: '.repeat(depth)}1${' }'.repeat(depth)} } }\n`,
    'directive arguments': `feature A @deprecated(reason: ${open}"x"${close}) {}\n`,
    'a long flat list': `feature A { args { x: [Int] = [${'1 '.repeat(100_000)}] } }\n`,
  };
  for (const [name, text] of Object.entries(inputs)) {
    it(`does not throw on ${name}`, { timeout: 30_000 }, () => {
      expect(check('deep.fdl', text, 5000)).toEqual([]);
    });
  }
});
