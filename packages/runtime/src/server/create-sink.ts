import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { hostname } from 'node:os';

import type { FdlSchema, Logger } from '@iserver/core';
import { checkStore, createLocalDirectoryStore, createWarehouseWriter } from '@iserver/sink-kit';
import type { WarehouseWriter } from '@iserver/sink-kit';

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

/**
 * The warehouse writer (Parquet, warehouse.md) over the `--sink` directory, after the start-up
 * check: a small object is written and deleted, and a failure refuses the start naming the target.
 */
export async function createSink(
  options: { readonly sink: string | undefined; readonly dataDir: string },
  environment: string,
  deps: { readonly cwd: string; readonly logger: Logger; readonly schema: FdlSchema },
): Promise<{ readonly sink: WarehouseWriter; readonly dir: string }> {
  const dir = sinkDirectory(options.sink, options.dataDir, deps.cwd);
  const store = createLocalDirectoryStore(dir);
  try {
    await checkStore(store);
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  // Unique per process run, so a restarted server never overwrites the files of an earlier one.
  const instanceId = `${hostname()}-${process.pid}-${Date.now().toString(36)}`;
  const sink = createWarehouseWriter({
    schema: deps.schema,
    store,
    environment,
    instanceId,
    logger: deps.logger,
  });
  return { sink, dir };
}
