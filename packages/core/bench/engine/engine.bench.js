// Benchmark: evaluating one feature touched by two running experiments and one rollout.
// A script that prints figures, not a timed test: it never fails on a missed target.
// Run after `pnpm build`, as `node --expose-gc bench/engine/engine.bench.js` (`pnpm bench` does).
//
// Measures iserver's engine (new session = memo miss; same session and args = memo hit; heap per
// session holding 5 memoized features) and runs the same scenario on @growthbook/growthbook,
// @openfeature/flagd-core and unleash-client in the same process, printing iserver / other ratios.
// No network: every socket connect and fetch is refused and counted (the report must say 0).
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';

import {
  BATCHES,
  fmtNs,
  fmtRatio,
  gc,
  heapUsed,
  median,
  progress,
  runInterleaved,
  table,
} from './harness.js';
import {
  BANNER_ARGS,
  CONFIG_YAML,
  EQUIVALENCE,
  FDL,
  FIVE_FEATURES,
  FLAGD_CONFIG,
  GROWTHBOOK_FEATURES,
  UNLEASH_FEATURES,
} from './scenario.js';

// ---------------------------------------------------------------------------------------------
// Network guard, installed before any library is loaded.
const networkAttempts = [];
net.Socket.prototype.connect = function refuseConnect(...args) {
  let target;
  try {
    target = JSON.stringify(args[0] ?? null).slice(0, 120);
  } catch {
    target = String(args[0]);
  }
  networkAttempts.push(`socket ${target}`);
  process.nextTick(() => this.destroy(new Error('engine bench: network access is disabled')));
  return this;
};
globalThis.fetch = async (input) => {
  networkAttempts.push(`fetch ${String(input)}`);
  throw new Error('engine bench: network access is disabled');
};

const TARGET_MISS_NS = 1000;
const TARGET_SESSION_BYTES = 2048;
/** Calls per batch when each call is a new session / user. */
const NEW_ITERATIONS = 5_000;
/** Calls per batch when the same session / user repeats. */
const REPEAT_ITERATIONS = 20_000;
const MEMORY_SESSIONS = 20_000;
const MEMORY_ROUNDS = 3;
const MIX_KEYS = 10_000;
/** 2026-03-01, after both launches. The clock is an object returning this constant. */
const T0 = Date.parse('2026-03-01T00:00:00Z');

const versionOf = (name) =>
  JSON.parse(
    readFileSync(new URL(`../../node_modules/${name}/package.json`, import.meta.url), 'utf8'),
  ).version;

// ---------------------------------------------------------------------------------------------
// iserver: the public API of dist/index.js, falling back to the module files while the exports
// are being added.
const core = await import('../../dist/index.js');
const imports = [];
let { createEngine, loadConfigOrThrow } = core;
const { compileFdl } = core;
if (!createEngine) {
  ({ createEngine } = await import('../../dist/engine/engine.js'));
  imports.push('createEngine from dist/engine/engine.js (not exported by dist/index.js)');
}
if (!loadConfigOrThrow && core.loadConfig) {
  // The public loadConfig returns { config, issues }; throw on issues as loadConfigOrThrow would.
  loadConfigOrThrow = (text, options) => {
    const { config, issues } = core.loadConfig(text, options);
    if (!config) throw new Error(`bench config rejected: ${JSON.stringify(issues)}`);
    return config;
  };
  imports.push('loadConfigOrThrow not exported by dist/index.js yet: used its loadConfig');
}
if (!loadConfigOrThrow) {
  try {
    ({ loadConfigOrThrow } = await import('../../dist/config/load-config.js'));
  } catch (error) {
    throw new Error(
      `no built config loader (dist/config/load-config.js); build @iserver/core first: ${error.message}`,
      { cause: error },
    );
  }
  imports.push('loadConfigOrThrow from dist/config/load-config.js (not exported by dist/index.js)');
}
// Internal modules, only for the diagnostic "decideOutputs only" line.
const { decideOutputs } = await import('../../dist/engine/decide-outputs.js');
const { openSession } = await import('../../dist/engine/open-session.js');

const compiled = compileFdl([{ path: 'bench.fdl', text: FDL }]);
if (!compiled.schema)
  throw new Error(`bench FDL did not compile: ${JSON.stringify(compiled.diagnostics)}`);
const schema = compiled.schema;
const config = loadConfigOrThrow(CONFIG_YAML, { schema, format: 'yaml' });

const clock = { now: () => T0 };
/** A fresh engine: fixed clock, ids from a counter (no UUID cost), no plugins, no observer. */
function newEngine() {
  let n = 0;
  return createEngine({ schema, config, clock, newId: () => `id${++n}` });
}

// ---------------------------------------------------------------------------------------------
// The other libraries, configured in process; nothing is fetched.
const { GrowthBook, GrowthBookClient } = await import('@growthbook/growthbook');
const { FlagdCore } = await import('@openfeature/flagd-core');
const { Unleash, InMemStorageProvider } = await import('unleash-client');

const noop = () => undefined;
const quietLogger = { debug: noop, info: noop, warn: noop, error: noop };

// GrowthBook: a tracking callback is set (iserver records impressions; GrowthBook's equivalent is
// the experiment-viewed callback). No clientKey, so nothing is fetched or streamed.
const gbClient = new GrowthBookClient({ trackingCallback: noop }).initSync({
  payload: { features: GROWTHBOOK_FEATURES },
});
const gbNew = (id) =>
  new GrowthBook({ attributes: { id }, features: GROWTHBOOK_FEATURES, trackingCallback: noop });

const flagd = new FlagdCore(undefined, quietLogger);
flagd.setConfigurations(FLAGD_CONFIG);
const FLAGD_DEFAULT = {};

const unleashMessages = [];
const unleash = new Unleash({
  appName: 'iserver-engine-bench',
  url: 'http://127.0.0.1:9/api/', // never contacted: refreshInterval 0 skips every fetch
  refreshInterval: 0,
  disableMetrics: true,
  storageProvider: new InMemStorageProvider(),
  bootstrap: { data: UNLEASH_FEATURES },
  skipInstanceCountWarning: true,
});
unleash.on('error', (e) => unleashMessages.push(`error: ${e.message}`));
unleash.on('warn', (m) => unleashMessages.push(`warn: ${String(m)}`));
await Promise.race([
  once(unleash, 'ready'),
  delay(5000, undefined, { ref: false }).then(() => {
    throw new Error('unleash: not ready 5 s after bootstrap');
  }),
]);

// ---------------------------------------------------------------------------------------------
// Fresh key strings per batch, so no batch profits from strings hashed in an earlier one.
const keys = (tag, batch, n) => Array.from({ length: n }, (_, i) => `dev-${tag}-${batch}-${i}-x7`);

const bannerRequest = (deviceId, impressionId = 'imp-1') => ({
  args: { deviceId },
  impressionId,
  features: [{ name: 'Banner', args: { page: 'home', slot: 2 } }],
});

// ---------------------------------------------------------------------------------------------
// Sanity check: the outputs of MIX_KEYS new keys in every library.
let began = performance.now();
const DEFAULT_VALUE = { text: 'Hello', color: 'blue', layout: 'compact', showBadge: false };
function mixRow(name, values) {
  const share = (pred) => `${((100 * values.filter(pred).length) / values.length).toFixed(1)} %`;
  return [
    name,
    share((v) => v.text !== 'Hello'),
    share((v) => v.color === 'red'),
    share((v) => v.color === 'green'),
    share((v) => v.layout === 'wide'),
    share((v) => v.showBadge === true),
    share((v) => Object.entries(DEFAULT_VALUE).every(([k, d]) => v[k] === d)),
  ];
}
const mixKeys = keys('mix', 0, MIX_KEYS);
const iserverMix = [];
{
  const engine = newEngine();
  for (const k of mixKeys) {
    const { results } = await engine.evaluate(bannerRequest(k));
    if (results[0].status !== 'on') throw new Error(`Banner: ${JSON.stringify(results[0])}`);
    iserverMix.push(results[0].outputs);
  }
}
const unleashValue = (v) => (v.enabled ? JSON.parse(v.payload.value) : DEFAULT_VALUE);
const mix = [
  ['library', 'text set', 'color red', 'color green', 'layout wide', 'badge', 'all default'],
  mixRow('iserver', iserverMix),
  mixRow(
    'growthbook',
    mixKeys.map((k) => gbClient.evalFeature('banner', { attributes: { id: k } }).value),
  ),
  mixRow(
    'flagd',
    mixKeys.map(
      (k) =>
        flagd.resolveObjectEvaluation('banner', FLAGD_DEFAULT, { targetingKey: k }, quietLogger)
          .value,
    ),
  ),
  mixRow(
    'unleash',
    mixKeys.map((k) => unleashValue(unleash.getVariant('banner', { userId: k }))),
  ),
];
progress('outcome mix', began);

// ---------------------------------------------------------------------------------------------
// The timed scenarios.
const awaitNoop = async () => undefined;
const resolved = Promise.resolve();
const fresh = (tag) => (batch) => ({ engine: newEngine(), keys: keys(tag, batch, NEW_ITERATIONS) });
const distinct = (tag) => (batch) => keys(tag, batch, NEW_ITERATIONS);
const hitPrepare = async (batch) => {
  const engine = newEngine();
  const deviceId = `dev-hit-${batch}`;
  await engine.evaluate(bannerRequest(deviceId)); // opens the session and fills the memo
  return { engine, deviceId, ids: keys('imp', batch, REPEAT_ITERATIONS) };
};
const bannerDef = schema.features.find((f) => f.name === 'Banner');
const bannerConfig = config.features.get('Banner');

const CALIBRATION_STEPS = 1000;
const scenarios = [
  // Machine speed, to compare runs on different machines: a dependent integer loop.
  {
    key: 'calibration',
    sync: true,
    iterations: 2_000,
    prepare: () => ({ h: 0 }),
    body: (s, i) => {
      let h = s.h + i;
      for (let k = 0; k < CALIBRATION_STEPS; k++) h = (Math.imul(h, 31) + k) | 0;
      s.h = h;
    },
  },
  // Context: what awaiting costs by itself.
  {
    key: 'awaitAsync',
    iterations: REPEAT_ITERATIONS,
    prepare: () => null,
    body: () => awaitNoop(),
  },
  {
    key: 'awaitResolved',
    iterations: REPEAT_ITERATIONS,
    prepare: () => null,
    body: () => resolved,
  },
  // (a) memo miss: a new session per call (distinct deviceId); a fresh engine per batch, so the
  // store holds at most NEW_ITERATIONS sessions and nothing is evicted.
  {
    key: 'session0',
    iterations: NEW_ITERATIONS,
    prepare: fresh('s0'),
    body: (s, i) =>
      s.engine.evaluate({ args: { deviceId: s.keys[i] }, impressionId: 'imp-1', features: [] }),
  },
  {
    key: 'session1',
    iterations: NEW_ITERATIONS,
    prepare: fresh('s1'),
    body: (s, i) =>
      s.engine.evaluate({
        args: { deviceId: s.keys[i] },
        impressionId: 'imp-1',
        features: [{ name: 'Banner', args: { page: 'home', slot: 2 } }],
      }),
  },
  {
    key: 'session5',
    iterations: NEW_ITERATIONS,
    prepare: fresh('s5'),
    body: (s, i) =>
      s.engine.evaluate({
        args: { deviceId: s.keys[i] },
        impressionId: 'imp-1',
        features: [
          { name: 'Banner', args: { page: 'home', slot: 2 } },
          { name: 'Footer' },
          { name: 'Search', args: { scope: 'books' } },
          { name: 'Promo', args: { sku: 'SKU-1234' } },
          { name: 'Nav' },
        ],
      }),
  },
  // Memo miss inside one open session: new Banner args each call (assignments already held).
  {
    key: 'missOpen',
    iterations: NEW_ITERATIONS,
    prepare: (batch) => ({
      engine: newEngine(),
      deviceId: `dev-open-${batch}`,
      pages: keys('page', batch, NEW_ITERATIONS),
    }),
    body: (s, i) =>
      s.engine.evaluate({
        args: { deviceId: s.deviceId },
        impressionId: 'imp-1',
        features: [{ name: 'Banner', args: { page: s.pages[i], slot: 2 } }],
      }),
  },
  // (b) memo hit: same session and args; the same impression id (nothing new to record), then a
  // new impression id per call (the impression is appended to the record).
  {
    key: 'hitSameId',
    iterations: REPEAT_ITERATIONS,
    prepare: hitPrepare,
    body: (s) =>
      s.engine.evaluate({
        args: { deviceId: s.deviceId },
        impressionId: 'imp-1',
        features: [{ name: 'Banner', args: { page: 'home', slot: 2 } }],
      }),
  },
  {
    key: 'hitNewId',
    iterations: REPEAT_ITERATIONS,
    prepare: hitPrepare,
    body: (s, i) =>
      s.engine.evaluate({
        args: { deviceId: s.deviceId },
        impressionId: s.ids[i],
        features: [{ name: 'Banner', args: { page: 'home', slot: 2 } }],
      }),
  },
  // Diagnostic: phases 3-6 alone (internal decideOutputs) on sessions opened before the batch.
  {
    key: 'decideOnly',
    sync: true,
    iterations: NEW_ITERATIONS,
    prepare: (batch) =>
      keys('dec', batch, NEW_ITERATIONS).map((k) =>
        openSession({
          id: k,
          def: schema.session,
          keys: { deviceId: k },
          args: { deviceId: k, channel: 'web' },
          now: T0,
          userAgent: null,
          entryUrl: null,
          clientType: null,
        }),
      ),
    body: (sessions, i) =>
      decideOutputs({
        config,
        feature: bannerDef,
        featureConfig: bannerConfig,
        session: sessions[i],
        fdlSplitKey: schema.session.splitKey,
        args: BANNER_ARGS,
        pluginOutputs: {},
        qa: undefined,
        now: T0,
      }),
  },
  // The others: synchronous evaluators.
  {
    key: 'gbNew',
    sync: true,
    iterations: NEW_ITERATIONS,
    prepare: distinct('gbn'),
    body: (k, i) => gbNew(k[i]).evalFeature('banner'),
  },
  {
    key: 'gbEval',
    sync: true,
    iterations: NEW_ITERATIONS,
    prepare: distinct('gbc'),
    body: (k, i) => gbClient.evalFeature('banner', { attributes: { id: k[i] } }),
  },
  {
    key: 'gbRepeat',
    sync: true,
    iterations: REPEAT_ITERATIONS,
    prepare: (batch) => gbNew(`dev-gbr-${batch}`),
    body: (gb) => gb.evalFeature('banner'),
  },
  {
    key: 'flagdEval',
    sync: true,
    iterations: NEW_ITERATIONS,
    prepare: distinct('fd'),
    body: (k, i) =>
      flagd.resolveObjectEvaluation('banner', FLAGD_DEFAULT, { targetingKey: k[i] }, quietLogger),
  },
  {
    key: 'flagdRepeat',
    sync: true,
    iterations: REPEAT_ITERATIONS,
    prepare: (batch) => ({ targetingKey: `dev-fdr-${batch}` }),
    body: (ctx) => flagd.resolveObjectEvaluation('banner', FLAGD_DEFAULT, ctx, quietLogger),
  },
  {
    key: 'unleashEval',
    sync: true,
    iterations: NEW_ITERATIONS,
    prepare: distinct('un'),
    body: (k, i) => unleash.getVariant('banner', { userId: k[i] }),
  },
  {
    key: 'unleashRepeat',
    sync: true,
    iterations: REPEAT_ITERATIONS,
    prepare: (batch) => ({ userId: `dev-unr-${batch}` }),
    body: (ctx) => unleash.getVariant('banner', ctx),
  },
];
const t = await runInterleaved(scenarios);

// ---------------------------------------------------------------------------------------------
// (c) memory: N sessions, each opened by one request for the features; heap delta after GC / N.
// The engine stays referenced until the second reading, so every session is retained.
async function bytesPerSession(features) {
  const start = performance.now();
  const rounds = [];
  for (let r = 0; r < MEMORY_ROUNDS; r++) {
    const engine = newEngine();
    const before = heapUsed();
    for (let i = 0; i < MEMORY_SESSIONS; i++) {
      await engine.evaluate({
        args: { deviceId: `dev-mem-${r}-${i}` },
        impressionId: `imp-${r}-${i}`,
        features,
      });
    }
    const after = heapUsed();
    if (engine.sessionCount !== MEMORY_SESSIONS) throw new Error('sessions were not retained');
    rounds.push((after - before) / MEMORY_SESSIONS);
  }
  gc();
  progress(`memory, ${features.length} features`, start);
  return median(rounds);
}
const memory = {
  five: await bytesPerSession(FIVE_FEATURES),
  banner: await bytesPerSession([{ name: 'Banner', args: BANNER_ARGS }]),
  none: await bytesPerSession([]),
};

unleash.destroy();

// ---------------------------------------------------------------------------------------------
// Report.
const m = (key) => t[key].median;
const c = (key) => t[key].cpu;
const missPerFeature = m('session1') - m('session0');
const missPerFeatureCpu = c('session1') - c('session0');
const missPerFeature5 = (m('session5') - m('session0')) / 5;
const missPerFeature5Cpu = (c('session5') - c('session0')) / 5;
const noise = (key) => `±${(50 * t[key].iqr).toFixed(0)} %`;
const row = (label, key, note) => [label, fmtNs(m(key)), noise(key), fmtNs(c(key)), note];
const derived = (label, ns, cpuNs, note) => [label, fmtNs(ns), '', fmtNs(cpuNs), note];
const verdict = (ok) => (ok ? 'PASS' : 'MISS');
const kib = (b) => `${b.toFixed(0)} B (${(b / 1024).toFixed(2)} KiB)`;
const ratio = (ns, key) => fmtRatio(ns / m(key));
const cpuRatio = (ns, key) => fmtRatio(ns / c(key));

const out = [];
out.push(
  'engine bench: feature Banner (2 args, 4 outputs) set by 2 running experiments + 1 fixed 50 % rollout',
);
out.push(
  `node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ` +
    `load average at the end ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}, ` +
    `calibration ${(m('calibration') / CALIBRATION_STEPS).toFixed(2)} ns per step of a dependent integer loop` +
    (globalThis.gc ? '' : '  WARNING: without --expose-gc the memory figures are meaningless'),
);
out.push(
  `libraries: @growthbook/growthbook ${versionOf('@growthbook/growthbook')}, ` +
    `@openfeature/flagd-core ${versionOf('@openfeature/flagd-core')} (@openfeature/core ${versionOf('@openfeature/core')}), ` +
    `unleash-client ${versionOf('unleash-client')}`,
);
out.push(
  `method: ns per call, median of ${BATCHES} batches per measure after 3 warm-up rounds; all measures run` +
    ' interleaved batch by batch (so load changes hit them alike); full GC before each batch; ± is half' +
    ' the interquartile range over the median; cpu is the median process CPU time per call (all' +
    ' threads), less sensitive to a busy machine than wall-clock time. iserver: fixed clock object, ids from a counter (no UUID' +
    ' cost), no plugins, every evaluate awaited.',
);
if (imports.length) out.push(`imports: ${imports.join('; ')}`);
out.push('');
out.push(
  `outcome mix over ${MIX_KEYS.toLocaleString('en')} new keys (sanity check of the equivalent configurations):`,
);
out.push(table(mix));
for (const line of EQUIVALENCE) out.push(`  ${line}`);
out.push('');
out.push(
  `iserver engine.evaluate (new-session measures: ${NEW_ITERATIONS.toLocaleString('en')} new sessions per batch on a fresh engine):`,
);
out.push(
  table(
    [
      ['measure', 'median', 'noise', 'cpu', 'what it measures'],
      row(
        'await async no-op',
        'awaitAsync',
        'context: awaiting an async function that returns at once',
      ),
      row(
        'await resolved promise',
        'awaitResolved',
        'context: awaiting an already-resolved promise',
      ),
      row(
        'new session + 0 features',
        'session0',
        'key extraction, session args, openSession, store insert',
      ),
      row('new session + Banner', 'session1', 'the same + one feature, memo miss'),
      derived(
        '= Banner on a memo miss',
        missPerFeature,
        missPerFeatureCpu,
        '(+Banner) - (+0 features): THE number compared to the 1 µs target',
      ),
      row('new session + 5 features', 'session5', 'Banner + 4 simple features, one request'),
      derived(
        '= per feature, 5 features',
        missPerFeature5,
        missPerFeature5Cpu,
        '((+5) - (+0)) / 5',
      ),
      row(
        'memo miss, open session',
        'missOpen',
        'one session, new Banner args each call (assignments already held)',
      ),
      row(
        'memo hit, same impression',
        'hitSameId',
        'same session, args and impression id: lookup only, nothing recorded',
      ),
      row(
        'memo hit, new impression',
        'hitNewId',
        'same session and args, new impression id: impression recorded',
      ),
      row(
        'decideOutputs only',
        'decideOnly',
        'diagnostic: phases 3-6 alone on a fresh session (internal, sync)',
      ),
    ],
    { left: [0, 4] },
  ),
);
out.push('');
out.push(
  'others: stateless synchronous evaluators (no memo, no per-session record; every call evaluates):',
);
out.push(
  table(
    [
      ['measure', 'median', 'noise', 'cpu', 'what it measures'],
      row(
        'growthbook new instance+eval',
        'gbNew',
        'new GrowthBook({ attributes, features, trackingCallback }).evalFeature, new key',
      ),
      row(
        'growthbook eval',
        'gbEval',
        'GrowthBookClient.evalFeature(banner, { attributes }), new key, trackingCallback set',
      ),
      row(
        'growthbook repeat',
        'gbRepeat',
        'one GrowthBook instance, same attributes, evalFeature again (one key per batch)',
      ),
      row('flagd eval', 'flagdEval', 'FlagdCore.resolveObjectEvaluation, new targetingKey'),
      row('flagd repeat', 'flagdRepeat', 'the same context again (one key per batch)'),
      row(
        'unleash eval',
        'unleashEval',
        'Unleash.getVariant(banner, { userId }), new key (payload string not parsed)',
      ),
      row('unleash repeat', 'unleashRepeat', 'the same context again (one key per batch)'),
    ],
    { left: [0, 4] },
  ),
);
out.push('');
out.push('ratios iserver / other (below 1x: iserver is faster):');
out.push(
  table([
    ['comparison', 'growthbook', 'flagd', 'unleash'],
    [
      'memo miss: Banner miss vs one evaluation (new key)',
      ratio(missPerFeature, 'gbEval'),
      ratio(missPerFeature, 'flagdEval'),
      ratio(missPerFeature, 'unleashEval'),
    ],
    [
      'new session + Banner vs new user + evaluation',
      ratio(m('session1'), 'gbNew'),
      ratio(m('session1'), 'flagdEval'),
      ratio(m('session1'), 'unleashEval'),
    ],
    [
      'memo hit (same impression) vs repeat evaluation',
      ratio(m('hitSameId'), 'gbRepeat'),
      ratio(m('hitSameId'), 'flagdRepeat'),
      ratio(m('hitSameId'), 'unleashRepeat'),
    ],
    [
      'the same three on CPU time: memo miss',
      cpuRatio(missPerFeatureCpu, 'gbEval'),
      cpuRatio(missPerFeatureCpu, 'flagdEval'),
      cpuRatio(missPerFeatureCpu, 'unleashEval'),
    ],
    [
      '                            new session',
      cpuRatio(c('session1'), 'gbNew'),
      cpuRatio(c('session1'), 'flagdEval'),
      cpuRatio(c('session1'), 'unleashEval'),
    ],
    [
      '                            memo hit',
      cpuRatio(c('hitSameId'), 'gbRepeat'),
      cpuRatio(c('hitSameId'), 'flagdRepeat'),
      cpuRatio(c('hitSameId'), 'unleashRepeat'),
    ],
  ]),
);
out.push(
  '  The fair comparison is the first row: iserver memoizes per session and records impressions and\n' +
    '  assignments; the others recompute on every call and keep nothing. iserver figures include its\n' +
    '  async evaluate (awaited). A new user costs flagd and unleash nothing beyond one evaluation.',
);
out.push('');
out.push(
  `memory per session (${MEMORY_SESSIONS.toLocaleString('en')} sessions retained by the engine; heap delta after full GC / N; median of ${MEMORY_ROUNDS}):`,
);
out.push(
  table(
    [
      ['session holding', 'bytes per session', 'note'],
      [
        '5 memoized features',
        kib(memory.five),
        'one request for the 5 features: compared to the 2 KiB target',
      ],
      ['Banner only', kib(memory.banner), 'one request, one feature'],
      [
        'no feature',
        kib(memory.none),
        'the session itself: keys, args, maps, store entry, id strings',
      ],
      [
        '= per memoized record',
        kib((memory.five - memory.none) / 5),
        '(5 features - no feature) / 5',
      ],
    ],
    { left: [0, 2] },
  ),
);
out.push('');
out.push('targets:');
out.push(
  table(
    [
      ['target', 'measured', 'result'],
      [
        '≤ 1 µs median per feature on a memo miss',
        `${fmtNs(missPerFeature)} (cpu ${fmtNs(missPerFeatureCpu)})`,
        verdict(missPerFeature <= TARGET_MISS_NS),
      ],
      [
        '≤ 2 KiB per session holding 5 memoized features',
        kib(memory.five),
        verdict(memory.five <= TARGET_SESSION_BYTES),
      ],
    ],
    { left: [0] },
  ),
);
out.push('');
out.push(
  `network: ${networkAttempts.length} connection attempts` +
    (networkAttempts.length ? ` (${networkAttempts.slice(0, 3).join('; ')})` : '') +
    (unleashMessages.length ? `; unleash said: ${unleashMessages.slice(0, 3).join('; ')}` : ''),
);
console.log(out.join('\n'));
