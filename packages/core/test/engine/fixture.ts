/** Shared set-up for the engine tests: the test schema and configuration, a settable clock, ids, plugins. */
import { readFileSync } from 'node:fs';

import { loadConfigOrThrow } from '../../src/config/load-config.js';
import type { CompiledConfig } from '../../src/config/compiled-config.js';
import type { ClosedSession } from '../../src/engine/closed-session.js';
import { createEngine } from '../../src/engine/engine.js';
import type { EngineOptions } from '../../src/engine/engine.js';
import type { PluginCall, PluginHost } from '../../src/engine/engine-types.js';
import { pickVariant, variantBucket, trafficBucket } from '../../src/hashing/bucket.js';
import { compileFdl } from '../../src/index.js';
import type { FdlSchema } from '../../src/index.js';

const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

export function loadSchema(): FdlSchema {
  const { schema, diagnostics } = compileFdl([{ path: 'engine.fdl', text: read('./engine.fdl') }]);
  if (!schema) throw new Error(JSON.stringify(diagnostics));
  return schema;
}

export const schema = loadSchema();
export const configText = read('./engine.config.yaml');
export const config = loadConfigOrThrow(configText, { schema, format: 'yaml' });

/** The test configuration with one textual edit; an edit that changes nothing is a broken test. */
export function configWith(edit: (text: string) => string): CompiledConfig {
  const edited = edit(configText);
  if (edited === configText)
    throw new Error('configWith: the edit did not match the configuration text');
  return loadConfigOrThrow(edited, { schema, format: 'yaml' });
}

/** 2026-03-06T00:00:00Z: halfway through the `express` ramp. */
export const T0 = Date.parse('2026-03-06T00:00:00Z');

export interface PluginBehaviour {
  calls: PluginCall[];
  mode: 'ok' | 'throw' | 'slow' | 'bad';
}

export function setup(options: Partial<EngineOptions> = {}) {
  const clock = {
    t: T0,
    now() {
      return this.t;
    },
  };
  let n = 0;
  const closed: ClosedSession[] = [];
  const failures: { plugin: string; kind: string }[] = [];
  const behaviour: PluginBehaviour = { calls: [], mode: 'ok' };
  const plugins: PluginHost = {
    run(call) {
      behaviour.calls.push(call);
      if (behaviour.mode === 'throw') throw new Error('plugin exploded');
      if (behaviour.mode === 'slow') clock.t += call.budgetMs + 1;
      if (behaviour.mode === 'bad') return { country: 42, items: 'nope' };
      if (call.plugin.name === 'geo')
        return { country: call.session.args.channel === 'uk' ? 'GB' : 'US' };
      if (call.plugin.name === 'recs') {
        const sku = call.feature?.args.sku;
        const base = typeof sku === 'string' ? sku : '?';
        return { items: [`${base}-1`, `${base}-2`] };
      }
      return {};
    },
  };
  const engine = createEngine({
    schema,
    config,
    clock,
    newId: () => `id-${++n}`,
    plugins,
    onSessionClosed: (c) => closed.push(c),
    observer: { pluginFailed: (f) => failures.push(f) },
    ...options,
  });
  return { engine, clock, closed, failures, behaviour };
}

/** The variant index a key gets in a 50/50 experiment (the test config's experiments are all 1:1). */
export function arm(experiment: string, key: string): number {
  return pickVariant(variantBucket(experiment, key), [5000, 10000]);
}

/** Whether a key is inside a traffic share (percent). */
export function inShare(experiment: string, key: string, percent: number): boolean {
  return trafficBucket(experiment, key) < percent * 100;
}

/** The first device id `d<i>` satisfying `test`. */
export function findKey(test: (key: string) => boolean): string {
  for (let i = 0; i < 100_000; i++) {
    const key = `d${i}`;
    if (test(key)) return key;
  }
  throw new Error('no key found');
}
