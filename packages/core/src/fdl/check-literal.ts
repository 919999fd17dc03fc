import type { ValueNode } from './ast.js';
import type { CompileContext } from './compile-context.js';
import { FdlCode } from './diagnostic.js';
import type { FdlType, JsonValue } from './schema-model.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Checks an FDL integer literal's text against the signed 64-bit range. */
export function isInt64(text: string): boolean {
  const value = BigInt(text);
  return value >= INT64_MIN && value <= INT64_MAX;
}

function describe(node: ValueNode): string {
  switch (node.kind) {
    case 'int':
    case 'float':
      return node.text;
    case 'string':
      return JSON.stringify(node.value);
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'enum':
      return node.name;
    case 'list':
      return 'a list';
    case 'object':
      return 'an object';
    case 'variable':
      return `$${node.name}`;
  }
}

/** What the base type accepts, for messages. */
function expectation(type: FdlType): string {
  switch (type.kind) {
    case 'scalar':
      switch (type.name) {
        case 'Int':
        case 'Timestamp':
          return 'an integer (e.g. 42)';
        case 'Float':
          return 'a floating point literal with a fraction or exponent (e.g. 1.0)';
        case 'Boolean':
          return 'true or false';
        case 'String':
        case 'ID':
          return 'a string in double quotes';
      }
      break;
    case 'enum':
      return `a value of enum ${type.name}, written without quotes`;
    case 'object':
      return `an object literal { field: value … } of type ${type.name}`;
    case 'list':
      return 'a list literal [ … ]';
  }
}

/**
 * Type-checks a literal (a default or control value) against its declared type and converts it
 * to JSON. Reports the first problem at the offending value and returns undefined.
 */
export function checkLiteral(
  ctx: CompileContext,
  path: string,
  node: ValueNode,
  type: FdlType,
): JsonValue | undefined {
  const fail = (
    at: ValueNode['pos'],
    message: string,
    code: FdlCode = FdlCode.DEFAULT_TYPE_MISMATCH,
  ): JsonValue | undefined => {
    ctx.error(code, { path, pos: at }, message);
    return undefined;
  };
  const mismatch = (): JsonValue | undefined =>
    fail(node.pos, `Expected ${expectation(type)}, found ${describe(node)}.`);

  if (node.kind === 'null') return type.nullable ? null : mismatch();
  switch (type.kind) {
    case 'scalar':
      switch (type.name) {
        case 'Int':
        case 'Timestamp':
          if (node.kind !== 'int') return mismatch();
          if (!isInt64(node.text)) {
            return fail(
              node.pos,
              `Integer ${node.text} is outside the 64-bit range ${INT64_MIN}..${INT64_MAX}.`,
              FdlCode.INT_OUT_OF_RANGE,
            );
          }
          return Number(node.text);
        case 'Float': {
          if (node.kind !== 'float') {
            return node.kind === 'int'
              ? fail(
                  node.pos,
                  `Expected a floating point literal, found the integer ${node.text}; write ${node.text}.0.`,
                )
              : mismatch();
          }
          const value = Number(node.text);
          return Number.isFinite(value)
            ? value
            : fail(node.pos, `Float ${node.text} is outside the range of a 64-bit double.`);
        }
        case 'Boolean':
          return node.kind === 'boolean' ? node.value : mismatch();
        case 'String':
        case 'ID':
          return node.kind === 'string' ? node.value : mismatch();
      }
      break;
    case 'enum': {
      if (node.kind !== 'enum') return mismatch();
      const def = ctx.enums.get(type.name);
      if (def && !def.values.includes(node.name)) {
        return fail(
          node.pos,
          `'${node.name}' is not a value of enum ${type.name}; expected one of ${def.values.join(', ')}.`,
        );
      }
      return node.name;
    }
    case 'list': {
      if (node.kind !== 'list') return mismatch();
      const items: JsonValue[] = [];
      for (const item of node.items) {
        const value = checkLiteral(ctx, path, item, type.of);
        if (value === undefined) return undefined;
        items.push(value);
      }
      return items;
    }
    case 'object':
      return node.kind === 'object' ? checkObjectLiteral(ctx, path, node, type.name) : mismatch();
  }
}

function checkObjectLiteral(
  ctx: CompileContext,
  path: string,
  node: Extract<ValueNode, { kind: 'object' }>,
  typeName: string,
): JsonValue | undefined {
  const def = ctx.types.get(typeName);
  if (!def) return undefined;
  const given = new Map<string, ValueNode>();
  // Keys first, then fields in declaration order (the reference compiler's order of checks).
  for (const { name, value } of node.fields) {
    if (!def.fields.some((f) => f.name === name.text)) {
      const known = def.fields.map((f) => f.name).join(', ') || 'none';
      ctx.error(
        FdlCode.DEFAULT_TYPE_MISMATCH,
        { path, pos: name.pos },
        `Type ${typeName} has no field '${name.text}' (fields: ${known}).`,
      );
      return undefined;
    }
    if (given.has(name.text)) {
      ctx.error(
        FdlCode.DEFAULT_TYPE_MISMATCH,
        { path, pos: name.pos },
        `Field '${name.text}' is given twice in this ${typeName} literal.`,
      );
      return undefined;
    }
    given.set(name.text, value);
  }
  const result: Record<string, JsonValue> = {};
  for (const field of def.fields) {
    const value = given.get(field.name);
    if (value === undefined) {
      if (!field.type.nullable) {
        ctx.error(
          FdlCode.DEFAULT_TYPE_MISMATCH,
          { path, pos: node.pos },
          `The ${typeName} literal must give required field '${field.name}' (${field.typeText}).`,
        );
        return undefined;
      }
      result[field.name] = null;
      continue;
    }
    const json = checkLiteral(ctx, path, value, field.type);
    if (json === undefined) return undefined;
    result[field.name] = json;
  }
  return result;
}
