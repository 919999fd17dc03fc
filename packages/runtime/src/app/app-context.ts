import type { Engine, Logger } from '@iserver/core';

import type { SessionSink } from '../sink/session-sink.js';

/** What the routes share: `createApp`'s dependencies with every default applied. */
export interface AppContext {
  readonly engine: Engine;
  readonly sink: SessionSink;
  readonly logger: Logger;
  readonly prefix: string;
  readonly maxBodyBytes: number;
  readonly maxFeatures: number;
  readonly trustProxy: boolean;
  readonly token: string | undefined;
  readonly environment: string;
}

/** Hono's typed per-request variables. */
export interface AppEnv {
  Variables: {
    /** `options.ignore_missing_imp` of a signal: a 404 is then not logged as a warning. */
    ignoreMissing: boolean;
  };
}
