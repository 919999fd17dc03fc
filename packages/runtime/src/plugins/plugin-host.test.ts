import { fileURLToPath } from 'node:url';

import type { PluginCall, PluginDef } from '@iserver/core';
import { describe, expect, it } from 'vitest';

import { definePlugin } from './define-plugin.js';
import { loadPlugins } from './load-plugins.js';
import { createPluginHost } from './plugin-host.js';

const def = (name: string | undefined, serves = 'session'): PluginDef =>
  ({
    language: name ? 'java' : 'generic',
    name,
    serves: { kind: 'feature', name: serves },
    fields: [],
  }) as unknown as PluginDef;

const call = (plugin: PluginDef, budgetMs = 50): PluginCall => ({
  plugin,
  session: { id: 's', keys: {}, args: {}, plugin: undefined, userAgent: null },
  budgetMs,
});

describe('createPluginHost', () => {
  it('dispatches by FDL plugin name, and generic blocks by what the plugin serves', async () => {
    const host = createPluginHost([
      definePlugin({ name: 'GeoPlugin', run: () => ({ country: 'GB' }) }),
      definePlugin({ name: 'recs', serves: ['Recommendations'], run: () => ({ skus: ['a'] }) }),
    ]);
    expect(await host.run(call(def('GeoPlugin')))).toEqual({ country: 'GB' });
    expect(await host.run(call(def(undefined, 'Recommendations')))).toEqual({ skus: ['a'] });
    await expect(host.run(call(def('Other')))).rejects.toThrow('Other is not loaded');
  });

  it('rejects with a TimeoutError and aborts the signal past the budget', async () => {
    let aborted = false;
    const host = createPluginHost([
      definePlugin({
        name: 'Slow',
        run: (_call, { signal }) =>
          new Promise((done) => {
            signal.addEventListener('abort', () => (aborted = true));
            setTimeout(() => done({}), 1000).unref();
          }),
      }),
    ]);
    await expect(host.run(call(def('Slow'), 20))).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(aborted).toBe(true);
  });

  it('turns a throwing plugin into a rejection', async () => {
    const host = createPluginHost([
      definePlugin({
        name: 'Bad',
        run: () => {
          throw new Error('boom');
        },
      }),
    ]);
    await expect(host.run(call(def('Bad')))).rejects.toThrow('boom');
  });
});

describe('loadPlugins', () => {
  const fixtures = fileURLToPath(new URL('../../test/fixtures/plugins/', import.meta.url));

  it('imports default-exported plugins and factories', async () => {
    const plugins = await loadPlugins(['./geo-plugin.js', './recs-factory.js'], fixtures);
    expect(plugins.map((p) => [p.name, p.serves])).toEqual([
      ['GeoPlugin', undefined],
      ['recommender', ['Recommendations']],
    ]);
  });

  it('names the module that exports no plugin or cannot be imported', async () => {
    await expect(loadPlugins(['./not-a-plugin.js'], fixtures)).rejects.toThrow(
      'plugin ./not-a-plugin.js: the default export is not a plugin',
    );
    await expect(loadPlugins(['./missing.js'], fixtures)).rejects.toThrow(
      'plugin ./missing.js: cannot import it',
    );
  });
});
