import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { query } from '../../test/duckdb.js';
import { isSinkError } from '../sink-error.js';
import {
  optional,
  required,
  struct,
  STRING,
  INT64,
  DOUBLE,
  BOOLEAN,
  TIMESTAMP,
} from '../tables/column-types.js';
import type { WarehouseTable } from '../tables/warehouse-table.js';
import { encodeParquet, findInvalidRows, type Row } from './encode-parquet.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sink-kit-encode-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const table: WarehouseTable = {
  name: 'edge',
  kind: 'feature',
  source: 'Edge',
  duplicateColumns: [],
  columns: [
    required('id', INT64),
    optional('text', STRING),
    optional('number', DOUBLE),
    optional('flag', BOOLEAN),
    optional('at', TIMESTAMP),
    optional('matrix', {
      kind: 'list',
      element: { kind: 'list', element: INT64, elementNullable: true },
      elementNullable: false,
    }),
    optional(
      'pair',
      struct([
        required('left', STRING),
        optional('right', { kind: 'list', element: STRING, elementNullable: true }),
      ]),
    ),
  ],
};

async function roundTrip(rows: readonly Row[], compression?: 'snappy' | 'zstd' | 'gzip' | 'none') {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.parquet`);
  await writeFile(file, encodeParquet(table, rows, { compression }));
  return query(`SELECT * FROM '${file}' ORDER BY id`);
}

const nulls = { text: null, number: null, flag: null, at: null, matrix: null, pair: null };

describe('encodeParquet', () => {
  it('keeps 64-bit integers, timestamps, doubles and booleans exact', async () => {
    const rows = [
      { id: 0, number: 0.1, flag: true, at: 0 },
      { id: -1, number: -2.5e-300, flag: false, at: -1 },
      { id: 2 ** 53 - 1, number: Number.MAX_VALUE, at: 253402300799999 },
      { id: -(2 ** 53 - 1), number: Infinity, at: 1772755200123 },
      { id: 2 ** 32, number: -0 },
      { id: -(2 ** 32) - 1 },
    ];
    const read = await roundTrip(rows);
    expect(read.map((r) => [r.id, r.number, r.flag, r.at])).toEqual([
      [-(2 ** 53 - 1), Infinity, null, 1772755200123],
      [-(2 ** 32) - 1, null, null, null],
      [-1, -2.5e-300, false, -1],
      [0, 0.1, true, 0],
      [2 ** 32, -0, null, null],
      [2 ** 53 - 1, Number.MAX_VALUE, null, 253402300799999],
    ]);
  });

  it('keeps strings of every kind', async () => {
    const texts = [
      '',
      'ascii',
      'café ü €',
      '日本語',
      '🙂 emoji',
      'x'.repeat(5000),
      'tab\tnew\nline',
      'a\u0000b',
    ];
    const read = await roundTrip(texts.map((text, id) => ({ id, text })));
    expect(read.map((r) => r.text)).toEqual(texts);
  });

  it('keeps nested lists and structs, their nulls and their empties', async () => {
    const rows = [
      { id: 1, matrix: [[1, null, 3], [], [4]], pair: { left: 'l', right: ['r', null] } },
      { id: 2, matrix: [], pair: { left: '', right: null } },
      { id: 3 },
    ];
    const read = await roundTrip(rows);
    expect(read).toEqual([
      {
        ...nulls,
        id: 1,
        matrix: [[1, null, 3], [], [4]],
        pair: { left: 'l', right: ['r', null] },
      },
      { ...nulls, id: 2, matrix: [], pair: { left: '', right: null } },
      { ...nulls, id: 3 },
    ]);
  });

  it('ignores keys that are not columns and writes every compression', async () => {
    for (const compression of ['snappy', 'zstd', 'gzip', 'none'] as const) {
      const read = await roundTrip([{ id: 7, text: 't', extra: 'ignored' }], compression);
      expect(read).toEqual([{ ...nulls, id: 7, text: 't' }]);
    }
  });

  it('names table, row and column path when a value does not fit', () => {
    const cases: [Row, string][] = [
      [{ id: null }, "table 'edge', row 1: id: a value is required, got null"],
      [{ id: 1.5 }, "table 'edge', row 1: id: expected an integer, got a number"],
      [{ id: 2 ** 63 }, "table 'edge', row 1: id: 9223372036854776000 is outside the 64-bit range"],
      [{ id: 1, text: 5 }, "table 'edge', row 1: text: expected a string, got a number"],
      [
        { id: 1, at: '2026-01-01' },
        "table 'edge', row 1: at: expected epoch milliseconds, got a string",
      ],
      [{ id: 1, flag: 'yes' }, "table 'edge', row 1: flag: expected a boolean, got a string"],
      [
        { id: 1, matrix: [[1], 'x'] },
        "table 'edge', row 1: matrix[]: expected a list, got a string",
      ],
      [
        { id: 1, pair: { right: [] } },
        "table 'edge', row 1: pair.left: a value is required, got null",
      ],
      [{ id: 1, pair: [] }, "table 'edge', row 1: pair: expected an object, got a list"],
    ];
    for (const [row, message] of cases) {
      let error: unknown;
      try {
        encodeParquet(table, [{ id: 0 }, row]);
      } catch (e) {
        error = e;
      }
      expect(isSinkError(error) && error.code, message).toBe('SINK_ROW_INVALID');
      expect((error as Error).message).toBe(message);
    }
  });

  it('finds the rows that do not fit, for the writer to set aside', () => {
    const rows = [{ id: 1 }, { id: 'two' }, { id: 3 }, { id: 4, pair: {} }];
    expect(findInvalidRows(table, rows).map((r) => [r.index, r.error.message])).toEqual([
      [1, "table 'edge', row 1: id: expected an integer, got a string"],
      [3, "table 'edge', row 3: pair.left: a value is required, got null"],
    ]);
  });
});
