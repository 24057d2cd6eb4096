import { posix } from 'node:path';
import { CONFIG_FILE } from '../model/config.js';
import { InputError } from '../model/errors.js';
import type { PathKind, RecordFile, RepoSnapshot, Revision } from '../model/snapshot.js';
import { decodeText } from './decode-text.js';
import { listTree, readBlobs, readGitFacts, type TreeEntry } from './git.js';
import { globMatcher } from './match-globs.js';
import { type SnapshotOptions, tooLarge } from './read-snapshot.js';

/**
 * The repository as it was at a commit, tag or branch, read straight from git objects: no
 * checkout, nothing in the working tree is touched.
 */
export interface RefTree {
  revision: Revision;
  entries: Map<string, TreeEntry>;
}

export async function openRef(root: string, ref: string, options: { history: boolean }): Promise<RefTree & { snapshotGit: Pick<RepoSnapshot, 'history' | 'historyProblem'> }> {
  const facts = await readGitFacts(root, { history: options.history, ref });
  if (!facts.revision) {
    throw new InputError(`--ref needs git history, but ${facts.problem === 'no-git' ? 'git is not installed' : `${root} is not in a git repository`}`);
  }
  const snapshotGit: Pick<RepoSnapshot, 'history' | 'historyProblem'> = {};
  if (facts.history) snapshotGit.history = facts.history;
  if (facts.problem) snapshotGit.historyProblem = facts.problem;
  return { revision: facts.revision, entries: await listTree(root, facts.revision.commit), snapshotGit };
}

export async function readConfigAtRef(root: string, tree: RefTree): Promise<RepoSnapshot['config']> {
  const entry = tree.entries.get(CONFIG_FILE);
  if (!entry) return undefined;
  const bytes = (await readBlobs(root, [entry.oid])).get(entry.oid) as Buffer;
  const decoded = decodeText(bytes);
  return 'text' in decoded ? { path: CONFIG_FILE, text: decoded.text } : { path: CONFIG_FILE, unreadable: decoded.problem };
}

export async function readSnapshotAtRef(root: string, tree: RefTree & { snapshotGit: Pick<RepoSnapshot, 'history' | 'historyProblem'> }, options: SnapshotOptions): Promise<RepoSnapshot> {
  const paths = await indexTree(root, tree.entries);
  const isRecord = globMatcher(options.records);
  const matched = [...paths.keys()].filter((p) => p !== CONFIG_FILE && isRecord(p)).sort();
  const wanted = matched.map((p) => tree.entries.get(p)).filter((e): e is TreeEntry => e !== undefined && e.mode !== '120000' && e.size <= options.maxFileSize);
  const blobs = await readBlobs(root, wanted.map((e) => e.oid));
  const recordFiles: RecordFile[] = matched.map((rel): RecordFile => {
    const kind = paths.get(rel);
    const entry = tree.entries.get(rel);
    if (kind === 'dir' || !entry) return { path: rel, unreadable: { rule: 'file/not-a-file', message: 'this is a directory, not a record file' } };
    if (entry.mode === '120000') return { path: rel, unreadable: { rule: 'file/not-a-file', message: 'this is a link; it was not read' } };
    if (entry.size > options.maxFileSize) return { path: rel, unreadable: tooLarge(entry.size, options.maxFileSize) };
    const decoded = decodeText(blobs.get(entry.oid) as Buffer);
    return 'text' in decoded ? { path: rel, text: decoded.text, blob: entry.oid } : { path: rel, unreadable: decoded.problem };
  });
  const snapshot: RepoSnapshot = { recordFiles, paths, revision: tree.revision, ...tree.snapshotGit };
  if (options.config) snapshot.config = options.config;
  return snapshot;
}

/** The path index of a tree: files, the folders above them, and links classified without leaving the root. */
async function indexTree(root: string, entries: ReadonlyMap<string, TreeEntry>): Promise<Map<string, PathKind>> {
  const paths = new Map<string, PathKind>();
  for (const path of entries.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) paths.set(parts.slice(0, i).join('/'), 'dir');
  }
  const links = [...entries.entries()].filter(([, e]) => e.mode === '120000');
  const targets = await readBlobs(root, links.map(([, e]) => e.oid));
  for (const [path, entry] of entries) {
    if (entry.mode !== '120000') {
      paths.set(path, 'file');
      continue;
    }
    const target = (targets.get(entry.oid) as Buffer).toString('utf8');
    const resolved = posix.normalize(posix.join(posix.dirname(path), target));
    if (posix.isAbsolute(target) || resolved === '..' || resolved.startsWith('../')) paths.set(path, 'link-outside');
    else if (entries.has(resolved) && entries.get(resolved)?.mode !== '120000') paths.set(path, 'file');
    else if (paths.get(resolved) === 'dir') paths.set(path, 'dir');
    else paths.set(path, 'link-broken');
  }
  return paths;
}

/** Evidence bytes as they were at the commit. */
export async function readEvidenceAtRef(root: string, commit: string, sources: readonly string[]): Promise<Map<string, Uint8Array>> {
  const entries = await listTree(root, commit);
  const oids = sources.map((s) => entries.get(s)?.oid).filter((o): o is string => o !== undefined);
  const blobs = await readBlobs(root, oids);
  const out = new Map<string, Uint8Array>();
  for (const source of sources) {
    const oid = entries.get(source)?.oid;
    if (oid) out.set(source, blobs.get(oid) as Buffer);
  }
  return out;
}
