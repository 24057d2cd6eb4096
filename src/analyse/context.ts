import type { AimsConfig, ReviewCycleKind } from '../model/config.js';
import type { Catalogue } from '../model/catalogue.js';
import type { LocatedDiagnostic } from '../model/diagnostic.js';
import type { Suppression } from '../model/suppression.js';
import type { Finding } from '../model/gap.js';
import type { AimsRecord, RecordKind, RecordOfKind } from '../model/record.js';
import type { FileHistory, HistoryProblem, PathKind } from '../model/snapshot.js';
import { classifyEvidence } from '../validate/rules/evidence-paths.js';
import { addDuration, isIsoDate, parseDuration, toIsoDate } from './dates.js';

export interface AnalysisInput {
  records: readonly AimsRecord[];
  catalogue: Catalogue;
  config: AimsConfig;
  /** Every time-based rule judges as of this date (YYYY-MM-DD); never the clock. */
  asOf: string;
  paths: ReadonlyMap<string, PathKind>;
  history?: ReadonlyMap<string, FileHistory>;
  historyProblem?: HistoryProblem;
  /** Validation's diagnostics: the gap report counts them and reuses some as findings. */
  diagnostics: readonly LocatedDiagnostic[];
  /** Declared `x-aims-ignore` suppressions, to list in the report. */
  suppressions?: readonly Suppression[];
  /**
   * For approved records changed after their approval: `approved.date` as it was before that
   * last change (null when it had none). A change that set a new approval date records the
   * approval; it is not an edit awaiting one.
   */
  previousApprovals?: ReadonlyMap<string, string | null>;
}

/** The input plus indexes built once, so every rule is a lookup rather than a scan. */
export interface AnalysisContext extends AnalysisInput {
  ofKind<K extends RecordKind>(kind: K): readonly RecordOfKind<K>[];
  byId: ReadonlyMap<string, AimsRecord>;
}

export function createContext(input: AnalysisInput): AnalysisContext {
  const groups = new Map<RecordKind, AimsRecord[]>();
  const byId = new Map<string, AimsRecord>();
  for (const record of input.records) {
    const list = groups.get(record.kind);
    if (list) list.push(record);
    else groups.set(record.kind, [record]);
    if (record.id !== undefined && !byId.has(record.id)) byId.set(record.id, record);
  }
  return {
    ...input,
    byId,
    ofKind: <K extends RecordKind>(kind: K) => (groups.get(kind) ?? []) as RecordOfKind<K>[],
  };
}

/** A finding about a record: names it, its file and the line it starts on. */
export function finding(record: AimsRecord, message: string, next: string): Finding {
  const f: Finding = { message, kind: record.kind, file: record.origin.file, line: record.origin.line, next };
  if (record.id !== undefined) f.record = record.id;
  return f;
}

export function label(record: AimsRecord): string {
  return `${record.kind} ${record.id ?? `(no id, ${record.origin.file}:${record.origin.line})`}`;
}

/** When a record was last reviewed: its `updated`, else the date git last changed its file. */
export function lastReviewed(ctx: AnalysisContext, record: AimsRecord): { date: string; source: 'updated' | 'git' } | undefined {
  if (isIsoDate(record.updated)) return { date: record.updated, source: 'updated' };
  const history = ctx.historyProblem === 'shallow' ? undefined : ctx.history?.get(record.origin.file);
  return history ? { date: toIsoDate(history.lastDate), source: 'git' } : undefined;
}

/** A finding when `date` is older than the review cycle for `cycle` as of ctx.asOf. */
export function staleFinding(
  ctx: AnalysisContext,
  record: AimsRecord,
  date: string | undefined,
  cycle: ReviewCycleKind,
  what: string,
  next = 'review it and set `updated` to the review date',
): Finding | undefined {
  const period = ctx.config.reviewCycles[cycle];
  if (date === undefined) {
    return finding(record, `${label(record)}: no ${what} date is known (no \`updated\` field and no git history for its file)`, 'add `updated: YYYY-MM-DD` when it is reviewed');
  }
  const duration = parseDuration(period);
  if (!duration) return undefined;
  const due = addDuration(date, duration);
  if (due >= ctx.asOf) return undefined;
  return finding(record, `${label(record)}: ${what} ${date} is older than the ${period} ${cycle} cycle (due ${due})`, next);
}

/** Whether any cited evidence of the record exists (an https URL, or a file inside the repository). */
export function hasExistingEvidence(ctx: AnalysisContext, record: AimsRecord): boolean {
  return (record.evidence ?? []).some((e) => classifyEvidence(e, ctx.paths).type !== 'problem');
}

export function nonEmpty<T>(list: readonly T[] | undefined): list is readonly T[] {
  return Array.isArray(list) && list.length > 0;
}

/** The most recent record by a date field (ties: the later one in the repository). */
export function latest<R extends AimsRecord>(records: readonly R[], date: (r: R) => string | undefined): R | undefined {
  let best: R | undefined;
  for (const r of records) {
    const d = date(r);
    if (d === undefined) continue;
    const bestDate = best ? date(best) : undefined;
    if (bestDate === undefined || d >= bestDate) best = r;
  }
  return best;
}
