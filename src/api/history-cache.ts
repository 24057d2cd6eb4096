import { commitInfo, type RecordHistories } from '../analyse/record-history.js';
import type { LogCommit, RecordHistory } from '../model/snapshot.js';
import { cacheKey, contentHash } from '../validate/cached-checks.js';
import { type CacheFileOptions, readCacheFile, writeCacheFile } from '../workspace/cache-file.js';
import type { LogCache } from '../workspace/git.js';

/**
 * The history half of `aims gap --cache`: the walk of git history from HEAD and each record's
 * history found on it, kept beside the checks cache (its name + `.history`), signed the same
 * way. A commit and its ancestors never change, so the walk is stored by the commit it starts
 * from; record histories are stored under a key of everything they are worked out from (that
 * commit, the as-of date, the records followed and where, the walk's limits, the record globs
 * and max_file_size). Signatures are never taken from the cache: git checks every signed commit
 * again (see workspace/git.ts LogCache), and record histories take theirs from that walk.
 */
export interface HistoryCache extends LogCache {
  /** Record histories stored under `key`, with their commits as `log` has them now; undefined when not stored. */
  records(key: string, log: readonly LogCommit[]): RecordHistories | undefined;
  storeRecords(key: string, histories: RecordHistories): void;
  /** Writes the cache when something new was worked out; a warning when it could not be. */
  save(): string | undefined;
  /** Why the stored cache could not be used (one line). */
  warning?: string;
}

interface Body {
  head: string;
  log: LogCommit[];
  records?: StoredRecords;
}

interface StoredRecords {
  key: string;
  /** Each decided record: key, its last change's commit, added, approvedBefore. */
  byKey: [string, string, boolean, string | null][];
  undecided: string[];
  asked: string[];
}

/** A key for record histories from the inputs that decide them. */
export function recordsKey(parts: unknown): string {
  return contentHash(JSON.stringify(parts));
}

export function openHistoryCache(options: CacheFileOptions, version: string, root: string): HistoryCache {
  const file = { ...options, file: `${options.file}.history` };
  const key = cacheKey([version, 'history', root]);
  const read = readCacheFile(file, key);
  let body = parse(read.body?.toString('utf8'));
  let changed = false;
  const cache: HistoryCache = {
    get: (commit) => (body?.head === commit ? body.log : undefined),
    set(commit, log) {
      body = { head: commit, log: [...log] };
      changed = true;
    },
    records(recordsKey, log) {
      const stored = body?.records;
      if (stored?.key !== recordsKey) return undefined;
      const commits = new Map(log.map((c) => [c.commit, c]));
      const byKey = new Map<string, RecordHistory>();
      for (const [record, commit, added, approvedBefore] of stored.byKey) {
        const c = commits.get(commit);
        if (!c) return undefined; // not on the walk as it is now: worked out again
        byKey.set(record, { last: commitInfo(c), added, approvedBefore });
      }
      return { byKey, undecided: new Set(stored.undecided), asked: new Set(stored.asked) };
    },
    storeRecords(recordsKey, histories) {
      if (!body) return;
      body.records = {
        key: recordsKey,
        byKey: [...histories.byKey].map(([record, h]) => [record, h.last.commit, h.added, h.approvedBefore]),
        undecided: [...histories.undecided],
        asked: [...histories.asked],
      };
      changed = true;
    },
    save: () => (changed && body ? writeCacheFile(file, key, [Buffer.from(JSON.stringify(body))]) : undefined),
  };
  if (read.warning !== undefined) cache.warning = read.warning;
  return cache;
}

/** The stored body when it has the shape this version writes (it is signed, so anything else is an older layout). */
function parse(text: string | undefined): Body | undefined {
  if (text === undefined) return undefined;
  try {
    const body = JSON.parse(text) as Partial<Body> | null;
    if (!body || typeof body.head !== 'string' || !Array.isArray(body.log)) return undefined;
    const records = body.records;
    if (records !== undefined && !(typeof records.key === 'string' && Array.isArray(records.byKey) && Array.isArray(records.undecided) && Array.isArray(records.asked))) {
      return { head: body.head, log: body.log };
    }
    return body as Body;
  } catch {
    return undefined;
  }
}
