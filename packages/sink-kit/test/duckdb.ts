/** Reading Parquet back with DuckDB: an independent reader, so the tests check the files, not our encoder's view of them. */
import { DuckDBInstance } from '@duckdb/node-api';

import type { Column, ColumnType } from '../src/index.js';

let instance: Promise<DuckDBInstance> | undefined;

async function connect() {
  instance ??= DuckDBInstance.create(':memory:');
  return (await instance).connect();
}

/** Runs a query; returns rows with BIGINT → number and TIMESTAMP → epoch ms, recursively. */
export async function query(sql: string): Promise<Record<string, unknown>[]> {
  const connection = await connect();
  try {
    const reader = await connection.runAndReadAll(sql);
    return reader.getRowObjectsJS().map((row) => normalise(row) as Record<string, unknown>);
  } finally {
    connection.closeSync();
  }
}

function normalise(value: unknown): unknown {
  if (typeof value === 'bigint') return Number(value);
  if (value instanceof Date) return value.getTime();
  if (Array.isArray(value)) return value.map(normalise);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, normalise(v)]));
  }
  return value;
}

const quote = (path: string) => `'${path.replaceAll("'", "''")}'`;

/** Every row of the files matching `glob`, with the Hive partition columns as strings. */
export function readTable(glob: string, orderBy: string): Promise<Record<string, unknown>[]> {
  return query(
    `SELECT * FROM read_parquet(${quote(glob)}, hive_partitioning = true, hive_types_autocast = false) ORDER BY ${orderBy}`,
  );
}

/** DuckDB's column types of the files, e.g. `{ start_time: 'TIMESTAMP WITH TIME ZONE' }`. */
export async function describeTable(glob: string): Promise<Record<string, string>> {
  const rows = await query(`DESCRIBE SELECT * FROM read_parquet(${quote(glob)})`);
  return Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.column_type)]));
}

/** The Parquet schema elements of one file (name, repetition, logical type …). */
export function parquetSchema(file: string): Promise<Record<string, unknown>[]> {
  return query(
    `SELECT name, type, repetition_type, converted_type, logical_type, num_children FROM parquet_schema(${quote(file)})`,
  );
}

/** Keeps only what the table stores: drops keys without a column (e.g. fields of an empty struct). */
export function project(columns: readonly Column[], row: Readonly<Record<string, unknown>>) {
  return Object.fromEntries(columns.map((c) => [c.name, projectValue(c.type, row[c.name])]));
}

function projectValue(type: ColumnType, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (type.kind === 'list') return (value as unknown[]).map((v) => projectValue(type.element, v));
  if (type.kind === 'struct') return project(type.fields, value as Record<string, unknown>);
  return value;
}
