import { createHash } from 'node:crypto';
import type { Position } from '../model/diagnostic.js';
import type { RecordFile } from '../model/snapshot.js';
import type { FileCheck } from './validate.js';

/**
 * The content-addressed half of `--cache`: each record file's check (its records, ids,
 * references and diagnostics with positions) stored under the hash of its path and bytes, so a
 * second run checks only the files that changed and the cross-file rules run over the rest as
 * stored. What is stored must read back as the very same check: a check JSON cannot carry
 * exactly (NaN, infinities, -0, undefined fields) is not stored, and the file is checked afresh.
 */

export interface CheckCacheBody {
  /** path → [content hash, check, positions of its structural locations resolved last time: [key within the file, line, column]]. */
  entries: Record<string, [string, FileCheck, [string, number, number][]]>;
}

/** What a cache holds for this run: the checks still valid by path, the positions known in those files, and how many entries it had. */
export interface CacheHits {
  hits: Map<string, FileCheck>;
  positions: Map<string, Position>;
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
export function cachedChecks(body: string | undefined, files: readonly RecordFile[]): CacheHits {
  const hits = new Map<string, FileCheck>();
  const positions = new Map<string, Position>();
  let entries: unknown;
  try {
    entries = body === undefined ? undefined : (JSON.parse(body) as Partial<CheckCacheBody> | null)?.entries;
  } catch {
    entries = undefined;
  }
  if (entries === null || typeof entries !== 'object' || Array.isArray(entries)) return { hits, positions };
  const stored = entries as Record<string, unknown>;
  for (const file of files) {
    if (!('text' in file) || !Object.hasOwn(stored, file.path)) continue;
    const entry = stored[file.path];
    if (!Array.isArray(entry) || entry[0] !== contentHash(file.text) || !isCheck(entry[1], file.path) || !Array.isArray(entry[2])) continue;
    hits.set(file.path, entry[1]);
    for (const p of entry[2] as unknown[]) {
      if (!Array.isArray(p) || typeof p[0] !== 'string' || !isLineOrColumn(p[1]) || !isLineOrColumn(p[2])) continue;
      positions.set(`${file.path}\u0000${p[0]}`, { line: p[1], column: p[2] });
    }
  }
  return { hits, positions, stored: Object.keys(stored).length };
}

/** The body to store for these checks (files without text, and checks JSON would change, left out); undefined when it is what was stored. */
export function cacheBody(files: readonly RecordFile[], checks: readonly FileCheck[], cache: CacheHits, positions: ReadonlyMap<string, Position>): string | undefined {
  const unchanged = cache.stored !== undefined && files.every((f) => cache.hits.has(f.path) || !('text' in f)) && cache.stored === cache.hits.size && positions.size === cache.positions.size;
  if (unchanged) return undefined;
  const byFile = new Map<string, [string, number, number][]>();
  for (const [key, { line, column }] of positions) {
    const cut = key.indexOf('\u0000');
    const file = key.slice(0, cut);
    let list = byFile.get(file);
    if (!list) byFile.set(file, (list = []));
    list.push([key.slice(cut + 1), line, column]);
  }
  const entries: CheckCacheBody['entries'] = {};
  files.forEach((file, i) => {
    const check = checks[i];
    if (!('text' in file) || !check || !survivesJson(check)) return;
    entries[file.path] = [contentHash(file.text), check, byFile.get(file.path) ?? []];
  });
  return JSON.stringify({ entries });
}

function isLineOrColumn(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 1;
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
