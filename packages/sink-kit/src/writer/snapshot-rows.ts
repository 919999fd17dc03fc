import type { CompiledConfig } from '@iserver/core';

import type { Row } from '../parquet/encode-parquet.js';

/**
 * The rows of the configuration snapshot tables (warehouse.md §2.3) for one loaded configuration,
 * by table name. Values and rules are JSON text; every row carries the configuration hash, its
 * environment and the load time.
 */
export function snapshotRows(config: CompiledConfig, loadedAt: number): Map<string, Row[]> {
  const common = {
    config_hash: config.hash,
    environment: config.environment ?? null,
    loaded_at: loadedAt,
  };
  const experiments: Row[] = [];
  const variants: Row[] = [];
  const values: Row[] = [];
  for (const experiment of config.experiments) {
    experiments.push({
      experiment_id: experiment.id,
      name: experiment.name ?? null,
      state: experiment.state,
      launched_at: experiment.launchedAt ?? null,
      audience_id: experiment.audience ?? null,
      traffic: experiment.traffic,
      split_key: experiment.splitKey ?? null,
      ...common,
    });
    for (const variant of experiment.variants) {
      const ids = { experiment_id: experiment.id, variant_id: variant.id };
      variants.push({
        ...ids,
        name: variant.name ?? null,
        weight: variant.weight,
        is_control: variant.control,
        ...common,
      });
      for (const [feature, outputs] of Object.entries(variant.values)) {
        for (const [field, value] of Object.entries(outputs)) {
          values.push({
            ...ids,
            feature_name: feature,
            field_name: field,
            field_value: JSON.stringify(value),
            ...common,
          });
        }
      }
    }
  }
  const audiences = [...config.audiences.values()].map((audience) => ({
    audience_id: audience.id,
    name: audience.name ?? null,
    description: audience.description ?? null,
    definition: JSON.stringify(audience.definition),
    ...common,
  }));
  return new Map([
    ['experiment', experiments],
    ['variant', variants],
    ['variant_value', values],
    ['audience', audiences],
  ]);
}
