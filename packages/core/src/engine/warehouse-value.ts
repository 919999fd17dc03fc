import type { TypeRegistry } from '../fdl/check-value.js';
import type { FdlType, JsonValue } from '../fdl/schema-model.js';

/**
 * A JSON value as the warehouse stores it: struct fields under their snake_case column names,
 * every declared field present (null when absent). Other values pass through.
 */
export function toWarehouseValue(
  type: FdlType,
  value: JsonValue | undefined,
  registry: TypeRegistry,
): JsonValue {
  if (value === undefined || value === null) return null;
  if (type.kind === 'list') {
    return Array.isArray(value)
      ? value.map((item: JsonValue) => toWarehouseValue(type.of, item, registry))
      : null;
  }
  if (type.kind !== 'object' || typeof value !== 'object' || Array.isArray(value)) return value;
  const def = registry.types.find((t) => t.name === type.name);
  if (!def) return value;
  const record = value as Readonly<Record<string, JsonValue>>;
  const row: Record<string, JsonValue> = {};
  for (const field of def.fields)
    row[field.column] = toWarehouseValue(field.type, record[field.name], registry);
  return row;
}
