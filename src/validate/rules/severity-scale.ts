import { shortValue } from '../../model/escape.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { closest, listWords } from '../../model/suggest.js';
import { type Rule, stringsAt } from '../raw-record.js';

/** A nonconformity's `severity` is a grade of the scale in aims.yaml (`nonconformity.severities`). */
export const severityScale: Rule = ({ records, config }) => {
  const out: Diagnostic[] = [];
  const scale = config.nonconformity.severities;
  for (const record of records) {
    if (record.kind !== 'nonconformity') continue;
    for (const { value, pointer } of stringsAt(record.data, 'severity')) {
      if (scale.includes(value)) continue;
      const guess = closest(value, scale);
      out.push({
        rule: 'nonconformity/off-scale',
        severity: 'error',
        message: `\`severity\` is \`${shortValue(value)}\`, which is not one of the nonconformity severities: use ${listWords(scale)}` + (guess ? ` (did you mean \`${guess}\`?)` : ''),
        location: { file: record.origin.file, document: record.origin.document, pointer },
      });
    }
  }
  return out;
};
