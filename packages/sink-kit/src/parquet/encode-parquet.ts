/**
 * Parquet encoding: rows → Arrow columns (our builders) → Arrow IPC → the Rust `parquet` crate
 * compiled to WebAssembly (`parquet-wasm`), which writes the file: LIST and struct layouts,
 * logical types, dictionary encoding, statistics and compression as Apache's reference writer does.
 */
import { makeData, RecordBatch, Schema, Struct, Table, tableToIPC } from 'apache-arrow';
import {
  Compression,
  EnabledStatistics,
  Table as WasmTable,
  writeParquet,
  WriterPropertiesBuilder,
} from 'parquet-wasm';

import { SinkError, SinkErrorCode } from '../sink-error.js';
import type { WarehouseTable } from '../tables/warehouse-table.js';
import {
  arrowField,
  ColumnValueError,
  fieldBuilder,
  type ColumnBuilder,
} from './column-builder.js';

/** A row keyed by column name; nested structs keyed by snake_case field names. */
export type Row = Readonly<Record<string, unknown>>;

export type ParquetCompression = 'snappy' | 'zstd' | 'gzip' | 'none';

export interface EncodeParquetOptions {
  /**
   * Page compression. Snappy is the warehouse default (fast, read everywhere); zstd makes files
   * about 2× smaller for about 2× the encoding time.
   * @default 'snappy'
   */
  readonly compression?: ParquetCompression;
  /**
   * Dictionary-encode columns. Off by default: the warehouse's high-volume columns are ids
   * (unique per row), where a dictionary costs twice the encoding time and makes files larger;
   * repeated short strings still compress well. Turn on for data dominated by repeated values.
   * @default false
   */
  readonly dictionary?: boolean;
}

const COMPRESSION: Record<ParquetCompression, Compression> = {
  snappy: Compression.SNAPPY,
  zstd: Compression.ZSTD,
  gzip: Compression.GZIP,
  none: Compression.UNCOMPRESSED,
};

const CREATED_BY = 'iserver sink-kit (parquet-wasm)';

const schemas = new WeakMap<WarehouseTable, Schema>();

/** The Arrow schema of a table (cached per table object). */
export function arrowSchema(table: WarehouseTable): Schema {
  let schema = schemas.get(table);
  if (!schema) {
    schema = new Schema(table.columns.map(arrowField));
    schemas.set(table, schema);
  }
  return schema;
}

/**
 * Encodes rows as one Parquet file (one row group). Keys of a row that are not columns are
 * ignored; a missing key is a null.
 *
 * @throws SinkError `SINK_ROW_INVALID` naming the table, the row index and the column path when a
 *   value does not fit its column (wrong type, null in a REQUIRED column). Use `findInvalidRows`
 *   to separate the bad rows from the good ones.
 * @example
 * const bytes = encodeParquet(table, [closed.session]);
 */
export function encodeParquet(
  table: WarehouseTable,
  rows: readonly Row[],
  options: EncodeParquetOptions = {},
): Uint8Array {
  const schema = arrowSchema(table);
  const builders = schema.fields.map((f) => fieldBuilder(f.name, f));
  const names = table.columns.map((c) => c.name);
  let index = 0;
  try {
    appendRows(builders, names, rows, () => index++);
  } catch (error) {
    throw invalidRow(table, index, error);
  }
  const data = makeData({
    type: new Struct(schema.fields),
    length: rows.length,
    nullCount: 0,
    children: builders.map((b) => b.finish()),
  });
  const ipc = tableToIPC(new Table([new RecordBatch(schema, data)]), 'stream');
  const properties = new WriterPropertiesBuilder()
    .setCompression(COMPRESSION[options.compression ?? 'snappy'])
    .setMaxRowGroupSize(Math.max(rows.length, 1))
    .setDictionaryEnabled(options.dictionary ?? false)
    // Min/max per row group is what query engines prune with; page-level statistics cost more.
    .setStatisticsEnabled(EnabledStatistics.Chunk)
    .setCreatedBy(CREATED_BY)
    .build();
  return writeParquet(WasmTable.fromIPCStream(ipc), properties);
}

function appendRows(
  builders: readonly ColumnBuilder[],
  names: readonly string[],
  rows: readonly Row[],
  next: () => void,
): void {
  const count = builders.length;
  for (const row of rows) {
    for (let c = 0; c < count; c++) builders[c]?.add(row[names[c] ?? '']);
    next();
  }
}

function invalidRow(table: WarehouseTable, index: number, error: unknown): SinkError {
  const detail = error instanceof Error ? error.message : String(error);
  return new SinkError(
    SinkErrorCode.ROW_INVALID,
    `table '${table.name}', row ${index}: ${detail}`,
    { cause: error },
  );
}

/**
 * The rows that do not fit the table, each with the reason: the slow path after `encodeParquet`
 * refused a batch, so the writer can still write the good rows and set the bad ones aside.
 */
export function findInvalidRows(
  table: WarehouseTable,
  rows: readonly Row[],
): { index: number; error: SinkError }[] {
  const schema = arrowSchema(table);
  const names = table.columns.map((c) => c.name);
  const invalid: { index: number; error: SinkError }[] = [];
  rows.forEach((row, index) => {
    const builders = schema.fields.map((f) => fieldBuilder(f.name, f));
    try {
      appendRows(builders, names, [row], () => undefined);
    } catch (error) {
      if (!(error instanceof ColumnValueError)) throw error;
      invalid.push({ index, error: invalidRow(table, index, error) });
    }
  });
  return invalid;
}
