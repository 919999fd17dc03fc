import { parseArgs } from 'node:util';

import type { EnvVars } from './resolve-server-options.js';
import { OptionsError, resolveServerOptions } from './resolve-server-options.js';
import type { ServerOptions } from './server-options.js';
import { SERVER_OPTION_SPECS } from './server-options.js';

export type ParsedServerArgs =
  { readonly help: true } | { readonly help: false; readonly options: ServerOptions };

/**
 * Parses a command line (without `node` and the script) plus the environment, for entry points
 * that do not use yargs (`apps/server`).
 *
 * @throws OptionsError for unknown flags, missing values and bad values.
 * @example parseServerArgs(process.argv.slice(2), process.env)
 */
export function parseServerArgs(argv: readonly string[], env: EnvVars = {}): ParsedServerArgs {
  const options: Record<string, { type: 'string' | 'boolean'; multiple?: boolean }> = {
    help: { type: 'boolean' },
  };
  for (const spec of SERVER_OPTION_SPECS) {
    options[spec.flag] =
      spec.kind === 'boolean'
        ? { type: 'boolean' }
        : { type: 'string', multiple: spec.kind === 'list' };
  }
  let values: Record<string, unknown>;
  try {
    ({ values } = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }));
  } catch (error) {
    throw new OptionsError([(error as Error).message]);
  }
  if (values.help === true) return { help: true };
  return { help: false, options: resolveServerOptions(values, env) };
}

/** `--help` text: every option with its default and environment variable. */
export function formatServerHelp(command = 'iserver-server'): string {
  const rows = SERVER_OPTION_SPECS.map((spec) => {
    const value = spec.kind === 'boolean' ? '' : spec.kind === 'list' ? ' <value>…' : ' <value>';
    return `  --${spec.flag}${value}\n      ${spec.describe}\n      default: ${spec.defaultText}; env: ${spec.env}`;
  });
  return [
    `Usage: ${command} [options]`,
    '',
    'Options:',
    ...rows,
    '  --help',
    '      Show this help',
  ].join('\n');
}
