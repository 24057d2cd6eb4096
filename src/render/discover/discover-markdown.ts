import type { DiscoverResult } from '../../model/discover.js';
import { cell } from '../formatters/markdown.js';
import { countFindings, describe, nextStep, shownFile, STATUS_LABELS, summaryLine } from './discover-view.js';

/** A pull request comment or job summary. */
export function discoverMarkdown(result: DiscoverResult): string {
  const out = [`### aims discover: ${summaryLine(countFindings(result.findings), result.roots.length)}`, ''];
  if (result.findings.length === 0) return out.concat('No AI use found.', '').join('\n');
  out.push('| Status | Location | Signature | Category | What | Next step |', '| --- | --- | --- | --- | --- | --- |');
  for (const f of result.findings) {
    out.push(`| ${STATUS_LABELS[f.status]} | \`${shownFile(result, f)}:${f.line}\` | \`${f.signature}\` | ${f.category} | ${cell(describe(result, f))} | ${cell(nextStep(result, f))} |`);
  }
  return out.join('\n') + '\n';
}
