/**
 * The `features:` section (config.md §1): per-feature gate, audience limit and control values,
 * keyed by the name of a concrete FDL feature.
 */
import { describeValue } from '../audience/describe-value.js';
import type { OutputValues } from './compiled-config.js';
import { keyPath } from './config-path.js';
import { field, type ConfigReader } from './config-reader.js';
import { readOutputValues } from './read-output-values.js';

/** What the file says about one feature (defaults are applied when compiling). */
export interface FeatureSettings {
  /** `undefined` when the file sets no gate. */
  readonly gate: boolean | undefined;
  readonly audience: string | undefined;
  /** Control values set by the file (only those). */
  readonly control: OutputValues;
}

/**
 * `gate` accepts `on`/`off` and, because YAML authors reach for them, the booleans `true`/`false`.
 */
function readGate(raw: unknown, path: string, reader: ConfigReader): boolean | undefined {
  if (raw === 'on' || raw === true) return true;
  if (raw === 'off' || raw === false) return false;
  reader.report(path, `expected on or off (or true/false), got ${describeValue(raw)}`);
  return undefined;
}

/** Reads `features:`; returns the settings of the features it configures, by name. */
export function readFeatures(
  raw: unknown,
  reader: ConfigReader,
): ReadonlyMap<string, FeatureSettings> {
  const settings = new Map<string, FeatureSettings>();
  if (raw === undefined) return settings;
  const record = reader.mapping(raw, 'features', 'a mapping of feature names to settings');
  if (record === undefined) return settings;
  for (const [name, value] of Object.entries(record)) {
    const path = keyPath('features', name);
    const feature = reader.feature(name, path);
    // `RatingBox:` with nothing under it configures nothing, like an empty mapping.
    const def = reader.fields(
      value ?? {},
      path,
      ['gate', 'audience', 'control'],
      'feature settings',
    );
    if (feature === undefined || def === undefined) continue;
    const rawGate = field(def, 'gate');
    let gate: boolean | undefined;
    if (rawGate !== undefined && feature.noGate) {
      reader.report(
        `${path}.gate`,
        `feature ${name} is @no_gate: it is always on and takes no gate (remove this line)`,
      );
    } else if (rawGate !== undefined) gate = readGate(rawGate, `${path}.gate`, reader);
    const audience = reader.audience(field(def, 'audience'), `${path}.audience`);
    const rawControl = field(def, 'control');
    const control =
      rawControl === undefined
        ? {}
        : readOutputValues(rawControl, feature, `${path}.control`, reader);
    settings.set(name, { gate, audience, control: control ?? {} });
  }
  return settings;
}
