import { open } from 'node:fs/promises';
import path from 'node:path';
import { readBlobs, type TreeEntry } from './git.js';

/** Files larger than this hold something; only smaller ones are read to see whether they are blank. */
const LOOK_LIMIT = 1024 * 1024;

const isBlank = (bytes: Uint8Array): boolean => /^\s*$/.test(Buffer.from(bytes).toString('utf8'));

/**
 * Which of the given evidence files (repository-relative, known to be files inside the root)
 * are empty or whitespace only. Only cited files are looked at, never the whole tree.
 */
export async function findBlankFiles(root: string, files: readonly string[]): Promise<Set<string>> {
  const blank = new Set<string>();
  for (const rel of files) {
    let handle;
    try {
      handle = await open(path.join(root, rel), 'r');
      const { size } = await handle.stat();
      if (size <= LOOK_LIMIT && isBlank(await handle.readFile())) blank.add(rel);
    } catch {
      // Unreadable evidence is reported by the evidence rule when it is cited; it is not blank.
    } finally {
      await handle?.close();
    }
  }
  return blank;
}

/** The same question about files as they were in a commit's tree. */
export async function findBlankBlobs(root: string, entries: ReadonlyMap<string, TreeEntry>, files: readonly string[]): Promise<Set<string>> {
  const small = files.filter((f) => { const e = entries.get(f); return e !== undefined && e.mode !== '120000' && e.size <= LOOK_LIMIT; });
  const blobs = await readBlobs(root, small.map((f) => (entries.get(f) as TreeEntry).oid));
  return new Set(small.filter((f) => isBlank(blobs.get((entries.get(f) as TreeEntry).oid) ?? new Uint8Array())));
}
