import { prebuiltCatalogue } from '../../api/built-data.js';
import type { Catalogue } from '../../model/catalogue.js';
import { ExitCode } from '../exit-code.js';
import type { Io } from '../io.js';

/** The built-in catalogue: as built (JSON), else (running the sources) parsed by the engine, loaded only then. */
export async function builtInCatalogue(): Promise<Catalogue> {
  return prebuiltCatalogue() ?? (await import('../../api/check.js')).loadEngine().catalogue;
}

/** `aims catalog`: the clauses, objectives and controls that aims judges. */
export async function catalogCommand(options: { format: string }, io: Io): Promise<ExitCode> {
  const catalogue = await builtInCatalogue();
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
