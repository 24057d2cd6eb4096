#!/usr/bin/env node
/**
 * Soak: `aims validate` + `aims gap` many times in ONE process, through the library, to show
 * memory growth (a cache that never empties, a listener or worker that is never released).
 *
 *   node --expose-gc test/bench/soak.mjs <root> [--iterations 200] [--as-of 2026-11-26]
 *
 * One iteration = checkRepository(root) (what `aims validate` does) followed by
 * analyseRepository(root, { asOf }) (what `aims gap` does, git history included). A warm-up
 * of a tenth of the iterations (at least 5) comes first, uncounted: it compiles the schemas,
 * loads the catalogue and lets V8 optimise the hot code, which takes a megabyte or two of heap
 * once. Heap "before" is measured after it, "after" at the end, each after two full
 * collections (global.gc). Every tenth of the run a sample is taken, so a slow leak shows as a
 * slope (least squares over the samples) even when before and after are close.
 * Prints one JSON line.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const { analyseRepository, checkRepository } = await import(pathToFileURL(path.join(PROJECT_ROOT, 'dist/index.js')).href);

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { iterations: { type: 'string', default: '200' }, 'as-of': { type: 'string', default: '2026-11-26' } },
});
const root = path.resolve(positionals[0] ?? '.');
const iterations = Number(values.iterations);
const asOf = values['as-of'];
if (typeof global.gc !== 'function') {
  process.stderr.write('soak: run with node --expose-gc\n');
  process.exit(2);
}

const MB = 1024 * 1024;
function settle() {
  global.gc();
  global.gc();
  const m = process.memoryUsage();
  return { heapMB: m.heapUsed / MB, rssMB: m.rss / MB, externalMB: (m.external + m.arrayBuffers) / MB };
}

let records = 0;
let errors = 0;
let readiness = 0;
async function iteration() {
  const check = await checkRepository(root, { today: asOf });
  const { gaps } = await analyseRepository(root, { asOf, today: asOf });
  records = check.summary.records;
  errors = check.summary.errors;
  readiness = gaps.readiness.score;
}

const warmup = Math.max(5, Math.ceil(iterations / 10));
const firstHeapMB = settle().heapMB;
for (let i = 0; i < warmup; i++) await iteration(); // schemas, catalogue, module caches, optimised code
const before = settle();
const samples = [{ iteration: 0, heapMB: before.heapMB }];
const every = Math.max(1, Math.floor(iterations / 10));
const t0 = performance.now();
for (let i = 1; i <= iterations; i++) {
  await iteration();
  if (i % every === 0 && i < iterations) samples.push({ iteration: i, heapMB: settle().heapMB });
}
const ms = performance.now() - t0;
const after = settle();
samples.push({ iteration: iterations, heapMB: after.heapMB });

// Least-squares slope of heap over iterations: a leak grows steadily, GC noise does not.
const n = samples.length;
const mx = samples.reduce((s, p) => s + p.iteration, 0) / n;
const my = samples.reduce((s, p) => s + p.heapMB, 0) / n;
const sxx = samples.reduce((s, p) => s + (p.iteration - mx) ** 2, 0);
const slope = sxx === 0 ? 0 : samples.reduce((s, p) => s + (p.iteration - mx) * (p.heapMB - my), 0) / sxx;

const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
process.stdout.write(
  `${JSON.stringify({
    root: path.basename(root),
    iterations,
    warmup,
    heapBeforeWarmupMB: round(firstHeapMB),
    records,
    errors,
    readiness,
    msPerIteration: round(ms / iterations, 1),
    before: { heapMB: round(before.heapMB), rssMB: round(before.rssMB, 1), externalMB: round(before.externalMB) },
    after: { heapMB: round(after.heapMB), rssMB: round(after.rssMB, 1), externalMB: round(after.externalMB) },
    heapGrowthMB: round(after.heapMB - before.heapMB),
    heapSlopeKBPerIteration: round(slope * 1024, 1),
    samples: samples.map((s) => ({ iteration: s.iteration, heapMB: round(s.heapMB) })),
  })}\n`,
);
