// Timing and memory helpers for the engine benchmark: interleaved batches, medians, heap deltas.
import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

export const BATCHES = 15;
export const WARMUP_BATCHES = 3;

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const gc = () => {
  if (typeof globalThis.gc === 'function') {
    globalThis.gc();
    globalThis.gc();
  }
};

/**
 * Runs every scenario batch by batch, round-robin: round r times batch r of each scenario in
 * turn, so a change in machine load hits all scenarios alike and the ratios stay meaningful.
 *
 * A scenario is `{ key, iterations, prepare(batch), body(state, i), sync? }`. `prepare` runs
 * untimed (fresh engine, fresh keys), then a full GC. An async body is awaited call by call; a
 * sync body runs in a plain loop and the batch ends by letting the event loop turn once (inside
 * the timed region), so work a library defers to promises is paid where it was caused.
 * Returns `{ [key]: { median, iqr, samples, cpu } }` in ns/op over `batches` rounds after
 * `warmup`: `median` is wall-clock time, `cpu` the median process CPU time (user + system, all
 * threads, so it includes GC helper threads); on a busy machine wall-clock time also counts the
 * time the process waited for a core, CPU time does not.
 */
export async function runInterleaved(
  scenarios,
  { batches = BATCHES, warmup = WARMUP_BATCHES } = {},
) {
  const samples = Object.fromEntries(scenarios.map((s) => [s.key, []]));
  const cpuSamples = Object.fromEntries(scenarios.map((s) => [s.key, []]));
  for (let round = 0; round < warmup + batches; round++) {
    const began = performance.now();
    for (const scenario of scenarios) {
      const { iterations, body } = scenario;
      const state = await scenario.prepare(round);
      gc();
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      if (scenario.sync) {
        for (let i = 0; i < iterations; i++) body(state, i);
        await nextTurn();
      } else {
        for (let i = 0; i < iterations; i++) await body(state, i);
      }
      const ns = ((performance.now() - start) * 1e6) / iterations;
      const cpu = process.cpuUsage(cpuStart);
      if (round >= warmup) {
        samples[scenario.key].push(ns);
        cpuSamples[scenario.key].push(((cpu.user + cpu.system) * 1e3) / iterations);
      }
    }
    progress(`round ${round + 1}/${warmup + batches}${round < warmup ? ' (warm-up)' : ''}`, began);
  }
  return Object.fromEntries(
    Object.entries(samples).map(([key, list]) => [
      key,
      { ...summarize(list), cpu: median(cpuSamples[key]) },
    ]),
  );
}

/** With `--progress` on the command line, how long each step took (stderr). */
export function progress(label, began) {
  if (process.argv.includes('--progress'))
    console.error(
      `  [engine bench] ${label}: ${((performance.now() - began) / 1000).toFixed(1)} s`,
    );
}

function summarize(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = median(sorted);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
  // Interquartile range as a share of the median: how noisy the machine was for this measure.
  return { median: mid, iqr: (q(0.75) - q(0.25)) / mid, samples: sorted.length };
}

/** Heap bytes after a full GC. */
export function heapUsed() {
  gc();
  return process.memoryUsage().heapUsed;
}

export const fmtNs = (ns) =>
  ns >= 1e6
    ? `${(ns / 1e6).toFixed(2)} ms`
    : ns >= 1e3
      ? `${(ns / 1e3).toFixed(2)} µs`
      : `${ns.toFixed(0)} ns`;

export const fmtRatio = (r) => (r >= 10 ? `${r.toFixed(0)}x` : `${r.toFixed(2)}x`);

/** A plain-text table: `rows` are arrays of cells, the first row is the header; `left` columns pad right. */
export function table(rows, { left = [0] } = {}) {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => String(r[c] ?? '').length)));
  const line = (r) =>
    r
      .map((cell, c) =>
        left.includes(c)
          ? String(cell ?? '').padEnd(widths[c])
          : String(cell ?? '').padStart(widths[c]),
      )
      .join('  ')
      .trimEnd();
  return [
    line(rows[0]),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.slice(1).map(line),
  ].join('\n');
}
