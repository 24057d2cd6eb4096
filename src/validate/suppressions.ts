import { shortValue } from '../model/escape.js';
import { RULES } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { Suppression } from '../model/suppression.js';
import { closest } from '../model/suggest.js';
import type { RawRecord } from './raw-record.js';

export const IGNORE_KEY = 'x-aims-ignore';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Declared {
  suppression: Suppression;
  key: string;
}

/**
 * Applies each record's `x-aims-ignore` entries to the diagnostics about that record. A
 * suppression needs a reason; past its `until` date it stops applying and becomes an error
 * itself. Suppressed diagnostics are returned separately, never dropped.
 */
export function applySuppressions(
  records: readonly RawRecord[],
  diagnostics: readonly Diagnostic[],
  today: string | undefined,
): { kept: Diagnostic[]; suppressed: Diagnostic[]; suppressions: Suppression[]; problems: Diagnostic[] } {
  const declared: Declared[] = [];
  const problems: Diagnostic[] = [];
  for (const record of records) {
    const list = record.data[IGNORE_KEY];
    if (list === undefined) continue;
    const where = { file: record.origin.file, document: record.origin.document };
    if (!Array.isArray(list)) {
      problems.push({ rule: 'suppression/invalid', severity: 'error', message: `\`${IGNORE_KEY}\` must be a list of { rule, reason, until }`, location: { ...where, pointer: `/${IGNORE_KEY}` } });
      continue;
    }
    list.forEach((entry: unknown, i) => {
      const pointer = `/${IGNORE_KEY}/${i}`;
      const e = typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {};
      const rule = e['rule'];
      const reason = e['reason'];
      const until = e['until'];
      // Own keys only: `toString` or `__proto__` are on every object, not rules.
      const known = typeof rule === 'string' && (Object.hasOwn(RULES, rule) || (rule.endsWith('/*') && Object.keys(RULES).some((r) => r.startsWith(rule.slice(0, -1)))));
      if (typeof rule !== 'string' || !known || rule.startsWith('suppression/')) {
        const guess = typeof rule === 'string' ? closest(rule, Object.keys(RULES)) : undefined;
        problems.push({
          rule: 'suppression/invalid',
          severity: 'error',
          message: `\`rule\` must name a rule that can be suppressed${typeof rule === 'string' ? `, not \`${shortValue(rule)}\`` : ''}` + (guess ? ` (did you mean \`${guess}\`?)` : ''),
          location: { ...where, pointer: typeof rule === 'string' ? `${pointer}/rule` : pointer, target: typeof rule === 'string' ? 'value' : 'key' },
        });
        return;
      }
      if (typeof reason !== 'string' || reason.trim() === '') {
        problems.push({ rule: 'suppression/invalid', severity: 'error', message: `suppressing \`${shortValue(rule)}\` needs a \`reason\``, location: { ...where, pointer } });
        return;
      }
      if (until !== undefined && (typeof until !== 'string' || !isCalendarDate(until))) {
        problems.push({ rule: 'suppression/invalid', severity: 'error', message: '`until` must be a date written YYYY-MM-DD', location: { ...where, pointer: `${pointer}/until` } });
        return;
      }
      const expired = typeof until === 'string' && today !== undefined && until < today;
      if (expired) {
        problems.push({
          rule: 'suppression/expired',
          severity: 'error',
          message: `the suppression of \`${shortValue(rule)}\` expired on ${until}: ${shortValue(reason, 200)}`,
          location: { ...where, pointer: `${pointer}/until` },
        });
      }
      const suppression: Suppression = { record: record.id ?? record.origin.file, file: record.origin.file, line: record.origin.line, rule, reason, expired, matched: 0 };
      if (typeof until === 'string') suppression.until = until;
      declared.push({ suppression, key: `${where.file}|${where.document}` });
    });
  }
  const active = declared.filter((d) => !d.suppression.expired);
  const kept: Diagnostic[] = [];
  const suppressed: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.location.file}|${d.location.document ?? 0}`;
    const match = d.location.document === undefined ? undefined : active.find((s) => s.key === key && covers(s.suppression.rule, d.rule));
    if (match) {
      match.suppression.matched++;
      suppressed.push(d);
    } else {
      kept.push(d);
    }
  }
  return { kept, suppressed, suppressions: declared.map((d) => d.suppression), problems };
}

function covers(pattern: string, rule: string): boolean {
  return pattern === rule || (pattern.endsWith('/*') && rule.startsWith(pattern.slice(0, -1)));
}

/** YYYY-MM-DD naming a day that exists: Date.parse alone accepts 2099-02-30. */
function isCalendarDate(text: string): boolean {
  if (!DATE.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}
