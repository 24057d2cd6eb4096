import { createHash } from 'node:crypto';
import type { Position } from '../model/diagnostic.js';
import type { AimsRecord } from '../model/record.js';
import type { RecordFile } from '../model/snapshot.js';
import type { RawRecord } from './raw-record.js';
import type { FileCheck } from './validate.js';

/**
 * The content-addressed half of `--cache`: each record file's check (its records, ids,
 * references and diagnostics with positions) stored under the hash of its path and bytes, so a
 * second run checks only the files that changed and the cross-file rules run over the rest as
 * stored. What is stored must read back as the very same check: a check JSON cannot carry
 * exactly (NaN, infinities, -0, undefined fields) is not stored, and the file is checked afresh.
 *
 * The body is one JSON line per file, `[path, content hash, raw, records, diagnostics, parser,
 * positions]`, so that a warm run writes back the lines of unchanged files as it read them and
 * serialises only the files it checked. `records` is 0 when every record is its raw data as
 * checkLoaded builds it (`{ ...data, kind, origin }`: nothing pruned), which halves the cache.
 */

/** One file's line: path, content hash, raw records, records (0: as raw), diagnostics, parser, positions ([key within the file, line, column]). */
type CacheLine = [string, string, RawRecord[], AimsRecord[] | 0, FileCheck['diagnostics'], FileCheck['parser'], [string, number, number][]];

/** What a cache holds for this run: the checks still valid by path, the positions known in those files, and how many entries it had. */
export interface CacheHits {
  hits: Map<string, FileCheck>;
  positions: Map<string, Position>;
  /** Each hit's line as stored (its bytes), with how many positions it held: written back as is while that is still all. */
  lines: Map<string, { bytes: Buffer; positions: number }>;
  /** How many entries it had; undefined when there was no usable cache at all. */
  stored?: number;
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

/** The stored checks that still hold; anything malformed is simply not a hit. */
export function cachedChecks(body: Buffer | undefined, files: readonly RecordFile[]): CacheHits {
  const hits = new Map<string, FileCheck>();
  const positions = new Map<string, Position>();
  const lines = new Map<string, { bytes: Buffer; positions: number }>();
  if (body === undefined) return { hits, positions, lines };
  const texts = new Map<string, string>();
  for (const file of files) if ('text' in file) texts.set(file.path, file.text);
  let stored = 0;
  for (let start = 0; start < body.length; ) {
    const newline = body.indexOf(NEWLINE, start);
    const end = newline === -1 ? body.length : newline;
    const bytes = body.subarray(start, end);
    start = end + 1;
    stored++;
    const line = parseLine(bytes.toString('utf8'));
    const fileText = line ? texts.get(line[0]) : undefined;
    if (!line || fileText === undefined || lines.has(line[0]) || line[1] !== contentHash(fileText)) continue;
    const [path, , raw, records, diagnostics, parser, located] = line;
    const check = { path, raw, records: records === 0 ? raw.map(asRecord) : records, diagnostics, parser };
    if (!isCheck(check, path)) continue;
    hits.set(path, check);
    lines.set(path, { bytes, positions: located.length });
    for (const p of located) positions.set(`${path}\u0000${p[0]}`, { line: p[1], column: p[2] });
  }
  return { hits, positions, lines, stored };
}

const NEWLINE = 0x0a;
const NEWLINE_BYTES = Buffer.from('\n');

function parseLine(text: string): CacheLine | undefined {
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!Array.isArray(line) || line.length !== 7 || typeof line[0] !== 'string' || typeof line[1] !== 'string' || !Array.isArray(line[2]) || !Array.isArray(line[6])) return undefined;
  if (line[3] !== 0 && !Array.isArray(line[3])) return undefined;
  if (line[3] === 0 && !(line[2] as unknown[]).every(isRawRecord)) return undefined;
  const located = line[6] as unknown[];
  if (!located.every((p) => Array.isArray(p) && p.length === 3 && typeof p[0] === 'string' && isLineOrColumn(p[1]) && isLineOrColumn(p[2]))) return undefined;
  return line as CacheLine;
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

/** The body to store for these checks, as parts (files without text, and checks JSON would change, left out); undefined when it is what was stored. */
export function cacheBody(files: readonly RecordFile[], checks: readonly FileCheck[], cache: CacheHits, positions: ReadonlyMap<string, Position>): Buffer[] | undefined {
  const byFile = new Map<string, [string, number, number][]>();
  for (const [key, { line, column }] of positions) {
    const cut = key.indexOf('\u0000');
    const file = key.slice(0, cut);
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    list.push([key.slice(cut + 1), line, column]);
  }
  const out: Buffer[] = [];
  let reused = 0;
  files.forEach((file, i) => {
    const check = checks[i];
    if (!('text' in file) || !check) return;
    const located = byFile.get(file.path) ?? [];
    const stored = cache.hits.get(file.path) === check ? cache.lines.get(file.path) : undefined;
    if (stored && stored.positions === located.length) {
      out.push(stored.bytes);
      reused++;
      return;
    }
    const derived = check.raw.length === check.records.length && check.records.every((r, j) => isAsRecord(r, check.raw[j] as RawRecord));
    const line: CacheLine = [file.path, contentHash(file.text), check.raw, derived ? 0 : check.records, check.diagnostics, check.parser, located];
    if (survivesJson(line)) out.push(Buffer.from(JSON.stringify(line)));
  });
  if (cache.stored !== undefined && reused === out.length && reused === cache.stored) return undefined;
  return out.flatMap((line, i) => (i === 0 ? [line] : [NEWLINE_BYTES, line]));
}

function isLineOrColumn(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1;
}

function isRawRecord(value: unknown): value is RawRecord {
  if (value === null || typeof value !== 'object') return false;
  const r = value as Partial<Record<keyof RawRecord, unknown>>;
  return typeof r.kind === 'string' && r.origin !== null && typeof r.origin === 'object' && r.data !== null && typeof r.data === 'object' && !Array.isArray(r.data);
}

function isCheck(value: unknown, path: string): value is FileCheck {
  if (value === null || typeof value !== 'object') return false;
  const c = value as Partial<Record<keyof FileCheck, unknown>>;
  return c.path === path && Array.isArray(c.raw) && Array.isArray(c.records) && Array.isArray(c.diagnostics) && (c.parser === 'fast' || c.parser === 'reference');
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
