import { type RecordContent, recordContents } from '../load/record-contents.js';
import type { CommitInfo, LogCommit, RecordHistory } from '../model/snapshot.js';

/** What the walk found: each record's history by key (kind and id), and the records it could not decide. */
export interface RecordHistories {
  byKey: ReadonlyMap<string, RecordHistory>;
  /** Records the walk could not decide (its limits were reached, or a version could not be read): dated by their file's history instead. */
  undecided: ReadonlySet<string>;
  /** Every record the walk was asked about; the others are dated by their file's history. */
  asked: ReadonlySet<string>;
}

/** Reads blobs by id (one process for the whole walk, see workspace/git.ts openObjectReader). */
export type BlobSource = (oids: readonly string[]) => Promise<ReadonlyMap<string, string | undefined>>;

/** The walk reads at most this many file versions and bytes, so that a huge history stays fast. */
export const HISTORY_LIMITS = { blobs: 10_000, bytes: 32 * 1024 * 1024 };

const NONE = /^0+$/;

/**
 * Each record's last change, decided per record: walking the commits newest first, a commit
 * changes a record only when the record's parsed content differs between the file's version
 * before and after it. Moving a record (renaming its file, or into another file in the same
 * commit), reformatting it or editing its comments is not a change. Each record is followed
 * only until its last change is found, so most files cost two versions.
 */
export async function recordHistories(
  log: readonly LogCommit[],
  current: readonly { key: string; file: string }[],
  read: BlobSource,
  limits: { blobs: number; bytes: number } = HISTORY_LIMITS,
): Promise<RecordHistories> {
  const byKey = new Map<string, RecordHistory>();
  const undecided = new Set<string>();
  // Path (as named at this point of the walk) → the records still looked for in it.
  const where = new Map<string, Set<string>>();
  const put = (path: string, key: string): void => {
    const keys = where.get(path);
    if (keys) keys.add(key);
    else where.set(path, new Set([key]));
  };
  const placed = new Set<string>();
  for (const r of current) {
    if (placed.has(r.key)) continue; // a duplicate id is validation's to report; the first one is dated
    placed.add(r.key);
    put(r.file, r.key);
  }
  const parsed = new Map<string, Map<string, RecordContent>>();
  /** Versions that could not be read (missing, or larger than a record file may be): nothing is decided from them. */
  const unreadable = new Set<string>();
  let blobs = 0;
  let bytes = 0;
  /** Reads and parses these versions; false once the limits are reached. */
  const load = async (oids: readonly string[]): Promise<boolean> => {
    const wanted = [...new Set(oids)].filter((o) => !NONE.test(o) && !parsed.has(o));
    if (wanted.length === 0) return true;
    blobs += wanted.length;
    if (blobs > limits.blobs) return false;
    const texts = await read(wanted);
    for (const oid of wanted) {
      const text = texts.get(oid);
      if (text === undefined) unreadable.add(oid);
      bytes += text?.length ?? 0;
      parsed.set(oid, text === undefined ? new Map<string, RecordContent>() : recordContents(oid, text));
    }
    return bytes <= limits.bytes;
  };
  const contents = (oid: string): ReadonlyMap<string, RecordContent> => parsed.get(oid) ?? new Map();
  const decide = (key: string, c: CommitInfo, added: boolean, approvedBefore: string | null): void => {
    byKey.set(key, { last: commitInfo(c), added, approvedBefore });
  };

  for (const c of log) {
    if (where.size === 0) break;
    const touched = c.changes.filter((x) => where.has(x.path));
    if (touched.length === 0) continue;
    if (!(await load(touched.flatMap((x) => [x.oldOid, x.newOid])))) break;
    const appeared: { key: string; now: RecordContent }[] = [];
    for (const x of touched) {
      const keys = where.get(x.path) ?? new Set<string>();
      where.delete(x.path);
      const before = contents(x.oldOid);
      const after = contents(x.newOid);
      if (unreadable.has(x.oldOid) || unreadable.has(x.newOid)) {
        for (const key of keys) undecided.add(key);
        continue;
      }
      for (const key of keys) {
        const now = after.get(key);
        // Not in the committed file: the record exists only on disk, and git cannot date it.
        if (!now) continue;
        const then = before.get(key);
        if (then?.content === now.content) put(x.from ?? x.path, key);
        else if (then) decide(key, c, false, then.approved);
        else appeared.push({ key, now });
      }
    }
    if (appeared.length === 0) continue;
    // A record that appears in one file may have moved from another file in the same commit.
    const others = c.changes.filter((x) => !NONE.test(x.oldOid));
    if (!(await load(others.map((x) => x.oldOid)))) {
      for (const { key } of appeared) undecided.add(key);
      break;
    }
    const blind = others.some((x) => unreadable.has(x.oldOid));
    for (const { key, now } of appeared) {
      const source = others.find((x) => contents(x.oldOid).get(key)?.content === now.content);
      if (source) put(source.from ?? source.path, key);
      // It may have come from a version that could not be read: not decided as new.
      else if (blind) undecided.add(key);
      else decide(key, c, true, null);
    }
  }
  // Still looked for: when the walk stopped early, these are undecided; otherwise they were never committed.
  const stopped = blobs > limits.blobs || bytes > limits.bytes;
  if (stopped) for (const keys of where.values()) for (const key of keys) undecided.add(key);
  return { byKey, undecided, asked: placed };
}

/** The commit's own facts, without the files it changed. */
export function commitInfo(c: CommitInfo): CommitInfo {
  return { commit: c.commit, committed: c.committed, authored: c.authored, signature: c.signature, signer: c.signer, author: c.author };
}
