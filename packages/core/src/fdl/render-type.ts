import type { FdlType } from './schema-model.js';

/** The FDL spelling of a resolved type: `Int!`, `[String!]`, `Money`. */
export function renderType(type: FdlType): string {
  const base = type.kind === 'list' ? `[${renderType(type.of)}]` : type.name;
  return type.nullable ? base : `${base}!`;
}
