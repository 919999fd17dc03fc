/** Shared set-up for the warehouse tests: the schema and configuration, an engine with a settable clock. */
import { readFileSync } from 'node:fs';

import { compileFdl, createEngine, loadConfig } from '@iserver/core';
import type {
  ClosedSession,
  CompiledConfig,
  EngineOptions,
  FdlSchema,
  PluginHost,
} from '@iserver/core';

const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

export function loadSchema(): FdlSchema {
  const { schema, diagnostics } = compileFdl([
    { path: 'shop.fdl', text: read('./fixtures/shop.fdl') },
  ]);
  if (!schema) throw new Error(JSON.stringify(diagnostics, null, 2));
  return schema;
}

export const schema = loadSchema();

export function loadShopConfig(text = read('./fixtures/shop.config.yaml')): CompiledConfig {
  const { config, issues } = loadConfig(text, { schema, format: 'yaml' });
  if (!config) throw new Error(JSON.stringify(issues, null, 2));
  return config;
}

export const config = loadShopConfig();

/** 2026-03-06T10:00:00Z. */
export const T0 = Date.parse('2026-03-06T10:00:00Z');

/** A real engine over the shop schema, with plugins that answer deterministically. */
export function setup(options: Partial<EngineOptions> = {}) {
  const clock = {
    t: T0,
    now() {
      return this.t;
    },
  };
  let n = 0;
  const closed: ClosedSession[] = [];
  const plugins: PluginHost = {
    run(call) {
      if (call.plugin.name === 'geo') return { country: 'GB', timezoneOffset: 60 };
      if (call.plugin.name === 'recs') {
        const page = call.feature?.args.page;
        return { related: [`${typeof page === 'string' ? page : '?'}-1`] };
      }
      return {};
    },
  };
  const engine = createEngine({
    schema,
    config,
    clock,
    newId: () => `id-${String(++n).padStart(4, '0')}`,
    plugins,
    onSessionClosed: (c) => closed.push(c),
    ...options,
  });
  return { engine, clock, closed };
}

/** The first visitor id `v<i>` satisfying `test`. */
export function findKey(test: (key: string) => boolean): string {
  for (let i = 0; i < 100_000; i++) {
    const key = `v${i}`;
    if (test(key)) return key;
  }
  throw new Error('no key found');
}
