/**
 * The e2e table through the built binary (`npm test` builds first), each case in a fresh
 * temporary git repository with fixed commit dates. The truth: packaging, shebang, asset
 * paths, exit codes, and that `aims validate` changes nothing on disk.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { git, makeGitRepo, type FileTree } from '../helpers/git-repo.js';
import { parseJsonOutput } from '../helpers/json-output.js';
import { BIN, runBin } from '../helpers/run.js';
import { STACK_FRAME, assertCase, gitStatus, treeSnapshot } from './assert-case.js';
import { bigRiskStream, cases } from './cases.js';

/** Generous: a hang fails the case instead of the whole run; nothing here should take a second. */
const TIMEOUT_MS = 20_000;
const COMMIT_DATE = '2026-03-02T09:30:00Z';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

beforeAll(() => {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run \`npm run build\` first (npm test does)`);
});

/** A fresh repository holding the case's files (and setup), all committed: `git status` is clean. */
function prepare(files: FileTree = {}, setup?: (dir: string) => void): string {
  const repo = makeGitRepo({ commits: [{ files, message: 'records', date: COMMIT_DATE }] });
  cleanups.push(repo.cleanup);
  if (setup) {
    setup(repo.dir);
    git(repo.dir, ['add', '-A'], COMMIT_DATE);
    git(repo.dir, ['commit', '-q', '--allow-empty', '-m', 'setup'], COMMIT_DATE);
  }
  return repo.dir;
}

const ANSI = /\u001b\[/;

describe('e2e binary', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const dir = prepare(c.files, c.setup);
    const before = { tree: treeSnapshot(dir), status: gitStatus(dir) };
    const result = runBin(c.args, path.join(dir, c.cwd ?? ''), c.env ?? {}, { timeout: TIMEOUT_MS });
    assertCase(c, result, dir);
    expect({ tree: treeSnapshot(dir), status: gitStatus(dir) }, 'validate must not modify the repository').toEqual(before);
  });
});

describe('colour (binary, stdout is a pipe)', () => {
  const files = { 'aims/x.yaml': 'kind: system\nid: SYS-1\ntitle: T\ndescription: d\nlifecycle: live\n' };

  it('is off by default when stdout is not a terminal', () => {
    const dir = prepare(files);
    const result = runBin(['validate'], dir, { NO_COLOR: undefined, FORCE_COLOR: undefined });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/lifecycle/);
    expect(result.stdout).not.toMatch(ANSI);
  });

  it('NO_COLOR gives no escapes', () => {
    const dir = prepare(files);
    const result = runBin(['validate'], dir, { NO_COLOR: '1', FORCE_COLOR: undefined });
    expect(result.stdout).not.toMatch(ANSI);
  });

  it('FORCE_COLOR=1 gives colour', () => {
    const dir = prepare(files);
    const result = runBin(['validate'], dir, { NO_COLOR: undefined, FORCE_COLOR: '1' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(ANSI);
  });
});

describe('a 40 MB record file (binary)', () => {
  it('is refused without being read, under 1 GB of memory', () => {
    const dir = prepare({ 'aims/system.yaml': 'kind: system\nid: SYS-1\ntitle: T\ndescription: d\nlifecycle: design\n' });
    writeFileSync(path.join(dir, 'aims/register.yaml'), bigRiskStream(40 * 1024 * 1024));
    const before = treeSnapshot(dir);

    const time = '/usr/bin/time';
    const measured = existsSync(time);
    // Without GNU time, cap the heap instead: going over 1 GB would then crash the run.
    const command = measured
      ? { file: time, args: ['-v', process.execPath, BIN, 'validate', '--format', 'json'] }
      : { file: process.execPath, args: ['--max-old-space-size=1024', BIN, 'validate', '--format', 'json'] };
    const result = spawnSync(command.file, command.args, {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      timeout: TIMEOUT_MS,
      maxBuffer: 64 * 1024 * 1024,
    });

    // A run killed by the timeout has no status, so this also fails a hang (speed itself is in the bench).
    expect(result.status, result.stderr).toBe(1);
    const output = parseJsonOutput(result.stdout);
    expect(output.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual(['aims/register.yaml:1:1 file/too-large']);
    expect(output.diagnostics[0]?.message).toMatch(/40\.0 MB, over the 5\.0 MB limit/);
    expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
    if (measured) {
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(result.stderr);
      expect(rss, result.stderr).not.toBeNull();
      expect(Number(rss?.[1]) * 1024).toBeLessThan(1024 * 1024 * 1024);
    }
    expect(treeSnapshot(dir)).toEqual(before);
  });
});
