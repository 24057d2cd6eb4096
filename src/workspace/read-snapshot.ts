import { createHash } from 'node:crypto';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { lstat } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE } from '../model/config.js';
import { RECORD_KINDS } from '../model/record.js';
import type { FileProblem, PathKind, RecordFile, RepoSnapshot, StrayFile } from '../model/snapshot.js';
import { decodeText } from './decode-text.js';
import { indexFiles } from './file-index.js';
import type { GitFacts } from './git.js';
import { excludedFolders, globBases, globMatcher, globsName } from './match-globs.js';
import { errnoCode, readRegularFile } from './read-file.js';

export interface SnapshotOptions {
  records: readonly string[];
  maxFileSize: number;
  /** aims.yaml as already read by readConfigFile, so it is read once. */
  config?: RepoSnapshot['config'];
}

/** aims.yaml is settings, not a register: anything larger is refused before it is read. */
export const MAX_CONFIG_SIZE = 1024 * 1024;

/** Reads aims.yaml, if there is one, under the same policy as record files (regular file, inside the root, size-limited). */
export async function readConfigFile(root: string): Promise<RepoSnapshot['config']> {
  const absolute = path.join(root, CONFIG_FILE);
  try {
    await lstat(absolute);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return undefined;
  }
  const read = readRegularFile(realpathSync(root), absolute, MAX_CONFIG_SIZE);
  if ('problem' in read) return { path: CONFIG_FILE, unreadable: read.problem.rule === 'file/too-large' ? configTooLarge(read.problem) : read.problem };
  const decoded = decodeText(read.bytes);
  return 'text' in decoded ? { path: CONFIG_FILE, text: decoded.text } : { path: CONFIG_FILE, unreadable: decoded.problem };
}

/** The size refusal, said of settings (splitting aims.yaml is no answer). */
export function configTooLarge(problem: FileProblem): FileProblem {
  return { ...problem, message: `${problem.message.split('; split it')[0] ?? ''}; ${CONFIG_FILE} holds settings, not records` };
}

/** Gathers the files the core needs: every record file's text and the index of repository paths. */
export async function readSnapshot(root: string, options: SnapshotOptions): Promise<RepoSnapshot> {
  const unreadableDirs: string[] = [];
  const bases = globBases(options.records);
  const paths = await indexFiles(root, {
    bases,
    excluded: excludedFolders(options.records),
    keep: globsName(options.records, 'node_modules') ? ['node_modules'] : [],
    onUnreadable: (rel) => unreadableDirs.push(rel),
  });
  const isRecord = globMatcher(options.records);
  const matched = [...paths.keys()].filter((p) => p !== CONFIG_FILE && isRecord(p)).sort();
  const realRoot = realpathSync(root);
  const recordFiles: RecordFile[] = [];
  for (const rel of matched) {
    const kind = paths.get(rel);
    if (kind === 'dir') {
      recordFiles.push({ path: rel, unreadable: { rule: 'file/not-a-file', message: 'this is a directory, not a record file' } });
    } else if (kind === 'link-outside' || kind === 'link-broken') {
      const why = kind === 'link-outside' ? 'a link that points outside the repository' : 'a broken link';
      recordFiles.push({ path: rel, unreadable: { rule: 'file/not-a-file', message: `this is ${why}; it was not read` } });
    } else {
      recordFiles.push(readRecordFile(realRoot, root, rel, options.maxFileSize));
    }
  }
  // Only the base folders are listed, so every folder that could not be listed could hold records: an error there.
  for (const dir of unreadableDirs.sort()) {
    recordFiles.push({ path: dir, unreadable: { rule: 'file/unreadable', message: 'permission denied: this folder cannot be listed, so the records in it were not checked' } });
  }
  // A base folder reached through a link out of the repository is not listed: its records would be someone else's files.
  for (const base of new Set(bases)) {
    if (paths.get(base) === 'link-outside' && !isRecord(base)) {
      recordFiles.push({ path: base, unreadable: { rule: 'file/not-a-file', message: 'this folder is a link that points outside the repository, so the records in it were not read' } });
    }
  }
  const snapshot: RepoSnapshot = { recordFiles, paths };
  if (options.config) snapshot.config = options.config;
  const strays = findStrays(root, paths, isRecord);
  if (strays.length > 0) snapshot.strays = strays;
  return snapshot;
}

/** At most this many unmatched YAML files are opened to look for a `kind:` line, each only its first bytes. */
const MAX_SNIFFED = 2000;
const SNIFF_BYTES = 8192;
const KIND_LINE = new RegExp(`^kind:[ \\t]*["']?(${RECORD_KINDS.join('|')})["']?[ \\t]*(?:#.*)?$`, 'm');

/**
 * Files a user meant as records that the globs do not match: `risk.YAML` beside `*.yaml`
 * globs, or a YAML file with `kind: risk` outside the record folders. Silence here would let
 * a record the user believes in go unchecked and uncounted.
 */
function findStrays(root: string, paths: ReadonlyMap<string, PathKind>, isRecord: (path: string) => boolean): StrayFile[] {
  const strays: StrayFile[] = [];
  let sniffed = 0;
  for (const [rel, kind] of [...paths].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (kind !== 'file' || rel === CONFIG_FILE || isRecord(rel)) continue;
    const ext = path.posix.extname(rel);
    const lower = ext.toLowerCase();
    if (lower !== '.yaml' && lower !== '.yml') continue;
    if (ext !== lower && isRecord(rel.slice(0, -ext.length) + lower)) {
      strays.push({ path: rel, reason: 'extension' });
      continue;
    }
    if (sniffed++ >= MAX_SNIFFED) continue;
    const head = readHead(path.join(root, rel));
    const m = head === undefined ? null : KIND_LINE.exec(head);
    if (m) strays.push({ path: rel, reason: 'outside', kind: m[1] as string, line: (head as string).slice(0, m.index).split('\n').length });
  }
  return strays;
}

function readHead(file: string): string | undefined {
  let fd: number | undefined;
  try {
    // Non-blocking, and regular files only: a named pipe planted in the repository must not hang the run.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) return undefined;
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const n = readSync(fd, buffer, 0, SNIFF_BYTES, 0);
    return buffer.subarray(0, n).toString('utf8');
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Puts what git said into a snapshot; asked separately, so that git can answer while records are parsed. */
export function addGitFacts(snapshot: RepoSnapshot, facts: GitFacts): void {
  if (facts.revision) snapshot.revision = facts.revision;
  if (facts.history) snapshot.history = facts.history;
  if (facts.log) snapshot.log = facts.log;
  if (facts.problem) snapshot.historyProblem = facts.problem;
}

/**
 * Reads one record file under the reading policy. Synchronous on purpose: local files read in
 * sequence this way are several times faster than awaiting each one, and nothing else runs meanwhile.
 */
function readRecordFile(realRoot: string, root: string, rel: string, maxFileSize: number): RecordFile {
  const read = readRegularFile(realRoot, path.join(root, rel), maxFileSize);
  if ('problem' in read) return { path: rel, unreadable: read.problem };
  const decoded = decodeText(read.bytes);
  return 'text' in decoded ? { path: rel, text: decoded.text, blob: gitBlobId(read.bytes) } : { path: rel, unreadable: decoded.problem };
}

/** The id git gives these bytes (what `git hash-object` prints), so a pack can name each record's exact version. */
function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export { tooLarge } from './read-file.js';
