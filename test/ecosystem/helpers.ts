import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { tempDir, writeFiles, type FileTree } from '../helpers/git-repo.js';
import { runMain, type RunResult } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';

/**
 * Shared set-up for the ecosystem tests (formats, baselines, suppressions, init/new/schema,
 * editors). Every repository is a temporary folder; the CLI runs in-process through
 * runMain, whose clock says 2026-11-26.
 */

export const TODAY = '2026-11-26';

/** `aims ARGS` in-process, in `cwd`. */
export function aims(cwd: string, ...args: string[]): Promise<RunResult> {
  return runMain(args, cwd);
}

/** A temporary folder holding these files. */
export function repoWith(files: FileTree): { dir: string; cleanup: () => void } {
  const repo = tempDir('aims-eco-');
  writeFiles(repo.dir, files);
  return repo;
}

/** A fresh `aims init` scaffold in a temporary folder (not a git repository). */
export async function scaffold(): Promise<{ dir: string; cleanup: () => void }> {
  const repo = tempDir('aims-init-');
  const result = await aims(repo.dir, 'init');
  expect(result.code, result.stderr).toBe(0);
  return repo;
}

/**
 * A small repository with known problems, one per interesting case:
 * - r1: a typo'd field (4:1) and a bad enum value (6:9), two errors in one file;
 * - r2: a field name full of XML- and annotation-special characters (6:1);
 * - r3: a clean record (a passing JUnit test case);
 * - empty.yaml: a warning only.
 */
export const PROBLEM_FILES: FileTree = {
  'aims/risks/r1.yaml': yaml`
    kind: risk
    id: RISK-001
    title: Risk one
    likelyhood: possible
    impact: moderate
    status: pending
  `,
  'aims/risks/r2.yaml': yaml`
    kind: risk
    id: RISK-002
    title: Risk two
    likelihood: possible
    impact: moderate
    "a<b>&'q\\"%,:": 1
  `,
  'aims/risks/r3.yaml': yaml`
    kind: risk
    id: RISK-003
    title: Risk three
    likelihood: possible
    impact: moderate
  `,
  'aims/risks/empty.yaml': '',
};

/** The field name r2 carries, as aims reports it. */
export const SPECIAL_FIELD = `a<b>&'q"%,:`;

/** Every file below `dir` (relative, forward slashes) with the SHA-256 of its bytes, sorted. */
export function treeHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const child = rel ? `${rel}/${name}` : name;
      const full = path.join(dir, child);
      if (statSync(full).isDirectory()) walk(child);
      else out[child] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk('');
  return out;
}

/** Every file below `dir`, relative with forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  return Object.keys(treeHashes(dir));
}
