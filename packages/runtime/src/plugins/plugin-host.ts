import type { FdlSchema, PluginCall, PluginDef, PluginHost } from '@iserver/core';

import type { ServerPlugin } from './define-plugin.js';

/** The error a plugin call fails with when its budget is over (the engine counts it as a timeout). */
export class PluginTimeoutError extends Error {
  override name = 'TimeoutError';
}

function servedNames(plugin: ServerPlugin): readonly string[] {
  return typeof plugin.serves === 'string' ? [plugin.serves] : (plugin.serves ?? []);
}

/** The loaded plugin serving an FDL plugin block: by name, or for a generic block by what it serves. */
export function findPlugin(
  plugins: readonly ServerPlugin[],
  def: PluginDef,
): ServerPlugin | undefined {
  if (def.name !== undefined) return plugins.find((p) => p.name === def.name);
  return plugins.find((p) => servedNames(p).includes(def.serves.name));
}

/** The end of the message of a call to a plugin that is not loaded. */
export const NOT_LOADED = ' is not loaded';

/** How an FDL plugin block reads in messages. */
export function pluginLabel(def: PluginDef): string {
  return def.name ?? `plugin { } of ${def.serves.kind} ${def.serves.name}`;
}

/** FDL plugin blocks no loaded plugin serves (their fields keep control values). */
export function unservedPlugins(schema: FdlSchema, plugins: readonly ServerPlugin[]): PluginDef[] {
  return schema.plugins.filter((def) => !findPlugin(plugins, def));
}

/**
 * Runs FDL plugins with the loaded modules and enforces each call's budget: past it the call's
 * signal is aborted and the result rejects with a `TimeoutError`.
 */
export function createPluginHost(plugins: readonly ServerPlugin[]): PluginHost {
  return {
    run(call: PluginCall) {
      const plugin = findPlugin(plugins, call.plugin);
      if (!plugin) return Promise.reject(new Error(`${pluginLabel(call.plugin)}${NOT_LOADED}`));
      const controller = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new PluginTimeoutError(
            `${plugin.name} took longer than ${call.budgetMs} ms`,
          );
          controller.abort(error);
          reject(error);
        }, call.budgetMs);
      });
      const running = Promise.resolve().then(() => plugin.run(call, { signal: controller.signal }));
      return Promise.race([running, timeout]).finally(() => clearTimeout(timer));
    },
  };
}
