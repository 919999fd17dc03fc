import type { TypeRegistry } from '../fdl/check-value.js';
import { checkValue } from '../fdl/check-value.js';
import type { JsonValue } from '../fdl/schema-model.js';
import type { Clock } from '../ports.js';
import type { EngineObserver, PluginCall, PluginHost } from './engine-types.js';

export type PluginOutcome =
  | { readonly ok: true; readonly outputs: Record<string, JsonValue> }
  /** Threw, timed out or was not loaded: outputs keep their defaults. */
  | { readonly ok: false; readonly violation: false }
  /** Returned a value of the wrong type: the plugin broke its contract. */
  | { readonly ok: false; readonly violation: true; readonly message: string };

function pluginLabel(call: PluginCall): string {
  return (
    call.plugin.name ?? `generic plugin of ${call.plugin.serves.kind} ${call.plugin.serves.name}`
  );
}

/**
 * Runs one plugin with failures isolated (config.md §2 phase 2). The host enforces the budget;
 * a result that arrives late by the engine's own clock is discarded as well, so a host that
 * cannot abort still cannot stretch a request.
 */
export async function runPlugin(
  host: PluginHost | undefined,
  call: PluginCall,
  deps: {
    readonly clock: Clock;
    readonly registry: TypeRegistry;
    readonly observer: EngineObserver;
  },
): Promise<PluginOutcome> {
  const label = pluginLabel(call);
  if (!host) {
    deps.observer.pluginFailed?.({
      plugin: label,
      kind: 'missing',
      message: 'no plugin host is configured',
    });
    return { ok: false, violation: false };
  }
  const started = deps.clock.now();
  // Plugins are user code: whatever they return is checked, whatever their types claim.
  let returned: unknown;
  try {
    returned = await host.run(call);
  } catch (error) {
    const timeout = (error as { name?: unknown } | null)?.name === 'TimeoutError';
    deps.observer.pluginFailed?.({
      plugin: label,
      kind: timeout ? 'timeout' : 'error',
      message: (error as Error | null)?.message ?? String(error),
    });
    return { ok: false, violation: false };
  }
  if (deps.clock.now() - started > call.budgetMs) {
    deps.observer.pluginFailed?.({
      plugin: label,
      kind: 'timeout',
      message: `took longer than ${call.budgetMs} ms`,
    });
    return { ok: false, violation: false };
  }
  if (typeof returned !== 'object' || returned === null || Array.isArray(returned)) {
    const message = `plugin ${label} returned ${Array.isArray(returned) ? 'a list' : typeof returned} instead of an object of outputs`;
    deps.observer.pluginFailed?.({ plugin: label, kind: 'contract', message });
    return { ok: false, violation: true, message };
  }
  const outputs: Record<string, JsonValue> = {};
  const record = returned as Readonly<Record<string, unknown>>;
  for (const field of call.plugin.fields) {
    if (!(field.name in record)) continue;
    const value = record[field.name];
    const checked = checkValue(field.type, value, deps.registry);
    if (!checked.ok) {
      const message = `plugin ${label} set '${field.name}' to an invalid value (${checked.message})`;
      deps.observer.pluginFailed?.({ plugin: label, kind: 'contract', message });
      return { ok: false, violation: true, message };
    }
    outputs[field.name] = value as JsonValue;
  }
  return { ok: true, outputs };
}
