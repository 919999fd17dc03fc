import type { Engine, Logger } from '@iserver/core';

import type { ServerControl } from '../control/server-control.js';
import type { SessionSink } from '../sink/session-sink.js';
import type { SseHub } from '../sse/sse-hub.js';

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
  /** The SSE streams (the control's hub when there is a control). */
  readonly hub: SseHub;
  /** Configuration reloads and the admin QA overlay; the admin config/QA routes need it. */
  readonly control: ServerControl | undefined;
  /** `POST cmd` is served (it also needs the token). */
  readonly enableCmd: boolean;
  /** Closes every open session and writes it out; resolves with how many were closed. */
  readonly flushAll: () => Promise<number>;
}

/** Hono's typed per-request variables. */
export interface AppEnv {
  Variables: {
    /** `options.ignore_missing_imp` of a signal: a 404 is then not logged as a warning. */
    ignoreMissing: boolean;
  };
}
