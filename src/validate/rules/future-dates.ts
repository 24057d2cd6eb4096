import type { Diagnostic } from '../../model/diagnostic.js';
import { type RawRecord, type Rule, valuesAt } from '../raw-record.js';

/**
 * Dates that record a fact: a fact cannot have happened after today. A future audit or
 * review is planned (`status: planned`), which is allowed; a future `updated` or approval
 * would make a record look reviewed for years.
 */
const FACT_DATES: readonly { kind: string; path: string; what: string; unlessPlanned?: boolean }[] = [
  { kind: '*', path: 'updated', what: 'the review date `updated`' },
  { kind: '*', path: 'approved.date', what: 'the approval date' },
  { kind: 'audit', path: 'date', what: 'the date of a done audit', unlessPlanned: true },
  { kind: 'review', path: 'date', what: 'the date of a done management review', unlessPlanned: true },
  { kind: 'review', path: 'actions[].done', what: 'the date a review action was done' },
  { kind: 'objective', path: 'measurements[].date', what: 'a measurement date' },
  { kind: 'competence', path: 'training[].date', what: 'a training date' },
  { kind: 'nonconformity', path: 'raised', what: 'the date it was raised' },
  { kind: 'nonconformity', path: 'corrective_actions[].done', what: 'the date a corrective action was done' },
  { kind: 'nonconformity', path: 'effectiveness.verified', what: 'the effectiveness check date' },
];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const futureDates: Rule = ({ records, today }) => {
  if (today === undefined) return [];
  const out: Diagnostic[] = [];
  for (const record of records) {
    for (const field of FACT_DATES) {
      if (field.kind !== '*' && field.kind !== record.kind) continue;
      if (field.unlessPlanned && isPlanned(record)) continue;
      for (const { value, pointer } of valuesAt(record.data, field.path)) {
        if (typeof value !== 'string' || !ISO_DATE.test(value) || value <= today) continue;
        out.push({
          rule: 'date/future',
          severity: 'error',
          message: `${field.what} ${value} is after today (${today}): a fact cannot be dated in the future`,
          location: { file: record.origin.file, document: record.origin.document, pointer },
          hint: field.unlessPlanned ? 'correct the date, or mark it `status: planned` until it has taken place' : 'correct the date to the day it happened',
        });
      }
    }
  }
  return out;
};

function isPlanned(record: RawRecord): boolean {
  return record.data['status'] === 'planned';
}
