import { readOptionValue } from './read-option-value.js';
import type { OptionSpec, ServerOptions } from './server-options.js';
import { DEFAULT_SERVER_OPTIONS, SERVER_OPTION_SPECS } from './server-options.js';

/** The flags or variables were not usable; `problems` has one line per bad value. */
export class OptionsError extends Error {
  override name = 'OptionsError';
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    super(`invalid options:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.problems = problems;
  }
}

/** Environment variables as `process.env` holds them. */
export type EnvVars = Readonly<Record<string, string | undefined>>;

/** Flag values by flag name (`data-dir`), as yargs or `util.parseArgs` produce them. */
export type FlagValues = Readonly<Record<string, unknown>>;

function flagValue(spec: OptionSpec, flags: FlagValues): string | boolean | string[] | undefined {
  const raw = flags[spec.flag];
  if (typeof raw === 'string' || typeof raw === 'boolean') return raw;
  if (typeof raw === 'number') return String(raw);
  if (Array.isArray(raw)) return raw.map(String);
  return undefined;
}

/**
 * Merges defaults < `ISERVER_*` variables < flags into checked `ServerOptions`. Called once, at
 * the edge (the container entry or the CLI); nothing below reads the environment.
 *
 * @throws OptionsError naming every bad value and where it came from.
 * @example resolveServerOptions({ port: '8080', fdl: ['a.fdl'] }, process.env)
 */
export function resolveServerOptions(flags: FlagValues, env: EnvVars = {}): ServerOptions {
  const options: Record<string, unknown> = { ...DEFAULT_SERVER_OPTIONS };
  const problems: string[] = [];
  for (const spec of SERVER_OPTION_SPECS) {
    const fromFlag = flagValue(spec, flags);
    const fromEnv = env[spec.env];
    const source =
      fromFlag !== undefined
        ? { raw: fromFlag, env: false, label: `--${spec.flag}` }
        : fromEnv !== undefined && fromEnv !== ''
          ? { raw: fromEnv, env: true, label: spec.env }
          : undefined;
    if (!source) continue;
    const read = readOptionValue(spec.kind, source.raw, source.env);
    if ('problem' in read) problems.push(`${source.label} ${read.problem}`);
    else options[spec.key] = read.value;
  }
  options.prefix = String(options.prefix).replace(/^\/+|\/+$/g, '');
  if (problems.length > 0) throw new OptionsError(problems);
  return options as unknown as ServerOptions;
}
