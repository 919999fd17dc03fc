/**
 * The `experiments:` section (config.md §1): a list of experiments with state, launch time,
 * eligibility audience, traffic share, split key and variants.
 */
import { describeValue } from '../audience/describe-value.js';
import { suggestName } from '../audience/suggest-name.js';
import type { CompiledExperiment } from './compiled-config.js';
import { indexPath } from './config-path.js';
import { field, type ConfigReader } from './config-reader.js';
import { readVariants } from './read-variants.js';

const STATES = ['draft', 'running', 'stopped'] as const;
type ExperimentState = (typeof STATES)[number];

const KEYS = ['id', 'name', 'state', 'launchedAt', 'audience', 'traffic', 'splitKey', 'variants'];

export interface ExperimentsSection {
  /** The valid experiments, in file order. */
  readonly experiments: readonly CompiledExperiment[];
  /**
   * Experiment id → its variant ids, for every experiment with a string id (valid or not, so
   * that one mistake is reported once); `undefined` when the section is not a list at all.
   */
  readonly variantIds: ReadonlyMap<string, readonly string[] | undefined> | undefined;
}

/** Reads `experiments:`. */
export function readExperiments(raw: unknown, reader: ConfigReader): ExperimentsSection {
  const experiments: CompiledExperiment[] = [];
  const variantIds = new Map<string, readonly string[] | undefined>();
  if (raw === undefined) return { experiments, variantIds };
  const list = reader.list(raw, 'experiments', 'a list of experiments');
  if (list === undefined) return { experiments, variantIds: undefined };
  const firstIndex = new Map<string, number>();
  list.forEach((value, i) => {
    const path = indexPath('experiments', i);
    const def = reader.fields(value, path, KEYS, 'an experiment');
    if (def === undefined) return;
    const id = reader.id(field(def, 'id'), `${path}.id`, 'experiment');
    const duplicate = id !== undefined ? firstIndex.get(id) : undefined;
    if (duplicate !== undefined) {
      reader.report(
        `${path}.id`,
        `duplicate experiment id "${String(id)}" (first at ${indexPath('experiments', duplicate)})`,
      );
    } else if (id !== undefined) firstIndex.set(id, i);
    const name = reader.optionalString(field(def, 'name'), `${path}.name`);
    const state = readState(field(def, 'state'), `${path}.state`, reader);
    const rawLaunch = field(def, 'launchedAt');
    const launchedAt =
      rawLaunch === undefined ? undefined : reader.timestamp(rawLaunch, `${path}.launchedAt`);
    if (state === 'running' && rawLaunch === undefined) {
      reader.report(
        `${path}.launchedAt`,
        'is required for a running experiment (it orders experiments, earliest first)',
      );
    }
    const audience = reader.audience(field(def, 'audience'), `${path}.audience`);
    const rawTraffic = field(def, 'traffic');
    const traffic = rawTraffic === undefined ? 100 : reader.percent(rawTraffic, `${path}.traffic`);
    const splitKey = readSplitKey(field(def, 'splitKey'), `${path}.splitKey`, reader);
    const variants = readVariants(field(def, 'variants'), `${path}.variants`, reader);
    const rawId = field(def, 'id');
    if (typeof rawId === 'string' && !variantIds.has(rawId)) variantIds.set(rawId, variants.ids);
    if (
      id === undefined ||
      duplicate !== undefined ||
      state === undefined ||
      (state === 'running' && launchedAt === undefined) ||
      traffic === undefined ||
      variants.variants === undefined ||
      variants.boundaries === undefined
    ) {
      return;
    }
    const features = [...new Set(variants.variants.flatMap((v) => Object.keys(v.values)))];
    experiments.push({
      id,
      name,
      state,
      launchedAt,
      audience,
      traffic,
      splitKey,
      variants: variants.variants,
      boundaries: variants.boundaries,
      features,
    });
  });
  return { experiments, variantIds };
}

function readState(raw: unknown, path: string, reader: ConfigReader): ExperimentState | undefined {
  if (raw === undefined) {
    reader.report(path, `is required (${STATES.join(', ')})`);
    return undefined;
  }
  const state = STATES.find((s) => s === raw);
  if (state === undefined) {
    const hint = typeof raw === 'string' ? suggestName(raw, STATES) : '';
    reader.report(path, `expected ${STATES.join(', ')}, got ${describeValue(raw)}${hint}`);
  }
  return state;
}

/** `splitKey` names the session arg to split on instead of the FDL's `@split_key` (config.md §4.1). */
function readSplitKey(raw: unknown, path: string, reader: ConfigReader): string | undefined {
  if (raw === undefined) return undefined;
  const args = reader.schema.session.args.map((a) => a.name);
  if (typeof raw === 'string' && args.includes(raw)) return raw;
  const hint = typeof raw === 'string' ? suggestName(raw, args) : '';
  reader.report(
    path,
    `expected the name of a session arg, got ${describeValue(raw)}${hint}; session args: ${args.join(', ')}`,
  );
  return undefined;
}
