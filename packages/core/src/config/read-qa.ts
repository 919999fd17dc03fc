/**
 * The `qa:` section (config.md §1): QA devices keyed by persistent-key value, with the
 * `registered` flag, output overrides and forced variants.
 */
import { describeValue } from '../audience/describe-value.js';
import { suggestName } from '../audience/suggest-name.js';
import type { OutputValues, QaDevice } from './compiled-config.js';
import { keyPath } from './config-path.js';
import { field, type ConfigReader } from './config-reader.js';
import { readFeatureValues } from './read-output-values.js';

/**
 * Reads `qa:`. `variantIds` maps each experiment id of the file to its variant ids (`undefined`
 * when `experiments:` is unreadable): a forced variant must name both. The experiment need not be running — QA often prepares a draft — but
 * the engine only visits running experiments, so the entry has no effect until it runs.
 */
export function readQa(
  raw: unknown,
  variantIds: ReadonlyMap<string, readonly string[] | undefined> | undefined,
  reader: ConfigReader,
): ReadonlyMap<string, QaDevice> {
  const qa = new Map<string, QaDevice>();
  if (raw === undefined) return qa;
  const section = reader.fields(raw, 'qa', ['devices'], 'the QA settings (devices)');
  const rawDevices = section && field(section, 'devices');
  if (rawDevices === undefined) return qa;
  const devices = reader.mapping(
    rawDevices,
    'qa.devices',
    'a mapping of persistent-key values to QA devices',
  );
  if (devices === undefined) return qa;
  for (const [id, value] of Object.entries(devices)) {
    const path = keyPath('qa.devices', id);
    if (id === '') reader.report(path, 'a QA device needs a persistent-key value');
    const def = reader.fields(
      value ?? {},
      path,
      ['registered', 'overrides', 'variants'],
      'a QA device',
    );
    if (def === undefined) continue;
    const registered = field(def, 'registered') ?? false;
    if (typeof registered !== 'boolean') {
      reader.report(
        `${path}.registered`,
        `expected true or false, got ${describeValue(registered)}`,
      );
    }
    const rawOverrides = field(def, 'overrides');
    const overrides: Readonly<Record<string, OutputValues>> | undefined =
      rawOverrides === undefined
        ? {}
        : readFeatureValues(rawOverrides, `${path}.overrides`, reader);
    const variants = readForcedVariants(
      field(def, 'variants'),
      `${path}.variants`,
      variantIds,
      reader,
    );
    if (typeof registered === 'boolean' && overrides !== undefined && variants !== undefined) {
      qa.set(id, { id, registered, overrides, variants });
    }
  }
  return qa;
}

function readForcedVariants(
  raw: unknown,
  path: string,
  variantIds: ReadonlyMap<string, readonly string[] | undefined> | undefined,
  reader: ConfigReader,
): Readonly<Record<string, string>> | undefined {
  if (raw === undefined) return {};
  const record = reader.mapping(raw, path, 'a mapping of experiment ids to variant ids');
  if (record === undefined) return undefined;
  // Without a readable experiments section, every reference would be reported as unknown.
  if (variantIds === undefined) return undefined;
  let ok = true;
  for (const [experiment, variant] of Object.entries(record)) {
    const at = keyPath(path, experiment);
    if (!variantIds.has(experiment)) {
      reader.report(
        at,
        `unknown experiment "${experiment}"${suggestName(experiment, [...variantIds.keys()])}`,
      );
      ok = false;
      continue;
    }
    const ids = variantIds.get(experiment);
    if (ids === undefined)
      ok = false; // its variants are unreadable, and reported
    else if (typeof variant !== 'string' || !ids.includes(variant)) {
      const hint = typeof variant === 'string' ? suggestName(variant, ids) : '';
      reader.report(
        at,
        `experiment "${experiment}" has no variant ${describeValue(variant)}${hint}; variants: ${ids.join(', ')}`,
      );
      ok = false;
    }
  }
  return ok ? (record as Record<string, string>) : undefined;
}
