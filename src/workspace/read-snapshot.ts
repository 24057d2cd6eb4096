import { createHash } from 'node:crypto';
import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE } from '../model/config.js';
import type { FileProblem, RecordFile, RepoSnapshot } from '../model/snapshot.js';
import { decodeText } from './decode-text.js';
import { indexFiles } from './file-index.js';
import type { GitFacts } from './git.js';
import { globMatcher } from './match-globs.js';

export interface SnapshotOptions {
  records: readonly string[];
  maxFileSize: number;
  /** aims.yaml as already read by readConfigFile, so it is read once. */
  config?: RepoSnapshot['config'];
}

/** Reads aims.yaml, if there is one. */
export async function readConfigFile(root: string): Promise<RepoSnapshot['config']> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(root, CONFIG_FILE));
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    if (isErrno(error, 'EISDIR')) {
      return { path: CONFIG_FILE, unreadable: { rule: 'file/not-a-file', message: `${CONFIG_FILE} is a directory` } };
    }
    return { path: CONFIG_FILE, unreadable: { rule: 'file/unreadable', message: describeError(error) } };
  }
  const decoded = decodeText(bytes);
  return 'text' in decoded ? { path: CONFIG_FILE, text: decoded.text } : { path: CONFIG_FILE, unreadable: decoded.problem };
}

/** Gathers the files the core needs: every record file's text and the index of repository paths. */
export async function readSnapshot(root: string, options: SnapshotOptions): Promise<RepoSnapshot> {
  const paths = await indexFiles(root);
  const isRecord = globMatcher(options.records);
  const matched = [...paths.keys()].filter((p) => p !== CONFIG_FILE && isRecord(p)).sort();
  const recordFiles: RecordFile[] = [];
  for (const rel of matched) {
    const kind = paths.get(rel);
    if (kind === 'dir') {
      recordFiles.push({ path: rel, unreadable: { rule: 'file/not-a-file', message: 'this is a directory, not a record file' } });
    } else if (kind === 'link-outside' || kind === 'link-broken') {
      const why = kind === 'link-outside' ? 'a link that points outside the repository' : 'a broken link';
      recordFiles.push({ path: rel, unreadable: { rule: 'file/not-a-file', message: `this is ${why}; it was not read` } });
    } else {
      recordFiles.push(readRecordFile(root, rel, options.maxFileSize));
    }
  }
  const snapshot: RepoSnapshot = { recordFiles, paths };
  if (options.config) snapshot.config = options.config;
  return snapshot;
}

/** Puts what git said into a snapshot; asked separately, so that git can answer while records are parsed. */
export function addGitFacts(snapshot: RepoSnapshot, facts: GitFacts): void {
  if (facts.revision) snapshot.revision = facts.revision;
  if (facts.history) snapshot.history = facts.history;
  if (facts.problem) snapshot.historyProblem = facts.problem;
}

/**
 * Reads one record file. Synchronous on purpose: local files read in sequence this way are
 * several times faster than awaiting each one, and nothing else runs meanwhile. The size is
 * checked on the open handle, so a huge file is refused without being read.
 */
function readRecordFile(root: string, rel: string, maxFileSize: number): RecordFile {
  let fd: number | undefined;
  try {
    fd = openSync(path.join(root, rel), 'r');
    const { size } = fstatSync(fd);
    if (size > maxFileSize) return { path: rel, unreadable: tooLarge(size, maxFileSize) };
    const bytes = readFileSync(fd);
    const decoded = decodeText(bytes);
    return 'text' in decoded ? { path: rel, text: decoded.text, blob: gitBlobId(bytes) } : { path: rel, unreadable: decoded.problem };
  } catch (error) {
    return { path: rel, unreadable: { rule: 'file/unreadable', message: describeError(error) } };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** The id git gives these bytes (what `git hash-object` prints), so a pack can name each record's exact version. */
function gitBlobId(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

export function tooLarge(size: number, limit: number): FileProblem {
  // Readable units; bytes when rounding would hide the difference ("0.0 MB, over the 0.0 MB limit").
  const unit = (n: number): string =>
    n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
  let [actual, allowed] = [unit(size), unit(limit)];
  if (actual === allowed) [actual, allowed] = [`${size} bytes`, `${limit} bytes`];
  return {
    rule: 'file/too-large',
    message: `file is ${actual}, over the ${allowed} limit; split it, or raise max_file_size in aims.yaml`,
  };
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === code;
}

function describeError(error: unknown): string {
  const code = error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot be read (${code ?? String(error)})`;
}
