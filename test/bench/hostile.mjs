/**
 * `npm run bench -- --hostile`: every case of the hostile corpus (test/hostile/corpus.mjs),
 * built in a fresh temporary repository and run once through the built binary, with its wall
 * time and peak memory (max RSS, from maxrss-hook.mjs) against the bounds: 10 s and 500 MB.
 * Prints a Markdown table (the one the README quotes); exits 1 when a case is over a bound.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BOUNDS, buildCase, foreignProblem, hostileCases, runCase, unprivileged } from '../hostile/corpus.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const BIN = path.resolve(HERE, '../../dist/cli/bin.js');
const RSS_HOOK = path.join(HERE, 'maxrss-hook.mjs');

export async function runHostileBench() {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run npm run build`);
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'aims-hostile-bench-'));
  // The cases that take a permission away run as nobody when this runs as root; its probe writes here too.
  chmodSync(scratch, 0o1777);
  const hasDenies = hostileCases.some((c) => c.denies && !c.skip);
  const runner = hasDenies ? unprivileged(BIN) : { problem: 'not needed' };
  const rows = [];
  try {
    for (const [i, c] of hostileCases.entries()) {
      const skip = c.skip ?? (c.denies && 'problem' in runner ? runner.problem : undefined) ?? (c.foreign ? foreignProblem : undefined);
      if (skip) {
        rows.push({ name: c.name, skipped: skip });
        continue;
      }
      const as = c.denies && 'bin' in runner ? { bin: runner.bin, prefix: runner.prefix, hook: path.join(path.dirname(runner.bin), '../../test/bench/maxrss-hook.mjs') } : { bin: BIN, hook: RSS_HOOK };
      const { dir, cleanup } = buildCase(c);
      const probe = path.join(scratch, `rss-${i}`);
      try {
        const result = await runCase(c, dir, {
          bin: as.bin,
          ...(as.prefix ? { prefix: as.prefix } : {}),
          timeoutMs: BOUNDS.seconds * 3 * 1000,
          nodeArgs: ['--import', as.hook],
          env: { AIMS_BENCH_RSS_FILE: probe },
        });
        const rssKb = existsSync(probe) ? Number(readFileSync(probe, 'utf8').split(' ')[0]) : NaN;
        rows.push({ name: c.name, seconds: result.seconds, megabytes: rssKb / 1024, code: result.code, expected: c.exitCode, killed: result.signal });
      } finally {
        cleanup();
      }
      process.stderr.write('.');
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    if ('cleanup' in runner) runner.cleanup();
  }
  process.stderr.write('\n');
  const cpus = os.cpus();
  const lines = [
    `Hostile corpus (${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, Node ${process.version}); bound ${BOUNDS.seconds} s and ${BOUNDS.megabytes} MB per case:`,
    '',
    '| case | time | peak RSS | exit | within bounds |',
    '| --- | --: | --: | --: | --- |',
  ];
  let failed = 0;
  for (const r of rows) {
    if (r.skipped) {
      lines.push(`| ${r.name} | | | | skipped: ${r.skipped} |`);
      continue;
    }
    const ok = !r.killed && r.seconds <= BOUNDS.seconds && r.megabytes <= BOUNDS.megabytes && r.code === r.expected;
    if (!ok) failed++;
    const mb = Number.isNaN(r.megabytes) ? '?' : `${Math.round(r.megabytes)} MB`;
    lines.push(`| ${r.name.replace(/\|/g, '\\|')} | ${r.seconds.toFixed(2)} s | ${mb} | ${r.code ?? r.killed} | ${ok ? 'yes' : '**NO**'} |`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  return failed;
}
