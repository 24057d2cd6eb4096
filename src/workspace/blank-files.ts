import { readBlobs, type TreeEntry } from './git.js';

/** Files larger than this hold something; only smaller ones are read to see whether they are blank. */
export const LOOK_LIMIT = 1024 * 1024;

export const isBlank = (bytes: Uint8Array): boolean => /^\s*$/.test(Buffer.from(bytes).toString('utf8'));

/** Which of the given evidence files, as they were in a commit's tree, are empty or whitespace only (on disk: probe-evidence.ts). */
export async function findBlankBlobs(root: string, entries: ReadonlyMap<string, TreeEntry>, files: readonly string[]): Promise<Set<string>> {
  const small = files.filter((f) => { const e = entries.get(f); return e !== undefined && e.mode !== '120000' && e.size <= LOOK_LIMIT; });
  const blobs = await readBlobs(root, small.map((f) => (entries.get(f) as TreeEntry).oid));
  return new Set(small.filter((f) => isBlank(blobs.get((entries.get(f) as TreeEntry).oid) ?? new Uint8Array())));
}
