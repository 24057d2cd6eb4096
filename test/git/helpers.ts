/**
 * Shared by the git tests: repositories built commit by commit at chosen dates, the gap JSON
 * contract as the tests read it, and fingerprints of a working tree for "nothing was touched".
 */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { type FileTree, git, writeFiles } from '../helpers/git-repo.js';
import { type EnvOverrides, runBin, type RunResult } from '../helpers/run.js';

export const AS_OF = '2026-11-26';

export interface JsonFinding {
  message: string;
  record: string | null;
  file: string | null;
  line: number | null;
}
export interface JsonClause {
  id: string;
  title: string;
  status: 'met' | 'partial' | 'missing';
  findings: JsonFinding[];
}
export interface JsonControl {
  id: string;
  title: string;
  decision: 'applicable' | 'excluded' | 'undecided';
  status: string;
  gap: boolean;
  findings: JsonFinding[];
}
export interface GapJson {
  asOf: string;
  readiness: number;
  validation: { errors: number; warnings: number };
  clauses: JsonClause[];
  controls: JsonControl[];
}

export interface DiffJson {
  from: string;
  to: string;
  records: { id: string; kind: string; change: 'added' | 'removed' | 'modified'; file: string; fields: { path: string; from: unknown; to: unknown }[] }[];
  highlights: {
    risksCrossed: { id: string; from: number | null; to: number | null; direction: 'above' | 'below' }[];
    controls: { id: string; decision: { from: string; to: string }; status: { from: string; to: string } }[];
    nonconformities: { opened: string[]; closed: string[] };
  };
  gap: {
    clauses: { id: string; from: string; to: string }[];
    controls: { id: string; from: string; to: string }[];
    readiness: { from: number; to: number };
  };
}

export interface SoaJson {
  organisation: string;
  scope: string;
  asOf: string;
  commit: string | null;
  dirty: boolean;
  controls: { id: string; lastChanged: string; version: string; changedBy: string; awaitingReapproval: boolean; gap: boolean; status: string; file: string }[];
}

export interface PackManifest {
  asOf: string;
  commit: string | null;
  dirty: boolean;
  files: { path: string; bytes: number; sha256: string }[];
  evidence: { path: string; source: string }[];
  records: { file: string; blob: string | null }[];
}

/** Runs the built binary and insists it exited 0 (and, unless `quiet: false`, said nothing on stderr). */
export function ok(args: string[], cwd: string, env: EnvOverrides = {}, options: { quiet?: boolean } = {}): RunResult {
  const run = runBin(args, cwd, env);
  if (run.code !== 0 || (options.quiet !== false && run.stderr !== '')) throw new Error(`aims ${args.join(' ')} → exit ${run.code}\n${run.stderr}`);
  return run;
}

/** `aims gap --format json` in `dir` (add `--as-of` yourself when the test needs a fixed date). */
/** `aims gap --format json`: exit 0, or exit 1 exactly when the records have validation errors (which it then reports). */
export function gapJson(dir: string, args: string[] = [], env: EnvOverrides = {}): GapJson {
  const run = runBin(['gap', '--format', 'json', ...args], dir, env);
  const report = run.code === 0 || run.code === 1 ? (JSON.parse(run.stdout || '{}') as GapJson) : undefined;
  const invalid = (report?.validation.errors ?? 0) > 0;
  if (!report || run.code !== (invalid ? 1 : 0) || (run.code === 0 && run.stderr !== '')) throw new Error(`aims gap --format json ${args.join(' ')} → exit ${run.code}\n${run.stderr}`);
  return report;
}

export function clauseOf(report: GapJson, id: string): JsonClause {
  const c = report.clauses.find((x) => x.id === id);
  if (!c) throw new Error(`no clause ${id}`);
  return c;
}

export function controlOf(report: GapJson, id: string): JsonControl {
  const c = report.controls.find((x) => x.id === id);
  if (!c) throw new Error(`no control ${id}`);
  return c;
}

/** The `Note: …` lines of the text gap report. */
export function noteLines(text: string): string[] {
  return text.split('\n').filter((l) => l.startsWith('Note:'));
}

/** Writes files (null deletes), stages everything and commits at `date` (author and committer). */
export function commit(dir: string, files: FileTree, date: string, message = 'change'): string {
  writeFiles(dir, files);
  git(dir, ['add', '-A'], date);
  git(dir, ['commit', '-q', '--allow-empty', '-m', message], date);
  return head(dir);
}

export function head(dir: string): string {
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

export function shortHash(dir: string, rev = 'HEAD'): string {
  return git(dir, ['rev-parse', '--short=7', rev]).trim();
}

/** The short hash of the last commit that changed `file` (what aims calls the record's version). */
export function versionOf(dir: string, file: string): string {
  return git(dir, ['log', '-1', '--format=%H', '--', file]).trim().slice(0, 7);
}

/**
 * Every path under `dir` → its kind, size, mode, mtime and sha256 (a link: its target).
 * `.git` is left out unless `withGit`.
 */
export function fingerprint(dir: string, options: { withGit?: boolean } = {}): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      if (name === '.git' && rel === '' && !options.withGit) continue;
      const child = rel === '' ? name : `${rel}/${name}`;
      const full = path.join(dir, child);
      const stat = lstatSync(full);
      if (stat.isDirectory()) {
        out.set(child, `dir ${stat.mode.toString(8)}`);
        walk(child);
      } else if (stat.isSymbolicLink()) {
        out.set(child, `link ${readlinkSync(full)}`);
      } else {
        const hash = createHash('sha256').update(readFileSync(full)).digest('hex');
        out.set(child, `file ${stat.mode.toString(8)} ${stat.size} ${stat.mtimeMs} ${hash}`);
      }
    }
  };
  walk('');
  return out;
}

/** What git says about the working tree, index, HEAD, refs and stash: all of it must survive a read. */
export function gitState(dir: string): Record<string, string> {
  return {
    status: git(dir, ['status', '--porcelain=v1', '--untracked-files=all', '--ignored']),
    head: git(dir, ['rev-parse', 'HEAD']),
    symbolic: git(dir, ['symbolic-ref', '-q', 'HEAD']),
    refs: git(dir, ['for-each-ref', '--format=%(refname) %(objectname)']),
    staged: git(dir, ['diff', '--cached']),
    unstaged: git(dir, ['diff']),
    stash: git(dir, ['stash', 'list']),
  };
}

/** Parses JSON from a run, with the output in the error when it is not JSON. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- callers name the shape they expect of the JSON.
export function parseJson<T>(text: string): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`not JSON:\n${text.slice(0, 2000)}`);
  }
}

/** The rows of the first HTML table, each a list of cell texts (tags dropped, whitespace collapsed). */
export function htmlRows(html: string): string[][] {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...(m[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) =>
      (c[1] ?? '')
        .replace(/<br\s*\/?>/g, ' ')
        .replace(/<[^>]*>/g, '')
        .replace(/&#x27;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}
