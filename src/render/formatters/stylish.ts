import { escapeDeep } from '../../model/escape.js';
import { colours } from '../colour.js';
import type { LocatedDiagnostic } from '../../model/diagnostic.js';
import { plural } from '../../model/plural.js';
import type { Formatter } from './format-context.js';

/** Human output, grouped by file, as ESLint's stylish: `line:col  severity  message  rule`. */
export const stylish: Formatter = (input, { color, displayPath = (f) => f }) => {
  // Every value may come from a record or a file name: no control character reaches the terminal.
  const { diagnostics, summary } = escapeDeep(input);
  const c = colours(color);
  const byFile = new Map<string, LocatedDiagnostic[]>();
  for (const d of diagnostics) {
    const list = byFile.get(d.location.file);
    if (list) list.push(d);
    else byFile.set(d.location.file, [d]);
  }
  const lines: string[] = [];
  for (const [file, list] of byFile) {
    lines.push(c.underline(displayPath(file)));
    const width = Math.max(...list.map((d) => place(d).length));
    for (const d of list) {
      const severity = d.severity === 'error' ? c.red('error  ') : c.yellow('warning');
      const hint = d.hint ? c.dim(` — ${d.hint}`) : '';
      lines.push(`  ${c.dim(place(d).padEnd(width))}  ${severity}  ${d.message}${hint}  ${c.dim(d.rule)}`);
    }
    lines.push('');
  }
  const scope = `${plural(summary.records, 'record')} in ${plural(summary.files, 'file')}`;
  const problems = summary.errors + summary.warnings;
  if (problems === 0) {
    lines.push(c.green(`✔ ${scope}: no problems`));
  } else if (summary.errors === 0) {
    lines.push(c.yellow.bold(`⚠ ${plural(summary.warnings, 'warning')}, no errors; checked ${scope}`));
  } else {
    lines.push(c.red.bold(`✖ ${plural(problems, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}); checked ${scope}`));
  }
  return lines.join('\n') + '\n';
};

function place(d: LocatedDiagnostic): string {
  return `${d.location.position.line}:${d.location.position.column}`;
}
