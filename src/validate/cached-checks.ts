import { createHash } from 'node:crypto';
import type { SeenFile } from '../model/cache.js';
import type { Position } from '../model/diagnostic.js';
import type { AimsRecord } from '../model/record.js';
import type { RecordFile } from '../model/snapshot.js';
import { factsOf, type FileFacts, isFileFacts, type World, worldDigest } from './file-facts.js';
import type { RawRecord } from './raw-record.js';
import { type FileCheck, type FileOutcome, type FileState, type JudgedFiles, type ParsePath, type ValidateInput, validateFiles } from './validate.js';

/**
 * The content-addressed half of `--cache`. The signed body is an index: its first line names
 * the world the outcomes were judged in, then one line per record file, stored under the hash
 * of its path and bytes:
 *
 *   [path, content hash, parser, facts, outcome | 0, positions, [offset, length, sha-256]]
 *
 * with what the cross-record rules know of the file (file-facts.ts) and its outcome (its
 * diagnostics after the cross-record rules and suppressions). The file's own check, `[raw,
 * records | 0, diagnostics]`, lies in the unsigned store at that offset, trusted by its hash,
 * and is read only when the file must be judged again (the world changed) or a command needs
 * the records. So a warm run with one file changed parses and judges that file alone, and
 * signs and parses only the small index.
 *
 * What is stored must read back as the very same thing: a value JSON cannot carry exactly
 * (NaN, infinities, -0, undefined fields) is not stored, and the file is checked afresh.
 * `records` is 0 when every record is its raw data as checkLoaded builds it (nothing pruned).
 */

type Part = [number, number, string];
type Meta = [string, string, ParsePath, FileFacts, FileOutcome | 0, [string, number, number][], Part];
type CheckPart = [RawRecord[], AimsRecord[] | 0, FileCheck['diagnostics']];

/** One file's stored line whose path and bytes still match. */
export interface CachedFile {
  parser: ParsePath;
  facts: FileFacts;
  /** Its outcome in the stored world, when one was stored. */
  outcome?: FileOutcome;
  /** How many positions it held. */
  positions: number;
  /** The stored check, parsed on first use; undefined when it does not read back as one (or its bytes are not the ones the index names). */
  check: () => FileCheck | undefined;
  /** Whether the stored check was read and did not read back (it is then not written again). */
  unreadable: () => boolean;
  /** Its check's bytes in the store as they are (unverified) and the hash the index gives them: written again as they were. */
  part: { bytes: Buffer; sha: string };
}

/** What a cache holds for this run. */
export interface CacheHits {
  files: Map<string, CachedFile>;
  /** The positions known in those files, by positionKey. */
  positions: Map<string, Position>;
  /** Each record file's content hash, by path (worked out once). */
  hashes: Map<string, string>;
  /** The world the stored outcomes were judged in. */
  world?: string;
  /** The evidence files as last read (probe-evidence.ts). */
  evidence: Map<string, SeenFile>;
  /** How many file lines it had; undefined when there was no usable cache at all. */
  stored?: number;
  /** The size of its store in bytes. */
  size?: number;
}

export function contentHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The cache key: a stored check is only ever used under the same aims version, schemas and aims.yaml. */
export function cacheKey(parts: readonly string[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(contentHash(part));
  return hash.digest('hex');
}

const NEWLINE_BYTES = Buffer.from('\n');
const REWRITE_RATIO = 32;

/** The stored lines that still hold, their index entries read; anything malformed is simply not a hit. */
export function cachedChecks(body: Buffer | undefined, store: Buffer | undefined, files: readonly RecordFile[]): CacheHits {
  const hits: CacheHits = { files: new Map(), positions: new Map(), hashes: new Map(), evidence: new Map() };
  const texts = new Map<string, string>();
  for (const file of files) if ('text' in file) texts.set(file.path, file.text);
  if (body === undefined) return hits;
  const stored = store ?? Buffer.alloc(0);
  const lines = body.toString('utf8').split('\n');
  const first = parseJson(lines[0] ?? '') as { world?: unknown; evidence?: unknown } | undefined;
  if (typeof first?.world === 'string') hits.world = first.world;
  if (Array.isArray(first?.evidence)) {
    for (const e of first.evidence as unknown[]) if (Array.isArray(e) && e.length === 3 && typeof e[0] === 'string' && typeof e[1] === 'string' && typeof e[2] === 'boolean') hits.evidence.set(e[0], [e[1], e[2]]);
  }
  for (const line of lines.slice(1)) {
    const meta = parseMeta(line);
    const path = meta?.[0];
    const text = path === undefined ? undefined : texts.get(path);
    if (!meta || path === undefined || text === undefined || hits.files.has(path) || meta[1] !== hashOf(hits, path, text)) continue;
    const [offset, length, sha] = meta[6];
    const bytes = stored.subarray(offset, offset + length);
    let parsed: FileCheck | null | undefined = null;
    hits.files.set(path, {
      parser: meta[2],
      facts: meta[3],
      ...(meta[4] === 0 ? {} : { outcome: meta[4] }),
      positions: meta[5].length,
      check: () => (parsed === null ? (parsed = bytes.length === length && partHash(bytes) === sha ? readCheck(path, meta[2], bytes) : undefined) : parsed),
      unreadable: () => parsed === undefined,
      part: { bytes, sha },
    });
    for (const p of meta[5]) hits.positions.set(`${path}\u0000${p[0]}`, { line: p[1], column: p[2] });
  }
  hits.stored = lines.length - 1;
  hits.size = stored.length;
  return hits;
}

function partHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function hashOf(hits: CacheHits, path: string, text: string): string {
  let hash = hits.hashes.get(path);
  if (hash === undefined) hits.hashes.set(path, (hash = contentHash(text)));
  return hash;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function parseMeta(text: string): Meta | undefined {
  const m = parseJson(text);
  if (!Array.isArray(m) || m.length !== 7 || !isPart(m[6]) || typeof m[0] !== 'string' || typeof m[1] !== 'string' || (m[2] !== 'fast' && m[2] !== 'reference')) return undefined;
  if (!isFileFacts(m[3]) || (m[4] !== 0 && !isOutcome(m[4]))) return undefined;
  const located = m[5] as unknown;
  if (!Array.isArray(located) || !located.every((p) => Array.isArray(p) && p.length === 3 && typeof p[0] === 'string' && isLineOrColumn(p[1]) && isLineOrColumn(p[2]))) return undefined;
  return m as Meta;
}

function readCheck(path: string, parser: ParsePath, bytes: Buffer): FileCheck | undefined {
  const part = parseJson(bytes.toString('utf8'));
  if (!Array.isArray(part) || part.length !== 3 || !Array.isArray(part[0]) || !Array.isArray(part[2])) return undefined;
  const [raw, records, diagnostics] = part as CheckPart;
  if (records === 0 ? !raw.every(isRawRecord) : !Array.isArray(records)) return undefined;
  return { path, raw, records: records === 0 ? raw.map(asRecord) : records, diagnostics, parser };
}

/** The record checkLoaded builds from a raw record when nothing was pruned. */
function asRecord(raw: RawRecord): AimsRecord {
  return { ...raw.data, kind: raw.kind, origin: raw.origin };
}

/** Whether `record` is what asRecord gives for `raw`: the same keys in the same order, each the very same value. */
function isAsRecord(record: AimsRecord, raw: RawRecord): boolean {
  const built = asRecord(raw) as unknown as Record<string, unknown>;
  const given = record as unknown as Record<string, unknown>;
  const keys = Object.keys(given);
  const expected = Object.keys(built);
  return keys.length === expected.length && keys.every((key, i) => key === expected[i] && given[key] === built[key]);
}

/** Each record file as the cross-record half needs it: from the cache where its bytes are unchanged, else from its fresh check. */
export function fileStates(files: readonly RecordFile[], cache: CacheHits, fresh: ReadonlyMap<string, FileCheck>): FileState[] {
  return files.map((file) => {
    const hit = cache.files.get(file.path);
    if (hit) return { path: file.path, parser: hit.parser, facts: hit.facts, ...(hit.outcome ? { outcome: hit.outcome } : {}) };
    const check = fresh.get(file.path) as FileCheck;
    return { path: file.path, parser: check.parser, facts: factsOf(check.raw, 'text' in file ? file.text : undefined), check };
  });
}

export interface CachedRun {
  judged: JudgedFiles;
  /** Each file's state as judged (outcomes reused, or checks); a file's check is read from the cache only on demand. */
  states: FileState[];
  world: string;
  /** Each file's check, from this run or read back from the cache (or checked again where it does not read back). */
  checkOf: (path: string) => FileCheck;
}

/**
 * The cross-record half with the cache: when the world is the one the stored outcomes were
 * judged in, only the files without a stored outcome are judged; otherwise every file is, its
 * stored check read back (`recheck`, when one does not read back).
 */
export function validateCached(input: ValidateInput, states: readonly FileState[], cache: CacheHits, recheck: (path: string) => FileCheck, withCache = true): CachedRun {
  // Without --cache nothing is reused or stored: the world need not be worked out.
  const world = withCache ? worldDigest(worldOf(input, states)) : '';
  const checks = new Map<string, FileCheck>();
  for (const s of states) if (s.check) checks.set(s.path, s.check);
  const checkOf = (path: string): FileCheck => {
    let check = checks.get(path);
    if (!check) checks.set(path, (check = cache.files.get(path)?.check() ?? recheck(path)));
    return check;
  };
  // In the world the stored outcomes were judged in, they are taken; otherwise every file is judged again.
  const reuse = withCache && world === cache.world;
  const used = states.map((s) => (s.check || (reuse && s.outcome) ? s : { path: s.path, parser: s.parser, facts: s.facts, check: checkOf(s.path) }));
  return { judged: validateFiles(input, used), states: used, world, checkOf };
}

function worldOf(input: ValidateInput, states: readonly FileState[]): World {
  return {
    files: states,
    paths: input.snapshot.paths,
    blank: input.snapshot.blankFiles ?? new Set(),
    ...(input.today !== undefined ? { today: input.today } : {}),
    ...(input.futureAfter !== undefined ? { futureAfter: input.futureAfter } : {}),
  };
}

/** What to store after a run, as parts (files without text, and what JSON would change, left out); undefined when there is no need to write. */
export function cacheBody(files: readonly RecordFile[], run: CachedRun, cache: CacheHits, positions: ReadonlyMap<string, Position>, evidence: ReadonlyMap<string, SeenFile> = new Map()): { index: Buffer[]; store: Buffer[] } | undefined {
  const byFile = new Map<string, [string, number, number][]>();
  for (const [key, { line, column }] of positions) {
    const cut = key.indexOf('\u0000');
    const file = key.slice(0, cut);
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    list.push([key.slice(cut + 1), line, column]);
  }
  const states = new Map(run.states.map((s) => [s.path, s]));
  const kept = files.filter((f): f is RecordFile & { text: string } => 'text' in f && states.has(f.path));
  if (cache.stored !== undefined && run.world === cache.world && kept.length === cache.stored) {
    let fresh = 0;
    let unchanged = 0;
    for (const file of kept) {
      const hit = cache.files.get(file.path);
      if (!hit || hit.unreadable()) fresh += file.text.length;
      else if (states.get(file.path)?.outcome && hit.positions === (byFile.get(file.path) ?? []).length) unchanged++;
    }
    if (unchanged === kept.length) return undefined;
    // A few files changed in the same world: checking them again next time costs less than writing the whole cache now
    // (a file's check costs about as much as writing 30 times its size of cache), so the cache is written once they add up.
    if (fresh * REWRITE_RATIO < (cache.size ?? 0)) return undefined;
  }
  const index: Buffer[] = [Buffer.from(JSON.stringify({ world: run.world, evidence: [...evidence].map(([path, [signature, blank]]) => [path, signature, blank]) }))];
  const store: Buffer[] = [];
  let offset = 0;
  for (const file of kept) {
    const state = states.get(file.path) as FileState;
    const located = byFile.get(file.path) ?? [];
    const hit = cache.files.get(file.path);
    let part = hit && !hit.unreadable() ? hit.part : undefined;
    if (!part) {
      const check = run.checkOf(file.path);
      const derived = check.raw.length === check.records.length && check.records.every((r, j) => isAsRecord(r, check.raw[j] as RawRecord));
      const value: CheckPart = [check.raw, derived ? 0 : check.records, check.diagnostics];
      if (!survivesJson(value)) continue;
      const bytes = Buffer.from(JSON.stringify(value));
      part = { bytes, sha: partHash(bytes) };
    }
    const outcome = state.outcome ?? run.judged.outcomes.get(file.path);
    const meta: Meta = [file.path, hashOf(cache, file.path, file.text), state.parser, state.facts, outcome && survivesJson(outcome) ? outcome : 0, located, [offset, part.bytes.length, part.sha]];
    index.push(NEWLINE_BYTES, Buffer.from(JSON.stringify(meta)));
    store.push(part.bytes);
    offset += part.bytes.length;
  }
  return { index, store };
}

function isPart(value: unknown): value is Part {
  return Array.isArray(value) && value.length === 3 && Number.isSafeInteger(value[0]) && (value[0] as number) >= 0 && Number.isSafeInteger(value[1]) && (value[1] as number) >= 0 && typeof value[2] === 'string';
}

function isLineOrColumn(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1;
}

function isRawRecord(value: unknown): value is RawRecord {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Partial<Record<keyof RawRecord, unknown>>;
  return typeof r.kind === 'string' && r.origin !== null && typeof r.origin === 'object' && r.data !== null && typeof r.data === 'object' && !Array.isArray(r.data);
}

function isOutcome(value: unknown): value is FileOutcome {
  if (value === null || typeof value !== 'object') return false;
  const o = value as Partial<Record<keyof FileOutcome, unknown>>;
  const diagnostics = (list: unknown): boolean => Array.isArray(list) && list.every((d) => d !== null && typeof d === 'object' && typeof (d as { rule?: unknown }).rule === 'string');
  return diagnostics(o.diagnostics) && diagnostics(o.suppressed) && Array.isArray(o.suppressions);
}

/** Whether JSON gives back exactly this value: no NaN, infinity, -0 or undefined anywhere in it. */
function survivesJson(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const current = stack.pop();
    if (current === undefined || typeof current === 'function' || typeof current === 'bigint' || typeof current === 'symbol') return false;
    if (typeof current === 'number' && (!Number.isFinite(current) || Object.is(current, -0))) return false;
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      for (const item of current) stack.push(item);
      continue;
    }
    if (Object.getPrototypeOf(current) !== Object.prototype) return false;
    for (const child of Object.values(current)) stack.push(child);
  }
  return true;
}
