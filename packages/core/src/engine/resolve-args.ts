import type { TypeRegistry } from '../fdl/check-value.js';
import { checkValue } from '../fdl/check-value.js';
import type { FieldDef, JsonValue } from '../fdl/schema-model.js';

export type ResolvedArgs =
  | { readonly ok: true; readonly args: Record<string, JsonValue> }
  | { readonly ok: false; readonly message: string };

/**
 * Applies FDL defaults and checks types (config.md §2 phase 1, protocol.md §16.12): a missing or
 * `null` value takes the default when there is one, a nullable field may be null, a non-null one
 * without a default is required. Names that are not fields are ignored, as Causal's server did.
 */
export function resolveArgs(
  fields: readonly FieldDef[],
  given: Readonly<Record<string, unknown>> | undefined,
  registry: TypeRegistry,
  what: string,
): ResolvedArgs {
  const args: Record<string, JsonValue> = {};
  for (const field of fields) {
    const raw = given?.[field.name];
    if (raw === undefined || raw === null) {
      if (field.default !== undefined && field.default !== null) args[field.name] = field.default;
      else if (field.type.nullable) args[field.name] = null;
      else return { ok: false, message: `${what} '${field.name}' (${field.typeText}) is required` };
      continue;
    }
    const checked = checkValue(field.type, raw, registry);
    if (!checked.ok) {
      const where = checked.path === '$' ? '' : ` at ${checked.path.replace(/^\$/, field.name)}`;
      return { ok: false, message: `${what} '${field.name}'${where}: ${checked.message}` };
    }
    args[field.name] = raw as JsonValue;
  }
  return { ok: true, args };
}
