import type { Batch } from '../batching/batcher.js';
import { objectKey, rejectedKey, type ObjectKeyParts } from '../layout/object-key.js';
import type { Partition } from '../layout/partition.js';
import {
  encodeParquet,
  findInvalidRows,
  type EncodeParquetOptions,
  type Row,
} from '../parquet/encode-parquet.js';
import { isSinkError, SinkError, SinkErrorCode } from '../sink-error.js';
import type { WarehouseTable } from '../tables/warehouse-table.js';

/** An encoded object waiting for (or retrying) its upload. Its key never changes. */
export interface PendingObject {
  readonly key: string;
  readonly kind: 'parquet' | 'rejected';
  readonly table: string;
  readonly partition: Partition;
  readonly sequence: number;
  readonly rows: number;
  readonly bytes: Uint8Array;
}

/** Rows set aside because they do not fit their table, with the reason of each. */
export interface RejectedRow {
  readonly row: Row;
  readonly reason: string;
}

export interface EncodedBatch {
  readonly objects: PendingObject[];
  readonly rejected: RejectedRow[];
}

const ndjson = new TextEncoder();

/**
 * Turns a sealed batch into the objects to upload: the Parquet file of the rows that fit, and,
 * when some do not (or the table is unknown), an NDJSON file of those rows with their reasons.
 */
export function encodeBatch(
  batch: Batch<Row>,
  table: WarehouseTable | undefined,
  parts: Omit<ObjectKeyParts, 'table' | 'partition'>,
  options: EncodeParquetOptions,
): EncodedBatch {
  const keyParts = { ...parts, table: batch.table, partition: batch.partition };
  const common = { table: batch.table, partition: batch.partition, sequence: parts.sequence };
  let good: readonly Row[] = batch.items;
  let rejected: RejectedRow[] = [];
  let bytes: Uint8Array | undefined;
  const rejectAll = (reason: string) => {
    rejected = batch.items.map((row) => ({ row, reason }));
    good = [];
  };
  if (!table) rejectAll(`no warehouse table '${batch.table}' in the writer's FDL schema`);
  else {
    try {
      try {
        bytes = encodeParquet(table, good, options);
      } catch (error) {
        if (!isSinkError(error) || error.code !== SinkErrorCode.ROW_INVALID) throw error;
        const invalid = findInvalidRows(table, good);
        const bad = new Set(invalid.map((i) => i.index));
        rejected = invalid.map((i) => ({ row: good[i.index] ?? {}, reason: i.error.message }));
        good = good.filter((_, index) => !bad.has(index));
        bytes = good.length > 0 ? encodeParquet(table, good, options) : undefined;
      }
    } catch (error) {
      // Not a row problem (a bug, or the encoder ran out of memory): keep the rows as NDJSON.
      bytes = undefined;
      rejectAll(`encoding failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const objects: PendingObject[] = [];
  if (bytes && good.length > 0) {
    objects.push({
      key: objectKey(keyParts),
      kind: 'parquet',
      rows: good.length,
      bytes,
      ...common,
    });
  }
  if (rejected.length > 0) {
    const text = rejected.map((r) => JSON.stringify({ reason: r.reason, row: r.row })).join('\n');
    objects.push({
      key: rejectedKey(keyParts),
      kind: 'rejected',
      rows: rejected.length,
      bytes: ndjson.encode(`${text}\n`),
      ...common,
    });
  }
  return { objects, rejected };
}

/** A flush that left objects unwritten. */
export function unwrittenError(objects: readonly PendingObject[], target: string, cause: unknown) {
  const rows = objects.reduce((n, o) => n + o.rows, 0);
  const first = cause instanceof Error ? cause.message : String(cause);
  return new SinkError(
    SinkErrorCode.WRITE_FAILED,
    `${objects.length} object(s) with ${rows} row(s) could not be written to ${target}; they stay queued for the next flush. Last error: ${first}`,
    { cause, retryable: true },
  );
}
