/**
 * @module @iserver/runtime
 * The impression server: the HTTP app (`createApp`), the process around it (`startServer`), the
 * option table and parser shared by `@iserver/server` and the `iserver` CLI, plugin loading and
 * the interim JSON Lines sink.
 */
export type { AppContext, AppEnv } from './app/app-context.js';
export { createApp } from './app/create-app.js';
export type { AppDeps } from './app/create-app.js';
export { HttpError, HttpErrorCode, ENGINE_ERROR_STATUS } from './app/http-error.js';
export { watchConfigFile } from './control/config-watcher.js';
export type { ConfigWatcher, ConfigWatcherOptions } from './control/config-watcher.js';
export { mergeQaDevice, QaOverlay, qaChange } from './control/qa-overlay.js';
export type { QaChange, QaOverlayEntry, QaOverlayFile } from './control/qa-overlay.js';
export { ServerControl } from './control/server-control.js';
export type {
  ConfigState,
  QaEditResult,
  ReloadResult,
  ServerControlOptions,
} from './control/server-control.js';
export { SseHub, sseEvent } from './sse/sse-hub.js';
export type { SseOptions, SseRefusal } from './sse/sse-hub.js';
export { embeddedExamples } from './embedded-examples.js';
export type { EmbeddedExamples } from './embedded-examples.js';
export { formatServerHelp, parseServerArgs } from './options/parse-server-args.js';
export type { ParsedServerArgs } from './options/parse-server-args.js';
export { parseDurationMs, parseSize } from './options/read-option-value.js';
export { OptionsError, resolveServerOptions } from './options/resolve-server-options.js';
export type { EnvVars, FlagValues } from './options/resolve-server-options.js';
export {
  DEFAULT_SERVER_OPTIONS,
  LOG_LEVELS,
  SERVER_OPTION_SPECS,
} from './options/server-options.js';
export type { LogLevel, OptionKind, OptionSpec, ServerOptions } from './options/server-options.js';
export { definePlugin, isServerPlugin } from './plugins/define-plugin.js';
export type { PluginRunContext, ServerPlugin } from './plugins/define-plugin.js';
export { loadPlugins } from './plugins/load-plugins.js';
export {
  createPluginHost,
  findPlugin,
  PluginTimeoutError,
  unservedPlugins,
} from './plugins/plugin-host.js';
export { createLogger, REDACT_PATHS } from './server/create-logger.js';
export { startServer } from './server/start-server.js';
export type { RunningServer, ShutdownResult, StartServerHooks } from './server/start-server.js';
export { StartupError } from './server/startup-error.js';
export { createLocalDirectorySink, partitionOf } from './sink/local-directory-sink.js';
export type { LocalDirectorySinkOptions } from './sink/local-directory-sink.js';
export { offlineEventRow } from './sink/offline-row.js';
export { createMemorySink } from './sink/session-sink.js';
export type { MemorySink, OfflineEventRow, SessionSink } from './sink/session-sink.js';
export { createSinkWriter } from './sink/sink-writer.js';
export type { SinkWriter } from './sink/sink-writer.js';
