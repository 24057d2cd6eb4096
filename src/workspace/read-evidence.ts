import { realpathSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import { readRegularFile } from './read-file.js';

/**
 * The bytes of evidence files, by repository-relative path, read under the reading policy.
 * Only paths the snapshot's index classified as readable files inside the root reach here, so
 * a refusal now means the file changed during the run.
 */
export function readEvidenceFiles(root: string, sources: readonly string[], limit: number): Map<string, Uint8Array> {
  const realRoot = realpathSync(root);
  const out = new Map<string, Uint8Array>();
  for (const source of sources) {
    const read = readRegularFile(realRoot, path.join(root, source), limit);
    if ('problem' in read) throw new InputError(`evidence ${source}: ${read.problem.message}`, 'it changed while aims ran; run aims validate, then try again');
    out.set(source, read.bytes);
  }
  return out;
}
