import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat, open, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import { fileSource, listZip, streamZipEntry, ZipError } from './read-zip.js';

/**
 * A received evidence pack, as a folder or as the archive `--zip` writes, seen the same way:
 * every entry that is not a folder, each regular file's size and SHA-256 (streamed, never held
 * whole), and the bytes of the small files verify reads (manifest.json and its signature). An
 * archive is never unpacked to disk, nor read into memory.
 */
export interface PackContents {
  /** Every entry: 'file' for a regular file, 'other' for a link, device or anything else (never followed). */
  entries: ReadonlyMap<string, 'file' | 'other'>;
  /** A regular file's bytes when it holds at most `limit` of them, otherwise undefined. */
  read(p: string, limit: number): Promise<Uint8Array | undefined>;
  /** A regular file's size and SHA-256 (hex), streamed. */
  digest(p: string): Promise<Digest>;
  /** Set when the container itself is broken (a damaged archive entry): the pack is then not valid. */
  problem?: string;
}

export interface Digest {
  bytes: number;
  sha256: string;
}

/** Files of an archive whose bytes are kept while it is read (verify reads them): the manifest and its signature. */
const KEPT = new Set(['manifest.json', 'manifest.json.sig']);

export async function readPack(target: string, options: { keepLimit: number }): Promise<PackContents> {
  let stat;
  try {
    stat = await lstat(target);
  } catch {
    throw new InputError(`${target}: no such folder or file`, 'give the folder of an evidence pack, or its .zip archive');
  }
  if (stat.isDirectory()) return readFolder(target);
  if (stat.isFile()) return readArchive(target, stat.size, options.keepLimit);
  throw new InputError(`${target} is neither a folder nor a file`);
}

async function readFolder(dir: string): Promise<PackContents> {
  const entries = new Map<string, 'file' | 'other'>();
  // Unlike the repository walker it skips nothing, so a file slipped into .git/ or node_modules/ of a pack is caught.
  const pending = [''];
  while (pending.length > 0) {
    const rel = pending.pop() as string;
    for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) pending.push(child);
      else entries.set(child, entry.isFile() ? 'file' : 'other');
    }
  }
  return {
    entries,
    read: async (p, limit) => ((await lstat(path.join(dir, p))).size > limit ? undefined : readFile(path.join(dir, p))),
    digest: async (p) => {
      const hash = createHash('sha256');
      let bytes = 0;
      for await (const chunk of createReadStream(path.join(dir, p)) as AsyncIterable<Buffer>) {
        bytes += chunk.length;
        hash.update(chunk);
      }
      return { bytes, sha256: hash.digest('hex') };
    },
  };
}

/**
 * Every entry of the archive is read once, as a stream, and checked (local header, declared
 * size, CRC-32): a damaged entry makes the whole pack invalid, listed or not. Only digests are
 * kept, and the bytes of the manifest and its signature up to `keepLimit`.
 */
async function readArchive(file: string, size: number, keepLimit: number): Promise<PackContents> {
  const entries = new Map<string, 'file' | 'other'>();
  const digests = new Map<string, Digest>();
  const kept = new Map<string, Uint8Array>();
  const none: PackContents = { entries, read: () => Promise.resolve(undefined), digest: () => Promise.resolve({ bytes: 0, sha256: '' }) };
  const handle = await open(file, 'r');
  try {
    const source = fileSource(handle, size);
    const zipEntries = await listZip(source);
    // `aims report pack --zip` puts every entry under one folder named after the pack; strip it.
    const first = zipEntries[0]?.name.split('/')[0] ?? '';
    const prefix = first !== '' && zipEntries.every((e) => e.name.startsWith(`${first}/`)) ? `${first}/` : '';
    for (const entry of zipEntries) {
      const name = entry.name.slice(prefix.length);
      if (entry.kind === 'folder' || name === '') continue;
      if (entries.has(name)) return { ...none, problem: `the archive holds ${name} twice` };
      entries.set(name, entry.kind);
      if (entry.kind !== 'file') continue;
      const hash = createHash('sha256');
      const keep = KEPT.has(name) && entry.size <= keepLimit ? ([] as Buffer[]) : undefined;
      await streamZipEntry(source, entry, (chunk) => {
        hash.update(chunk);
        keep?.push(Buffer.from(chunk));
      });
      digests.set(name, { bytes: entry.size, sha256: hash.digest('hex') });
      if (keep) kept.set(name, Buffer.concat(keep));
    }
  } catch (error) {
    if (error instanceof ZipError) return { ...none, problem: `the archive is damaged: ${error.message}` };
    throw error;
  } finally {
    await handle.close();
  }
  return {
    entries,
    read: (p, limit) => Promise.resolve((digests.get(p)?.bytes ?? 0) > limit ? undefined : (kept.get(p) ?? new Uint8Array())),
    digest: (p) => Promise.resolve(digests.get(p) ?? { bytes: 0, sha256: '' }),
  };
}
