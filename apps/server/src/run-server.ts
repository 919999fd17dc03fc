/** The container entry's logic, with its inputs passed in so tests can run it in-process. */
import type { EnvVars, RunningServer, StartServerHooks } from '@iserver/runtime';
import {
  formatServerHelp,
  OptionsError,
  parseServerArgs,
  startServer,
  StartupError,
} from '@iserver/runtime';

export interface ServerIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Called once the server listens (tests use it to stop the server). */
  readonly started?: (server: RunningServer) => void;
}

/**
 * Parses `argv` and `env` once, starts the server and resolves to the process exit code when it
 * has shut down: 0 after a clean drain, 1 when it could not start or the drain failed, 2 for bad
 * flags or variables.
 */
export async function runServer(
  argv: readonly string[],
  env: EnvVars,
  io: ServerIo,
  hooks: StartServerHooks = {},
): Promise<number> {
  let parsed;
  try {
    parsed = parseServerArgs(argv, env);
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error;
    io.err(`iserver-server: ${error.message}\n\n${formatServerHelp()}`);
    return 2;
  }
  if (parsed.help) {
    io.out(formatServerHelp());
    return 0;
  }
  let server: RunningServer;
  try {
    server = await startServer(parsed.options, hooks);
  } catch (error) {
    if (!(error instanceof StartupError)) throw error;
    io.err(`iserver-server: cannot start: ${error.message}`);
    return 1;
  }
  io.started?.(server);
  const result = await server.closed;
  return result.clean ? 0 : 1;
}
