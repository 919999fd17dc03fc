/**
 * Output values written in the configuration (feature `control`, variant and rollout `values`, QA
 * `overrides`): every name must be a settable output of the feature and every value must
 * type-check against its FDL type, so a typo or a wrong type is caught at load, not in a client.
 */
import { suggestName } from '../audience/suggest-name.js';
import { checkValue } from '../fdl/check-value.js';
import type { FeatureDef, FieldDef, JsonValue } from '../fdl/schema-model.js';
import type { OutputValues } from './compiled-config.js';
import { rebasePath, keyPath } from './config-path.js';
import type { ConfigReader } from './config-reader.js';

/**
 * What configuration may set on a feature: its outputs and its plugin fields (a plugin field the
 * plugin left unset is free for the later phases, config.md §2).
 */
export function settableFields(feature: FeatureDef): readonly FieldDef[] {
  return [...feature.outputs, ...(feature.plugin?.fields ?? [])];
}

/** The output an `@is_default`/`@variant_id`/`@variant_name` field describes, if it is one. */
function computedFrom(field: FieldDef): string | undefined {
  return field.flags.isDefault ?? field.flags.variantId ?? field.flags.variantName;
}

/**
 * `raw` as output → value for `feature`, or `undefined` when anything in it is wrong (reported).
 * Outputs computed by iserver (`@is_default`, `@variant_id`, `@variant_name`) cannot be set: the
 * engine would overwrite the value, so accepting it would hide a mistake.
 */
export function readOutputValues(
  raw: unknown,
  feature: FeatureDef,
  path: string,
  reader: ConfigReader,
): OutputValues | undefined {
  const record = reader.mapping(raw, path, `a mapping of ${feature.name}'s outputs to values`);
  if (record === undefined) return undefined;
  const fields = settableFields(feature);
  let ok = true;
  for (const [name, value] of Object.entries(record)) {
    const at = keyPath(path, name);
    const def = fields.find((f) => f.name === name);
    if (def === undefined) {
      const names = fields.map((f) => f.name);
      reader.report(
        at,
        `unknown output "${name}" of feature ${feature.name}${suggestName(name, names)}; outputs: ${names.join(', ') || '(none)'}`,
      );
      ok = false;
      continue;
    }
    const source = computedFrom(def);
    if (source !== undefined) {
      reader.report(
        at,
        `output "${name}" is computed from how "${source}" was decided and cannot be set`,
      );
      ok = false;
      continue;
    }
    const result = checkValue(def.type, value, reader.schema);
    if (!result.ok) {
      reader.report(rebasePath(at, result.path), `${def.typeText}: ${result.message}`);
      ok = false;
    }
  }
  return ok ? (record as Record<string, JsonValue>) : undefined;
}

/** `raw` as feature → output → value (variant `values`, QA `overrides`). */
export function readFeatureValues(
  raw: unknown,
  path: string,
  reader: ConfigReader,
): Readonly<Record<string, OutputValues>> | undefined {
  const record = reader.mapping(raw, path, 'a mapping of feature names to output values');
  if (record === undefined) return undefined;
  const result: Record<string, OutputValues> = {};
  let ok = true;
  for (const [name, outputs] of Object.entries(record)) {
    const at = keyPath(path, name);
    const feature = reader.feature(name, at);
    const values = feature && readOutputValues(outputs, feature, at, reader);
    if (values === undefined) ok = false;
    else result[name] = values;
  }
  return ok ? result : undefined;
}
