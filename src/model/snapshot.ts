/** Everything the pure core needs from the outside world, gathered first by workspace/. */

/** A file matched by the record globs: its text, or why it could not be read as text. */
export type RecordFile =
  | { path: string; text: string; /** git's blob id of the bytes on disk, for provenance in packs. */ blob?: string }
  | { path: string; unreadable: FileProblem };

export interface FileProblem {
  rule: 'file/too-large' | 'file/binary' | 'file/encoding' | 'file/not-a-file' | 'file/unreadable';
  message: string;
  /** Where the problem starts, when it has a place (the first invalid UTF-8 byte). */
  line?: number;
  column?: number;
}

/**
 * What a repository path is, as seen without following links out of the root ('special': a
 * FIFO, device or socket; 'unreadable': a cited evidence file that cannot be read or is over
 * max_evidence_size, found when the citations are probed).
 */
export type PathKind = 'file' | 'dir' | 'special' | 'unreadable' | 'link-outside' | 'link-broken';

export interface Revision {
  commit: string;
  short: string;
  branch?: string;
  dirty: boolean;
  /** ISO date-time of the commit. */
  date: string;
  /** The revision asked for with --ref, when the snapshot was read from git objects. */
  ref?: string;
}

/** What git knows about one file: its last change and the commit that first added it (renames followed). */
export interface FileHistory {
  lastCommit: string;
  /** ISO date-time the last change entered the repository (its committer date). */
  lastDate: string;
  /** The author date of that change, as its author (or anyone rewriting it) set it. */
  lastAuthored?: string;
  lastAuthor: string;
  /** git's signature status of that commit (%G?: G good, U good but untrusted key, N none, B bad, E cannot be checked, …) and its signer. */
  lastSignature?: string;
  lastSigner?: string;
  firstCommit: string;
  firstDate: string;
}

/** One commit as git reports it: every field read NUL-separated, so no name can pose as another field. */
export interface CommitInfo {
  commit: string;
  /** ISO date-time the commit entered the repository (committer date): what aims dates changes by. */
  committed: string;
  /** ISO date-time its author gave (author date): anyone can set it, so it is shown, never trusted. */
  authored: string;
  /** git's %G?: G good, B bad, U good but of unknown validity, X/Y expired, R revoked, E cannot be checked, N none. */
  signature: string;
  /** git's %GS: who signed, when signed. */
  signer: string;
  author: string;
}

/** One file changed by a commit, from `git log --raw`: blob ids before and after (all zeros where none). */
export interface LogChange {
  /** A, M, D, T, or R/C with a similarity score (R100: moved unchanged). */
  status: string;
  oldOid: string;
  newOid: string;
  path: string;
  /** For a rename or copy: the path it came from. */
  from?: string;
}

export interface LogCommit extends CommitInfo {
  changes: LogChange[];
}

/**
 * The history of one record (kind and id), decided on its own content: the last commit that
 * changed what the record says (not its file's layout, comments or place).
 */
export interface RecordHistory {
  last: CommitInfo;
  /** That commit is where the record first appeared (created or imported), not an edit of it. */
  added: boolean;
  /** The record's `approved.date` just before that commit (null: it had none, or it did not exist). */
  approvedBefore: string | null;
}

/** Why history-based checks could not run, or are unreliable. */
export type HistoryProblem = 'not-a-repository' | 'no-git' | 'shallow' | 'no-commits' | 'bare';

/** A file that looks like a record but that the `records` globs do not match, so it is not read. */
export interface StrayFile {
  path: string;
  /** `extension`: `.YAML`/`.YML`, matched only in lower case; `outside`: a `kind:` of a record kind outside the globs. */
  reason: 'extension' | 'outside';
  /** For `outside`: the kind it declares, and the line of its `kind:`. */
  kind?: string;
  line?: number;
}

export interface RepoSnapshot {
  /** aims.yaml, when present. */
  config?: { path: string; text: string } | { path: string; unreadable: FileProblem };
  recordFiles: readonly RecordFile[];
  /** Files that look like records but are not read (see StrayFile): warned about, never read as records. */
  strays?: readonly StrayFile[];
  /**
   * What the paths aims looked at are (links not followed out of the root): everything under
   * the base folders of the `records` globs, each cited evidence path (looked at on its own,
   * with the first names of the folder of a missing one), or every path of a git tree with
   * --ref. Answers evidence checks purely; a path not in it does not exist as far as aims knows.
   */
  paths: ReadonlyMap<string, PathKind>;
  revision?: Revision;
  /** The commits that changed record files, newest first (as of the as-of date), for per-record history. */
  log?: readonly LogCommit[];
  /** Per-file git history, keyed by repository-relative path; absent when not asked for or not available. */
  history?: ReadonlyMap<string, FileHistory>;
  historyProblem?: HistoryProblem;
  /** Cited evidence files that are empty or whitespace only (only cited files are looked at). */
  blankFiles?: ReadonlySet<string>;
}
