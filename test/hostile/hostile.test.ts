/**
 * Every case of the hostile corpus through the built binary, in its own temporary git
 * repository: the diagnostic or the one-line error, the exit code, no stack trace, no
 * "bug in aims", and nothing written but what the case asked for. Time and memory are the
 * benchmark's business (`npm run bench -- --hostile`), not a test's.
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from '../helpers/run.js';
import { buildCase, foreignProblem, hostileCases, runCase, unprivileged } from './corpus.mjs';

const RSS_HOOK = fileURLToPath(new URL('../bench/maxrss-hook.mjs', import.meta.url));

/** A hang fails its case rather than the run. */
const TIMEOUT_MS = 25_000;
const STACK_FRAME = /^ {4}at /m;

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** Every path under `dir` (outside .git) with its kind, mode and content hash; unlistable folders as such. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    let names: string[];
    try {
      names = readdirSync(path.join(dir, rel)).sort();
    } catch {
      out[rel] = 'unlistable';
      return;
    }
    for (const name of names) {
      if (rel === '' && name === '.git') continue;
      const child = rel === '' ? name : `${rel}/${name}`;
      const abs = path.join(dir, child);
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) out[child] = `link ${readlinkSync(abs)}`;
      else if (stat.isDirectory()) {
        out[child] = `dir ${stat.mode.toString(8)}`;
        walk(child);
      } else if (!stat.isFile()) out[child] = `special ${stat.mode.toString(8)}`;
      else {
        let hash = 'unreadable';
        try {
          hash = createHash('sha256').update(readFileSync(abs)).digest('hex');
        } catch {
          // a case made it unreadable on purpose
        }
        out[child] = `file ${stat.mode.toString(8)} ${hash}`;
      }
    }
  };
  walk('');
  return out;
}

/** For the cases that take a permission away: as root, aims runs as nobody (see unprivileged; copying aims for nobody may take a minute). */
let runner: ReturnType<typeof unprivileged> = { problem: 'not prepared' };
beforeAll(() => {
  runner = unprivileged(BIN);
}, 300_000);
afterAll(() => {
  if ('cleanup' in runner) runner.cleanup();
});

describe('hostile corpus (binary)', () => {
  it.for(hostileCases.map((c) => [c.name, c] as const))('%s', async ([, c], ctx) => {
    if (c.skip) return ctx.skip(c.skip);
    if (c.foreign && foreignProblem !== undefined) {
      if (process.env['CI']) throw new Error(`${c.name}: ${foreignProblem}`);
      return ctx.skip(foreignProblem);
    }
    let as: { bin: string; prefix?: string[] } = { bin: BIN };
    if (c.denies) {
      // In CI a permission case that cannot run is a failure, never a silent skip.
      if ('problem' in runner) {
        if (process.env['CI']) throw new Error(`${c.name}: ${runner.problem}`);
        return ctx.skip(runner.problem);
      }
      as = { bin: runner.bin, prefix: runner.prefix };
    }
    const { dir, cleanup } = buildCase(c);
    cleanups.push(cleanup);
    // The whole temporary folder: a write through a link out of the repository lands beside it.
    const base = path.dirname(dir);
    const before = snapshot(base);
    // A case about streaming has its peak memory measured (the benchmark's probe): a bound on memory, never on time.
    const probe = c.maxMegabytes !== undefined ? path.join(base, 'maxrss.txt') : undefined;
    const result = await runCase(c, dir, { ...as, timeoutMs: TIMEOUT_MS, ...(probe ? { nodeArgs: ['--import', RSS_HOOK], env: { AIMS_BENCH_RSS_FILE: probe } } : {}) });
    const context = `${c.name}\nstdout:\n${result.stdout.slice(0, 2000)}\nstderr:\n${result.stderr.slice(0, 2000)}`;

    expect(result.signal, context).toBeNull();
    expect(result.code, context).toBe(c.exitCode);
    for (const text of [result.stdout, result.stderr]) {
      expect(text, context).not.toMatch(STACK_FRAME);
      expect(text, context).not.toMatch(/a bug in aims/);
    }
    if (c.exitCode === 2) {
      // One line, and perhaps a hint.
      expect(result.stderr.trimEnd().split('\n').filter((l) => !l.startsWith('hint: ')), context).toHaveLength(1);
    }
    if (c.diagnostics || c.includes) {
      const json = JSON.parse(result.stdout) as { diagnostics: { file: string; line: number; column: number; rule: string }[] };
      const found = json.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`);
      if (c.diagnostics) expect(found, context).toEqual(c.diagnostics);
      for (const d of c.includes ?? []) expect(found, context).toContain(d);
    }
    for (const pattern of c.stdout ?? []) expect(result.stdout, context).toMatch(pattern);
    for (const pattern of c.stderr ?? []) expect(result.stderr, context).toMatch(pattern);
    for (const pattern of c.absent ?? []) expect(result.stdout + result.stderr, context).not.toMatch(pattern);

    if (probe) {
      const megabytes = Number(readFileSync(probe, 'utf8').split(' ')[0]) / 1024;
      expect(megabytes, `${c.name}: peak memory`).toBeLessThan(c.maxMegabytes as number);
      rmSync(probe);
    }

    const after = snapshot(base);
    for (const allowed of c.writes ?? []) {
      for (const tree of [before, after]) for (const key of Object.keys(tree)) if (key === allowed || key.startsWith(`${allowed}/`)) delete tree[key];
    }
    expect(after, `${c.name}: nothing may be written`).toEqual(before);
  });
});
