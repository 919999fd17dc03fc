/**
 * The contract of a server plugin: a JavaScript module whose default export fills the fields of
 * FDL `plugin` blocks (protocol.md §4.8 phase 2, config.md §2). Plugins are trusted code running
 * in the server process.
 */
import type { PluginCall } from '@iserver/core';

export interface PluginRunContext {
  /** Aborted when the call's time budget is over. */
  readonly signal: AbortSignal;
}

export interface ServerPlugin {
  /** The name FDL uses: `plugin java "GeoPlugin"` / `plugin js "recommender"`. */
  readonly name: string;
  /**
   * What this plugin fills when the FDL block is a generic `plugin { }`: feature names, `session`,
   * or events (`Feature.Event`, `session.Event`).
   */
  readonly serves?: string | readonly string[];
  /** Returns plugin field values by name; fields left out keep their control values. */
  run(
    call: PluginCall,
    context: PluginRunContext,
  ): Readonly<Record<string, unknown>> | Promise<Readonly<Record<string, unknown>>>;
}

/**
 * Identity helper that types a plugin module's default export.
 *
 * @example
 * export default definePlugin({ name: 'GeoPlugin', run: (call) => ({ country: 'GB' }) });
 */
export function definePlugin<const TPlugin extends ServerPlugin>(plugin: TPlugin): TPlugin {
  return plugin;
}

export function isServerPlugin(value: unknown): value is ServerPlugin {
  if (typeof value !== 'object' || value === null) return false;
  const { name, run, serves } = value as Record<string, unknown>;
  const servesOk =
    serves === undefined ||
    typeof serves === 'string' ||
    (Array.isArray(serves) && serves.every((s) => typeof s === 'string'));
  return typeof name === 'string' && name !== '' && typeof run === 'function' && servesOk;
}
