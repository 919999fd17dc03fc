import type { FeatureConfig } from '../config/compiled-config.js';
import type { FieldDef, JsonValue } from '../fdl/schema-model.js';

/** An output's control value: the configuration's (which may be an explicit `null`), else the FDL's. */
export function controlOf(featureConfig: FeatureConfig, output: FieldDef): JsonValue {
  const configured = featureConfig.control[output.name];
  return configured === undefined ? output.controlValue : configured;
}
