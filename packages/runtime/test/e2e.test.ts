/**
 * End to end over real HTTP on 127.0.0.1: startServer with the shared shop example, a TypeScript
 * (map dialect) and a Java (list dialect) flow, a graceful shutdown, and the JSON Lines written.
 */
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { RunningServer } from '../src/index.js';
import { resolveServerOptions, startServer } from '../src/index.js';
import { SHOP, silentLogger, str } from './helpers.js';

const PLUGINS = ['geo-plugin.js', 'recs-factory.js'].map((f) =>
  fileURLToPath(new URL(`fixtures/plugins/${f}`, import.meta.url)),
);

let dir: string;
let server: RunningServer;
const logger = silentLogger();

async function call(path: string, body?: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers:
      body === undefined ? headers : { 'Content-Type': 'text/plain;charset=UTF-8', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return {
    status: res.status,
    text,
    json: text.startsWith('{') ? (JSON.parse(text) as unknown) : undefined,
  };
}

async function files(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

/** Normalises DuckDB values to what the engine wrote: BIGINT → number, TIMESTAMP → epoch ms. */
function plain(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(plain);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]));
  return value;
}

/** Every row of a warehouse table, read back from its Parquet files by DuckDB (an independent reader). */
async function rows(table: string): Promise<Record<string, unknown>[]> {
  const glob = join(dir, 'warehouse', 'development', 'tables', table, '**', '*.parquet');
  const db = await DuckDBInstance.create(':memory:');
  const connection = await db.connect();
  try {
    const reader = await connection.runAndReadAll(
      `SELECT * FROM read_parquet('${glob.replaceAll("'", "''")}', hive_partitioning = true)`,
    );
    return reader.getRowObjectsJS().map((row) => plain(row) as Record<string, unknown>);
  } finally {
    connection.closeSync();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'iserver-e2e-'));
  const options = resolveServerOptions({
    fdl: [SHOP.fdl],
    config: SHOP.config,
    port: '0',
    host: '127.0.0.1',
    'data-dir': dir,
    plugin: PLUGINS,
  });
  server = await startServer(options, { logger, handleSignals: false });
});

afterAll(async () => {
  await server.close();
});

describe('the server over HTTP', () => {
  const TS = {
    'X-Causal-deviceId': 'dev-ts',
    'X-Causal-visitId': 'visit-1',
    'User-Agent': 'Mozilla/5.0 (e2e)',
  };
  const tsId = { deviceId: 'dev-ts', visitId: 'visit-1' };
  const javaId = { deviceId: 'dev-j', visitId: 'visit-j' };

  it('listens on a random port and starts with no sessions', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/iserver\/$/);
    expect(await call('nsessions')).toMatchObject({ status: 200, text: '0' });
    const preflight = await fetch(`${server.url}nsessions`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
  });

  it('runs a TypeScript flow: cache fill, beacon, feature event, session event, keep-alives', async () => {
    const fill = await call(
      'features',
      {
        version: 2,
        fetchOptions: [],
        args: { ...tsId, channel: 'web' },
        requests: { RatingBox: { sku: 'A' }, Recommendations: { sku: 'A' } },
      },
      TS,
    );
    expect(fill.status).toBe(200);
    expect(fill.json).toMatchObject({
      session: {
        deviceId: 'dev-ts',
        channel: 'web',
        country: 'DE',
        userAgent: 'Mozilla/5.0 (e2e)',
      },
      Recommendations: { skus: ['for-A'], impressionCount: 0 },
    });
    const cached = str(fill.json, 'RatingBox', '_impressionId');
    const signals = [
      { id: tsId, impressions: { RatingBox: { impression: cached, newImpression: 'imp-2' } } },
      {
        id: tsId,
        feature: 'RatingBox',
        event: 'Rating',
        impressionId: 'imp-2',
        args: { stars: 5 },
      },
      { id: tsId, event: 'AddToCart', args: { sku: 'p1' } },
      { id: { ...tsId, channel: 'web' } },
      { id: tsId },
      { deviceId: 'dev-ts' },
    ];
    for (const body of signals) expect((await call('signal', body, TS)).status).toBe(200);
    expect((await call('/signal', { id: tsId }, TS)).status).toBe(200); // a "//signal" path
  });

  it('runs a Java flow in the list dialect with session, impressions, errors first', async () => {
    const r = await call(
      'features',
      {
        args: javaId,
        impressionId: 'imp-j1',
        reqs: [
          { name: 'RatingBox', args: { sku: 'B' } },
          { name: 'NewCheckout', args: {} },
          { name: 'Gone', args: {} },
        ],
      },
      {
        'Content-Type': 'application/json; charset=UTF-8',
        'User-Agent': 'Causal java client',
        Accept: 'text/plain',
      },
    );
    expect(r.status).toBe(200);
    const order = [
      '"session":',
      '"impressions":',
      '"errors":',
      '"_variants":',
      '"registered":',
    ].map((k) => r.text.indexOf(k));
    expect(r.text.startsWith('{"session":{')).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(r.json).toMatchObject({
      impressions: [{ _impressionId: 'imp-j1' }, 'OFF', {}],
      errors: [null, null, "unknown feature 'Gone'"],
    });
    const event = await call('signal', {
      options: { ignore_missing_imp: true },
      id: javaId,
      event: 'Rating',
      feature: 'RatingBox',
      impressionId: 'imp-j1',
      args: { stars: 2, comment: null },
    });
    expect(event.status).toBe(200);
    expect((await call('signal', { id: javaId, mutate: 'userId', value: 'user-42' })).status).toBe(
      200,
    );
    expect(await call('nsessions')).toMatchObject({ text: '2' });
  });

  it('drains every session to Parquet on a graceful shutdown', async () => {
    expect(await server.close('test')).toEqual({ reason: 'test', clean: true });
    const all = await files(join(dir, 'warehouse'));
    expect(
      all.every((f) =>
        /^development\/tables\/\w+\/ds=\d{4}-\d\d-\d\d\/hh=\d\d\/[\w.-]+-\d{9}\.parquet$/.test(f),
      ),
    ).toBe(true);
    const sessions = await rows('session');
    expect(sessions.map((s) => s.device_id).sort()).toEqual(['dev-j', 'dev-ts']);
    const ts = sessions.find((s) => s.device_id === 'dev-ts');
    expect(ts).toMatchObject({
      visit_id: 'visit-1',
      user_agent: 'Mozilla/5.0 (e2e)',
      variants: [expect.stringMatching(/^rating-cta:/) as unknown],
    });
    expect(JSON.stringify(ts)).toContain('"sku":"p1"');
    expect(sessions.find((s) => s.device_id === 'dev-j')).toMatchObject({ user_id: 'user-42' });
    const ratings = await rows('rating_box');
    expect(ratings.find((r) => r.device_id === 'dev-ts')).toMatchObject({
      impression_ids: ['imp-2'],
      impression_count: 1,
      sku: 'A',
    });
    expect(ratings.find((r) => r.device_id === 'dev-j')).toMatchObject({
      impression_ids: ['imp-j1'],
      sku: 'B',
    });
    expect((await rows('recommendations'))[0]).toMatchObject({
      impression_count: 0,
      skus: ['for-A'],
    });
    await expect(fetch(`${server.url}nsessions`)).rejects.toThrow();
  });
});
