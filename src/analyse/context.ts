import type { DiscoverResult } from '../model/discover.js';
import type { AimsConfig, ReviewCycleKind } from '../model/config.js';
import type { Catalogue } from '../model/catalogue.js';
import type { LocatedDiagnostic } from '../model/diagnostic.js';
import type { Suppression } from '../model/suppression.js';
import type { CommentedEntry, Finding, RecordTrace } from '../model/gap.js';
import type { AimsRecord, RecordKind, RecordOfKind } from '../model/record.js';
import type { CommitInfo, FileHistory, HistoryProblem, PathKind } from '../model/snapshot.js';
import { recordKey } from '../load/record-contents.js';
import type { RecordHistories } from './record-history.js';
import { isEmptyPhrase, isTrivial, type Wording } from '../model/wording.js';
import { classifyEvidence, type EvidenceSubstance, type EvidenceTarget } from '../model/evidence.js';
import { type NotYet, recordsAsOf } from './as-of.js';
import { addDuration, isIsoDate, parseDuration, toIsoDate } from './dates.js';
import { type PlaceholderSpot, withoutPlaceholders } from './placeholders.js';

export interface AnalysisInput {
  records: readonly AimsRecord[];
  catalogue: Catalogue;
  config: AimsConfig;
  /** The phrases that say nothing (schemas/wording.json, read by assets.readWording). */
  wording: Wording;
  /** Every time-based rule judges as of this date (YYYY-MM-DD); never the clock. */
  asOf: string;
  paths: ReadonlyMap<string, PathKind>;
  history?: ReadonlyMap<string, FileHistory>;
  historyProblem?: HistoryProblem;
  /** Validation's diagnostics: the gap report counts them and reuses some as findings. */
  diagnostics: readonly LocatedDiagnostic[];
  /** Declared `x-aims-ignore` suppressions, to list in the report. */
  suppressions?: readonly Suppression[];
  /** Each record's own history (see record-history.ts); without it, records are dated by their file's history. */
  recordHistory?: RecordHistories;
  /** Which evidence files show nothing (blank files, record files); without it, any existing file counts. */
  substance?: EvidenceSubstance;
  /** AI use found in the code repositories `discover.paths` names (aims discover), when they were scanned. */
  discovered?: DiscoverResult & { aimsRoot: string };
  /** Annex A ids whose SoA entry is still commented out (as `aims init` writes it), and where. */
  commentedControls?: ReadonlyMap<string, CommentedEntry>;
}

/** The input plus indexes built once, so every rule is a lookup rather than a scan. */
export interface AnalysisContext extends AnalysisInput {
  ofKind<K extends RecordKind>(kind: K): readonly RecordOfKind<K>[];
  byId: ReadonlyMap<string, AimsRecord>;
  /** Records left out of `records`: planned audits and reviews, and records dated after the as-of date. */
  notYet: readonly NotYet[];
  /** Scaffold text still in a record (taken out of `records`, which the rules read). */
  placeholders: ReadonlyMap<AimsRecord, readonly PlaceholderSpot[]>;
  /** Empty, or a phrase that says nothing ("n/a", "TBD"). */
  empty(text: string | undefined): boolean;
  /** Says nothing as a justification, decision, root cause or reason: an empty phrase, or too few words. */
  trivial(text: string | undefined): boolean;
}

export function createContext(input: AnalysisInput): AnalysisContext {
  const groups = new Map<RecordKind, AimsRecord[]>();
  const byId = new Map<string, AimsRecord>();
  // Time is filtered here, once: no rule sees what did not exist yet on the as-of date.
  const asOf = recordsAsOf(input.records, input.asOf);
  const { records, spots } = withoutPlaceholders(asOf.records, input.diagnostics);
  for (const record of records) {
    const list = groups.get(record.kind);
    if (list) list.push(record);
    else groups.set(record.kind, [record]);
    if (record.id !== undefined && !byId.has(record.id)) byId.set(record.id, record);
  }
  return {
    ...input,
    records,
    notYet: asOf.notYet,
    byId,
    placeholders: spots,
    ofKind: <K extends RecordKind>(kind: K) => (groups.get(kind) ?? []) as RecordOfKind<K>[],
    empty: (text) => isEmptyPhrase(input.wording, text),
    trivial: (text) => isTrivial(input.wording, text),
  };
}

/** A finding about a record: names it, its file and the line it starts on. */
export function finding(record: AimsRecord, message: string, next: string): Finding {
  const f: Finding = { message, kind: record.kind, file: record.origin.file, line: record.origin.line, next };
  if (record.id !== undefined) f.record = record.id;
  return f;
}

/** Where each record is, for traceable verdicts: one entry per record with an id, in first-seen order. */
export function traces(records: readonly AimsRecord[]): RecordTrace[] {
  const seen = new Set<string>();
  const out: RecordTrace[] = [];
  for (const r of records) {
    if (r.id === undefined || seen.has(r.id)) continue;
    seen.add(r.id);
    out.push({ id: r.id, kind: r.kind, file: r.origin.file, line: r.origin.line });
  }
  return out;
}

export function label(record: AimsRecord): string {
  return `${record.kind} ${record.id ?? `(no id, ${record.origin.file}:${record.origin.line})`}`;
}

/** When a record was last reviewed: its `updated`, else the date git last changed the record. */
export function lastReviewed(ctx: AnalysisContext, record: AimsRecord): { date: string; source: 'updated' | 'git' } | undefined {
  if (isIsoDate(record.updated)) return { date: record.updated, source: 'updated' };
  const change = lastChange(ctx, record);
  return change ? { date: toIsoDate(change.last.committed), source: 'git' } : undefined;
}

/** The last change of one record in git, with when its file was first committed. */
export interface RecordChange {
  last: CommitInfo;
  /** That change created or imported the record: not an edit. */
  added: boolean;
  /** `approved.date` just before that change (null: none). */
  approvedBefore: string | null;
  /** When the record (or, where that is unknown, its file) was first committed. */
  firstDate: string;
  /** Dated by its file's history, not its own (see lastChange). */
  perFile: boolean;
}

/**
 * The last commit that changed the record itself (not merely its file), as of ctx.asOf;
 * undefined without usable history or when the record was never committed. A record the
 * walk did not follow (see historyOfRecords: its own `updated` date dates it and it carries
 * no approval), or could not decide (no id, or the walk's limits reached), falls back to its
 * file's history, which may date it later than its own last change; its approval is then
 * taken as unrecorded by that change, so an edit after approval is never hidden.
 */
export function lastChange(ctx: AnalysisContext, record: AimsRecord): RecordChange | undefined {
  if (ctx.historyProblem === 'shallow') return undefined;
  const file = ctx.history?.get(record.origin.file);
  const key = record.id !== undefined ? recordKey(record.kind, record.id) : undefined;
  const own = key !== undefined ? ctx.recordHistory?.byKey.get(key) : undefined;
  if (own) return { ...own, firstDate: own.added ? own.last.committed : (file?.firstDate ?? own.last.committed), perFile: false };
  // Asked about and decided, yet not found: the record was never committed.
  if (key !== undefined && ctx.recordHistory?.asked.has(key) && !ctx.recordHistory.undecided.has(key)) return undefined;
  if (!file) return undefined;
  const approved = (record as { approved?: { date?: unknown } }).approved?.date;
  return {
    last: { commit: file.lastCommit, committed: file.lastDate, authored: file.lastAuthored ?? file.lastDate, signature: file.lastSignature ?? '', signer: file.lastSigner ?? '', author: file.lastAuthor },
    added: file.lastCommit === file.firstCommit,
    approvedBefore: typeof approved === 'string' ? approved : null,
    firstDate: file.firstDate,
    perFile: true,
  };
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

/** The record's cited evidence that shows something: https URLs that are not placeholders, files with content that are not records. */
export function substantiveEvidence(ctx: AnalysisContext, record: AimsRecord): Exclude<EvidenceTarget, { type: 'problem' }>[] {
  return (record.evidence ?? [])
    .map((e) => classifyEvidence(e, ctx.paths, ctx.substance))
    .filter((t): t is Exclude<EvidenceTarget, { type: 'problem' }> => t.type !== 'problem');
}

/** Whether any cited evidence of the record exists and shows something. */
export function hasExistingEvidence(ctx: AnalysisContext, record: AimsRecord): boolean {
  return anyEvidenceExists(ctx, record.evidence);
}

/** Whether any of these evidence entries exists and shows something (an https URL that is not a placeholder, a file with content that is not a record). */
export function anyEvidenceExists(ctx: AnalysisContext, evidence: readonly string[] | undefined): boolean {
  return (evidence ?? []).some((e) => classifyEvidence(e, ctx.paths, ctx.substance).type !== 'problem');
}

/**
 * When the records were last evidenced, as of ctx.asOf: the newest of their `updated` dates
 * and the git dates of the evidence files they cite. Undefined when nothing is dated.
 */
export function lastEvidenced(ctx: AnalysisContext, records: readonly AimsRecord[]): string | undefined {
  let newest: string | undefined;
  const consider = (date: string | undefined): void => {
    if (date !== undefined && date <= ctx.asOf && (newest === undefined || date > newest)) newest = date;
  };
  for (const record of records) {
    if (isIsoDate(record.updated)) consider(record.updated);
    for (const target of substantiveEvidence(ctx, record)) if (target.type === 'file') consider(fileChangedOn(ctx, target.path));
  }
  return newest;
}

/** The day git last changed a file, as of ctx.asOf; undefined without usable history. */
export function fileChangedOn(ctx: AnalysisContext, path: string): string | undefined {
  if (ctx.historyProblem === 'shallow') return undefined;
  const h = ctx.history?.get(path);
  return h ? toIsoDate(h.lastDate) : undefined;
}

/**
 * A finding when evidence is older than the `control` review cycle: `subject` was last
 * evidenced (by `sources`) too long ago. Without any date (no `updated`, evidence files not
 * committed or no git), age cannot be judged and nothing is said.
 */
export function staleEvidenceFinding(ctx: AnalysisContext, record: AimsRecord, subject: string, sources: readonly AimsRecord[]): Finding | undefined {
  const period = ctx.config.reviewCycles.control;
  const duration = parseDuration(period);
  if (!duration) return undefined;
  const last = lastEvidenced(ctx, sources);
  // Nothing dated: evidence files not committed yet are the current state, not old evidence.
  if (last === undefined) return undefined;
  const due = addDuration(last, duration);
  if (due >= ctx.asOf) return undefined;
  return finding(record, `${subject}: last evidenced ${last}, older than the ${period} control cycle (due ${due})`, 'refresh the evidence (a current file, or `updated` when it was checked)');
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

/** A known date on or before the as-of date: nothing dated later counts yet. */
// Not a type guard: `false` also means "a real date, after as-of", so it must not narrow to never.
export function onOrBefore(ctx: AnalysisContext, date: string | undefined): boolean {
  return isIsoDate(date) && date <= ctx.asOf;
}

/** A date on or before as-of and no older than the `cycle` review cycle (an unparsable cycle accepts any past date). */
export function withinCycle(ctx: AnalysisContext, date: string | undefined, cycle: ReviewCycleKind): boolean {
  if (date === undefined || !onOrBefore(ctx, date)) return false;
  const duration = parseDuration(ctx.config.reviewCycles[cycle]);
  return !duration || addDuration(date, duration) >= ctx.asOf;
}

/** One compiled pattern per id (no `g` flag, so `test` keeps no state between texts). */
const mentionPatterns = new Map<string, RegExp>();

/** Whether free text names an id as a whole word ("see OBJ-1" names OBJ-1, not OBJ-10). */
export function mentions(text: string | undefined, id: string): boolean {
  if (text === undefined) return false;
  let pattern = mentionPatterns.get(id);
  if (!pattern) {
    const escaped = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(?<![A-Za-z0-9._-])${escaped}(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])`, 'i');
    // Bounded: a long-lived process judging many repositories starts over rather than grow.
    if (mentionPatterns.size >= 10_000) mentionPatterns.clear();
    mentionPatterns.set(id, pattern);
  }
  return pattern.test(text);
}


/** Whether two names are the same person or role, ignoring case and spacing ("Dana  Whitfield" = "dana whitfield"). */
export function sameName(a: string | undefined, b: string | undefined): boolean {
  const n = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();
  return a !== undefined && b !== undefined && n(a) !== '' && n(a) === n(b);
}

/**
 * Whether free text (an attendee, an audience, an auditor) names a role or its holder: its
 * title exactly, or its id or holder's name as whole words ("Daniel Reyes, CRO (chair)").
 */
export function namesRole(text: string | undefined, role: { id?: string; title?: string; holder?: string }): boolean {
  return sameName(text, role.title) || (role.id !== undefined && mentions(text, role.id)) || (role.holder !== undefined && role.holder.trim() !== '' && mentions(text, role.holder.trim()));
}
