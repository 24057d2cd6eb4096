#!/usr/bin/env node
/**
 * Where the time goes: summarises the .cpuprofile files `node --cpu-prof` writes (one per
 * thread: a command that validates in worker threads writes one per worker too).
 *
 *   node test/bench/profile-summary.mjs <dir-or-file>... [--top 15]
 *
 *   import { summariseProfiles } from './profile-summary.mjs';
 *
 * Self time per function (name, file:line) and per area (node_modules package, aims source
 * folder under dist/, node internals, GC, idle), summed over all profiles given.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Which part of the program a script URL belongs to. */
function area(url) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node internals';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    return `npm: ${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  const dist = url.indexOf('/dist/');
  if (dist >= 0) {
    const rel = url.slice(dist + '/dist/'.length).split('/');
    return `aims: ${rel.length > 1 ? rel[0] : rel[0].replace(/\.js$/, '')}`;
  }
  return path.basename(url);
}

function profileFiles(targets) {
  const out = [];
  for (const t of targets) {
    if (statSync(t).isDirectory()) {
      for (const f of readdirSync(t)) if (f.endsWith('.cpuprofile')) out.push(path.join(t, f));
    } else {
      out.push(t);
    }
  }
  return out.sort();
}

/**
 * @param {string[]} targets  .cpuprofile files or folders holding them
 * @returns {{ profiles: number, totalMs: number, functions: { name: string, where: string, area: string, selfMs: number }[], areas: { area: string, selfMs: number }[] }}
 */
export function summariseProfiles(targets) {
  const files = profileFiles(targets);
  const byFunction = new Map();
  const byArea = new Map();
  let totalMs = 0;
  for (const file of files) {
    const profile = JSON.parse(readFileSync(file, 'utf8'));
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    const self = new Map();
    // samples[i] ran for timeDeltas[i + 1] (the delta before the next sample); the last one is unknown.
    for (let i = 0; i < profile.samples.length; i++) {
      const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
      self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
    }
    for (const [id, ms] of self) {
      const node = nodes.get(id);
      const cf = node.callFrame;
      const name = cf.functionName || '(anonymous)';
      const where = cf.url ? `${cf.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules|dist)\//, '$1/')}:${cf.lineNumber + 1}` : '';
      const key = `${name}\u0000${where}`;
      const a = ['(idle)', '(program)', '(garbage collector)'].includes(name) ? name : area(cf.url);
      const entry = byFunction.get(key) ?? { name, where, area: a, selfMs: 0 };
      entry.selfMs += ms;
      byFunction.set(key, entry);
      byArea.set(a, (byArea.get(a) ?? 0) + ms);
      totalMs += ms;
    }
  }
  const functions = [...byFunction.values()].sort((x, y) => y.selfMs - x.selfMs);
  const areas = [...byArea].map(([a, selfMs]) => ({ area: a, selfMs })).sort((x, y) => y.selfMs - x.selfMs);
  return { profiles: files.length, totalMs, functions, areas };
}

export function formatSummary(summary, top = 15) {
  const pct = (ms) => `${((100 * ms) / (summary.totalMs || 1)).toFixed(1).padStart(5)}%`;
  const lines = [`${summary.profiles} profile(s), ${Math.round(summary.totalMs)} ms sampled (all threads)`, '  by area (self time):'];
  for (const a of summary.areas.slice(0, 12)) lines.push(`    ${pct(a.selfMs)} ${String(Math.round(a.selfMs)).padStart(7)} ms  ${a.area}`);
  lines.push(`  top ${top} functions (self time):`);
  for (const f of summary.functions.slice(0, top)) lines.push(`    ${pct(f.selfMs)} ${String(Math.round(f.selfMs)).padStart(7)} ms  ${f.name}  ${f.where}`);
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--top');
  const top = i >= 0 ? Number(args[i + 1]) : 15;
  const targets = args.filter((a, k) => a !== '--top' && args[k - 1] !== '--top');
  if (targets.length === 0) {
    process.stderr.write('usage: node test/bench/profile-summary.mjs <dir-or-file>... [--top 15]\n');
    process.exit(2);
  }
  process.stdout.write(`${formatSummary(summariseProfiles(targets), top)}\n`);
}
