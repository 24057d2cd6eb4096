import { shortValue } from '../../model/escape.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { Rule } from '../raw-record.js';

/** Ids are unique across the repository; each copy names the other place. */
export const uniqueIds: Rule = ({ byId }) => {
  const out: Diagnostic[] = [];
  for (const [id, records] of byId) {
    if (records.length < 2) continue;
    records.forEach((record, i) => {
      const other = records[i === 0 ? 1 : 0] as (typeof records)[number];
      out.push({
        rule: 'id/duplicate',
        severity: 'error',
        message: `duplicate id \`${shortValue(id)}\`: ${records.length} records use it`,
        location: { file: record.origin.file, document: record.origin.document, pointer: '/id' },
        related: { label: 'also defined at', location: { file: other.origin.file, document: other.origin.document, pointer: '/id' } },
      });
    });
  }
  return out;
};
