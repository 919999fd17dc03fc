import { hideBin } from 'yargs/helpers';

import { processIo } from './output.js';
import { runCli } from './run-cli.js';

process.exitCode = await runCli(hideBin(process.argv), processIo);
