import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

import type { ServerPlugin } from './define-plugin.js';
import { isServerPlugin } from './define-plugin.js';

function moduleUrl(spec: string, cwd: string): string {
  if (spec.startsWith('file:')) return spec;
  if (spec.startsWith('.') || isAbsolute(spec)) return pathToFileURL(resolve(cwd, spec)).href;
  try {
    return pathToFileURL(createRequire(join(cwd, 'package.json')).resolve(spec)).href;
  } catch {
    return spec; // an ESM-only package: let import() resolve it
  }
}

/**
 * Imports each plugin module (a path relative to `cwd`, or a package name) and returns the
 * plugins they default-export: a `definePlugin` object, or a function returning one.
 *
 * @throws Error naming the module when it cannot be imported or exports no plugin.
 */
export async function loadPlugins(specs: readonly string[], cwd: string): Promise<ServerPlugin[]> {
  const plugins: ServerPlugin[] = [];
  for (const spec of specs) {
    let exported: unknown;
    try {
      exported = ((await import(moduleUrl(spec, cwd))) as { default?: unknown }).default;
    } catch (error) {
      throw new Error(`plugin ${spec}: cannot import it (${(error as Error).message})`, {
        cause: error,
      });
    }
    const plugin: unknown =
      typeof exported === 'function' ? await (exported as () => unknown)() : exported;
    if (!isServerPlugin(plugin)) {
      throw new Error(
        `plugin ${spec}: the default export is not a plugin; export definePlugin({ name, run }) or a function returning one`,
      );
    }
    plugins.push(plugin);
  }
  return plugins;
}
