/**
 * @module @iserver/sink-kit
 * The warehouse writer shared by every storage backend (warehouse.md): table schemas from the FDL,
 * Parquet encoding, batching, partitioned object names, object stores with retry, the start-up
 * check.
 */
export { warehouseTables, persistentKeyColumn } from './tables/warehouse-tables.js';
export { SNAPSHOT_TABLES } from './tables/snapshot-tables.js';
export type { Column, ColumnType, TableKind, WarehouseTable } from './tables/warehouse-table.js';
export { arrowSchema, encodeParquet, findInvalidRows } from './parquet/encode-parquet.js';
export type { EncodeParquetOptions, ParquetCompression, Row } from './parquet/encode-parquet.js';
export { partitionOf, partitionPath } from './layout/partition.js';
export type { Partition } from './layout/partition.js';
export { formatSequence, objectKey, rejectedKey } from './layout/object-key.js';
export type { ObjectKeyParts } from './layout/object-key.js';
export { Batcher, DEFAULT_BATCHING, resolveBatching } from './batching/batcher.js';
export type {
  Batch,
  BatchingOptions,
  ResolvedBatchingOptions,
  SealReason,
} from './batching/batcher.js';
export { estimateSize } from './batching/estimate-size.js';
export type { ObjectStore } from './store/object-store.js';
export { backoffDelay, isRetryableError, withRetry } from './store/retry.js';
export type { RetryInfo, RetryOptions } from './store/retry.js';
export { createLocalDirectoryStore } from './store/local-directory-store.js';
export type { LocalDirectoryStoreOptions } from './store/local-directory-store.js';
export { checkStore } from './store/check-store.js';
export { createMemoryStore } from './store/memory-store.js';
export type { MemoryStore } from './store/memory-store.js';
export type { CheckStoreOptions } from './store/check-store.js';
export { createWarehouseWriter } from './writer/warehouse-writer.js';
export type {
  OfflineEventRow,
  ScheduleFn,
  WarehouseWriter,
  WarehouseWriterOptions,
  WriterStats,
  WrittenObject,
} from './writer/writer-types.js';
export type { PendingObject, RejectedRow } from './writer/encode-batch.js';
export { snapshotRows } from './writer/snapshot-rows.js';
export { isSinkError, SinkError, SinkErrorCode } from './sink-error.js';
