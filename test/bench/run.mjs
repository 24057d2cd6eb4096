#!/usr/bin/env node
/**
 * The aims benchmark (`npm run bench`, which builds dist/ first).
 *
 *   node test/bench/run.mjs [--records 10000] [--runs 5] [--seed 42] [--only id,id] [--keep]
 *
 * For each size: generates a synthetic, schema-valid AIMS (generate.mjs) into a temp dir, runs
 * every command once unmeasured to warm the file cache and check that it did the whole job
 * (e.g. `aims validate` found every record and zero errors), then runs the commands `--runs`
 * times, interleaved (run 1: A B C, run 2: B C A, ...) so that machine noise hits each alike.
 * Each measurement is one whole process: wall time from spawn to exit, and peak memory (max
 * RSS) from `/usr/bin/time -f %M`, or from maxrss-hook.mjs where GNU time is missing.
 *
 * Prints a table (median wall ms, CPU ms, peak RSS, ratio to baseline B) and the machine, and writes
 * everything, every single run included, to .bench/results.json under the project root.
 *
 * AIMS_BENCH_PROBE=node-hook forces the fallback probe (for machines without GNU time).
 *
 * Extension points (later issues):
 *   - COMMANDS: one entry per measured command ({ id, name, argv(ctx), check? }).
 *   - FIXTURES: extra steps that enrich a generated repository before measuring (git history).
 *   - --records takes a comma list (10000,50000) to measure several sizes in one go.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateAims } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const PROJECT_ROOT = path.resolve(HERE, '../..');
const BIN = path.join(PROJECT_ROOT, 'dist/cli/bin.js');
const BARE_PARSE = path.join(HERE, 'bare-parse.mjs');
const RSS_HOOK = path.join(HERE, 'maxrss-hook.mjs');
const RESULTS_FILE = path.join(PROJECT_ROOT, '.bench/results.json');
const NODE = process.execPath;

/**
 * @typedef {object} Context
 * @property {string} root        the generated repository
 * @property {number} records     how many records it holds
 * @property {string} tmp         scratch folder for this size (outputs, packs, ...)
 * @property {object} generated   generateAims' summary
 *
 * @typedef {object} Command
 * @property {string} id          short name for --only and results.json
 * @property {string} name        what the table shows
 * @property {(ctx: Context) => string[]} argv   the whole command line; argv[0] === NODE for node scripts
 * @property {boolean} [baseline] the one every ratio is relative to (exactly one)
 * @property {number[]} [exitCodes] accepted exit codes (default [0])
 * @property {(stdout: string, ctx: Context) => string | undefined} [check] checks the warm-up
 *   run's output; returns what is wrong, or undefined when the command did the whole job
 */

/** @type {Command[]} */
const COMMANDS = [
  {
    id: 'bare-parse',
    name: 'B: bare parse (yaml)',
    baseline: true,
    argv: (ctx) => [NODE, BARE_PARSE, ctx.root],
    check: (stdout, ctx) => {
      const { documents } = JSON.parse(stdout);
      return documents === ctx.records ? undefined : `parsed ${documents} documents, expected ${ctx.records}`;
    },
  },
  {
    id: 'validate',
    name: 'aims validate',
    argv: (ctx) => [NODE, BIN, 'validate', ctx.root, '--format', 'json'],
    check: (stdout, ctx) => {
      const { summary, diagnostics } = JSON.parse(stdout);
      if (summary.errors === 0 && summary.records === ctx.records) return undefined;
      const sample = diagnostics
        .slice(0, 10)
        .map((d) => `    ${d.file}:${d.line}:${d.column} ${d.rule}: ${d.message}`)
        .join('\n');
      return `${summary.errors} errors, ${summary.records} records (expected 0 errors, ${ctx.records} records)\n${sample}`;
    },
  },
  // Later issues add entries here, for example:
  //   { id: 'gap', name: 'aims gap', argv: (ctx) => [NODE, BIN, 'gap', ctx.root, '--format', 'json'] },
  //   { id: 'report-pack', name: 'aims report pack', argv: (ctx) => [NODE, BIN, 'report', 'pack', ctx.root, '--out', path.join(ctx.tmp, 'pack')] },
  //   { id: 'diff', name: 'aims diff', argv: (ctx) => [NODE, BIN, 'diff', ctx.root, ...] },       // needs the git-history fixture
  //   { id: 'ajv-cli', name: 'ajv-cli validate', argv: (ctx) => [NODE, AJV_CLI, 'validate', ...] },  // schema-only comparison
];

/**
 * Steps run on each generated repository before anything is measured, in order.
 * @type {{ id: string, setup: (ctx: Context) => void }[]}
 */
const FIXTURES = [
  // Later: { id: 'git-history', setup: (ctx) => buildHistory(ctx.root, { commits: 5000 }) },
];

// ----------------------------------------------------------------------------------- options

const USAGE = `usage: node test/bench/run.mjs [options]   (or: npm run bench -- [options])

  --records N[,N...]  repository size(s) in records (default 10000)
  --runs N            measured runs per command (default 5); the median is reported
  --seed S            generator seed (default 42)
  --only id,id        measure only these commands (${COMMANDS.map((c) => c.id).join(', ')}); the baseline always runs
  --keep              keep the generated repositories (the temp dir is printed)
  --help              this text
`;

function options() {
  const { values } = parseArgs({
    options: {
      records: { type: 'string', default: '10000' },
      runs: { type: 'string', default: '5' },
      seed: { type: 'string', default: '42' },
      only: { type: 'string' },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const sizes = values.records.split(',').map((s) => Number(s.trim()));
  const runs = Number(values.runs);
  if (sizes.some((n) => !Number.isInteger(n) || n < 100)) fail(`--records takes whole numbers >= 100, not "${values.records}"`);
  if (!Number.isInteger(runs) || runs < 1) fail(`--runs takes a whole number >= 1, not "${values.runs}"`);
  let commands = COMMANDS;
  if (values.only) {
    const wanted = new Set(values.only.split(',').map((s) => s.trim()));
    const unknown = [...wanted].filter((id) => !COMMANDS.some((c) => c.id === id));
    if (unknown.length) fail(`--only: unknown command ${unknown.join(', ')}; known: ${COMMANDS.map((c) => c.id).join(', ')}`);
    commands = COMMANDS.filter((c) => c.baseline || wanted.has(c.id));
  }
  const seed = /^\d+$/.test(values.seed) ? Number(values.seed) : values.seed;
  return { sizes, runs, seed, keep: values.keep, commands };
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(2);
}

// --------------------------------------------------------------------------------- measuring

function machine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

/** GNU time's output: max RSS in KB, user and system CPU seconds. */
const TIME_FORMAT = '%M %U %S';

/** The probe file's last line → { rssMB, cpuMs }, or undefined when it is not there. */
function parseProbe(text) {
  // GNU time prefixes "Command exited with non-zero status N"; the numbers are on the last line.
  const last = text.trim().split('\n').pop() ?? '';
  const m = /^(\d+)\s+([\d.]+)\s+([\d.]+)$/.exec(last.trim());
  if (!m) return undefined;
  return { rssMB: Number(m[1]) / 1024, cpuMs: (Number(m[2]) + Number(m[3])) * 1000 };
}

/** How peak memory and CPU time are measured on this machine. */
function rssProbe() {
  if (process.env.AIMS_BENCH_PROBE === 'node-hook') return 'node-hook'; // to try the fallback
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'aims-bench-probe-'));
  try {
    const out = path.join(scratch, 'rss');
    const r = spawnSync('/usr/bin/time', ['-f', TIME_FORMAT, '-o', out, 'true'], { stdio: 'ignore' });
    if (r.status === 0 && existsSync(out) && parseProbe(readFileSync(out, 'utf8'))) return 'gnu-time';
  } catch {
    // no GNU time
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return 'node-hook';
}

/**
 * One whole process: wall ms (spawn to exit) and max RSS in MB (null where it cannot be measured).
 * `capture` keeps stdout (warm-up checks); measured runs discard it.
 */
function runOnce(argv, { probe, rssFile, capture = false }) {
  rmSync(rssFile, { force: true });
  let file = argv[0];
  let args = argv.slice(1);
  let env = process.env;
  if (probe === 'gnu-time') {
    file = '/usr/bin/time';
    args = ['-f', TIME_FORMAT, '-o', rssFile, ...argv];
  } else if (argv[0] === NODE) {
    args = ['--import', RSS_HOOK, ...args];
    env = { ...process.env, AIMS_BENCH_RSS_FILE: rssFile };
  }
  const start = process.hrtime.bigint();
  const r = spawnSync(file, args, {
    env,
    stdio: ['ignore', capture ? 'pipe' : 'ignore', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.error) throw r.error;
  const probed = existsSync(rssFile) ? parseProbe(readFileSync(rssFile, 'utf8')) : undefined;
  return { ms, rssMB: probed?.rssMB ?? null, cpuMs: probed?.cpuMs ?? null, status: r.status, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, digits = 1) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

function benchSize(records, opts, probe, scratch) {
  const tmp = path.join(scratch, `size-${records}`);
  const root = path.join(tmp, 'repo');
  mkdirSync(root, { recursive: true });
  const rssFile = path.join(tmp, 'maxrss.txt');

  process.stdout.write(`\ngenerating ${records} records (seed ${opts.seed}) ... `);
  const t0 = performance.now();
  const generated = generateAims(root, { records, seed: opts.seed });
  const generateMs = performance.now() - t0;
  process.stdout.write(
    `${generated.records} records in ${generated.recordFiles} files, ${generated.evidenceFiles} evidence files, ` +
      `${(generated.bytes / 1024 / 1024).toFixed(1)} MB, ${Math.round(generateMs)} ms\n`,
  );
  /** @type {Context} */
  const ctx = { root, records: generated.records, tmp, generated };
  for (const fixture of FIXTURES) fixture.setup(ctx);

  // Warm-up: fills the file cache and proves each command did the whole job.
  for (const command of opts.commands) {
    const r = runOnce(command.argv(ctx), { probe, rssFile, capture: true });
    const problems = [];
    if (!(command.exitCodes ?? [0]).includes(r.status)) problems.push(`exit code ${r.status}${r.stderr.trim() ? `: ${r.stderr.trim()}` : ''}`);
    if (command.check) {
      try {
        const found = command.check(r.stdout, ctx);
        if (found) problems.push(found);
      } catch (error) {
        problems.push(`unreadable output (${error.message})`);
      }
    }
    if (problems.length) {
      const problem = problems.join('; ');
      process.stderr.write(`bench: ${command.name} failed its check on ${records} records: ${problem}\n`);
      process.stderr.write(`bench: the generated repository is kept at ${root}\n`);
      opts.keep = true;
      process.exitCode = 1;
      return undefined;
    }
  }

  const samples = new Map(opts.commands.map((c) => [c.id, []]));
  for (let run = 0; run < opts.runs; run++) {
    // Rotate the order every run, so no command always goes first (or last) after another.
    const order = opts.commands.map((_, i) => opts.commands[(i + run) % opts.commands.length]);
    for (const command of order) {
      const r = runOnce(command.argv(ctx), { probe, rssFile });
      if (!(command.exitCodes ?? [0]).includes(r.status)) {
        throw new Error(`${command.name} exited with ${r.status} in run ${run + 1}: ${r.stderr.trim()}`);
      }
      samples.get(command.id).push({ ms: round(r.ms), cpuMs: round(r.cpuMs, 0), rssMB: round(r.rssMB) });
    }
    process.stdout.write(`  run ${run + 1}/${opts.runs} done\n`);
  }

  const baseline = opts.commands.find((c) => c.baseline);
  const baseMedian = median(samples.get(baseline.id).map((s) => s.ms));
  const results = opts.commands.map((command) => {
    const runs = samples.get(command.id);
    const ms = runs.map((s) => s.ms);
    const rss = runs.map((s) => s.rssMB).filter((x) => x !== null);
    const cpu = runs.map((s) => s.cpuMs).filter((x) => x !== null);
    const medianMs = median(ms);
    return {
      id: command.id,
      name: command.name,
      argv: command.argv(ctx).map((a) => displayArg(a, ctx)),
      records,
      medianMs: round(medianMs),
      minMs: Math.min(...ms),
      maxMs: Math.max(...ms),
      medianCpuMs: cpu.length ? round(median(cpu), 0) : null,
      peakRssMB: rss.length ? Math.max(...rss) : null,
      medianRssMB: rss.length ? round(median(rss)) : null,
      ratioToBaseline: round(medianMs / baseMedian, 2),
      runs,
    };
  });
  return { records, seed: opts.seed, generated: { ...generated, generateMs: round(generateMs) }, results };
}

/** A command line as results.json shows it: no machine-specific paths. */
function displayArg(arg, ctx) {
  if (arg === NODE) return 'node';
  if (arg.startsWith(ctx.tmp)) return `<tmp>${arg.slice(ctx.tmp.length)}`;
  if (arg.startsWith(PROJECT_ROOT + path.sep)) return path.relative(PROJECT_ROOT, arg);
  return arg;
}

function table(sizes) {
  const header = ['command', 'records', 'median wall ms', 'min-max ms', 'CPU ms', 'peak RSS MB', 'x B (time)'];
  const rows = sizes.flatMap((size) =>
    size.results.map((r) => [
      r.name,
      String(r.records),
      r.medianMs.toFixed(0),
      `${r.minMs.toFixed(0)}-${r.maxMs.toFixed(0)}`,
      r.medianCpuMs === null ? 'n/a' : r.medianCpuMs.toFixed(0),
      r.peakRssMB === null ? 'n/a' : r.peakRssMB.toFixed(0),
      `${r.ratioToBaseline.toFixed(2)}x`,
    ]),
  );
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

// -------------------------------------------------------------------------------------- main

function main() {
  const opts = options();
  if (!existsSync(BIN)) fail(`${path.relative(PROJECT_ROOT, BIN)} is missing: run \`npm run build\` first (npm run bench does)`);
  const probe = rssProbe();
  const info = machine();
  const loadBefore = os.loadavg().map((x) => round(x, 2));
  if (loadBefore[0] > info.cores / 2) {
    process.stdout.write(`note: load average ${loadBefore[0]} on ${info.cores} cores before starting: other work is running, expect noisy numbers\n`);
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'aims-bench-'));
  const sizes = [];
  try {
    for (const records of opts.sizes) {
      const size = benchSize(records, opts, probe, scratch);
      if (!size) return;
      sizes.push(size);
    }
  } finally {
    if (opts.keep) process.stdout.write(`\ngenerated repositories kept in ${scratch}\n`);
    else rmSync(scratch, { recursive: true, force: true });
  }

  const machineLine = `${info.cpu}, ${info.cores} cores, ${info.memoryGB} GB RAM, Node ${info.node}, ${info.platform}`;
  process.stdout.write(`\n${table(sizes)}\n\n`);
  process.stdout.write(`machine: ${machineLine}\n`);
  const loadAfter = os.loadavg().map((x) => round(x, 2));
  process.stdout.write(
    `method: whole process wall time, median of ${opts.runs} interleaved runs after one warm-up; CPU = user+sys (median); ` +
      `peak RSS (max over runs) by ${probe === 'gnu-time' ? '/usr/bin/time' : 'process.resourceUsage()'}; ` +
      `load average ${loadBefore[0]} before, ${loadAfter[0]} after\n`,
  );

  mkdirSync(path.dirname(RESULTS_FILE), { recursive: true });
  const output = {
    date: new Date().toISOString(),
    machine: info,
    method: { runs: opts.runs, warmup: 1, interleaved: true, wall: 'spawn to exit, whole process', cpu: 'user+sys', rss: probe },
    loadAverage: { before: loadBefore, after: loadAfter },
    sizes,
  };
  writeFileSync(RESULTS_FILE, `${JSON.stringify(output, null, 2)}\n`);
  process.stdout.write(`results: ${path.relative(PROJECT_ROOT, RESULTS_FILE)}\n`);
}

main();
