/**
 * The container entry: flags and `ISERVER_*` variables are read here, once. SIGTERM/SIGINT drain
 * every session to the sink before the process exits.
 */
import { runServer } from './run-server.js';

const code = await runServer(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(`${text}\n`),
  err: (text) => process.stderr.write(`${text}\n`),
});
// Exit explicitly: the shutdown is bounded, and nothing may keep the process alive after it.
process.exit(code);
