import type { EnumDef, FdlType, JsonValue, ObjectTypeDef } from './schema-model.js';

/** What `checkValue` needs to resolve named types: usually the compiled `FdlSchema`. */
export interface TypeRegistry {
  readonly enums: readonly EnumDef[];
  readonly types: readonly ObjectTypeDef[];
}

export type CheckValueResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      /** Where the problem is, from the root: `$`, `$.price.amount`, `$.tags[2]`. */
      readonly path: string;
      readonly message: string;
    };

const OK: CheckValueResult = { ok: true };
const INT64_LIMIT = 2 ** 63;

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return typeof value;
}

function propertyPath(path: string, key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key)
    ? `${path}.${key}`
    : `${path}[${JSON.stringify(key)}]`;
}

/**
 * Validates a JSON value against an FDL type (as configuration values and request args must be),
 * reporting the first problem with a path into the value. `null` and `undefined` are accepted only
 * for nullable types. Object values must not carry unknown keys; nullable fields may be omitted.
 *
 * @example
 * checkValue({ kind: 'scalar', name: 'Int', nullable: false }, 3.5, schema)
 * // → { ok: false, path: '$', message: 'expected an integer, found 3.5' }
 */
export function checkValue(
  type: FdlType,
  value: unknown,
  registry: TypeRegistry,
  path = '$',
): CheckValueResult {
  if (value === null || value === undefined) {
    return type.nullable
      ? OK
      : {
          ok: false,
          path,
          message: `a value is required here (${describeType(type)}), found ${value === null ? 'null' : 'nothing'}`,
        };
  }
  const fail = (expected: string): CheckValueResult => ({
    ok: false,
    path,
    message: `expected ${expected}, found ${kindOf(value)}`,
  });
  switch (type.kind) {
    case 'scalar':
      switch (type.name) {
        case 'String':
        case 'ID':
          return typeof value === 'string' ? OK : fail('a string');
        case 'Boolean':
          return typeof value === 'boolean' ? OK : fail('true or false');
        case 'Float':
          return typeof value === 'number' && Number.isFinite(value) ? OK : fail('a number');
        case 'Int':
        case 'Timestamp':
          return typeof value === 'number' &&
            Number.isInteger(value) &&
            Math.abs(value) <= INT64_LIMIT
            ? OK
            : fail(
                type.name === 'Int'
                  ? 'an integer'
                  : 'a timestamp in epoch milliseconds (an integer)',
              );
      }
      break;
    case 'enum': {
      const def = registry.enums.find((e) => e.name === type.name);
      if (typeof value !== 'string') return fail(`a value of enum ${type.name}`);
      return def && !def.values.includes(value) ? fail(`one of ${def.values.join(', ')}`) : OK;
    }
    case 'list': {
      if (!Array.isArray(value)) return fail('a list');
      for (let i = 0; i < value.length; i++) {
        const result = checkValue(type.of, value[i] as JsonValue, registry, `${path}[${i}]`);
        if (!result.ok) return result;
      }
      return OK;
    }
    case 'object': {
      if (typeof value !== 'object' || Array.isArray(value))
        return fail(`an object of type ${type.name}`);
      const def = registry.types.find((t) => t.name === type.name);
      if (!def) return OK;
      const record = value as Record<string, unknown>;
      for (const key of Object.keys(record)) {
        if (!def.fields.some((f) => f.name === key)) {
          const known = def.fields.map((f) => f.name).join(', ');
          return {
            ok: false,
            path: propertyPath(path, key),
            message: `type ${type.name} has no field '${key}' (fields: ${known})`,
          };
        }
      }
      for (const field of def.fields) {
        const result = checkValue(
          field.type,
          record[field.name],
          registry,
          propertyPath(path, field.name),
        );
        if (!result.ok) return result;
      }
      return OK;
    }
  }
}

function describeType(type: FdlType): string {
  return type.kind === 'list' ? `a list` : type.name;
}
