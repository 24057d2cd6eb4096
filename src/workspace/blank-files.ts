import { readSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { readBlobs, streamBlob, type TreeEntry } from './git.js';

/** At a commit (--ref), blobs up to this size are read together; larger ones are streamed one by one until something shows. */
export const LOOK_LIMIT = 1024 * 1024;

const BLANK = /^\s*$/;

export const isBlank = (bytes: Uint8Array): boolean => BLANK.test(Buffer.from(bytes).toString('utf8'));

/** Takes a file's bytes in order: `write` is false once something shows, `end` says whether all of it was blank (a character split across chunks is decoded whole). */
function blankReader(): { write: (chunk: Buffer) => boolean; end: () => boolean } {
  const decoder = new StringDecoder('utf8');
  return { write: (chunk) => BLANK.test(decoder.write(chunk)), end: () => BLANK.test(decoder.end()) };
}

/** One read buffer for every file probed (reads are synchronous): a fresh 64 KB per file cost more than reading it. */
let shared: Buffer | undefined;

/**
 * Whether an open file holds only whitespace, read a chunk at a time until something shows: a
 * file stops being read at its first visible character, and megabytes of blanks show nothing either.
 */
export function isBlankFile(fd: number): boolean {
  const chunk = (shared ??= Buffer.allocUnsafe(64 * 1024));
  let reader: ReturnType<typeof blankReader> | undefined;
  for (;;) {
    const n = readSync(fd, chunk, 0, chunk.length, null);
    if (n === 0) return reader ? reader.end() : true;
    // Any visible ASCII character shows something, whatever surrounds it: no need to decode.
    if (showsAscii(chunk, n)) return false;
    reader ??= blankReader();
    if (!reader.write(chunk.subarray(0, n))) return false;
  }
}

/** Whether the first `n` bytes hold an ASCII character that is not whitespace (`\s`: tab, line feed, vertical tab, form feed, carriage return, space). */
export function showsAscii(bytes: Uint8Array, n: number): boolean {
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b < 0x80 && b !== 32 && (b < 9 || b > 13)) return true;
  }
  return false;
}

/** Which of the given evidence files, as they were in a commit's tree, are empty or whitespace only (on disk: probe-evidence.ts). */
export async function findBlankBlobs(root: string, entries: ReadonlyMap<string, TreeEntry>, files: readonly string[]): Promise<Set<string>> {
  const blobs = files.flatMap((f) => { const e = entries.get(f); return e !== undefined && e.mode !== '120000' ? [{ f, e }] : []; });
  const small = blobs.filter(({ e }) => e.size <= LOOK_LIMIT);
  const read = await readBlobs(root, small.map(({ e }) => e.oid));
  const blank = new Set(small.filter(({ e }) => isBlank(read.get(e.oid) ?? new Uint8Array())).map(({ f }) => f));
  for (const { f, e } of blobs) if (e.size > LOOK_LIMIT && (await isBlankBlob(root, e))) blank.add(f);
  return blank;
}

/** A large blob streamed until something shows (git stops as soon as it does). */
async function isBlankBlob(root: string, entry: TreeEntry): Promise<boolean> {
  const reader = blankReader();
  const shows = new Error('something shows');
  try {
    const streamed = await streamBlob(root, entry.oid, entry.size, (chunk) => {
      if (!reader.write(chunk)) throw shows;
    });
    return 'bytes' in streamed && reader.end();
  } catch (error) {
    if (error === shows) return false;
    throw error;
  }
}
