import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { parseJsonOutput } from '../helpers/json-output.js';
import type { RunResult } from '../helpers/run.js';
import type { E2eCase } from './cases.js';

/** A stack frame as Node prints it: no output of aims may ever contain one (without --debug). */
export const STACK_FRAME = /^ {4}at /m;

/** The assertions every runner makes for a case. */
export function assertCase(c: E2eCase, result: RunResult, dir: string): void {
  const context = `${c.name}\nstdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
  expect(result.code, context).toBe(c.exitCode);
  expect(result.stdout, context).not.toMatch(STACK_FRAME);
  expect(result.stderr, context).not.toMatch(STACK_FRAME);
  // Paths are printed relative to the root, never as the temporary directory.
  expect(result.stdout, context).not.toContain(dir);
  if (c.exitCode !== 2 && !c.stderrAllowed) expect(result.stderr, context).toBe('');
  if (c.exitCode === 2) {
    // A usage error explains itself on stderr in a line or two (plus commander's help hint).
    expect(result.stderr.length + result.stdout.length, context).toBeGreaterThan(0);
  }
  for (const pattern of c.stdout ?? []) expect(result.stdout, context).toMatch(pattern);
  for (const pattern of c.stderr ?? []) expect(result.stderr, context).toMatch(pattern);

  if (c.args.includes('json') && c.exitCode !== 2) {
    const output = parseJsonOutput(result.stdout);
    if (c.diagnostics) {
      expect(
        output.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.rule}`),
        context,
      ).toEqual(c.diagnostics);
    }
    if (c.summary) expect(output.summary, context).toMatchObject(c.summary);
    expect(result.code, context).toBe(output.summary.errors > 0 ? 1 : c.exitCode);
  }
  c.check?.(result, dir);
}

/**
 * Everything under `dir` (outside .git): each path with what it is and a hash of its content
 * (files), or its target (links). Equal before and after proves a run changed nothing.
 */
export function treeSnapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      if (rel === '' && name === '.git') continue;
      const childRel = rel === '' ? name : `${rel}/${name}`;
      const absolute = path.join(dir, childRel);
      const stat = lstatSync(absolute);
      if (stat.isSymbolicLink()) out[childRel] = `link → ${readlinkSync(absolute)}`;
      else if (stat.isDirectory()) {
        out[childRel] = `dir ${stat.mode.toString(8)}`;
        walk(childRel);
      } else out[childRel] = `file ${stat.mode.toString(8)} ${stat.mtimeMs} ${createHash('sha256').update(readFileSync(absolute)).digest('hex')}`;
    }
  };
  walk('');
  return out;
}

/** `git status --porcelain` (untracked and ignored files included). */
export function gitStatus(dir: string): string {
  return execFileSync('git', ['status', '--porcelain', '--ignored', '--untracked-files=all'], { cwd: dir, encoding: 'utf8' });
}
