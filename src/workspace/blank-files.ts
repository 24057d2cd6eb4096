import { readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { readBlobs, type TreeEntry } from './git.js';

/** At a commit (--ref), blobs larger than this are taken to hold something (each would be read whole); on disk, isBlankFile reads until something shows. */
export const LOOK_LIMIT = 1024 * 1024;

export const isBlank = (bytes: Uint8Array): boolean => /^\s*$/.test(Buffer.from(bytes).toString('utf8'));

/**
 * Whether an open file holds only whitespace, read a chunk at a time until something shows: a
 * file stops being read at its first visible character, and megabytes of blanks show nothing either.
 */
export function isBlankFile(fd: number): boolean {
  const decoder = new StringDecoder('utf8');
  const chunk = Buffer.alloc(64 * 1024);
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) return /^\s*$/.test(decoder.end());
    if (!/^\s*$/.test(decoder.write(chunk.subarray(0, n)))) return false;
  }
}

/** Which of the given evidence files, as they were in a commit's tree, are empty or whitespace only (on disk: probe-evidence.ts). */
export async function findBlankBlobs(root: string, entries: ReadonlyMap<string, TreeEntry>, files: readonly string[]): Promise<Set<string>> {
  const small = files.filter((f) => { const e = entries.get(f); return e !== undefined && e.mode !== '120000' && e.size <= LOOK_LIMIT; });
  const blobs = await readBlobs(root, small.map((f) => (entries.get(f) as TreeEntry).oid));
  return new Set(small.filter((f) => isBlank(blobs.get((entries.get(f) as TreeEntry).oid) ?? new Uint8Array())));
}
