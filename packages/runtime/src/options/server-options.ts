/**
 * The server's options: one table, read by `parseServerArgs` (the container entry) and by the
 * CLI's `serve` command (which registers the same flags with yargs), so both entry points accept
 * the same flags and `ISERVER_*` variables and apply the same defaults.
 */

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Everything `startServer` needs to know, resolved (defaults applied, values checked). */
export interface ServerOptions {
  /** @default 3004 */
  readonly port: number;
  /** @default '0.0.0.0' */
  readonly host: string;
  /** Path prefix without slashes; `''` serves at the root. @default 'iserver' */
  readonly prefix: string;
  /** FDL files compiled in order. Empty: the configuration's `fdl:` entry, else the embedded example. */
  readonly fdl: readonly string[];
  /** The environment configuration (YAML, or JSON for `.json`). Absent: the embedded example (when `fdl` is empty too). */
  readonly config: string | undefined;
  /** The environment id (session `environment`, warehouse folder). @default the configuration's `environment`, else `development` */
  readonly environment: string | undefined;
  /** Admin token (`Authorization: Bearer …`); guards `session?id=`, `admin/*`, `sync` and `cmd`. Without it the admin API is off. */
  readonly token: string | undefined;
  /** @default './iserver-data' */
  readonly dataDir: string;
  /** Where closed sessions go (`file:///dir` or a directory). @default `<dataDir>/warehouse` */
  readonly sink: string | undefined;
  /** Plugin modules (paths or package names), loaded in order. */
  readonly plugins: readonly string[];
  /** Serve `POST cmd` (it needs the token too). @default false */
  readonly enableCmd: boolean;
  /** SSE streams one persistent key may hold open. @default 4 */
  readonly sseMaxPerDevice: number;
  /** SSE streams open in total. @default 1000 */
  readonly sseMaxStreams: number;
  /** Take the client IP from the first `X-Forwarded-For` entry. @default false */
  readonly trustProxy: boolean;
  /** Overrides the configuration's `session.idleTimeout`. */
  readonly sessionTimeoutMs: number | undefined;
  /** @default 1 MiB */
  readonly maxBodyBytes: number;
  /** @default 200 */
  readonly maxFeatures: number;
  /** Time budget of one plugin call. @default 50 */
  readonly pluginBudgetMs: number;
  /** @default 'info' */
  readonly logLevel: LogLevel;
}

/** How a flag's text is read. */
export type OptionKind =
  'string' | 'list' | 'boolean' | 'port' | 'count' | 'size' | 'duration' | 'level';

export interface OptionSpec {
  /** The flag, without `--`. */
  readonly flag: string;
  readonly key: keyof ServerOptions;
  readonly kind: OptionKind;
  readonly env: string;
  /** The default as shown in `--help`. */
  readonly defaultText: string;
  readonly describe: string;
}

/** Every server option, in `--help` order. */
export const SERVER_OPTION_SPECS: readonly OptionSpec[] = [
  {
    flag: 'port',
    key: 'port',
    kind: 'port',
    env: 'ISERVER_PORT',
    defaultText: '3004',
    describe: 'TCP port to listen on (0 picks a free port)',
  },
  {
    flag: 'host',
    key: 'host',
    kind: 'string',
    env: 'ISERVER_HOST',
    defaultText: '0.0.0.0',
    describe: 'Interface to listen on',
  },
  {
    flag: 'prefix',
    key: 'prefix',
    kind: 'string',
    env: 'ISERVER_PREFIX',
    defaultText: 'iserver',
    describe: 'Path prefix of every route (base URL http://host:port/<prefix>/)',
  },
  {
    flag: 'fdl',
    key: 'fdl',
    kind: 'list',
    env: 'ISERVER_FDL',
    defaultText: "the config's fdl: entry, else the embedded examples/news.fdl",
    describe: 'FDL file; repeat for several (compiled in order). Env: colon-separated',
  },
  {
    flag: 'config',
    key: 'config',
    kind: 'string',
    env: 'ISERVER_CONFIG',
    defaultText: 'the embedded examples/news.config.yaml (without --fdl)',
    describe: 'Environment configuration (YAML, or JSON for .json files)',
  },
  {
    flag: 'environment',
    key: 'environment',
    kind: 'string',
    env: 'ISERVER_ENVIRONMENT',
    defaultText: "the config's environment, else development",
    describe: 'Environment id: echoed in the session object, names the warehouse folder',
  },
  {
    flag: 'token',
    key: 'token',
    kind: 'string',
    env: 'ISERVER_TOKEN',
    defaultText: 'none',
    describe: 'Admin token (Authorization: Bearer): enables the admin API, guards session?id=',
  },
  {
    flag: 'data-dir',
    key: 'dataDir',
    kind: 'string',
    env: 'ISERVER_DATA_DIR',
    defaultText: './iserver-data',
    describe: 'Directory for the server’s own data',
  },
  {
    flag: 'sink',
    key: 'sink',
    kind: 'string',
    env: 'ISERVER_SINK',
    defaultText: 'file://<data-dir>/warehouse',
    describe: 'Where closed sessions are written (file:///dir or a directory path)',
  },
  {
    flag: 'plugin',
    key: 'plugins',
    kind: 'list',
    env: 'ISERVER_PLUGINS',
    defaultText: 'none',
    describe: 'Plugin module (path or package name); repeat for several. Env: colon-separated',
  },
  {
    flag: 'enable-cmd',
    key: 'enableCmd',
    kind: 'boolean',
    env: 'ISERVER_ENABLE_CMD',
    defaultText: 'false',
    describe: 'Enable POST cmd (operator commands; needs --token too)',
  },
  {
    flag: 'sse-per-device',
    key: 'sseMaxPerDevice',
    kind: 'count',
    env: 'ISERVER_SSE_PER_DEVICE',
    defaultText: '4',
    describe: 'Most SSE streams one persistent key may hold open; more get 429',
  },
  {
    flag: 'sse-streams',
    key: 'sseMaxStreams',
    kind: 'count',
    env: 'ISERVER_SSE_STREAMS',
    defaultText: '1000',
    describe: 'Most SSE streams open in total; more get 429',
  },
  {
    flag: 'trust-proxy',
    key: 'trustProxy',
    kind: 'boolean',
    env: 'ISERVER_TRUST_PROXY',
    defaultText: 'false',
    describe: 'Take the client IP from the first X-Forwarded-For entry',
  },
  {
    flag: 'session-timeout',
    key: 'sessionTimeoutMs',
    kind: 'duration',
    env: 'ISERVER_SESSION_TIMEOUT',
    defaultText: "the config's session.idleTimeout (30m)",
    describe:
      'Idle time after which a session closes (e.g. 30m, 90s, 1h; a bare number is seconds)',
  },
  {
    flag: 'max-body',
    key: 'maxBodyBytes',
    kind: 'size',
    env: 'ISERVER_MAX_BODY',
    defaultText: '1mb',
    describe: 'Largest request body (bytes, or with kb/mb); larger ones get 413',
  },
  {
    flag: 'max-features',
    key: 'maxFeatures',
    kind: 'count',
    env: 'ISERVER_MAX_FEATURES',
    defaultText: '200',
    describe: 'Most features in one /features request; more get 400',
  },
  {
    flag: 'plugin-budget',
    key: 'pluginBudgetMs',
    kind: 'count',
    env: 'ISERVER_PLUGIN_BUDGET',
    defaultText: '50',
    describe: 'Time budget of one plugin call, in milliseconds',
  },
  {
    flag: 'log-level',
    key: 'logLevel',
    kind: 'level',
    env: 'ISERVER_LOG_LEVEL',
    defaultText: 'info',
    describe: `Log level: ${LOG_LEVELS.join(', ')}`,
  },
];

export const DEFAULT_SERVER_OPTIONS: ServerOptions = {
  port: 3004,
  host: '0.0.0.0',
  prefix: 'iserver',
  fdl: [],
  config: undefined,
  environment: undefined,
  token: undefined,
  dataDir: './iserver-data',
  sink: undefined,
  plugins: [],
  enableCmd: false,
  sseMaxPerDevice: 4,
  sseMaxStreams: 1000,
  trustProxy: false,
  sessionTimeoutMs: undefined,
  maxBodyBytes: 1024 * 1024,
  maxFeatures: 200,
  pluginBudgetMs: 50,
  logLevel: 'info',
};
