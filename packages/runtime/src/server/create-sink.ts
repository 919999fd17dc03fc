import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { Logger } from '@iserver/core';

import { createLocalDirectorySink } from '../sink/local-directory-sink.js';
import type { SessionSink } from '../sink/session-sink.js';
import { StartupError } from './startup-error.js';

/** The directory of a `--sink` value: `file:///abs`, `file://rel` or a plain path. */
export function sinkDirectory(sink: string | undefined, dataDir: string, cwd: string): string {
  if (sink === undefined || sink === '') return resolve(cwd, join(dataDir, 'warehouse'));
  if (sink.startsWith('file:///')) return fileURLToPath(sink);
  if (sink.startsWith('file://')) return resolve(cwd, sink.slice('file://'.length));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(sink))
    throw new StartupError(
      `unsupported --sink ${sink}: this version writes to file:// directories only (object stores arrive with the warehouse package)`,
    );
  return isAbsolute(sink) ? sink : resolve(cwd, sink);
}

export function createSink(
  options: { readonly sink: string | undefined; readonly dataDir: string },
  environment: string,
  deps: { readonly cwd: string; readonly logger: Logger },
): { readonly sink: SessionSink; readonly dir: string } {
  const dir = sinkDirectory(options.sink, options.dataDir, deps.cwd);
  return { sink: createLocalDirectorySink({ dir, environment, logger: deps.logger }), dir };
}
