import { BOOLEAN, DOUBLE, optional, required, STRING, TIMESTAMP } from './column-types.js';
import type { Column, WarehouseTable } from './warehouse-table.js';

/**
 * Every snapshot row ends with these: which configuration it describes and when it was loaded, so
 * analysts can pick one snapshot when several loads fall into the same hour.
 */
const SNAPSHOT_COLUMNS: readonly Column[] = [
  required('config_hash', STRING),
  optional('environment', STRING),
  required('loaded_at', TIMESTAMP),
];

const snapshot = (name: string, columns: readonly Column[]): WarehouseTable => ({
  name,
  kind: 'snapshot',
  source: name,
  columns: [...columns, ...SNAPSHOT_COLUMNS],
  duplicateColumns: [],
});

/**
 * The configuration snapshot tables (warehouse.md §2.3), written whenever a configuration is
 * loaded. The FDL reserves their names (`Experiment`, `Variant`, `VariantValue`, `Audience`), so
 * no feature or event table can collide with them.
 */
export const SNAPSHOT_TABLES: readonly WarehouseTable[] = [
  snapshot('experiment', [
    required('experiment_id', STRING),
    optional('name', STRING),
    /** `draft`, `running` or `stopped`. */
    required('state', STRING),
    optional('launched_at', TIMESTAMP),
    optional('audience_id', STRING),
    /** Percent of eligible sessions that enter, 0..100. */
    required('traffic', DOUBLE),
    /** The session arg the experiment splits on; null for the FDL's split key or the persistent key. */
    optional('split_key', STRING),
  ]),
  snapshot('variant', [
    required('experiment_id', STRING),
    required('variant_id', STRING),
    optional('name', STRING),
    required('weight', DOUBLE),
    required('is_control', BOOLEAN),
  ]),
  snapshot('variant_value', [
    required('experiment_id', STRING),
    required('variant_id', STRING),
    required('feature_name', STRING),
    required('field_name', STRING),
    /** The value as JSON text. */
    required('field_value', STRING),
  ]),
  snapshot('audience', [
    required('audience_id', STRING),
    optional('name', STRING),
    optional('description', STRING),
    /** The rule as written, as JSON text. */
    required('definition', STRING),
  ]),
];
