import { lstat, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import { readZip, ZipError } from './read-zip.js';

/**
 * A received evidence pack, as a folder or as the archive `--zip` writes, seen the same way:
 * every entry that is not a folder, and a reader for the regular files among them. An archive is
 * read in memory and never unpacked to disk.
 */
export interface PackContents {
  /** Every entry: 'file' for a regular file, 'other' for a link, device or anything else (never followed). */
  entries: ReadonlyMap<string, 'file' | 'other'>;
  read(p: string): Promise<Uint8Array>;
  /** Set when the container itself is broken (a damaged archive entry): the pack is then not valid. */
  problem?: string;
}

/** Archives bigger than this are refused rather than read into memory. */
export const MAX_ARCHIVE_BYTES = 2 ** 31 - 1;

export async function readPack(target: string): Promise<PackContents> {
  let stat;
  try {
    stat = await lstat(target);
  } catch {
    throw new InputError(`${target}: no such folder or file`, 'give the folder of an evidence pack, or its .zip archive');
  }
  if (stat.isDirectory()) return readFolder(target);
  if (stat.isFile()) return readArchive(target, stat.size);
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
  return { entries, read: (p) => readFile(path.join(dir, p)) };
}

async function readArchive(file: string, size: number): Promise<PackContents> {
  const entries = new Map<string, 'file' | 'other'>();
  const data = new Map<string, Uint8Array>();
  const none = { entries, read: () => Promise.resolve(new Uint8Array()) };
  if (size > MAX_ARCHIVE_BYTES) return { ...none, problem: `the archive is larger than ${MAX_ARCHIVE_BYTES} bytes` };
  let zipEntries;
  try {
    zipEntries = readZip(await readFile(file));
  } catch (error) {
    if (error instanceof ZipError) return { ...none, problem: `the archive is damaged: ${error.message}` };
    throw error;
  }
  // `aims report pack --zip` puts every entry under one folder named after the pack; strip it.
  const first = zipEntries[0]?.name.split('/')[0] ?? '';
  const prefix = first !== '' && zipEntries.every((e) => e.name.startsWith(`${first}/`)) ? `${first}/` : '';
  for (const entry of zipEntries) {
    const name = entry.name.slice(prefix.length);
    if (entry.kind === 'folder' || name === '') continue;
    if (entries.has(name)) return { ...none, problem: `the archive holds ${name} twice` };
    entries.set(name, entry.kind);
    if (entry.kind === 'file') data.set(name, entry.data);
  }
  return { entries, read: (p) => Promise.resolve(data.get(p) ?? new Uint8Array()) };
}
