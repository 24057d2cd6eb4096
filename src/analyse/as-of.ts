import type { AimsRecord } from '../model/record.js';

/** A record the judgement leaves out, and why: it was only planned, or it is dated after the as-of date. */
export interface NotYet {
  record: AimsRecord;
  reason: 'planned' | 'later';
  /** The date that puts it after the as-of date (or the planned date). */
  date: string;
}

/**
 * The records as they stood on the as-of date, the one place time is filtered, so that every
 * clause rule sees only what existed then. Dated after `asOf`, an audit, review, assessment
 * or nonconformity does not exist yet; a planned audit or review never counts as held; a
 * later `updated`, measurement, training, or completion of an action has not happened yet
 * (the record stays, without it). An approval dated later stays in the record: the rules
 * that need an approval judge its date themselves, and say "approved only after the as-of
 * date" rather than "not approved". Pure: records are copied, never changed.
 */
export function recordsAsOf(records: readonly AimsRecord[], asOf: string): { records: AimsRecord[]; notYet: NotYet[] } {
  const kept: AimsRecord[] = [];
  const notYet: NotYet[] = [];
  const later = (date: string | undefined): date is string => typeof date === 'string' && date > asOf;
  for (const record of records) {
    if ((record.kind === 'audit' || record.kind === 'review') && record.status === 'planned') {
      notYet.push({ record, reason: 'planned', date: record.date ?? '' });
      continue;
    }
    const existsFrom = record.kind === 'audit' || record.kind === 'review' || record.kind === 'assessment' ? record.date : record.kind === 'nonconformity' ? record.raised : undefined;
    if (later(existsFrom)) {
      notYet.push({ record, reason: 'later', date: existsFrom });
      continue;
    }
    kept.push(withoutLaterFacts(record, later));
  }
  return { records: kept, notYet };
}

function withoutLaterFacts(record: AimsRecord, later: (date: string | undefined) => date is string): AimsRecord {
  const copy = { ...record } as AimsRecord & Record<string, unknown>;
  if (later(copy.updated)) delete copy.updated;
  switch (copy.kind) {
    case 'objective':
      if (copy.measurements) copy.measurements = copy.measurements.filter((m) => !later(m.date));
      break;
    case 'competence':
      if (copy.training) copy.training = copy.training.filter((t) => !later(t.date));
      break;
    case 'review':
      if (copy.actions) copy.actions = copy.actions.map((a) => (later(a.done) ? reopen(a) : a));
      break;
    case 'nonconformity': {
      let reopened = false;
      if (copy.corrective_actions) {
        copy.corrective_actions = copy.corrective_actions.map((a) => {
          if (!later(a.done)) return a;
          reopened = true;
          return reopen(a);
        });
      }
      if (copy.effectiveness && later(copy.effectiveness.verified)) {
        delete copy.effectiveness;
        reopened = true;
      }
      // Closed on the strength of work done after the as-of date: it was still open then.
      if (reopened && copy.status === 'closed') copy.status = 'open';
      break;
    }
    default:
      break;
  }
  return copy;
}

/** An action whose completion is dated after the as-of date: still open then. */
function reopen<A extends { status?: string; done?: string }>(action: A): A {
  const { done: _done, ...rest } = action;
  return { ...rest, status: 'open' } as A;
}
