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
  findings: Finding[];
}

export interface Readiness {
  /** 0–100: the share of clause requirements met and Annex A controls without a gap. */
  score: number;
  clausesMet: number;
  clauses: number;
  controlsWithoutGap: number;
  controls: number;
}

/** Document control (clause 7.5) for one record, from git. Empty strings where git knows nothing. */
export interface DocumentState {
  id: string;
  kind: RecordKind;
  file: string;
  line: number;
  /** Short hash of the last commit that changed the record's file. */
  version: string;
  changedBy: string;
  changedOn: string;
  firstCommitted: string;
  /** The record's `approved.date`, for kinds that carry an approval. */
  approvedOn: string;
  /** Approved, then changed in git after the approval date. */
  awaitingReapproval: boolean;
}

export interface GapResult {
  asOf: string;
  catalogue: string;
  readiness: Readiness;
  validation: { errors: number; warnings: number };
  clauses: ClauseGap[];
  controls: ControlGap[];
  /** Repository-wide notes that affect the judgement (no git history, a shallow clone). */
  notes: string[];
  documents: DocumentState[];
  /** Every `x-aims-ignore` suppression in force or expired: listed, never hidden. */
  suppressions: Suppression[];
}
