/**
 * The warehouse's own column model: what the Parquet encoder, the DDL printer and the object layout
 * need to know about a table, derived once from the FDL (warehouse.md §2–§3). Plain, serialisable
 * data, independent of the Parquet library.
 */

/** The type of a column, a struct field or a list element (warehouse.md §3). */
export type ColumnType =
  /** `ID`, `String` and enums: BYTE_ARRAY UTF8. */
  | { readonly kind: 'string' }
  /** `Int`: INT64. */
  | { readonly kind: 'int64' }
  /** `Float`: DOUBLE. */
  | { readonly kind: 'double' }
  | { readonly kind: 'boolean' }
  /** Epoch milliseconds: INT64 TIMESTAMP(MILLIS, isAdjustedToUTC=true). */
  | { readonly kind: 'timestamp' }
  /** `[T]`: a LIST; `elementNullable` is the nullability of `T`. */
  | { readonly kind: 'list'; readonly element: ColumnType; readonly elementNullable: boolean }
  /** `type X { … }` and event records: a group with snake_case field names. */
  | { readonly kind: 'struct'; readonly fields: readonly Column[] };

export interface Column {
  /** snake_case column (or struct field) name; the key of the value in a row. */
  readonly name: string;
  readonly type: ColumnType;
  /** OPTIONAL when true; REQUIRED when the value can never be missing. */
  readonly nullable: boolean;
}

/** Which part of warehouse.md §2 a table implements. */
export type TableKind = 'session' | 'feature' | 'snapshot' | 'offline-event';

export interface WarehouseTable {
  /** The table (and directory) name, snake_case. */
  readonly name: string;
  readonly kind: TableKind;
  /** The FDL name the table comes from (`session`, the feature or event name, or the snapshot). */
  readonly source: string;
  readonly columns: readonly Column[];
  /**
   * Columns the FDL asked for twice (for example a feature arg named `sessionId`, which the FDL
   * compiler only warns about). The first declaration is kept; these names are listed so the
   * writer can report them.
   */
  readonly duplicateColumns: readonly string[];
}
