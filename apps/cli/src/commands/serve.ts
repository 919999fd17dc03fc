import type { EnvVars, FlagValues, RunningServer, StartServerHooks } from '@iserver/runtime';
import {
  OptionsError,
  resolveServerOptions,
  SERVER_OPTION_SPECS,
  startServer,
  StartupError,
} from '@iserver/runtime';
import type { Argv, CommandModule } from 'yargs';

import type { Io } from '../output.js';
import { ExitCode } from '../output.js';
import type { CommandContext } from './index.js';

export interface ServeDeps {
  readonly hooks?: StartServerHooks;
  /** Called once the server listens (tests stop it through this). */
  readonly started?: (server: RunningServer) => void;
}

/**
 * `iserver serve` (the default command): resolves the flags over the `ISERVER_*` variables with
 * the runtime's option table, starts the server and waits until it has shut down (SIGTERM/SIGINT
 * drain every session first). Exit codes: 0 after a clean drain, 1 when the server cannot start
 * or the drain failed, 2 for bad options.
 */
export async function serve(
  flags: FlagValues,
  env: EnvVars,
  io: Io,
  deps: ServeDeps = {},
): Promise<number> {
  let server: RunningServer;
  try {
    server = await startServer(resolveServerOptions(flags, env), deps.hooks);
  } catch (error) {
    if (error instanceof OptionsError) {
      io.err(`iserver serve: ${error.message}`);
      return ExitCode.USAGE;
    }
    if (error instanceof StartupError) {
      io.err(`iserver serve: cannot start: ${error.message}`);
      return ExitCode.INVALID;
    }
    throw error;
  }
  deps.started?.(server);
  const result = await server.closed;
  return result.clean ? ExitCode.OK : ExitCode.INVALID;
}

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
const KNOWN = new Set([
  '_',
  '$0',
  'help',
  'version',
  ...SERVER_OPTION_SPECS.flatMap((s) => [s.flag, camel(s.flag)]),
]);

/**
 * yargs still runs the default command after a strict-mode failure (an unknown flag or word);
 * the server must not start then: `runCli` reports the usage error.
 */
function hasUnknownArguments(argv: Readonly<Record<string, unknown>>): boolean {
  const words = Array.isArray(argv._) ? argv._ : [];
  return Object.keys(argv).some((k) => !KNOWN.has(k)) || words.some((w) => w !== 'serve');
}

/** The yargs module of `iserver serve`; `index.ts` registers it as the default command. */
export function serveCommand(ctx: CommandContext): CommandModule {
  return {
    command: ['serve', '$0'],
    describe:
      'Run the impression server (the default command; no flags: the embedded news example)',
    builder: (y: Argv) => {
      let built = y;
      for (const spec of SERVER_OPTION_SPECS) {
        built = built.option(spec.flag, {
          type: spec.kind === 'boolean' ? 'boolean' : 'string',
          array: spec.kind === 'list',
          requiresArg: spec.kind !== 'boolean',
          describe: `${spec.describe} [env: ${spec.env}]`,
          defaultDescription: spec.defaultText,
        });
      }
      return built;
    },
    handler: async (argv) => {
      if (hasUnknownArguments(argv)) return;
      // The CLI is an app edge: the ISERVER_* variables are read here, once.
      // eslint-disable-next-line n/no-process-env
      ctx.exitCode = await serve(argv, process.env, ctx.io);
    },
  };
}
