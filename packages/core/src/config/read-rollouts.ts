/**
 * The `rollouts:` section (config.md §1): values for one feature, given to a fixed share of
 * sessions (`percent`) or to a share that ramps linearly from 0 % at `from` to 100 % at `to`.
 * A rollout may carry an `audience` (an iserver addition): only members are in its share.
 */
import { describeValue } from '../audience/describe-value.js';
import type { CompiledRollout, RolloutShare } from './compiled-config.js';
import { indexPath } from './config-path.js';
import { field, type ConfigReader } from './config-reader.js';
import { readOutputValues } from './read-output-values.js';

const KEYS = ['id', 'feature', 'values', 'percent', 'from', 'to', 'audience'];

/** Reads `rollouts:`; returns the valid rollouts in file order. */
export function readRollouts(raw: unknown, reader: ConfigReader): readonly CompiledRollout[] {
  const rollouts: CompiledRollout[] = [];
  if (raw === undefined) return rollouts;
  const list = reader.list(raw, 'rollouts', 'a list of rollouts');
  if (list === undefined) return rollouts;
  const firstIndex = new Map<string, number>();
  list.forEach((value, i) => {
    const path = indexPath('rollouts', i);
    const def = reader.fields(value, path, KEYS, 'a rollout');
    if (def === undefined) return;
    const id = reader.id(field(def, 'id'), `${path}.id`, 'rollout');
    const duplicate = id !== undefined ? firstIndex.get(id) : undefined;
    if (duplicate !== undefined) {
      reader.report(
        `${path}.id`,
        `duplicate rollout id "${String(id)}" (first at ${indexPath('rollouts', duplicate)})`,
      );
    } else if (id !== undefined) firstIndex.set(id, i);
    const featureName = field(def, 'feature');
    let feature;
    if (featureName === undefined) reader.report(`${path}.feature`, 'is required (a feature name)');
    else if (typeof featureName !== 'string') {
      reader.report(
        `${path}.feature`,
        `expected a feature name, got ${describeValue(featureName)}`,
      );
    } else feature = reader.feature(featureName, `${path}.feature`);
    const rawValues = field(def, 'values');
    let values;
    if (rawValues === undefined) {
      reader.report(`${path}.values`, 'is required (output → value for the sessions in the share)');
    } else if (feature !== undefined) {
      values = readOutputValues(rawValues, feature, `${path}.values`, reader);
      if (values !== undefined && Object.keys(values).length === 0) {
        reader.report(`${path}.values`, 'is empty: a rollout must set at least one output');
        values = undefined;
      }
    }
    const share = readShare(def, path, reader);
    const audience = reader.audience(field(def, 'audience'), `${path}.audience`);
    if (id === undefined || duplicate !== undefined || feature === undefined) return;
    if (values === undefined || share === undefined) return;
    rollouts.push({ id, feature: feature.name, values, share, audience });
  });
  return rollouts;
}

/** Exactly one of `percent`, or `from` and `to` with `from` before `to`. */
function readShare(
  def: Readonly<Record<string, unknown>>,
  path: string,
  reader: ConfigReader,
): RolloutShare | undefined {
  const [percent, from, to] = [field(def, 'percent'), field(def, 'from'), field(def, 'to')];
  if (percent !== undefined) {
    if (from !== undefined || to !== undefined) {
      reader.report(
        path,
        'has both `percent` and `from`/`to`: use a fixed percent or a ramp, not both',
      );
      return undefined;
    }
    const value = reader.percent(percent, `${path}.percent`);
    return value === undefined ? undefined : { kind: 'fixed', percent: value };
  }
  if (from === undefined && to === undefined) {
    reader.report(path, 'needs `percent` (a fixed share) or `from` and `to` (a linear ramp)');
    return undefined;
  }
  if (from === undefined)
    reader.report(`${path}.from`, 'is required with `to` (the ramp starts at 0 % here)');
  if (to === undefined)
    reader.report(`${path}.to`, 'is required with `from` (the ramp reaches 100 % here)');
  const fromMs = from === undefined ? undefined : reader.timestamp(from, `${path}.from`);
  const toMs = to === undefined ? undefined : reader.timestamp(to, `${path}.to`);
  if (fromMs === undefined || toMs === undefined) return undefined;
  if (fromMs >= toMs) {
    reader.report(
      `${path}.to`,
      'must be after `from` (the ramp goes from 0 % at `from` to 100 % at `to`)',
    );
    return undefined;
  }
  return { kind: 'ramp', from: fromMs, to: toMs };
}
