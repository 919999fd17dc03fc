import type { ClosedSession, Logger } from '@iserver/core';

import type { SessionSink } from './session-sink.js';

export interface SinkWriter {
  /** For the engine's `onSessionClosed`: hands the session to the sink without blocking. */
  readonly write: (closed: ClosedSession) => void;
  /** Waits for every write handed over so far, then flushes the sink. */
  readonly drain: () => Promise<void>;
}

/**
 * Bridges the engine's synchronous `onSessionClosed` to a sink whose `write` may be async:
 * pending writes are tracked so shutdown can wait for them; failures are logged, never thrown
 * into the request that happened to close the session.
 */
export function createSinkWriter(sink: SessionSink, logger: Logger): SinkWriter {
  const pending = new Set<Promise<void>>();
  const failed = (error: unknown, closed: ClosedSession) =>
    logger.error({ err: error, sessionId: closed.sessionId }, 'writing a closed session failed');
  return {
    write(closed) {
      let result: void | Promise<void>;
      try {
        result = sink.write(closed);
      } catch (error) {
        failed(error, closed);
        return;
      }
      if (!(result instanceof Promise)) return;
      const tracked = result.catch((error: unknown) => failed(error, closed));
      pending.add(tracked);
      void tracked.finally(() => pending.delete(tracked));
    },
    async drain() {
      await Promise.all(pending);
      await sink.flush();
    },
  };
}
