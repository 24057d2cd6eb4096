import { closeSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { isBlank, LOOK_LIMIT } from './blank-files.js';
import { openRegular, resolveInside } from './read-file.js';

/**
 * Opens each cited evidence file under the reading policy, so that `validate` already refuses
 * what `report pack` could not read (no permission, a FIFO behind a link, over the evidence
 * size limit), and, while it is open, reads the small ones to see whether they are blank:
 * one synchronous open per file (awaiting four calls per file for thousands of files left the
 * process idle for most of a second). Returns the paths that failed, and the blank ones.
 */
export function probeEvidence(root: string, rels: Iterable<string>, limit: number): { failed: Set<string>; blank: Set<string> } {
  const realRoot = realpathSync(root);
  const failed = new Set<string>();
  const blank = new Set<string>();
  for (const rel of rels) {
    const resolved = resolveInside(realRoot, path.join(root, rel));
    const opened = 'problem' in resolved ? resolved : openRegular(resolved.real, limit);
    if ('problem' in opened) {
      failed.add(rel);
      continue;
    }
    try {
      if (opened.stats.size <= LOOK_LIMIT && isBlank(readFileSync(opened.fd))) blank.add(rel);
    } catch {
      // Unreadable after all: the evidence rule reports it when the pack cannot read it; it is not blank.
    } finally {
      closeSync(opened.fd);
    }
  }
  return { failed, blank };
}
