import yargs from 'yargs';

import { createCommands } from './commands/index.js';
import type { Io } from './output.js';
import { ExitCode } from './output.js';

/**
 * Runs the CLI on `argv` (without node and the script path) and resolves to the exit code.
 * Never calls `process.exit`, so tests can run it in-process.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const ctx = { io, exitCode: ExitCode.OK as number };
  let usageError: string | undefined;
  const parser = yargs([...argv])
    .scriptName('iserver')
    .command(createCommands(ctx))
    .demandCommand(1, 'Name a command (see iserver --help).')
    .strict()
    .help()
    .version()
    .exitProcess(false)
    .showHelpOnFail(false)
    .fail((message, error: Error | undefined) => {
      // yargs passes no error (despite its types) for usage problems such as an unknown command.
      if (error) throw error;
      usageError = message;
    });
  let helpText = '';
  await parser.parseAsync([...argv], {}, (_err, _argv, output) => {
    helpText = output;
  });
  if (usageError !== undefined) {
    io.err(`iserver: ${usageError}`);
    return ExitCode.USAGE;
  }
  if (helpText) io.out(helpText);
  return ctx.exitCode;
}
