import type { DiscoverResult } from '../../model/discover.js';
import { countFindings, describe, nextStep, shownFile, STATUS_LABELS, summaryLine } from './discover-view.js';

/** For people: each scanned location, then each use with file:line, what it is, and the next step. */
export function discoverText(result: DiscoverResult): string {
  const out: string[] = [];
  result.roots.forEach((root, i) => {
    const how = root.listing === 'git' ? 'tracked files' : root.listing === 'walk' ? 'files, .gitignore applied' : 'SBOM';
    out.push(`${root.display} (${root.filesRead} ${how} read)`);
    const findings = result.findings.filter((f) => f.root === i);
    if (findings.length === 0) out.push('  no AI use found');
    for (const f of findings) {
      out.push(`  ${shownFile(result, f)}:${f.line}  ${STATUS_LABELS[f.status]}  ${f.signature} [${f.category}]  ${describe(result, f)}`);
      if (f.status !== 'registered') out.push(`      → ${nextStep(result, f)}`);
    }
    for (const s of root.skipped) out.push(`  skipped ${s.file}: ${s.reason}`);
    out.push('');
  });
  out.push(summaryLine(countFindings(result.findings), result.roots.length));
  return out.join('\n') + '\n';
}
