import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import type * as SimpleGitModule from 'simple-git';
import type { SimpleGit } from 'simple-git';
import { InputError } from '../model/errors.js';
import type { CommitInfo, FileHistory, FileProblem, HistoryProblem, LogCommit, Revision } from '../model/snapshot.js';
import { tooLarge } from './read-file.js';

/**
 * Every question aims asks git goes through this module, built on simple-git. Reading many
 * blobs at once (`--ref`) streams them through one `git cat-file --batch` process, which
 * needs standard input and so uses child_process directly, here and nowhere else.
 */

/**
 * Walks stored by an earlier run (`--cache`), by the commit they start from. A commit and its
 * ancestors never change, so neither does the walk, except for what signatures say: which keys
 * are trusted may have changed since, so every signed commit's signature is checked again.
 */
export interface LogCache {
  get(commit: string): LogCommit[] | undefined;
  set(commit: string, log: readonly LogCommit[]): void;
}

export interface GitFacts {
  revision?: Revision;
  history?: Map<string, FileHistory>;
  /** The commits that changed a file `keep` accepts (default: any), newest first, none after `until`. */
  log?: LogCommit[];
  problem?: HistoryProblem;
}

/**
 * Settings that keep the audited repository's own configuration from running programs while
 * aims reads it: no file-system monitor hook, no pager, no external diff or text conversion,
 * the standard signature verifiers, no colour or signature text mixed into what is parsed,
 * and no replace refs (a local `git replace` would rewrite the history aims judges).
 * Given on the command line, they win over the repository's .git/config.
 */
export const SAFE_CONFIG: readonly string[] = [
  'core.fsmonitor=false',
  'core.useReplaceRefs=false',
  'core.pager=cat',
  'pager.log=false',
  'pager.status=false',
  'diff.external=',
  'gpg.program=gpg',
  'gpg.ssh.program=ssh-keygen',
  'gpg.x509.program=gpgsm',
  'log.showSignature=false',
  'color.ui=false',
  'core.quotePath=false',
  'i18n.logOutputEncoding=UTF-8',
];

// simple-git is loaded when aims first asks git, not with this module: `aims validate` without
// --ref never does, and loading it costs about as much as checking a small repository.
const require = createRequire(import.meta.url);

function gitAt(root: string): SimpleGit {
  const { simpleGit } = require('simple-git') as typeof SimpleGitModule;
  return simpleGit({
    baseDir: root,
    trimmed: false,
    config: [...SAFE_CONFIG],
    // simple-git refuses these keys unless allowed; we set them to their harmless values.
    unsafe: { allowUnsafeFsMonitor: true, allowUnsafePager: true, allowUnsafeDiffExternal: true, allowUnsafeGpgProgram: true },
  });
}

/** The same settings as arguments, for git processes started without simple-git. */
function safeArgs(): string[] {
  return SAFE_CONFIG.flatMap((c) => ['-c', c]);
}

/**
 * The revision of `root` (or of `ref`) and, when asked, the history of every file below it
 * from ONE `git log` walk, never one process per file. Outside a repository, or without git
 * installed, it says so instead of failing.
 */
export async function readGitFacts(root: string, options: GitFactsOptions): Promise<GitFacts> {
  const { now, history } = await readGitFactsStaged(root, options);
  return history ? { ...now, ...(await history) } : now;
}

export interface GitFactsOptions {
  history: boolean;
  ref?: string;
  ignoreForDirty?: readonly string[];
  until?: string;
  keep?: (path: string) => boolean;
  logCache?: LogCache;
}

/**
 * The same facts in two steps: the revision as soon as git has said it, and the history (the
 * walk, which takes longest) as a promise, so that a caller can read the commit's files meanwhile.
 */
export async function readGitFactsStaged(root: string, options: GitFactsOptions): Promise<{ now: GitFacts; history?: Promise<Pick<GitFacts, 'history' | 'log'>> }> {
  const git = gitAt(root);
  let head: string[];
  try {
    head = (await git.raw(['rev-parse', '--is-inside-work-tree', '--is-bare-repository', '--is-shallow-repository', '--show-prefix'])).trim().split('\n');
  } catch (error) {
    if (isDubiousOwnership(error)) throw dubiousOwnership(root);
    return { now: { problem: isMissingGit(error) ? 'no-git' : 'not-a-repository' } };
  }
  const bare = head[1] === 'true';
  // A bare repository has no working tree to read, but its commits can be read with --ref.
  if (head[0] !== 'true' && !(bare && options.ref !== undefined)) return { now: { problem: bare ? 'bare' : 'not-a-repository' } };
  const shallow = head[2] === 'true';
  // Asked at once rather than one after another: each is its own git process, and the records are parsed meanwhile.
  const [found, signers] = await Promise.all([readRevision(git, options.ref, options.ignoreForDirty ?? []), options.history ? trustedSigners(git) : '']);
  // The walk starts as soon as the commit is known, while git status still looks at the working tree.
  const walk = options.history && found ? walkFrom(git, found.revision.commit, signers, { shallow, topLevel: (head[3] ?? '') === '', logCache: options.logCache }) : undefined;
  walk?.catch(() => undefined); // its failure, if any, is reported where it is awaited
  const facts: GitFacts = {};
  if (found) {
    facts.revision = found.revision;
    found.revision.dirty = await found.dirty;
  } else facts.problem = 'no-commits';
  if (shallow) facts.problem = 'shallow';
  if (!walk) return { now: facts };
  const keep = options.keep ?? (() => true);
  const history = walk.then((log) => ({
    history: fileHistory(log, options.until),
    log: log.filter((c) => !after(c, options.until) && c.changes.some((x) => keep(x.path) || (x.from !== undefined && keep(x.from)))),
  }));
  history.catch(() => undefined); // reported where it is awaited
  return { now: facts, history };
}

/** The walk from `commit`: as stored by an earlier run (signatures checked again), or read from git. */
async function walkFrom(git: SimpleGit, commit: string, signers: string, options: { shallow: boolean; topLevel: boolean; logCache: LogCache | undefined }): Promise<LogCommit[]> {
  // A shallow clone's walk stops at its graft: the same commit walks further once deepened, so it is never stored or reused.
  const logCache = options.shallow ? undefined : options.logCache;
  const stored = logCache?.get(commit);
  const fresh = stored ? await withSignaturesNow(git, stored, signers) : undefined;
  if (fresh) return fresh;
  const log = await readLog(git, commit, signers, options);
  logCache?.set(commit, log);
  return log;
}

function isDubiousOwnership(error: unknown): boolean {
  return /dubious ownership/i.test(error instanceof Error ? error.message : String(error));
}

/** git's refusal to read a repository owned by someone else, said as what it is (exit 2). */
function dubiousOwnership(root: string): InputError {
  return new InputError(
    `git refuses to read ${root}: the repository is owned by another user ("dubious ownership"), so aims cannot see its history or commit`,
    `if you trust this repository, run: git config --global --add safe.directory ${root}`,
  );
}

/** The commit a revision names, and (for the working tree) whether anything is uncommitted, which git answers later. */
interface FoundRevision {
  revision: Revision;
  dirty: Promise<boolean>;
}

async function readRevision(git: SimpleGit, ref: string | undefined, ignore: readonly string[]): Promise<FoundRevision | undefined> {
  let target = 'HEAD';
  if (ref !== undefined) {
    // Resolve the user's revision first, as data after --end-of-options: a "revision" such as
    // --output=x must never reach git as an option, and a tree or file is not a commit.
    try {
      target = (await git.raw(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`])).trim();
    } catch {
      target = '';
    }
    if (!/^[0-9a-f]{40,64}$/.test(target)) throw new InputError(`unknown revision "${ref}"`, 'name a commit, tag or branch of this repository');
  }
  // A commit read from git objects has no uncommitted changes by definition; the working tree's
  // status is asked while the commit is (--no-optional-locks: a plain status may rewrite
  // .git/index to refresh its stat cache; aims only reads).
  const excludes = ignore.map((p) => `:(exclude)${p}`);
  const status = ref === undefined ? git.raw(['--no-optional-locks', 'status', '--porcelain', '--untracked-files=normal', '--ignore-submodules=all', '--', '.', ...excludes]) : undefined;
  status?.catch(() => undefined); // its failure, if any, is reported where it is awaited
  let line: string;
  try {
    line = (await git.raw(['log', '-1', '--no-color', '--format=%H%x00%h%x00%cI%x00%D', target, '--'])).trim();
  } catch {
    return undefined; // a repository without commits
  }
  if (!line) return undefined;
  const [commit = '', short = '', date = '', refs = ''] = line.split('\0');
  const branch = /HEAD -> ([^,]+)/.exec(refs)?.[1];
  const revision: Revision = { commit, short, date, dirty: false };
  if (branch && ref === undefined) revision.branch = branch;
  if (ref !== undefined) revision.ref = ref;
  const dirty = status ? status.then((out) => out.trim().length > 0) : Promise.resolve(false);
  dirty.catch(() => undefined); // as status: reported where it is awaited
  return { revision, dirty };
}

/** How the walk may be split: into at most `parts` ranges of at least `minCommits` commits each. */
export interface WalkSplit {
  parts: number;
  minCommits: number;
}

/** One range per core (up to four), so that git diffs a long history on every core at once. */
const WALK_SPLIT: WalkSplit = { parts: Math.min(availableParallelism(), 4), minCommits: 1000 };

/**
 * One walk, newest first; `--relative` makes paths relative to the root even inside a larger
 * repository. Every field is NUL-separated (`-z`, `%x00`): NUL is the one byte a name, an
 * e-mail or a path cannot hold, so no crafted author name can pose as a date or a commit.
 *
 * The walk is git's own cost: a diff of every commit against its parent. Two things make it
 * cheaper without changing what it says, both only for a history without merges, where the
 * commits form one line and `git log` prints them in that order, whatever their dates:
 * - the line is cut into ranges read by several git processes at once, put back in order;
 * - at the root of the repository, the pathspec `.` (which matches every file) is left out.
 *   With it, git compares every commit's tree with its parent's a second time, to leave out
 *   commits that change nothing (as long again as the diff on a large flat folder); without
 *   it, those commits come with no changed files, and are left out here instead.
 * With merges, git's history simplification decides which side of a merge is walked, so the
 * walk is one `git log -- .`, as it always was.
 */
async function readLog(git: SimpleGit, commit: string, signers: string, where: { shallow: boolean; topLevel: boolean }, split: WalkSplit = WALK_SPLIT): Promise<LogCommit[]> {
  const args = ['-c', `gpg.ssh.allowedSignersFile=${signers}`, 'log', '-z', '--raw', '--no-abbrev', '--no-ext-diff', '--no-textconv', '--no-color', '--root', '-M', '--relative', `--format=${HISTORY_FORMAT}`];
  // A shallow clone's line ends at its graft: read as it always was.
  const length = where.shallow ? undefined : await lineLength(git, commit);
  if (length === undefined) return parseLog(await git.raw([...args, commit, '--', '.']));
  const paths = where.topLevel ? [] : ['.'];
  const parts = await Promise.all(walkRanges(commit, length, split).map((range) => git.raw([...args, ...range, '--', ...paths])));
  const log = parts.flatMap((out) => parseLog(out));
  return where.topLevel ? log.filter((c) => c.changes.length > 0) : log;
}

/** How many commits lead from `commit` back to its root when none of them is a merge; undefined when one is (or git cannot say). */
async function lineLength(git: SimpleGit, commit: string): Promise<number | undefined> {
  let out: string;
  try {
    // Each commit with its parents, one line each: about 80 bytes a commit, a small part of what the walk itself prints.
    out = await git.raw(['rev-list', '--parents', commit, '--']);
  } catch {
    return undefined;
  }
  const lines = out.split('\n').filter((line) => line !== '');
  // A line with more than one parent is a merge.
  return lines.length > 0 && lines.every((line) => line.split(' ').length <= 2) ? lines.length : undefined;
}

/**
 * The revision ranges that cut a line of `length` commits ending at `commit` into parts,
 * newest first: `C~k..C`, `C~m..C~k`, …, `C~n` (`~k`: k commits back along the line).
 */
export function walkRanges(commit: string, length: number, split: WalkSplit): string[][] {
  const parts = Math.max(1, Math.min(split.parts, Math.floor(length / Math.max(1, split.minCommits))));
  const size = Math.ceil(length / parts);
  const at = (k: number): string => (k === 0 ? commit : `${commit}~${k}`);
  const ranges: string[][] = [];
  for (let k = 0; k < length; k += size) ranges.push(k + size < length ? [`${at(k + size)}..${at(k)}`] : [at(k)]);
  return ranges;
}

/**
 * The walk of history from `commit` as readGitFacts reads it (signatures checked against no
 * allowed-signers file), split as asked: what one plain `git log -- .` says, read faster.
 */
export async function readHistoryWalk(root: string, commit: string, split?: WalkSplit): Promise<LogCommit[]> {
  const git = gitAt(root);
  const [shallow = '', prefix = ''] = (await git.raw(['rev-parse', '--is-shallow-repository', '--show-prefix'])).trim().split('\n');
  return readLog(git, commit, '', { shallow: shallow === 'true', topLevel: prefix === '' }, split);
}

/**
 * The SSH allowed-signers file that decides which signatures are good: the user's or the
 * machine's, never the audited repository's own (.git/config could otherwise trust any key it
 * likes, and every commit would verify as good). Empty when there is none: then no SSH
 * signature can be checked. GPG trust lives in the user's keyring, outside the repository.
 */
async function trustedSigners(git: SimpleGit): Promise<string> {
  let out: string;
  try {
    out = await git.raw(['config', '--show-scope', '--type=path', '--get-all', 'gpg.ssh.allowedSignersFile']);
  } catch {
    return ''; // not set anywhere: git config exits 1
  }
  const trusted = out
    .split('\n')
    .map((line) => line.split('\t'))
    .filter(([scope = '']) => scope === 'global' || scope === 'system')
    .map(([, value = '']) => value);
  return trusted[trusted.length - 1] ?? '';
}

/**
 * A stored walk with the signature of every signed commit checked again, as the walk would
 * check it now (a commit without one, N, stays without). Undefined when git does not answer
 * for each of them: then the walk is read afresh.
 */
async function withSignaturesNow(git: SimpleGit, log: readonly LogCommit[], signers: string): Promise<LogCommit[] | undefined> {
  const signed = log.filter((c) => c.signature !== 'N').map((c) => c.commit);
  const now = new Map<string, { signature: string; signer: string }>();
  // In slices, so that no command line grows past what the system allows.
  for (let i = 0; i < signed.length; i += 1000) {
    let out: string;
    try {
      out = await git.raw(['-c', `gpg.ssh.allowedSignersFile=${signers}`, 'log', '-z', '--no-walk=unsorted', '--no-color', '--format=%H%x00%G?%x00%GS', ...signed.slice(i, i + 1000), '--']);
    } catch {
      return undefined;
    }
    const tokens = out.split('\0');
    for (let t = 0; t + 2 < tokens.length; t += 3) now.set((tokens[t] ?? '').replace(/^\n+/, ''), { signature: tokens[t + 1] ?? '', signer: tokens[t + 2] ?? '' });
  }
  if (signed.some((commit) => !now.has(commit))) return undefined;
  return log.map((c) => {
    const checked = now.get(c.commit);
    return checked ? { ...c, ...checked } : c;
  });
}

/** Commit, committer date, author date, signature status, signer, author: six NUL-ended fields. */
const HISTORY_FORMAT = '%H%x00%cI%x00%aI%x00%G?%x00%GS%x00%an';

/**
 * The walk as a list of commits, newest first, each with the files it changed: status, the
 * blob ids before and after (all zeros where the file did not exist), the path and, for a
 * rename or copy, the path it came from. Nothing is decided here; see fileHistory.
 */
export function parseLog(log: string): LogCommit[] {
  const commits: LogCommit[] = [];
  const tokens = log.split('\0');
  let i = 0;
  const next = (): string => tokens[i++] ?? '';
  while (i < tokens.length) {
    const hash = next().replace(/^\n+/, '');
    if (!/^[0-9a-f]{40,64}$/.test(hash)) continue; // the empty tail after the last NUL
    const c: LogCommit = { commit: hash, committed: next(), authored: next(), signature: next(), signer: next(), author: next(), changes: [] };
    while (i < tokens.length && (tokens[i] ?? '').replace(/^\n+/, '').startsWith(':')) {
      // ":100644 100644 <old blob> <new blob> M"
      const [, , oldOid = '', newOid = '', status = ''] = next().trim().split(' ');
      if (/^[RC]/.test(status)) {
        const from = next();
        c.changes.push({ status, oldOid, newOid, from, path: next() });
      } else {
        c.changes.push({ status, oldOid, newOid, path: next() });
      }
    }
    commits.push(c);
  }
  return commits;
}

/** Per-file history from the raw walk (see fileHistory). */
export function parseHistory(log: string, until?: string): Map<string, FileHistory> {
  return fileHistory(parseLog(log), until);
}

/**
 * What git knows about each file, from the walk newest commit first. A rename carries the
 * older history over to the file's current path; a pure move (R100: same content) is not a
 * change of the file; an add or a delete ends the path's history, so a file re-created at an
 * old path is not dated by the file that lived there before. Changes are dated by the
 * committer date, when they entered the repository; with `until` (YYYY-MM-DD), commits made
 * after that day are left out.
 */
export function fileHistory(commits: readonly LogCommit[], until?: string): Map<string, FileHistory> {
  const history = new Map<string, FileHistory>();
  // What each name, as older commits use it, is called now; DEAD where it named another file.
  const nameNow = new Map<string, string>();
  const DEAD = '\u0000';
  const current = (name: string): string => nameNow.get(name) ?? name;
  const record = (path: string, c: CommitInfo): void => {
    if (!path || path === DEAD) return;
    const seen = history.get(path);
    if (seen) {
      seen.firstCommit = c.commit;
      seen.firstDate = c.committed;
    } else {
      history.set(path, {
        lastCommit: c.commit,
        lastDate: c.committed,
        lastAuthored: c.authored,
        lastAuthor: c.author,
        lastSignature: c.signature,
        lastSigner: c.signer,
        firstCommit: c.commit,
        firstDate: c.committed,
      });
    }
  };
  for (const c of commits) {
    if (after(c, until)) continue;
    for (const change of c.changes) {
      const { status, path: name } = change;
      if (status.startsWith('R') && change.from !== undefined) {
        const now = current(name);
        if (status !== 'R100') record(now, c);
        nameNow.set(name, DEAD); // before this commit, `name` was some other file's name (or none)
        nameNow.set(change.from, now);
        continue;
      }
      if (status !== 'D') record(current(name), c);
      // Before an add, and at a delete, the name belonged to an earlier file.
      if (status === 'A' || status === 'D') nameNow.set(name, DEAD);
    }
  }
  return history;
}

/** Whether a commit entered the repository after the day `until` (YYYY-MM-DD, UTC). */
export function after(c: CommitInfo, until: string | undefined): boolean {
  return until !== undefined && utcDay(c.committed) > until;
}

function utcDay(isoDateTime: string): string {
  const time = Date.parse(isoDateTime);
  return Number.isNaN(time) ? '' : new Date(time).toISOString().slice(0, 10);
}

/** Git C-quotes a path with unusual characters ("a\"b.yaml", octal escapes for bytes); undo it. */
export function unquotePath(path: string): string {
  if (!(path.length >= 2 && path.startsWith('"') && path.endsWith('"'))) return path;
  const bytes: number[] = [];
  const body = path.slice(1, -1);
  const simple: Readonly<Record<string, number>> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '\\': 92, '"': 34 };
  for (let i = 0; i < body.length; i++) {
    const c = body[i] as string;
    if (c !== '\\') {
      bytes.push(...Buffer.from(c, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
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
export async function readBlobs(root: string, oids: readonly string[]): Promise<Map<string, Buffer>> {
  const objects = await readObjects(root, oids);
  const blobs = new Map<string, Buffer>();
  for (const [oid, bytes] of objects) {
    if (!bytes) throw new Error(`git object ${oid} is missing`);
    blobs.set(oid, bytes);
  }
  return blobs;
}

type StreamAnswer = { bytes: number } | { problem: FileProblem };

interface StreamRequest {
  oid: string;
  limit: number;
  onChunk: (chunk: Buffer) => void;
  done: (answer: StreamAnswer | Error) => void;
}

/** Above this many unwanted bytes left in an answer, the process is stopped rather than read past. */
const SKIP_LIMIT = 1024 * 1024;

/**
 * Streams one blob to `onChunk` through `git cat-file --batch`: git first answers the object's
 * type and size, so an object that is not a blob (a tree, a submodule's commit) or is larger
 * than `limit` is refused before a byte of it is read, and the content then passes through in
 * the pipe's chunks, never held whole. The same refusals as streamRegularFile gives a file.
 * Requests for one repository share one process, one blob at a time (a pack of 2,000 evidence
 * files is not 4,000 processes); it ends once nothing has been asked for a moment.
 */
export function streamBlob(root: string, oid: string, limit: number, onChunk: (chunk: Buffer) => void): Promise<StreamAnswer> {
  let streamer = blobStreamers.get(root);
  if (!streamer) {
    streamer = blobStreamer(root, () => blobStreamers.delete(root));
    blobStreamers.set(root, streamer);
  }
  const ask = streamer;
  return new Promise((resolve, reject) => ask({ oid, limit, onChunk, done: (a) => (a instanceof Error ? reject(a) : resolve(a)) }));
}

const blobStreamers = new Map<string, (request: StreamRequest) => void>();

function blobStreamer(root: string, onIdle: () => void): (request: StreamRequest) => void {
  const queue: StreamRequest[] = [];
  let child: ChildProcessWithoutNullStreams | undefined;
  let current: StreamRequest | undefined;
  let header = Buffer.alloc(0);
  let size = -1;
  let seen = 0;
  /** Bytes of the previous answer still to pass by (its unwanted rest and the newline after it). */
  let skipping = 0;
  let idle: NodeJS.Timeout | undefined;

  const stop = (): void => {
    const c = child;
    child = undefined;
    skipping = 0;
    c?.kill();
  };
  const finish = (answer: StreamAnswer | Error, unread: number): void => {
    const request = current;
    current = undefined;
    if (unread > SKIP_LIMIT || answer instanceof Error) stop();
    else skipping = unread;
    request?.done(answer);
    next();
  };
  const next = (): void => {
    if (current) return;
    current = queue.shift();
    hold(current !== undefined);
    if (!current) {
      // Idle: the process no longer keeps aims alive, and ends if nothing is asked for a while
      // (a pack asks again after rendering its pages).
      idle = setTimeout(() => {
        if (current || queue.length > 0) return;
        child?.stdin.end();
        child = undefined;
        onIdle();
      }, 2000).unref();
      return;
    }
    clearTimeout(idle);
    header = Buffer.alloc(0);
    size = -1;
    seen = 0;
    if (!child) {
      start();
      hold(true);
    }
    child?.stdin.write(`${current.oid}\n`);
  };
  /** While a blob is asked for, the process and its pipes keep aims running; idle, they do not. */
  const hold = (busy: boolean): void => {
    if (!child) return;
    for (const handle of [child, child.stdin, child.stdout, child.stderr] as unknown as { ref(): void; unref(): void }[]) {
      if (busy) handle.ref();
      else handle.unref();
    }
  };
  const onData = (data: Buffer): void => {
    let chunk = data;
    const from = child; // once it is stopped, the rest of its output is nobody's answer
    while (chunk.length > 0 && child === from) {
      if (skipping > 0) {
        const n = Math.min(skipping, chunk.length);
        skipping -= n;
        chunk = chunk.subarray(n);
        continue;
      }
      const request = current;
      if (!request) return; // nothing was asked: git says nothing unasked
      if (size < 0) {
        header = Buffer.concat([header, chunk]);
        const newline = header.indexOf(10);
        if (newline === -1) {
          if (header.length > 512) finish(new Error('git cat-file answered no header'), 0);
          return;
        }
        const [, type = '', sizeText = ''] = header.subarray(0, newline).toString('utf8').split(' ');
        chunk = header.subarray(newline + 1);
        const refusal = blobRefusal(type, sizeText, request.limit);
        if (refusal) {
          // A missing object has no content; anything else is passed by (or the process stopped).
          finish(refusal, type === 'missing' || sizeText === '' ? 0 : Number(sizeText) + 1);
          continue;
        }
        size = Number(sizeText);
      }
      // The content is followed by a newline, which is not part of it.
      const body = chunk.subarray(0, size - seen);
      chunk = chunk.subarray(body.length);
      seen += body.length;
      try {
        if (body.length > 0) request.onChunk(body);
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)), size - seen + 1);
        continue;
      }
      if (seen === size) finish({ bytes: size }, 1);
    }
  };
  const start = (): ChildProcessWithoutNullStreams => {
    const c = spawn('git', [...safeArgs(), 'cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
    child = c;
    let stderr = '';
    c.stdout.on('data', (data: Buffer) => {
      if (child === c) onData(data);
    });
    c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    c.stdin.on('error', () => undefined); // reported through 'close'
    const ended = (why: string): void => {
      if (child !== c) return;
      child = undefined;
      const failure = new Error(`git cat-file ended after ${seen} bytes (${why}): ${stderr.trim()}`);
      for (const r of queue.splice(0)) r.done(failure);
      if (current) finish(failure, 0);
    };
    c.on('error', (e) => ended(e.message));
    c.on('close', (code) => ended(`exit ${String(code)}`));
    return c;
  };
  return (request) => {
    queue.push(request);
    next();
  };
}

/** Why git's answer of type and size for an object means it is not streamed (undefined: it is a blob within the limit). */
function blobRefusal(type: string, sizeText: string, limit: number): { problem: FileProblem } | Error | undefined {
  if (type === 'missing' || sizeText === '') return { problem: { rule: 'file/unreadable', message: 'the commit does not hold this object' } };
  if (type !== 'blob') return { problem: { rule: 'file/not-a-file', message: `this is a git ${type}, not a file; it was not read` } };
  const size = Number(sizeText);
  if (!Number.isSafeInteger(size)) return new Error(`git cat-file answered the size "${sizeText.slice(0, 40)}"`);
  if (size > limit) return { problem: tooLarge(size, limit) };
  return undefined;
}

/**
 * Objects by any name git understands (an id, or `commit^:./path`), through one
 * `git cat-file --batch`; a name that resolves to nothing maps to undefined.
 */
export async function readObjects(root: string, names: readonly string[]): Promise<Map<string, Buffer | undefined>> {
  if (names.length === 0) return new Map();
  const reader = openObjectReader(root);
  try {
    return await reader.read(names);
  } finally {
    reader.close();
  }
}

export interface ObjectReader {
  /** Objects by name; may be called again with more names, answered by the same process. */
  read(names: readonly string[]): Promise<Map<string, Buffer | undefined>>;
  close(): void;
}

/**
 * One `git cat-file --batch` process for as many rounds of questions as the caller needs (a
 * walk over history decides what to read next from what it has read): one process per
 * command, never one per file or per version.
 */
export function openObjectReader(root: string, options: { maxSize?: number } = {}): ObjectReader {
  const maxSize = options.maxSize ?? Infinity;
  /** Bytes of an over-size object still to pass by unkept (its content and the newline after it). */
  let skipping = 0;
  const child = spawn('git', [...safeArgs(), 'cat-file', '--batch'], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  let buffer: Buffer = Buffer.alloc(0);
  let stderr = '';
  let failure: Error | undefined;
  /** Names asked for and not yet answered, in order, with where their answers go. */
  const waiting: { name: string; done: (bytes: Buffer | undefined) => void; fail: (e: Error) => void }[] = [];
  const failAll = (error: Error): void => {
    failure = error;
    for (const w of waiting.splice(0)) w.fail(error);
  };
  const drain = (): void => {
    while (waiting.length > 0 || skipping > 0) {
      if (skipping > 0) {
        const n = Math.min(skipping, buffer.length);
        buffer = buffer.subarray(n);
        skipping -= n;
        if (skipping > 0) return;
        continue;
      }
      const newline = buffer.indexOf(10);
      if (newline === -1) return;
      const header = buffer.subarray(0, newline).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        buffer = buffer.subarray(newline + 1);
        waiting.shift()?.done(undefined);
        continue;
      }
      const size = Number(header.split(' ')[2]);
      if (!Number.isSafeInteger(size)) {
        failAll(new Error(`git cat-file answered "${header.slice(0, 80)}"`));
        return;
      }
      if (size > maxSize) {
        // Too large to hold (an old version may be far larger than today's file): answered as unreadable, never buffered whole.
        buffer = buffer.subarray(newline + 1);
        skipping = size + 1;
        waiting.shift()?.done(undefined);
        continue;
      }
      if (buffer.length < newline + 1 + size + 1) return; // the content is followed by a newline
      const bytes = Buffer.from(buffer.subarray(newline + 1, newline + 1 + size));
      buffer = buffer.subarray(newline + 1 + size + 1);
      waiting.shift()?.done(bytes);
    }
  };
  child.stdout.on('data', (c: Buffer) => {
    buffer = buffer.length === 0 ? c : Buffer.concat([buffer, c]);
    drain();
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  child.on('error', (e) => failAll(e));
  child.on('close', (code) => {
    if (waiting.length > 0) failAll(new Error(`git cat-file failed${code !== 0 ? ` (exit ${code})` : ''}: ${stderr.trim()}`));
  });
  child.stdin.on('error', () => undefined); // reported through 'close'
  return {
    read(names) {
      const unique = [...new Set(names)].filter((n) => n !== '' && !n.includes('\n'));
      if (failure) return Promise.reject(failure);
      const answers = unique.map(
        (name) => new Promise<[string, Buffer | undefined]>((resolve, reject) => waiting.push({ name, done: (bytes) => resolve([name, bytes]), fail: reject })),
      );
      if (unique.length > 0) child.stdin.write(unique.join('\n') + '\n');
      return Promise.all(answers).then((pairs) => new Map(pairs));
    },
    close() {
      child.stdin.end();
    },
  };
}

/**
 * When HEAD was committed after `asOf` (YYYY-MM-DD, UTC): the last commit made on or before
 * that day, which is what the repository held then. Undefined when HEAD is not later (or
 * outside a repository with commits); 'none' when nothing was committed by then.
 */
export async function commitAsOf(root: string, asOf: string): Promise<{ commit: string; date: string } | 'none' | undefined> {
  let git: SimpleGit;
  let headDate: string;
  try {
    git = gitAt(root);
    headDate = (await git.raw(['log', '-1', '--format=%cI', 'HEAD', '--'])).trim();
  } catch (error) {
    if (isDubiousOwnership(error)) throw dubiousOwnership(root);
    return undefined;
  }
  if (!headDate || utcDay(headDate) <= asOf) return undefined;
  const line = (await git.raw(['rev-list', '-1', '--format=%H%x00%cI', '--no-commit-header', `--before=${asOf}T23:59:59Z`, 'HEAD'])).trim();
  if (!line) return 'none';
  const [commit = '', date = ''] = line.split('\0');
  return { commit, date };
}

function isMissingGit(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /ENOENT|not found|spawn git/i.test(text);
}

/**
 * The files git tracks below `dir` (relative to it), or undefined when `dir` is not in a git
 * work tree or git is missing: `aims discover` reads only what the repository holds.
 */
export async function listTrackedFiles(dir: string): Promise<string[] | undefined> {
  const git = gitAt(dir);
  try {
    if ((await git.raw(['rev-parse', '--is-inside-work-tree'])).trim() !== 'true') return undefined;
    const out = await git.raw(['-c', 'core.quotePath=false', 'ls-files', '-z', '--cached', '--', '.']);
    return out.split('\0').filter((p) => p !== '');
  } catch {
    return undefined;
  }
}

/** The fetch URLs of every remote of the repository holding `dir` (none outside git). */
export async function remoteUrls(dir: string): Promise<string[]> {
  try {
    const out = await gitAt(dir).raw(['config', '--get-regexp', '^remote\\..*\\.url$']);
    return out
      .split('\n')
      .map((line) => line.slice(line.indexOf(' ') + 1).trim())
      .filter((url) => url !== '');
  } catch {
    return []; // no remotes: git config exits 1
  }
}
