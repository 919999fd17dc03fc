// Feature rows per second encoded to Parquet on one core (the writer's hot path), against a
// same-run baseline: JSON.stringify of the same rows. Runs over dist/: `pnpm --filter
// @iserver/sink-kit build && pnpm --filter @iserver/sink-kit bench`.
//
//   ROWS=10000 SECONDS=3 COMPRESSION=snappy node bench/encode.bench.js
import { Buffer } from 'node:buffer';
import os from 'node:os';
import { performance } from 'node:perf_hooks';

import { compileFdl } from '@iserver/core';

import { encodeParquet, warehouseTables } from '../dist/index.js';

const TARGET = 300_000;
const { ROWS = '10000', SECONDS = '3', COMPRESSION = 'snappy' } = process.env; // eslint-disable-line n/no-process-env -- a CLI script
const BATCH = Number(ROWS); // the writer's default maxRows
const DURATION_MS = Number(SECONDS) * 1000;

const FDL = `
enum Style { PLAIN, FANCY }
type Price { amount: Float! currencyCode: String! }
session { args { deviceId: ID! @persistent_key } }
feature Banner {
  args { page: String! slot: Int = 1 price: Price }
  output {
    text: String! = "Hello"
    style: Style! = PLAIN
    textIsDefault: Boolean @is_default(out: "text")
    textVariant: String @variant_id(out: "text")
  }
  event Click { x: Int y: Int }
  event Dismiss { reason: String = "closed" }
}`;

const { schema, diagnostics } = compileFdl([{ path: 'bench.fdl', text: FDL }]);
if (!schema) throw new Error(JSON.stringify(diagnostics));
const table = warehouseTables(schema).find((t) => t.name === 'banner');

const T0 = Date.parse('2026-03-06T10:00:00Z');
const hex = (n, width) => n.toString(16).padStart(width, '0');
const uuid = (n) => `${hex(n, 8)}-4e2b-4c1d-9a7f-${hex(n * 7919, 12)}`;

/** A feature row as closeSession makes it: one impression, one click, one dismissal. */
function row(i) {
  const impression = uuid(i * 3 + 1);
  const time = T0 + i * 13;
  return {
    session_id: uuid(Math.floor(i / 4) * 3),
    device_id: uuid(Math.floor(i / 8) * 5 + 2),
    impression_ids: [impression],
    impressions: [{ impression_id: impression, impression_time: time }],
    first_time: time,
    impression_count: 1,
    page: ['home', 'product', 'cart', 'checkout'][i % 4],
    slot: i % 6,
    price: i % 3 === 0 ? null : { amount: (i % 1000) / 10, currency_code: 'EUR' },
    text: i % 2 ? 'Hello' : 'Bold!',
    style: i % 2 ? 'PLAIN' : 'FANCY',
    text_is_default: i % 2 === 1,
    text_variant: i % 2 ? null : 'bold',
    click: [
      {
        event_time: time + 1500,
        impression_id: impression,
        event_id: uuid(i * 3 + 2),
        x: i % 1280,
        y: i % 720,
      },
    ],
    dismiss: [
      {
        event_time: time + 4000,
        impression_id: impression,
        event_id: uuid(i * 3 + 3),
        reason: 'closed',
      },
    ],
  };
}

const rows = Array.from({ length: BATCH }, (_, i) => row(i));

/**
 * Runs both candidates over the batch, alternating, for DURATION_MS: both see the same machine
 * load (this box is shared), so their ratio is meaningful even when absolute figures move.
 */
function measure(candidates) {
  for (let i = 0; i < 3; i++) for (const fn of Object.values(candidates)) fn(); // JIT, wasm memory
  const totals = Object.fromEntries(
    Object.keys(candidates).map((name) => [name, { ms: 0, cpuMs: 0, runs: 0, bytes: 0 }]),
  );
  const start = performance.now();
  while (performance.now() - start < DURATION_MS) {
    for (const [name, fn] of Object.entries(candidates)) {
      const t = performance.now();
      const cpu = process.cpuUsage();
      const bytes = fn();
      const used = process.cpuUsage(cpu);
      const total = totals[name];
      total.ms += performance.now() - t;
      total.cpuMs += (used.user + used.system) / 1000;
      total.runs++;
      total.bytes = bytes;
    }
  }
  return Object.fromEntries(
    Object.entries(totals).map(([name, t]) => [
      name,
      {
        rowsPerSecond: (t.runs * BATCH * 1000) / t.ms,
        rowsPerCpuSecond: (t.runs * BATCH * 1000) / t.cpuMs,
        bytes: t.bytes,
      },
    ]),
  );
}

const { parquet, json } = measure({
  parquet: () => encodeParquet(table, rows, { compression: COMPRESSION }).length,
  json: () => {
    let bytes = 0;
    for (const r of rows) bytes += Buffer.byteLength(JSON.stringify(r));
    return bytes;
  },
});

const fmt = (n) => Math.round(n).toLocaleString('en-US').padStart(10);
const [load1] = os.loadavg();
console.log(
  `sink-kit encode bench: ${BATCH} feature rows per file, 2 events each, ${COMPRESSION}; node ${process.version}, ${os.availableParallelism()} cores, load ${load1.toFixed(1)}`,
);
console.log('                    wall rows/s   rows/CPU-s   output');
console.log(
  `  parquet         ${fmt(parquet.rowsPerSecond)}   ${fmt(parquet.rowsPerCpuSecond)}   ${(parquet.bytes / BATCH).toFixed(1)} B/row`,
);
console.log(
  `  JSON.stringify  ${fmt(json.rowsPerSecond)}   ${fmt(json.rowsPerCpuSecond)}   ${(json.bytes / BATCH).toFixed(1)} B/row (baseline, same rows, interleaved)`,
);
console.log(
  `  parquet/JSON    ${(parquet.rowsPerSecond / json.rowsPerSecond).toFixed(2).padStart(10)}   ${(parquet.rowsPerCpuSecond / json.rowsPerCpuSecond).toFixed(2).padStart(10)}`,
);
// CPU time is the figure for "one core": wall time also counts waiting for a busy machine.
const verdict = parquet.rowsPerCpuSecond >= TARGET ? 'met' : 'NOT met';
console.log(`  target ≥ ${TARGET.toLocaleString('en-US')} rows per CPU-second: ${verdict}`);
