import type { FdlSchema, FdlType, FieldDef } from '@iserver/core';

import type { Column, ColumnType } from './warehouse-table.js';

export const STRING: ColumnType = { kind: 'string' };
export const INT64: ColumnType = { kind: 'int64' };
export const DOUBLE: ColumnType = { kind: 'double' };
export const BOOLEAN: ColumnType = { kind: 'boolean' };
export const TIMESTAMP: ColumnType = { kind: 'timestamp' };

export const required = (name: string, type: ColumnType): Column => ({
  name,
  type,
  nullable: false,
});
export const optional = (name: string, type: ColumnType): Column => ({
  name,
  type,
  nullable: true,
});
/** A REQUIRED list of REQUIRED elements: the system lists (`variants`, event lists …) are never null. */
export const listOf = (element: ColumnType): ColumnType => ({
  kind: 'list',
  element,
  elementNullable: false,
});
export const struct = (fields: readonly Column[]): ColumnType => ({ kind: 'struct', fields });

/** The warehouse type of an FDL type (warehouse.md §3, fdl.md §5); object types recurse. */
export function columnType(type: FdlType, schema: FdlSchema): ColumnType {
  switch (type.kind) {
    case 'scalar':
      switch (type.name) {
        case 'String':
        case 'ID':
          return STRING;
        case 'Int':
          return INT64;
        case 'Float':
          return DOUBLE;
        case 'Boolean':
          return BOOLEAN;
        case 'Timestamp':
          return TIMESTAMP;
      }
      break;
    case 'enum':
      return STRING;
    case 'list':
      return {
        kind: 'list',
        element: columnType(type.of, schema),
        elementNullable: type.of.nullable,
      };
    case 'object': {
      const def = schema.types.find((t) => t.name === type.name);
      const fields = (def?.fields ?? []).flatMap((f) => fieldColumns(f, schema));
      return struct(fields);
    }
  }
}

/**
 * Whether a type stores nothing: a struct without fields (`type X` with no body), or a list of
 * such. Parquet has no empty groups, so these fields get no column (their values carry no data).
 */
export function isEmptyType(type: ColumnType): boolean {
  if (type.kind === 'struct') return type.fields.length === 0;
  return type.kind === 'list' && isEmptyType(type.element);
}

/**
 * The column of an FDL field: its snake_case name, its type, OPTIONAL iff the FDL type is
 * nullable. Empty (`[]`) for a field whose type stores nothing (see `isEmptyType`).
 */
export function fieldColumns(field: FieldDef, schema: FdlSchema): Column[] {
  const type = columnType(field.type, schema);
  return isEmptyType(type) ? [] : [{ name: field.column, type, nullable: field.type.nullable }];
}
