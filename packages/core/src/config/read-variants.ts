/**
 * The `variants:` of an experiment (config.md §1): at least two, unique ids, weights that are
 * non-negative and do not all vanish, and exactly one control arm — the variant without `values`.
 */
import { describeValue, isPlainObject } from '../audience/describe-value.js';
import { variantBoundaries } from '../hashing/bucket.js';
import type { CompiledVariant, OutputValues } from './compiled-config.js';
import { indexPath } from './config-path.js';
import { field, type ConfigReader } from './config-reader.js';
import { readFeatureValues } from './read-output-values.js';

export interface VariantsResult {
  /** Present when every variant is valid. */
  readonly variants?: readonly CompiledVariant[];
  readonly boundaries?: readonly number[];
  /**
   * The string ids of the variants (valid or not), for QA `variants` references; `undefined`
   * when the list itself is missing or unreadable.
   */
  readonly ids: readonly string[] | undefined;
}

/** Reads the `variants` list at `path` (`experiments[2].variants`). */
export function readVariants(raw: unknown, path: string, reader: ConfigReader): VariantsResult {
  if (raw === undefined) {
    reader.report(
      path,
      'is required: at least two variants, one of them without values (the control arm)',
    );
    return { ids: undefined };
  }
  const list = reader.list(raw, path, 'a list of variants');
  if (list === undefined) return { ids: undefined };
  const variants: CompiledVariant[] = [];
  const ids: string[] = [];
  const controls: number[] = [];
  const weights: (number | undefined)[] = [];
  let ok = true;
  list.forEach((value, i) => {
    const at = indexPath(path, i);
    const def = reader.fields(value, at, ['id', 'name', 'weight', 'values'], 'a variant');
    if (def === undefined) {
      ok = false;
      return;
    }
    const rawId = field(def, 'id');
    if (typeof rawId === 'string') ids.push(rawId);
    const id = reader.id(rawId, `${at}.id`, 'variant');
    const first = id === undefined ? -1 : list.findIndex((v) => isPlainObject(v) && v.id === id);
    if (first !== -1 && first !== i) {
      reader.report(
        `${at}.id`,
        `duplicate variant id "${String(id)}" (first at ${indexPath(path, first)})`,
      );
      ok = false;
    }
    const name = reader.optionalString(field(def, 'name'), `${at}.name`);
    const weight = readWeight(field(def, 'weight'), `${at}.weight`, reader);
    weights.push(weight);
    const rawValues = field(def, 'values');
    let values: Readonly<Record<string, OutputValues>> | undefined = {};
    if (rawValues === undefined) controls.push(i);
    else if (isEmptyMapping(rawValues)) {
      reader.report(
        `${at}.values`,
        'is empty: a variant that sets nothing is a second control arm (remove `values` to make this the control arm)',
      );
      values = undefined;
    } else values = readFeatureValues(rawValues, `${at}.values`, reader);
    if (id === undefined || weight === undefined || values === undefined) ok = false;
    else variants.push({ id, name, weight, control: rawValues === undefined, values });
  });
  if (list.length < 2) {
    reader.report(
      path,
      `an experiment needs at least two variants (a control arm and a treatment), got ${list.length}`,
    );
    ok = false;
  }
  if (controls.length !== 1 && list.length > 0) {
    const found =
      controls.length === 0
        ? 'none has'
        : `${controls.length} have (${controls.map((i) => indexPath(path, i)).join(', ')})`;
    reader.report(path, `exactly one variant must have no \`values\` (the control arm); ${found}`);
    ok = false;
  }
  const allRead = weights.length === list.length && weights.every((w) => w !== undefined);
  if (list.length > 0 && allRead && !weights.some((w) => w > 0)) {
    reader.report(path, 'the weights sum to 0: at least one variant needs a positive weight');
    ok = false;
  }
  if (!ok) return { ids };
  return { variants, boundaries: variantBoundaries(variants.map((v) => v.weight)), ids };
}

function readWeight(raw: unknown, path: string, reader: ConfigReader): number | undefined {
  if (raw === undefined) {
    reader.report(path, 'is required (a number ≥ 0; shares are weight / total)');
    return undefined;
  }
  if (typeof raw === 'number' && Number.isFinite(raw) && raw >= 0) return raw;
  reader.report(path, `expected a number ≥ 0, got ${describeValue(raw)}`);
  return undefined;
}

function isEmptyMapping(raw: unknown): boolean {
  return isPlainObject(raw) && Object.keys(raw).length === 0;
}
