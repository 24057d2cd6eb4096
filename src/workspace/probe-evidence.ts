import { closeSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { openRegular, resolveInside } from './read-file.js';

/**
 * Opens each cited evidence file under the reading policy and closes it again, so that
 * `validate` already refuses what `report pack` could not read (no permission, a FIFO behind
 * a link, over the evidence size limit). Returns the paths that failed.
 */
export function probeEvidence(root: string, rels: Iterable<string>, limit: number): Set<string> {
  const realRoot = realpathSync(root);
  const failed = new Set<string>();
  for (const rel of rels) {
    const resolved = resolveInside(realRoot, path.join(root, rel));
    const opened = 'problem' in resolved ? resolved : openRegular(resolved.real, limit);
    if ('problem' in opened) failed.add(rel);
    else closeSync(opened.fd);
  }
  return failed;
}
