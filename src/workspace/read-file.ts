import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { isInside } from '../model/inside.js';
import type { FileProblem } from '../model/snapshot.js';

/**
 * The one reading policy for every file aims reads from a repository (records, aims.yaml,
 * templates, evidence, baselines, manifests): a regular file inside `root`, reached without a
 * link out of it, checked with fstat on the open handle (a FIFO would block, a device never
 * ends, a folder is no file) and refused above `limit` before a byte is read.
 */

/** A FIFO opens without waiting for a writer, so it can be refused; on regular files the flag does nothing. */
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- typed as numbers, but undefined on Windows
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

export type ReadResult = { bytes: Buffer; real: string } | { problem: FileProblem };

/**
 * realpath(3) in one system call on Linux, where it answers exactly as Node's own walk (which
 * lstats every folder on the way: most of the cost of reading thousands of small records);
 * Node's walk elsewhere, where the native call has known differences (Windows drives).
 */
const realPath = process.platform === 'linux' ? realpathSync.native : realpathSync;

/** Where a path really is, if it stays inside `realRoot`; otherwise the refusal. */
export function resolveInside(realRoot: string, absolute: string): { real: string } | { problem: FileProblem } {
  let real: string;
  try {
    real = realPath(absolute);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR') return { problem: { rule: 'file/unreadable', message: 'no such file (or a broken link)' } };
    return { problem: { rule: 'file/unreadable', message: describeError(error) } };
  }
  if (!isInside(realRoot, real)) return { problem: { rule: 'file/not-a-file', message: 'this is a link that points outside the repository; it was not read' } };
  return { real };
}

/** Reads a whole file under the policy. `root` must already be a real path (realpathSync). */
export function readRegularFile(realRoot: string, absolute: string, limit: number): ReadResult {
  const resolved = resolveInside(realRoot, absolute);
  return 'problem' in resolved ? resolved : readReal(resolved.real, limit);
}

/** A file named on the command line (a baseline, a manifest): anywhere, but still a regular file under `limit`. */
export function readUserFile(absolute: string, limit: number): ReadResult {
  try {
    return readReal(realpathSync(absolute), limit);
  } catch (error) {
    return { problem: { rule: 'file/unreadable', message: describeError(error) } };
  }
}

function readReal(real: string, limit: number): ReadResult {
  const opened = openRegular(real, limit);
  if ('problem' in opened) return opened;
  try {
    const bytes = readAll(opened.fd, opened.stats.size, limit);
    return bytes === undefined ? { problem: tooLarge(limit + 1, limit) } : { bytes, real };
  } catch (error) {
    return { problem: { rule: 'file/unreadable', message: describeError(error) } };
  } finally {
    closeSync(opened.fd);
  }
}

/** Bytes read at a time when a file is streamed rather than read whole. */
const CHUNK = 1024 * 1024;

/**
 * Streams a file under the policy to `onChunk`, one chunk at a time, never more than `limit`
 * bytes in all: a file that grows past the limit while it is read (or whose size lied) is cut
 * off and refused. `onChunk` sees each chunk before the next is read into the same buffer.
 */
export function streamRegularFile(real: string, limit: number, onChunk: (chunk: Buffer) => void): { bytes: number } | { problem: FileProblem } {
  const opened = openRegular(real, limit);
  if ('problem' in opened) return opened;
  try {
    // As large as the file (and a byte to see it grow), doubled while it turns out larger: a
    // megabyte for each of thousands of small evidence files kept the garbage collector busy.
    let buffer = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1, opened.stats.size + 1));
    let total = 0;
    for (;;) {
      const n = readSync(opened.fd, buffer, 0, buffer.length, null);
      if (n === 0) return { bytes: total };
      total += n;
      if (total > limit) return { problem: { rule: 'file/too-large', message: `file grew past the ${readableSize(limit)} limit while it was read; it was not used` } };
      onChunk(buffer.subarray(0, n));
      if (n === buffer.length && n < CHUNK) buffer = Buffer.allocUnsafe(Math.min(CHUNK, limit + 1, n * 2));
    }
  } catch (error) {
    return { problem: { rule: 'file/unreadable', message: describeError(error) } };
  } finally {
    closeSync(opened.fd);
  }
}

/** Opens a regular file and checks it on the handle; the caller closes `fd`. */
export function openRegular(real: string, limit: number): { fd: number; stats: Stats } | { problem: FileProblem } {
  let fd: number;
  try {
    fd = openSync(real, OPEN_FLAGS);
  } catch (error) {
    return { problem: { rule: 'file/unreadable', message: describeError(error) } };
  }
  try {
    const stats = fstatSync(fd);
    const what = notRegular(stats);
    if (what) {
      closeSync(fd);
      return { problem: { rule: 'file/not-a-file', message: `this is ${what}, not a file; it was not read` } };
    }
    if (stats.size > limit) {
      closeSync(fd);
      return { problem: tooLarge(stats.size, limit) };
    }
    return { fd, stats };
  } catch (error) {
    closeSync(fd);
    return { problem: { rule: 'file/unreadable', message: describeError(error) } };
  }
}

/** Reads to the end, but never more than `limit` bytes: a file that grows past it meanwhile gives undefined. */
function readAll(fd: number, size: number, limit: number): Buffer | undefined {
  let buffer = Buffer.allocUnsafe(Math.min(size, limit) + 1);
  let length = 0;
  for (;;) {
    if (length === buffer.length) {
      if (length > limit) return undefined;
      const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limit + 1));
      buffer.copy(bigger, 0, 0, length);
      buffer = bigger;
    }
    const n = readSync(fd, buffer, length, buffer.length - length, null);
    if (n === 0) break;
    length += n;
  }
  return length > limit ? undefined : buffer.subarray(0, length);
}

function notRegular(stats: Stats): string | undefined {
  if (stats.isFile()) return undefined;
  if (stats.isDirectory()) return 'a directory';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function tooLarge(size: number, limit: number): FileProblem {
  // Bytes when rounding would hide the difference ("0.0 MB, over the 0.0 MB limit").
  let [actual, allowed] = [readableSize(size), readableSize(limit)];
  if (actual === allowed) [actual, allowed] = [`${size} bytes`, `${limit} bytes`];
  return {
    rule: 'file/too-large',
    message: `file is ${actual}, over the ${allowed} limit; split it, or raise max_file_size in aims.yaml`,
  };
}

function readableSize(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`;
}


export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error ? (error as NodeJS.ErrnoException).code : undefined;
}

export function describeError(error: unknown): string {
  const code = errnoCode(error);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'this is a directory, not a file';
  if (code === 'ELOOP') return 'a link that loops';
  return `cannot be read (${code ?? String(error)})`;
}
