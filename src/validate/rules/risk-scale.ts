import { shortValue } from '../../model/escape.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { closest, listWords } from '../../model/suggest.js';
import { type Rule, stringsAt } from '../raw-record.js';

const SCALED_FIELDS = [
  { path: 'likelihood', scale: 'likelihood' },
  { path: 'impact', scale: 'impact' },
  { path: 'residual.likelihood', scale: 'likelihood' },
  { path: 'residual.impact', scale: 'impact' },
] as const;

/** Risk likelihood and impact are levels of the scales configured in aims.yaml; a risk not yet rated is a warning. */
export const riskScale: Rule = ({ records, config }) => {
  const out: Diagnostic[] = [];
  for (const record of records) {
    if (record.kind !== 'risk') continue;
    // A misspelt `likelyhood:` is reported as the typo (schema/unknown-field), not as a risk left unrated.
    const keys = Object.keys(record.data);
    const unrated = record.broken ? [] : (['likelihood', 'impact'] as const).filter((f) => record.data[f] === undefined && !keys.some((k) => closest(k, [f]) === f));
    if (unrated.length > 0) {
      out.push({
        rule: 'risk/unrated',
        severity: 'warning',
        message: `the risk has no ${unrated.map((f) => `\`${f}\``).join(' and ')} yet, so it is not assessed`,
        location: { file: record.origin.file, document: record.origin.document, pointer: '' },
        hint: unrated.map((f) => `\`${f}:\` one of ${listWords(config.risk[f])}`).join('; '),
      });
    }
    for (const field of SCALED_FIELDS) {
      const scale = config.risk[field.scale];
      for (const { value, pointer } of stringsAt(record.data, field.path)) {
        if (scale.includes(value)) continue;
        const guess = closest(value, scale);
        out.push({
          rule: 'risk/off-scale',
          severity: 'error',
          message:
            `\`${field.path}\` is \`${shortValue(value)}\`, which is not on the ${field.scale} scale: use ${listWords(scale)}` +
            (guess ? ` (did you mean \`${guess}\`?)` : ''),
          location: { file: record.origin.file, document: record.origin.document, pointer },
        });
      }
    }
  }
  return out;
};
