// Benchmark: compile a generated 10,000-feature FDL program (run after `pnpm build`).
// Prints the median of several runs and its ratio to a baseline measured in the same run:
// JSON.parse of a JSON document of the same size, the cheapest "parse" there is.
import { performance } from 'node:perf_hooks';

import { compileFdl } from '../dist/index.js';

const FEATURES = 10_000;
const RUNS = 7;

/**
 * Features shaped like the richest one in the shop example (RatingBox): two args (one a struct),
 * four outputs with control values (one an enum), one event with two fields; plus an import of a
 * shared event in every tenth feature.
 */
function generate(n) {
  const parts = [
    'namespace "bench.generated"',
    'session { args { visitorId: ID! @persistent_key channel: String! = "direct" @per } }',
    'enum ButtonStyle { PRIMARY SECONDARY GHOST }',
    'type Money { amount: Float! currency: String! }',
    'event ProductClick { sku: String! position: Int }',
  ];
  for (let i = 0; i < n; i++) {
    parts.push(`"Feature number ${i}"
feature Feature${i} {
  args { sku: String! price: Money }
  output {
    callToAction: String! = "Rate this product ${i}!"
    actionButton: String! = "Send review"
    buttonStyle: ButtonStyle! = PRIMARY
    maxStars: Int! = 5
  }
  event Rating { stars: Int! comment: String }${i % 10 === 0 ? '\n  import ProductClick' : ''}
}`);
  }
  return parts.join('\n');
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function time(fn) {
  const samples = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const text = generate(FEATURES);
const json = JSON.stringify({
  features: Array.from({ length: FEATURES }, (_, i) => ({
    name: `Feature${i}`,
    args: { page: 'String!', slot: i },
    output: { title: `Title ${i}`, size: 'MEDIUM', ratio: 0.5, tags: ['a', 'b'] },
    events: ['Seen', 'Clicked'],
  })),
});
const paddedJson = json.length < text.length ? json + ' '.repeat(text.length - json.length) : json;

const result = compileFdl([{ path: 'bench.fdl', text }]);
if (!result.schema)
  throw new Error(
    `generated program did not compile: ${JSON.stringify(result.diagnostics.slice(0, 3))}`,
  );

const compileMs = time(() => compileFdl([{ path: 'bench.fdl', text }]));
const jsonMs = time(() => JSON.parse(paddedJson));
console.log(`compileFdl: ${FEATURES} features, ${(text.length / 1e6).toFixed(2)} MB`);
console.log(`  median of ${RUNS}: ${compileMs.toFixed(1)} ms (target < 500 ms)`);
console.log(
  `  baseline JSON.parse of ${(paddedJson.length / 1e6).toFixed(2)} MB: ${jsonMs.toFixed(1)} ms`,
);
console.log(`  ratio compile / JSON.parse: ${(compileMs / jsonMs).toFixed(1)}x`);
