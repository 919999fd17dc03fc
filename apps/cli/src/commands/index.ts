import type { Argv, CommandModule } from 'yargs';

import type { Io } from '../output.js';
import { assignCommand } from './assign.js';
import { serveCommand } from './serve.js';
import { validate } from './validate.js';

/** Handlers report their exit code here; `runCli` returns it. */
export interface CommandContext {
  readonly io: Io;
  exitCode: number;
}

/** The explicit list of commands (no `commandDir`: the type checker sees every one). */
export function createCommands(ctx: CommandContext): CommandModule[] {
  const validateCommand: CommandModule<object, { files: string[]; json: boolean }> = {
    command: 'validate <files..>',
    describe: 'Check FDL files (compiled together, in order) and print diagnostics',
    builder: (y: Argv) =>
      y
        .positional('files', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'FDL files',
        })
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'Print the diagnostics as JSON',
        }),
    handler: async (args) => {
      ctx.exitCode = await validate({ files: args.files, json: args.json }, ctx.io);
    },
  };
  return [validateCommand as unknown as CommandModule, assignCommand(ctx), serveCommand(ctx)];
}
