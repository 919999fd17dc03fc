/**
 * Shared set-up for the configuration tests: the test schema, a valid base document to break one
 * thing at a time, and a loader that runs every document through both syntaxes.
 */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { ConfigIssue } from '../../src/errors.js';
import { compileFdl } from '../../src/fdl/compile-fdl.js';
import type { FdlSchema } from '../../src/fdl/schema-model.js';
import type { CompiledConfig } from '../../src/config/compiled-config.js';
import { loadConfig } from '../../src/config/load-config.js';

export function compileSchema(url: URL): FdlSchema {
  const { schema, diagnostics } = compileFdl([
    { path: url.pathname, text: readFileSync(url, 'utf8') },
  ]);
  if (!schema) throw new Error(JSON.stringify(diagnostics, null, 2));
  return schema;
}

export const schema = compileSchema(new URL('./config-test.fdl', import.meta.url));

/** A JSON document, as the tests build and edit it. */
export type Doc = Record<string, unknown>;

/** In an edit, removes the key instead of setting it. */
export const DELETE = Symbol('delete');

/** Edits by document path: `{ 'experiments[0].variants[1].weight': -1, version: DELETE }`. */
export type Edits = Readonly<Record<string, unknown>>;

/** Splits `a.b[2]["c d"]` into `['a', 'b', 2, 'c d']`. */
function segments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (m[1] !== undefined) out.push(m[1]);
    else if (m[2] !== undefined) out.push(Number(m[2]));
    else out.push(JSON.parse(m[3]!) as string);
  }
  return out;
}

/** Applies `edits` to `doc` in place and returns it. */
export function applyEdits(doc: Doc, edits: Edits): Doc {
  for (const [path, value] of Object.entries(edits)) {
    const keys = segments(path);
    const last = keys.pop()!;
    let node: unknown = doc;
    for (const key of keys) node = (node as Record<string | number, unknown>)[key];
    const target = node as Record<string | number, unknown>;
    if (value === DELETE) {
      if (Array.isArray(target) && typeof last === 'number') target.splice(last, 1);
      else delete target[last]; // eslint-disable-line @typescript-eslint/no-dynamic-delete
    } else target[last] = value;
  }
  return doc;
}

/** A valid document using a bit of every section; each call returns a fresh copy to edit. */
export function baseDocument(): Doc {
  return {
    version: 1,
    environment: 'test',
    session: { idleTimeout: '45m' },
    features: {
      Banner: { control: { text: 'Hi' } },
      Checkout: { gate: 'on', audience: 'carters' },
    },
    audiences: {
      carters: { rule: { event: 'AddToCart', op: 'gte', value: 1 } },
      gb: { name: 'UK', rule: { plugin: 'country', op: 'eq', value: 'GB' } },
      proGb: { rule: { all: [{ audience: 'gb' }, { arg: 'tier', op: 'eq', value: 'PRO' }] } },
    },
    experiments: [
      {
        id: 'banner-copy',
        state: 'running',
        launchedAt: '2026-01-01T00:00:00Z',
        variants: [
          { id: 'control', weight: 1 },
          { id: 'b', weight: 1, values: { Banner: { text: 'B' } } },
        ],
      },
    ],
    rollouts: [{ id: 'express', feature: 'Checkout', values: { express: true }, percent: 25 }],
    qa: {
      devices: {
        'qa-1': {
          registered: true,
          overrides: { Banner: { text: 'QA' } },
          variants: { 'banner-copy': 'b' },
        },
      },
    },
  };
}

/**
 * Loads `doc` as JSON and, since JSON is YAML 1.2, as YAML too; both must agree. Returns the
 * issues (and the config when there are none).
 */
export function load(doc: unknown): { config?: CompiledConfig; issues: ConfigIssue[] } {
  const text = JSON.stringify(doc, null, 2);
  const json = loadConfig(text, { schema, format: 'json' });
  const yaml = loadConfig(text, { schema, format: 'yaml' });
  expect(yaml.issues).toEqual(json.issues);
  return json;
}

/** `expect.stringContaining`, typed as the string it stands for inside an expected value. */
export function containing(fragment: string): string {
  return expect.stringContaining(fragment) as string;
}

/** `expect.stringMatching`, typed as the string it stands for inside an expected value. */
export function matching(pattern: RegExp): string {
  return expect.stringMatching(pattern) as string;
}

/** The issues of `baseDocument()` after `edits`. */
export function issuesAfter(edits: Edits): ConfigIssue[] {
  return load(applyEdits(baseDocument(), edits)).issues;
}

/** Asserts that `edits` produce exactly one issue, at `path`, whose message contains `fragment`. */
export function expectOneIssue(edits: Edits, path: string, fragment: string): void {
  expect(issuesAfter(edits)).toEqual([{ path, message: containing(fragment) }]);
}
