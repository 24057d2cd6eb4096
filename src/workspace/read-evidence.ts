import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../model/errors.js';
import type { CopiedFile } from '../model/pack-entry.js';
import { resolveInside, streamRegularFile } from './read-file.js';

/**
 * Evidence files, by repository-relative path, measured and hashed as a stream under the
 * reading policy (never loaded whole); the pack writer copies each later, again as a stream,
 * and checks that it still has these bytes. Only paths the snapshot's index classified as
 * readable files inside the root reach here, so a refusal now means the file changed during the run.
 */
export function measureEvidenceFiles(root: string, sources: readonly string[], limit: number): Map<string, CopiedFile> {
  const realRoot = realpathSync(root);
  const out = new Map<string, CopiedFile>();
  for (const source of sources) {
    const resolved = resolveInside(realRoot, path.join(root, source));
    const hash = createHash('sha256');
    const read = 'problem' in resolved ? resolved : streamRegularFile(resolved.real, limit, (chunk) => hash.update(chunk));
    if ('problem' in read) throw changed(source, read.problem.message);
    out.set(source, { from: (resolved as { real: string }).real, bytes: read.bytes, sha256: hash.digest('hex'), limit });
  }
  return out;
}

/** The refusal when evidence is not what validation saw (or what the pack's manifest already says). */
export function changed(source: string, why: string): InputError {
  return new InputError(`evidence ${source}: ${why}`, 'it changed while aims ran; run aims validate, then try again');
}
