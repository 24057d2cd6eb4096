import { spawn } from 'node:child_process';
import { simpleGit, type SimpleGit } from 'simple-git';
import { InputError } from '../model/errors.js';
import type { FileHistory, HistoryProblem, Revision } from '../model/snapshot.js';

/**
 * Every question aims asks git goes through this module, built on simple-git. Reading many
 * blobs at once (`--ref`) streams them through one `git cat-file --batch` process, which
 * needs standard input and so uses child_process directly, here and nowhere else.
 */

export interface GitFacts {
  revision?: Revision;
  history?: Map<string, FileHistory>;
  problem?: HistoryProblem;
}

const RECORD_SEPARATOR = '\x1e';
const FIELD_SEPARATOR = '\x1f';

function gitAt(root: string): SimpleGit {
  return simpleGit({ baseDir: root, trimmed: false });
}

/**
 * The revision of `root` (or of `ref`) and, when asked, the history of every file below it
 * from ONE `git log` walk, never one process per file. Outside a repository, or without git
 * installed, it says so instead of failing.
 */
export async function readGitFacts(root: string, options: { history: boolean; ref?: string; ignoreForDirty?: readonly string[] }): Promise<GitFacts> {
  const git = gitAt(root);
  let head: string[];
  try {
    head = (await git.raw(['rev-parse', '--is-inside-work-tree', '--is-shallow-repository'])).trim().split('\n');
  } catch (error) {
    return { problem: isMissingGit(error) ? 'no-git' : 'not-a-repository' };
  }
  if (head[0] !== 'true') return { problem: 'not-a-repository' };
  const revision = await readRevision(git, options.ref, options.ignoreForDirty ?? []);
  const facts: GitFacts = {};
  if (revision) facts.revision = revision;
  if (head[1] === 'true') facts.problem = 'shallow';
  if (options.history && revision) facts.history = await readHistory(git, revision.commit);
  return facts;
}

async function readRevision(git: SimpleGit, ref: string | undefined, ignore: readonly string[]): Promise<Revision | undefined> {
  let line: string;
  try {
    line = (await git.raw(['log', '-1', `--format=%H${FIELD_SEPARATOR}%h${FIELD_SEPARATOR}%cI${FIELD_SEPARATOR}%D`, ref ?? 'HEAD', '--'])).trim();
  } catch {
    if (ref !== undefined) throw new InputError(`unknown revision "${ref}"`, 'name a commit, tag or branch of this repository');
    return undefined; // a repository without commits
  }
  if (!line) return undefined;
  const [commit = '', short = '', date = '', refs = ''] = line.split(FIELD_SEPARATOR);
  // A commit read from git objects has no uncommitted changes by definition.
  const excludes = ignore.map((p) => `:(exclude)${p}`);
  const dirty = ref === undefined && (await git.raw(['status', '--porcelain', '--untracked-files=normal', '--', '.', ...excludes])).trim().length > 0;
  const branch = /HEAD -> ([^,]+)/.exec(refs)?.[1];
  const revision: Revision = { commit, short, date, dirty };
  if (branch && ref === undefined) revision.branch = branch;
  if (ref !== undefined) revision.ref = ref;
  return revision;
}

/** One walk, newest first; `--relative` makes paths relative to the root even inside a larger repository. */
async function readHistory(git: SimpleGit, commit: string): Promise<Map<string, FileHistory>> {
  const out = await git.raw([
    '-c',
    'core.quotePath=false',
    'log',
    '-M',
    '--relative',
    '--name-status',
    `--format=${RECORD_SEPARATOR}%H${FIELD_SEPARATOR}%aI${FIELD_SEPARATOR}%an`,
    commit,
    '--',
    '.',
  ]);
  return parseHistory(out);
}

/** Parses the walk; a rename carries the history of the old path over to the file's current path. */
export function parseHistory(log: string): Map<string, FileHistory> {
  const history = new Map<string, FileHistory>();
  const renamedTo = new Map<string, string>();
  const current = (p: string): string => renamedTo.get(p) ?? p;
  for (const entry of log.split(RECORD_SEPARATOR)) {
    if (!entry.trim()) continue;
    const [header = '', ...changes] = entry.split('\n');
    const [commit = '', date = '', author = ''] = header.split(FIELD_SEPARATOR);
    for (const change of changes) {
      if (!change) continue;
      const parts = change.split('\t');
      const status = parts[0] ?? '';
      let path: string;
      if (status.startsWith('R') && parts.length >= 3) {
        const oldPath = parts[1] as string;
        path = current(parts[2] as string);
        renamedTo.set(oldPath, path);
      } else {
        path = current(parts[1] ?? '');
      }
      if (!path) continue;
      const seen = history.get(path);
      if (seen) {
        seen.firstCommit = commit;
        seen.firstDate = date;
      } else {
        history.set(path, { lastCommit: commit, lastDate: date, lastAuthor: author, firstCommit: commit, firstDate: date });
      }
    }
  }
  return history;
}

export interface TreeEntry {
  /** "100644", "100755", "120000" (a link), "040000" … */
  mode: string;
  oid: string;
  size: number;
}

/** Every file below the root as it was at `commit`, paths relative to the root. */
export async function listTree(root: string, commit: string): Promise<Map<string, TreeEntry>> {
  const out = await gitAt(root).raw(['ls-tree', '-r', '-z', '--long', commit]);
  const entries = new Map<string, TreeEntry>();
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode = '', type = '', oid = '', size = '0'] = record.slice(0, tab).trim().split(/\s+/);
    if (type !== 'blob') continue; // submodules (commit entries) hold no records
    entries.set(record.slice(tab + 1), { mode, oid, size: Number(size) || 0 });
  }
  return entries;
}

/** The bytes of many blobs through one `git cat-file --batch` process. */
export function readBlobs(root: string, oids: readonly string[]): Promise<Map<string, Buffer>> {
  const unique = [...new Set(oids)];
  if (unique.length === 0) return Promise.resolve(new Map());
  return new Promise((resolve, reject) => {
    const child = spawn('git', ['cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`git cat-file failed: ${stderr.trim()}`));
      const all = Buffer.concat(chunks);
      const blobs = new Map<string, Buffer>();
      let at = 0;
      for (const oid of unique) {
        const newline = all.indexOf(10, at);
        const header = all.subarray(at, newline).toString('utf8').split(' ');
        const size = Number(header[2]);
        if (header[1] === 'missing' || !Number.isFinite(size)) return reject(new Error(`git object ${oid} is missing`));
        blobs.set(oid, all.subarray(newline + 1, newline + 1 + size));
        at = newline + 1 + size + 1; // the content is followed by a newline
      }
      resolve(blobs);
    });
    child.stdin.end(unique.join('\n') + '\n');
  });
}

function isMissingGit(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /ENOENT|not found|spawn git/i.test(text);
}
