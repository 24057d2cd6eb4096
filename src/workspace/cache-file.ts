import { createHmac, randomBytes } from 'node:crypto';
import { chmodSync, lstatSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { CACHE_GITIGNORE } from '../model/cache.js';
import { describeError, errnoCode, readUserFile } from './read-file.js';

/**
 * The file behind `--cache`: one header line (format, key, MAC, index length), a signed index
 * and an unsigned store (see cached-checks.ts). The cache is
 * untrusted input like the repository: it may sit in the repository itself, so a hostile
 * commit could plant one that calls a broken file clean. Its body is therefore signed with a
 * secret kept outside every repository (in the user's cache folder): a cache written by
 * anyone else, or changed since, fails the check and is ignored with a warning.
 */

/** A cache above this is not read: about 1 KB per record, so a 50,000-record repository writes ~50 MB; a planted larger file costs no more than this much memory. */
const MAX_CACHE_BYTES = 256 * 1024 * 1024;
const FORMAT = 'aims-cache-3';

export interface CacheFileOptions {
  /** The cache file. */
  file: string;
  /** Where the signing secret lives (created on first use, readable by its owner only). */
  secretFile: string;
  /** When set, the cache file must stay inside this folder (the default location, inside the repository). */
  inside?: string;
}

/**
 * The body stored under `key` (signed), and the store after it (not signed: what the body
 * names in it, it names by hash), or nothing (no cache yet, another key); `warning` when a
 * cache was there but not usable.
 */
export function readCacheFile(options: CacheFileOptions, key: string): { body?: Buffer; store?: Buffer; warning?: string } {
  try {
    lstatSync(options.file);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return {}; // the first run
  }
  const read = readUserFile(options.file, MAX_CACHE_BYTES);
  if ('problem' in read) {
    return { warning: `the cache ${options.file} could not be read (${read.problem.message}); checking every file` };
  }
  // The MAC is checked over the bytes as stored, before any of them is decoded.
  const bytes = read.bytes;
  const newline = bytes.indexOf(0x0a);
  let header: unknown;
  try {
    header = JSON.parse(bytes.toString('utf8', 0, newline === -1 ? bytes.length : newline));
  } catch {
    header = undefined;
  }
  const h = header as { format?: unknown; key?: unknown; mac?: unknown; index?: unknown } | undefined;
  // An earlier aims's cache format: not a problem, just not usable.
  if (h && typeof h === 'object' && typeof h.format === 'string' && h.format !== FORMAT && /^aims-cache-\d+$/.test(h.format)) return {};
  const body = bytes.subarray(newline + 1);
  if (!h || typeof h !== 'object' || h.format !== FORMAT || typeof h.key !== 'string' || typeof h.mac !== 'string' || !Number.isSafeInteger(h.index) || (h.index as number) < 0 || (h.index as number) > body.length) {
    return { warning: `the cache ${options.file} is not an aims cache or is damaged; ignoring it` };
  }
  // Another aims version, other schemas or another aims.yaml: not a problem, just not usable.
  if (h.key !== key) return {};
  const index = body.subarray(0, h.index as number);
  const secret = readSecret(options.secretFile);
  if (secret === undefined || sign(secret, key, [index]) !== h.mac) {
    return { warning: `the cache ${options.file} was not written by aims for this user, or was changed since; ignoring it` };
  }
  return { body: index, store: body.subarray(index.length) };
}

/** Writes the cache, its body (signed) and store given in parts (a whole new file, renamed into place); a warning instead when it cannot be written. */
export function writeCacheFile(options: CacheFileOptions, key: string, index: readonly Buffer[], store: readonly Buffer[] = []): string | undefined {
  try {
    const dir = path.dirname(options.file);
    if (options.inside !== undefined) {
      // Inside the repository, the folder is made name by name and no link is followed: a committed link (.aims/cache → aims/risks) would have the cache and its .gitignore written among the records.
      const linked = makeFolderWithoutLinks(options.inside, dir);
      if (linked !== undefined) return `the cache folder ${dir} is not a plain folder of the repository (${linked} is a link or not a folder); not writing the cache`;
    } else {
      mkdirSync(dir, { recursive: true });
    }
    if (options.inside !== undefined) writeIfMissing(path.join(dir, '.gitignore'), CACHE_GITIGNORE);
    const secret = readSecret(options.secretFile) ?? createSecret(options.secretFile);
    const temp = `${options.file}.${process.pid}.tmp`;
    const length = index.reduce((n, part) => n + part.length, 0);
    try {
      writeFileSync(temp, Buffer.concat([Buffer.from(`${JSON.stringify({ format: FORMAT, key, mac: sign(secret, key, index), index: length })}\n`), ...index, ...store]), { flag: 'wx' });
      renameSync(temp, options.file);
    } finally {
      rmSync(temp, { force: true });
    }
    return undefined;
  } catch (error) {
    return `the cache ${options.file} could not be written (${describeError(error)})`;
  }
}

/** Makes `dir` below `root`, one name at a time; the first name on the way that is a link or not a folder, if any (nothing made past it). */
function makeFolderWithoutLinks(root: string, dir: string): string | undefined {
  let at = root;
  for (const name of path.relative(root, dir).split(path.sep).filter((n) => n !== '')) {
    at = path.join(at, name);
    try {
      if (!lstatSync(at).isDirectory()) return at;
    } catch (error) {
      if (errnoCode(error) !== 'ENOENT') throw error;
      mkdirSync(at);
    }
  }
  return undefined;
}

function sign(secret: Buffer, key: string, body: readonly Buffer[]): string {
  const mac = createHmac('sha256', secret).update(key).update('\n');
  for (const part of body) mac.update(part);
  return mac.digest('hex');
}

function readSecret(file: string): Buffer | undefined {
  try {
    const stats = lstatSync(file);
    if (!stats.isFile() || stats.size !== 64) return undefined;
    const secret = Buffer.from(readFileSync(file, 'utf8'), 'hex');
    return secret.length === 32 ? secret : undefined;
  } catch {
    return undefined;
  }
}

function createSecret(file: string): Buffer {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = randomBytes(32);
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, secret.toString('hex'), { mode: 0o600, flag: 'wx' });
  chmodSync(temp, 0o600);
  renameSync(temp, file);
  return readSecret(file) ?? secret;
}

function writeIfMissing(file: string, text: string): void {
  try {
    writeFileSync(file, text, { flag: 'wx' });
  } catch {
    // already there (or not writable: the cache itself will say so)
  }
}
