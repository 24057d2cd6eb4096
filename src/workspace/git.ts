import { simpleGit, type SimpleGit } from 'simple-git';
import type { FileHistory, HistoryProblem, Revision } from '../model/snapshot.js';

/** The only importer of simple-git. Every question to git goes through here. */

export interface GitFacts {
  revision?: Revision;
  history?: Map<string, FileHistory>;
  problem?: HistoryProblem;
}

const RECORD_SEPARATOR = '\x1e';
const FIELD_SEPARATOR = '\x1f';

/**
 * The revision of `root` and, when asked, the history of every file below it from ONE
 * `git log` walk (never one process per file). Outside a repository, or without git
 * installed, it says so instead of failing.
 */
export async function readGitFacts(root: string, options: { history: boolean }): Promise<GitFacts> {
  const git = simpleGit({ baseDir: root, trimmed: false });
  let head: string[];
  try {
    head = (await git.raw(['rev-parse', '--is-inside-work-tree', '--is-shallow-repository'])).trim().split('\n');
  } catch (error) {
    return { problem: isMissingGit(error) ? 'no-git' : 'not-a-repository' };
  }
  if (head[0] !== 'true') return { problem: 'not-a-repository' };
  const shallow = head[1] === 'true';
  const revision = await readRevision(git);
  const facts: GitFacts = {};
  if (revision) facts.revision = revision;
  if (shallow) facts.problem = 'shallow';
  if (options.history && revision) facts.history = await readHistory(git);
  return facts;
}

async function readRevision(git: SimpleGit): Promise<Revision | undefined> {
  let line: string;
  try {
    line = (await git.raw(['log', '-1', `--format=%H${FIELD_SEPARATOR}%h${FIELD_SEPARATOR}%cI${FIELD_SEPARATOR}%D`])).trim();
  } catch {
    return undefined; // a repository without commits
  }
  if (!line) return undefined;
  const [commit = '', short = '', date = '', refs = ''] = line.split(FIELD_SEPARATOR);
  const status = await git.raw(['status', '--porcelain', '--untracked-files=normal', '--', '.']);
  const branch = /HEAD -> ([^,]+)/.exec(refs)?.[1];
  const revision: Revision = { commit, short, date, dirty: status.trim().length > 0 };
  if (branch) revision.branch = branch;
  return revision;
}

/** One walk, newest first; `--relative` makes paths relative to the root even inside a larger repository. */
async function readHistory(git: SimpleGit): Promise<Map<string, FileHistory>> {
  const out = await git.raw([
    '-c',
    'core.quotePath=false',
    'log',
    '-M',
    '--relative',
    '--name-status',
    `--format=${RECORD_SEPARATOR}%H${FIELD_SEPARATOR}%aI${FIELD_SEPARATOR}%an`,
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

function isMissingGit(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /ENOENT|not found|spawn git/i.test(text);
}
