/**
 * Watches the configuration file (config.md: "loads at start, watches, and swaps atomically"):
 * `fs.watch` on its directory (editors and `kubectl` replace files by rename) with a debounce,
 * plus a periodic `stat` in case events are lost (network file systems, some containers).
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

import type { Logger } from '@iserver/core';

export interface ConfigWatcherOptions {
  readonly path: string;
  /** Called (debounced) when the file may have changed. */
  readonly onChange: () => void;
  /** @default 200 */
  readonly debounceMs?: number;
  /** Interval of the `stat` fallback; 0 disables it. @default 5000 */
  readonly pollMs?: number;
  readonly logger: Logger;
}

export interface ConfigWatcher {
  close(): void;
}

const signature = async (path: string) => {
  try {
    const s = await stat(path);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return 'missing';
  }
};

export async function watchConfigFile(options: ConfigWatcherOptions): Promise<ConfigWatcher> {
  const { path, logger } = options;
  const debounceMs = options.debounceMs ?? 200;
  const pollMs = options.pollMs ?? 5000;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let last = await signature(path);

  const trigger = () => {
    if (closed) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void signature(path).then((now) => {
        last = now;
        if (!closed) options.onChange();
      });
    }, debounceMs);
    timer.unref();
  };

  let watcher: FSWatcher | undefined;
  try {
    const name = basename(path);
    watcher = watch(dirname(path), { persistent: false }, (_event, file) => {
      if (file === null || file === name) trigger();
    });
    watcher.on('error', (error) =>
      logger.warn({ err: error, path }, 'config watch failed; polling'),
    );
  } catch (error) {
    logger.warn({ err: error, path }, 'cannot watch the configuration; polling only');
  }

  const poll =
    pollMs > 0
      ? setInterval(() => {
          void signature(path).then((now) => {
            if (now !== last && !closed) {
              last = now;
              trigger();
            }
          });
        }, pollMs)
      : undefined;
  poll?.unref();

  return {
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      watcher?.close();
    },
  };
}
