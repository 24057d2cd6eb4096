import { markdownCode, markdownText } from '../../model/escape.js';
import type { Formatter } from './format-context.js';

/** A Markdown summary for a pull request comment or job summary. */
export const markdown: Formatter = ({ diagnostics, summary }) => {
  const out = [`### aims validate: ${summary.errors} error(s), ${summary.warnings} warning(s) in ${summary.records} records (${summary.files} files)`, ''];
  if (diagnostics.length === 0) return out.concat('No problems found.', '').join('\n');
  out.push('| Severity | Location | Rule | Message |', '| --- | --- | --- | --- |');
  for (const d of diagnostics) {
    const p = d.location.position;
    out.push(`| ${d.severity} | ${markdownCode(`${d.location.file}:${p.line}:${p.column}`)} | \`${d.rule}\` | ${markdownText(d.message)} |`);
  }
  return out.join('\n') + '\n';
};

/** Text made safe for one Markdown table cell (links, images, HTML and pipes escaped). */
export function cell(text: string): string {
  return markdownText(text);
}
