import type { TypeRef } from './ast.js';
import type { CompileContext } from './compile-context.js';
import { FdlCode } from './diagnostic.js';
import type { FdlType, ScalarName } from './schema-model.js';

const SCALARS = new Set<string>(['String', 'ID', 'Int', 'Float', 'Boolean', 'Timestamp']);

/**
 * Resolves a written type against the registered scalars, enums and object types. Reports an
 * unknown name (as written, with its `!`, like the reference compiler) and returns undefined.
 */
export function resolveType(ctx: CompileContext, path: string, ref: TypeRef): FdlType | undefined {
  if (ref.kind === 'list') {
    const of = resolveType(ctx, path, ref.of);
    return of && { kind: 'list', of, nullable: !ref.nonNull };
  }
  const nullable = !ref.nonNull;
  if (SCALARS.has(ref.name)) return { kind: 'scalar', name: ref.name as ScalarName, nullable };
  if (ctx.enums.has(ref.name)) return { kind: 'enum', name: ref.name, nullable };
  if (ctx.types.has(ref.name)) return { kind: 'object', name: ref.name, nullable };
  const written = ref.nonNull ? `${ref.name}!` : ref.name;
  ctx.error(
    FdlCode.UNKNOWN_TYPE,
    { path, pos: ref.pos },
    `Unknown type '${written}'. Use a built-in type (String, ID, Int, Float, Boolean, Timestamp) or declare it with 'type' or 'enum' (object types may only use types declared before them).`,
  );
  return undefined;
}
