import { findingTypes } from '../../model/config.js';
import { shortValue } from '../../model/escape.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { closest, listWords } from '../../model/suggest.js';
import { type Rule, stringsAt } from '../raw-record.js';

/**
 * A nonconformity's `severity` is a grade of the scale in aims.yaml (`nonconformity.severities`);
 * an audit finding's `type` is one of those grades, an observation or an opportunity.
 */
export const severityScale: Rule = ({ records, config }) => {
  const out: Diagnostic[] = [];
  const scale = config.nonconformity.severities;
  const types = findingTypes(config);
  for (const record of records) {
    if (record.kind === 'audit') {
      for (const { value, pointer } of stringsAt(record.data, 'findings[].type')) {
        if (types.includes(value)) continue;
        const guess = closest(value, types);
        out.push({
          rule: 'audit/finding-off-scale',
          severity: 'error',
          message: `finding \`type\` is \`${shortValue(value)}\`, which is neither a nonconformity severity (${listWords(scale)}) nor observation or opportunity` + (guess ? ` (did you mean \`${guess}\`?)` : ''),
          location: { file: record.origin.file, document: record.origin.document, pointer },
          hint: 'use a grade from `nonconformity.severities` in aims.yaml for a nonconformity, `observation` or `opportunity` otherwise',
        });
      }
      continue;
    }
    if (record.kind !== 'nonconformity') continue;
    for (const { value, pointer } of stringsAt(record.data, 'severity')) {
      if (scale.includes(value)) continue;
      const guess = closest(value, scale);
      out.push({
        rule: 'nonconformity/off-scale',
        severity: 'error',
        message: `\`severity\` is \`${shortValue(value)}\`, which is not one of the nonconformity severities: use ${listWords(scale)}` + (guess ? ` (did you mean \`${guess}\`?)` : ''),
        location: { file: record.origin.file, document: record.origin.document, pointer },
        hint: 'or, if your organisation grades so, add the grade to `nonconformity.severities` in aims.yaml',
      });
    }
  }
  return out;
};
