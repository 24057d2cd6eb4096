import { loadEngine } from '../../api/check.js';
import { ExitCode } from '../exit-code.js';
import type { Io } from '../io.js';

/** `aims catalog`: the clauses, objectives and controls that aims judges. */
export function catalogCommand(options: { format: string }, io: Io): ExitCode {
  const { catalogue } = loadEngine();
  if (options.format === 'json') {
    const entries = catalogue.entries.map((e) => ({ id: e.id, title: e.title, kind: e.kind, parent: e.parent }));
    io.stdout(JSON.stringify(entries, null, 2) + '\n');
    return ExitCode.ok;
  }
  const depth = (id: string): number => id.replace(/^A\./, '').split('.').length - 1;
  const lines = [`${catalogue.title}: ${catalogue.entries.length} entries (summaries are aims's own words, not the standard's text)`, ''];
  for (const e of catalogue.entries) {
    const indent = '  '.repeat(depth(e.id));
    lines.push(`${indent}${e.id.padEnd(8)} ${e.title}${e.kind === 'control' || e.parent !== null ? '' : '  '}`);
    if (e.kind !== 'objective' && (e.kind === 'control' || !catalogue.entries.some((x) => x.parent === e.id))) {
      lines.push(`${indent}         ${e.summary}`);
    }
  }
  io.stdout(lines.join('\n') + '\n');
  return ExitCode.ok;
}
