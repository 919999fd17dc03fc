/** Object names (warehouse.md §1), relative to the store's root. */
import { partitionPath, type Partition } from './partition.js';

export interface ObjectKeyParts {
  readonly environment: string;
  readonly table: string;
  readonly partition: Partition;
  /** Unique per writer run (see `WarehouseWriterOptions.instanceId`). */
  readonly instanceId: string;
  /** The writer's batch number: fixed when a batch is sealed, so a retry reuses the name. */
  readonly sequence: number;
}

/** Safe as one path segment on every store: no separators, no leading dot or underscore. */
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** @throws RangeError when `value` cannot be a single path segment. */
export function checkSegment(what: string, value: string): string {
  if (!SEGMENT.test(value) || value.length > 200) {
    throw new RangeError(
      `${what} '${value}' must be 1–200 characters of letters, digits, '.', '_' or '-', starting with a letter or digit`,
    );
  }
  return value;
}

/** `000000042`: fixed width so names sort by sequence. */
export const formatSequence = (sequence: number): string => String(sequence).padStart(9, '0');

/** `<environment>/tables/<table>/ds=YYYY-MM-DD/hh=HH/<instanceId>-<sequence>.parquet` */
export function objectKey(parts: ObjectKeyParts): string {
  return `${parts.environment}/tables/${parts.table}/${partitionPath(parts.partition)}/${parts.instanceId}-${formatSequence(parts.sequence)}.parquet`;
}

/**
 * Where rows that do not fit their table go, as NDJSON, so that nothing is dropped silently:
 * `<environment>/rejected/<table>/ds=YYYY-MM-DD/hh=HH/<instanceId>-<sequence>.ndjson`.
 * Outside `tables/`, so no table scan reads them.
 */
export function rejectedKey(parts: ObjectKeyParts): string {
  return `${parts.environment}/rejected/${parts.table}/${partitionPath(parts.partition)}/${parts.instanceId}-${formatSequence(parts.sequence)}.ndjson`;
}
