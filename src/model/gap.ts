import type { RecordKind } from './record.js';
import type { Suppression } from './suppression.js';

/** The gap report: every requirement judged as of a date. */

export type ClauseStatus = 'met' | 'partial' | 'missing';
export type ControlDecision = 'applicable' | 'excluded' | 'undecided';
/** For applicable controls the record's status; otherwise what the decision implies. */
export type ControlStatus = 'not-started' | 'planned' | 'partial' | 'implemented' | 'not-applicable' | 'undecided';

export interface Finding {
  message: string;
  /** The record the finding is about, when there is one. */
  record?: string;
  kind?: RecordKind;
  file?: string;
  line?: number;
  /** What to do about it. */
  next: string;
}

/** A record that a verdict rests on: where an auditor finds it. */
export interface RecordTrace {
  id: string;
  kind: RecordKind;
  file: string;
  line: number;
}

export interface ClauseGap {
  id: string;
  title: string;
  status: ClauseStatus;
  /** Ids of the records that evidence the clause. */
  evidence: string[];
  /** The same records with their file and line, so a verdict can be traced. */
  basis: RecordTrace[];
  findings: Finding[];
}

export interface ControlGap {
  id: string;
  title: string;
  decision: ControlDecision;
  status: ControlStatus;
  gap: boolean;
  /** Ids of organisation controls that list this control in `annex_a`. */
  servedBy: string[];
  /** The SoA record, when the control is decided. */
  record?: { id: string; file: string; line: number };
  /** Organisation controls (implemented, with evidence) whose evidence also serves this Annex A control. */
  evidenceFrom?: string[];
  /** The records the verdict rests on: the SoA entry, organisation controls mapped to it, and records of its own kind (suppliers, datasets, incidents). */
  basis: RecordTrace[];
  /** For an undecided control: where its commented SoA entry waits to be uncommented. */
  waitsIn?: CommentedEntry;
  findings: Finding[];
}

export interface Readiness {
  /**
   * 0–100: the weighted share of points earned (see ReadinessDetail and the README): mirrored
   * clauses count as one item, prerequisites weigh more than other clauses, a control weighs least.
   */
  score: number;
  clausesMet: number;
  clauses: number;
  controlsWithoutGap: number;
  controls: number;
}

/** The counts behind the score, so that anyone can recompute it. */
export interface ReadinessDetail {
  points: number;
  possible: number;
  weights: { control: number; clause: number; prerequisite: number };
  /** Clause items after mirrored clauses are merged (a group counts the share of its clauses met). */
  clauseItems: { met: number; total: number };
  prerequisiteItems: { met: number; total: number };
  controls: { implemented: number; excluded: number; gaps: number; undecided: number; total: number };
  /** Clause groups scored as one item each. */
  mirrored: string[][];
  /** The records have validation errors: the score is computed on them anyway. */
  invalidRecords: boolean;
}

/** A certification prerequisite that is not met: not certifiable, whatever the score. */
export interface Blocker {
  /** The clause or control id, or `validation`. */
  id: string;
  message: string;
  record?: string;
  file?: string;
  line?: number;
  next: string;
}

export type PhaseStatus = 'done' | 'in-progress' | 'not-started';

/** One step of the certification journey. */
export interface Phase {
  id: string;
  title: string;
  readiness: number;
  status: PhaseStatus;
  clauses: string[];
  controls: string[];
  /** At most three next actions, most important first. */
  next: string[];
}

/** Where an undecided control's commented SoA entry waits (as `aims init` writes them). */
export interface CommentedEntry {
  file: string;
  line: number;
}

/** Document control (clause 7.5) for one record, from git. Empty strings where git knows nothing. */
export interface DocumentState {
  id: string;
  kind: RecordKind;
  file: string;
  line: number;
  /** Short hash of the last commit that changed the record itself (its content, not merely its file), or with `perFile`, its file. */
  version: string;
  /** The version and dates are its file's: a record dated by its own `updated` is not followed through history record by record. */
  perFile: boolean;
  changedBy: string;
  /** When that change entered the repository (committer date, YYYY-MM-DD). */
  changedOn: string;
  /** When its author says it was made (author date, YYYY-MM-DD): shown, not trusted. */
  authoredOn: string;
  /** The commit's signature as git judged it, in words ('good', 'unsigned', 'bad', …; '' without history), and its signer. */
  signature: string;
  signer: string;
  firstCommitted: string;
  /** The record's `approved.date`, for kinds that carry an approval. */
  approvedOn: string;
  /** Approved, then changed in git after the approval date. */
  awaitingReapproval: boolean;
}

export interface GapResult {
  asOf: string;
  /** aims.yaml's `organisation`, when set. */
  organisation?: string;
  catalogue: string;
  readiness: Readiness;
  readinessDetail: ReadinessDetail;
  blockers: Blocker[];
  phases: Phase[];
  validation: { errors: number; warnings: number };
  clauses: ClauseGap[];
  controls: ControlGap[];
  /** Repository-wide notes that affect the judgement (no git history, a shallow clone). */
  notes: string[];
  documents: DocumentState[];
  /** Every `x-aims-ignore` suppression in force or expired: listed, never hidden. */
  suppressions: Suppression[];
}
