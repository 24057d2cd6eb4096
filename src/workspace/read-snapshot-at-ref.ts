import { posix } from 'node:path';
import { CONFIG_FILE } from '../model/config.js';
import { InputError } from '../model/errors.js';
import type { PathKind, RecordFile, RepoSnapshot, Revision } from '../model/snapshot.js';
import { decodeText } from './decode-text.js';
import { listTree, readBlobs, readGitFactsStaged, type TreeEntry } from './git.js';
import { globMatcher } from './match-globs.js';
import { configTooLarge, MAX_CONFIG_SIZE, type SnapshotOptions, tooLarge } from './read-snapshot.js';

/**
 * The repository as it was at a commit, tag or branch, read straight from git objects: no
 * checkout, nothing in the working tree is touched.
 */
export interface RefTree {
  revision: Revision;
  entries: Map<string, TreeEntry>;
}

/** What git says of the commit besides its files; the walk of history is still under way while the files are read. */
type SnapshotGit = Promise<Pick<RepoSnapshot, 'history' | 'log' | 'historyProblem'>>;

export async function openRef(root: string, ref: string, options: { history: boolean; until?: string }): Promise<RefTree & { snapshotGit: SnapshotGit }> {
  const { now: facts, history } = await readGitFactsStaged(root, { history: options.history, ref, ...(options.until !== undefined ? { until: options.until } : {}) });
  if (!facts.revision) {
    throw new InputError(`--ref needs git history, but ${facts.problem === 'no-git' ? 'git is not installed' : `${root} is not in a git repository`}`);
  }
  const problem = facts.problem;
  const snapshotGit: SnapshotGit = (history ?? Promise.resolve({})).then((walked: Pick<RepoSnapshot, 'history' | 'log'>) => ({ ...walked, ...(problem ? { historyProblem: problem } : {}) }));
  snapshotGit.catch(() => undefined); // reported where readSnapshotAtRef awaits it
  return { revision: facts.revision, entries: await listTree(root, facts.revision.commit), snapshotGit };
}

export async function readConfigAtRef(root: string, tree: RefTree): Promise<RepoSnapshot['config']> {
  const entry = tree.entries.get(CONFIG_FILE);
  if (!entry) return undefined;
  // As in the working tree: never read through a link, never more than a settings file needs.
  if (entry.mode === '120000') return { path: CONFIG_FILE, unreadable: { rule: 'file/not-a-file', message: 'this is a link; it was not read' } };
  if (entry.size > MAX_CONFIG_SIZE) return { path: CONFIG_FILE, unreadable: configTooLarge(tooLarge(entry.size, MAX_CONFIG_SIZE)) };
  const bytes = (await readBlobs(root, [entry.oid])).get(entry.oid) as Buffer;
  const decoded = decodeText(bytes);
  return 'text' in decoded ? { path: CONFIG_FILE, text: decoded.text } : { path: CONFIG_FILE, unreadable: decoded.problem };
}

export async function readSnapshotAtRef(root: string, tree: RefTree & { snapshotGit: SnapshotGit }, options: SnapshotOptions): Promise<RepoSnapshot> {
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
  // The walk of history ran while the files were read.
  const snapshot: RepoSnapshot = { recordFiles, paths, revision: tree.revision, ...(await tree.snapshotGit) };
  if (options.config) snapshot.config = options.config;
  return snapshot;
}

/** The path index of a tree: files, the folders above them, and links classified without leaving the root. */
async function indexTree(root: string, entries: ReadonlyMap<string, TreeEntry>): Promise<Map<string, PathKind>> {
  const paths = new Map<string, PathKind>();
  const dirs = folders(entries);
  for (const dir of dirs) paths.set(dir, 'dir');
  const targets = await linkTargets(root, entries);
  for (const [path, entry] of entries) {
    if (entry.mode !== '120000') paths.set(path, 'file');
    else {
      const resolved = resolveInTree(path, entries, dirs, targets);
      paths.set(path, resolved.kind === 'outside' ? 'link-outside' : resolved.kind === 'broken' ? 'link-broken' : resolved.kind);
    }
  }
  return paths;
}

function folders(entries: ReadonlyMap<string, TreeEntry>): Set<string> {
  const dirs = new Set<string>();
  for (const path of entries.keys()) {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
  }
  return dirs;
}

/** The text of every link in the tree, by object id. */
async function linkTargets(root: string, entries: ReadonlyMap<string, TreeEntry>): Promise<Map<string, string>> {
  // A link's text is a path (at most PATH_MAX); a larger "link" blob is a crafted one, left unread (a broken link).
  const oids = [...entries.values()].filter((e) => e.mode === '120000' && e.size <= MAX_LINK_TARGET).map((e) => e.oid);
  const blobs = await readBlobs(root, oids);
  return new Map([...blobs].map(([oid, bytes]) => [oid, bytes.toString('utf8')]));
}

const MAX_LINK_HOPS = 40;
const MAX_LINK_TARGET = 4096;

export type TreeTarget = { kind: 'file'; path: string } | { kind: 'dir'; path: string } | { kind: 'outside' | 'broken' };

/**
 * Where a path of a commit's tree leads, links followed as the file system would follow them
 * (through folders too, at most 40 hops): a file or folder of the tree, or nowhere, or out of
 * it (an absolute target, or one that climbs above the root), which is never followed.
 */
export function resolveInTree(start: string, entries: ReadonlyMap<string, TreeEntry>, dirs: ReadonlySet<string>, targets: ReadonlyMap<string, string>): TreeTarget {
  let pending = start.split('/');
  const done: string[] = [];
  let hops = 0;
  while (pending.length > 0) {
    const part = pending.shift() as string;
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (done.length === 0) return { kind: 'outside' };
      done.pop();
      continue;
    }
    const entry = entries.get([...done, part].join('/'));
    if (entry?.mode === '120000') {
      const target = targets.get(entry.oid) ?? '';
      if (++hops > MAX_LINK_HOPS || target === '') return { kind: 'broken' };
      if (posix.isAbsolute(target)) return { kind: 'outside' };
      pending = [...target.split('/'), ...pending]; // relative to the folder holding the link
      continue;
    }
    done.push(part);
  }
  const path = done.join('/');
  if (entries.has(path)) return { kind: 'file', path };
  if (dirs.has(path)) return { kind: 'dir', path };
  return { kind: 'broken' };
}

/**
 * The blob each cited evidence path leads to at the commit, links inside the tree followed as
 * the working tree follows them. Only regular files resolve (the tree lists no submodules, and a
 * link is never taken for its target), so a link out, a folder or a submodule gives nothing.
 */
export async function evidenceEntriesAtRef(root: string, entries: ReadonlyMap<string, TreeEntry>, sources: readonly string[]): Promise<Map<string, TreeEntry>> {
  const dirs = folders(entries);
  const targets = await linkTargets(root, entries);
  const out = new Map<string, TreeEntry>();
  for (const source of sources) {
    const resolved = resolveInTree(source, entries, dirs, targets);
    const entry = resolved.kind === 'file' ? entries.get(resolved.path) : undefined;
    if (entry && entry.mode !== '120000') out.set(source, entry);
  }
  return out;
}

/**
 * Cited evidence the commit holds but a pack could not take, by the size git lists for it
 * (nothing is read): what probeEvidence finds over `limit` in the working tree.
 */
export async function unreadableEvidenceAtRef(root: string, entries: ReadonlyMap<string, TreeEntry>, sources: readonly string[], limit: number): Promise<Set<string>> {
  const found = await evidenceEntriesAtRef(root, entries, sources);
  return new Set([...found].filter(([, entry]) => entry.size > limit).map(([source]) => source));
}

/** The blob of each evidence source as it was at the commit, for the pack to stream from git. */
export async function evidenceBlobsAtRef(root: string, commit: string, sources: readonly string[]): Promise<Map<string, string>> {
  const found = await evidenceEntriesAtRef(root, await listTree(root, commit), sources);
  return new Map([...found].map(([source, entry]) => [source, entry.oid]));
}
