import type { Diagnostic } from '../../model/diagnostic.js';
import { judgeControlTitle, titleMismatchMessage } from '../../model/control-titles.js';
import type { Rule } from '../raw-record.js';

/** An SoA entry with an Annex A id must be about that control: its title must not name another. */
export const controlTitles: Rule = ({ records, catalogue }) => {
  const out: Diagnostic[] = [];
  for (const record of records) {
    const title = record.data['title'];
    if (record.kind !== 'control' || record.id === undefined || typeof title !== 'string') continue;
    const verdict = judgeControlTitle(catalogue, record.id, title);
    if (verdict.fits) continue;
    out.push({
      rule: 'control/title-mismatch',
      severity: 'error',
      message: titleMismatchMessage(verdict, title),
      location: { file: record.origin.file, document: record.origin.document, pointer: '/title' },
      hint: verdict.matches
        ? `if this is Annex A's ${verdict.entry.id}, retitle it; if it is ${verdict.matches.id}, use that id`
        : `if this is Annex A's ${verdict.entry.id}, retitle it to say so`,
    });
  }
  return out;
};
