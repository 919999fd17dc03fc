/**
 * Table-driven FDL corpus (spec fdl.md). Every `test/fdl/*.fdl` file is one case, and every
 * directory `test/fdl/<case>/` holding `1.fdl`, `2.fdl`, … is one multi-file case compiled in that
 * order. The first line of a case (of `1.fdl` for a directory) states the expectation:
 *
 *   # expect: ok                      compiles, no errors, no warnings
 *   # expect: ok CODE [CODE…]         compiles; the distinct warning codes are exactly these
 *   # expect: error CODE [CODE…]      no schema; the distinct error codes are exactly these
 *
 * An optional second line `# at: LINE:COL` (or `# at: N.fdl:LINE:COL` for a later file of a
 * multi-file case) gives the 1-based position of the first diagnostic with the first listed code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compileFdl, FdlCode } from '../src/index.js';
import type { Diagnostic } from '../src/index.js';

interface SourceFile {
  readonly path: string;
  readonly text: string;
}

interface Expectation {
  readonly verdict: 'ok' | 'error';
  readonly codes: readonly string[];
  readonly at:
    { readonly path: string; readonly line: number; readonly column: number } | undefined;
}

interface CorpusCase {
  readonly name: string;
  readonly files: readonly SourceFile[];
  readonly expectation: Expectation;
}

const CORPUS_DIR = new URL('./fdl/', import.meta.url);
const MIN_CASES = 170;
const AREAS = [
  'lex',
  'syn',
  'ns',
  'type',
  'enum',
  'name',
  'snake',
  'res',
  'def',
  'ses',
  'evt',
  'plg',
  'imp',
  'dir',
  'warn',
  'ok',
];
const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(FdlCode));
/** Codes the corpus need not exercise (the lexer may never produce it). */
const OPTIONAL_CODES: ReadonlySet<string> = new Set([FdlCode.LEX_BAD_NUMBER]);

const EXPECT_LINE = /^# expect: (ok|error)((?: FDL_[A-Z_]+)*)$/;
const AT_LINE = /^# at: (?:(\d+\.fdl):)?(\d+):(\d+)$/;

function readText(url: URL): string {
  return readFileSync(url, 'utf8');
}

function headerLines(text: string): string[] {
  const withoutBom = text.startsWith('\uFEFF') ? text.slice(1) : text;
  return withoutBom.split('\n', 2).map((line) => line.replace(/\r$/, ''));
}

function parseExpectation(name: string, files: readonly SourceFile[]): Expectation {
  const first = files[0];
  if (first === undefined) throw new Error(`${name}: no files`);
  const [expectLine = '', atLine = ''] = headerLines(first.text);
  const match = EXPECT_LINE.exec(expectLine);
  if (match === null)
    throw new Error(
      `${first.path}: first line must be '# expect: ok|error [CODE…]', got '${expectLine}'`,
    );
  const verdict = match[1] === 'ok' ? 'ok' : 'error';
  const codes = (match[2] ?? '')
    .trim()
    .split(' ')
    .filter((code) => code !== '');
  if (verdict === 'error' && codes.length === 0)
    throw new Error(`${first.path}: '# expect: error' needs at least one code`);
  for (const code of codes) {
    if (!KNOWN_CODES.has(code)) throw new Error(`${first.path}: unknown code ${code}`);
  }
  let at: Expectation['at'];
  if (atLine.startsWith('# at:')) {
    const m = AT_LINE.exec(atLine);
    if (m === null) throw new Error(`${first.path}: malformed '${atLine}'`);
    if (codes.length === 0) throw new Error(`${first.path}: '# at:' needs a listed code`);
    const path = m[1] === undefined ? first.path : `${name}/${m[1]}`;
    if (!files.some((f) => f.path === path))
      throw new Error(`${first.path}: '# at:' names a missing file ${path}`);
    at = { path, line: Number(m[2]), column: Number(m[3]) };
  }
  return { verdict, codes, at };
}

function loadCorpus(): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const entry of readdirSync(CORPUS_DIR).sort()) {
    const url = new URL(entry, CORPUS_DIR);
    if (statSync(url).isDirectory()) {
      const dirUrl = new URL(`${entry}/`, CORPUS_DIR);
      const names = readdirSync(dirUrl).filter((f) => f.endsWith('.fdl'));
      const files: SourceFile[] = [];
      for (let i = 1; i <= names.length; i++) {
        if (!names.includes(`${i}.fdl`))
          throw new Error(`${entry}/: files must be 1.fdl, 2.fdl, … without gaps`);
        files.push({ path: `${entry}/${i}.fdl`, text: readText(new URL(`${i}.fdl`, dirUrl)) });
      }
      if (files.length < 2)
        throw new Error(`${entry}/: a multi-file case needs at least two files`);
      cases.push({ name: entry, files, expectation: parseExpectation(entry, files) });
    } else if (entry.endsWith('.fdl')) {
      const name = entry.slice(0, -'.fdl'.length);
      const files = [{ path: entry, text: readText(url) }];
      cases.push({ name, files, expectation: parseExpectation(name, files) });
    }
  }
  return cases;
}

function formatDiagnostics(diagnostics: readonly Diagnostic[]): string {
  if (diagnostics.length === 0) return '  (no diagnostics)';
  return diagnostics
    .map((d) => `  ${d.path}:${d.line}:${d.column} ${d.severity} ${d.code} ${d.message}`)
    .join('\n');
}

function distinct(codes: readonly string[]): string[] {
  return [...new Set(codes)].sort();
}

/** Returns a description of every diagnostic that does not point inside one of `files`. */
function misplacedDiagnostics(
  files: readonly SourceFile[],
  diagnostics: readonly Diagnostic[],
): string[] {
  const problems: string[] = [];
  for (const d of diagnostics) {
    const file = files.find((f) => f.path === d.path);
    if (file === undefined) {
      problems.push(`unknown path '${d.path}' in ${d.code}`);
      continue;
    }
    const lines = file.text.split('\n');
    const lineText = lines[d.line - 1];
    if (!Number.isInteger(d.line) || lineText === undefined || d.line < 1) {
      problems.push(`${d.code} at line ${d.line} of ${d.path}, which has ${lines.length} lines`);
    } else if (!Number.isInteger(d.column) || d.column < 1 || d.column > lineText.length + 1) {
      problems.push(
        `${d.code} at ${d.line}:${d.column} of ${d.path}, whose line ${d.line} has ${lineText.length} characters`,
      );
    }
  }
  return problems;
}

const corpus = loadCorpus();

describe('FDL corpus', () => {
  for (const c of corpus) {
    it(c.files.length > 1 ? `${c.name}/` : `${c.name}.fdl`, () => {
      const result = compileFdl(c.files);
      const diagnostics = result.diagnostics;
      const shown = `\n${c.name} expects ${c.expectation.verdict} ${c.expectation.codes.join(' ')}; diagnostics:\n${formatDiagnostics(diagnostics)}\n`;
      const errors = diagnostics.filter((d) => d.severity === 'error');
      const warnings = diagnostics.filter((d) => d.severity === 'warning');

      expect(
        misplacedDiagnostics(c.files, diagnostics),
        `diagnostics outside their file${shown}`,
      ).toEqual([]);
      for (const d of diagnostics) {
        expect(KNOWN_CODES.has(d.code), `unknown code ${d.code}${shown}`).toBe(true);
        expect(d.message.length, `empty message${shown}`).toBeGreaterThan(0);
      }
      expect(
        result.schema !== undefined,
        `schema must be present iff there is no error${shown}`,
      ).toBe(errors.length === 0);

      if (c.expectation.verdict === 'ok') {
        expect(distinct(errors.map((d) => d.code)), `expected no errors${shown}`).toEqual([]);
        expect(distinct(warnings.map((d) => d.code)), `warning codes${shown}`).toEqual(
          distinct(c.expectation.codes),
        );
      } else {
        expect(result.schema, `expected no schema${shown}`).toBeUndefined();
        expect(distinct(errors.map((d) => d.code)), `error codes${shown}`).toEqual(
          distinct(c.expectation.codes),
        );
      }

      const at = c.expectation.at;
      const firstCode = c.expectation.codes[0];
      if (at !== undefined && firstCode !== undefined) {
        const order = (d: Diagnostic): number => c.files.findIndex((f) => f.path === d.path);
        const first = diagnostics
          .filter((d) => d.code === firstCode)
          .sort((a, b) => order(a) - order(b) || a.line - b.line || a.column - b.column)[0];
        expect(
          first === undefined
            ? undefined
            : { path: first.path, line: first.line, column: first.column },
          `position of the first ${firstCode}${shown}`,
        ).toEqual(at);
      }
    });
  }
});

describe('FDL corpus coverage', () => {
  it(`has at least ${MIN_CASES} cases`, () => {
    expect(corpus.length).toBeGreaterThanOrEqual(MIN_CASES);
  });

  it('has both valid and invalid cases, named kebab-case by area', () => {
    const valid = corpus.filter((c) => c.expectation.verdict === 'ok').length;
    expect(valid).toBeGreaterThan(corpus.length / 4);
    expect(corpus.length - valid).toBeGreaterThan(corpus.length / 4);
    const badNames = corpus
      .map((c) => c.name)
      .filter(
        (name) =>
          !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name) || !AREAS.includes(name.split('-')[0] ?? ''),
      );
    expect(badNames).toEqual([]);
  });

  it('has multi-file cases', () => {
    expect(corpus.filter((c) => c.files.length > 1).length).toBeGreaterThanOrEqual(6);
  });

  it('exercises every diagnostic code', () => {
    const exercised = new Set(corpus.flatMap((c) => c.expectation.codes));
    const missing = Object.values(FdlCode).filter(
      (code) => !exercised.has(code) && !OPTIONAL_CODES.has(code),
    );
    expect(missing).toEqual([]);
  });
});
