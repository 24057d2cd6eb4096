import { readFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The bytes of evidence files, by repository-relative path. Only paths the snapshot's index
 * already classified as files inside the root reach here (links out of the root never do).
 */
export async function readEvidenceFiles(root: string, sources: readonly string[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const source of sources) out.set(source, await readFile(path.join(root, source)));
  return out;
}
