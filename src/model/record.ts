/**
 * Records as the core sees them. Field types mirror schemas/<kind>.schema.json, but every
 * kind-specific field is optional: a value that failed its schema is pruned before it gets
 * here, so what remains is honest, and a record with errors still exists for references.
 */

export const RECORD_KINDS = [
  'context',
  'scope',
  'policy',
  'role',
  'system',
  'risk',
  'assessment',
  'control',
  'objective',
  'competence',
  'audit',
  'review',
  'nonconformity',
  'document',
  'supplier',
  'incident',
  'dataset',
] as const;

export type RecordKind = (typeof RECORD_KINDS)[number];

export function isRecordKind(value: unknown): value is RecordKind {
  return typeof value === 'string' && (RECORD_KINDS as readonly string[]).includes(value);
}

export interface Origin {
  file: string;
  /** Index of the document within its file's YAML stream. */
  document: number;
  /** 1-based line where the record starts. */
  line: number;
}

export interface Approval {
  by?: string;
  date?: string;
}

interface RecordBase<K extends RecordKind> {
  kind: K;
  id?: string;
  title?: string;
  owner?: string;
  evidence?: string[];
  clauses?: string[];
  updated?: string;
}

export type ContextRecord = RecordBase<'context'> & {
  internal_issues?: string[];
  external_issues?: string[];
  interested_parties?: { name?: string; needs?: string[] }[];
  ai_roles?: string[];
};
export type ScopeRecord = RecordBase<'scope'> & {
  statement?: string;
  systems?: string[];
  boundaries?: string;
  /** `system` names the AI system an exclusion leaves out. */
  exclusions?: { what?: string; system?: string; justification?: string }[];
  approved?: Approval;
};
export type PolicyRecord = RecordBase<'policy'> & {
  statements?: string[];
  /** Default: approved when `approved` is filled in, else draft (see policyStatus). */
  status?: 'draft' | 'approved' | 'withdrawn';
  approved?: Approval;
  communicated_to?: string[];
  related_policies?: string[];
};
export type RoleRecord = RecordBase<'role'> & {
  responsibilities?: string[];
  holder?: string;
  authorities?: string[];
  /** Default false. */
  top_management?: boolean;
};
export type SystemRecord = RecordBase<'system'> & {
  description?: string;
  lifecycle?: string;
  role?: string;
  intended_use?: string;
  in_scope?: boolean;
  personal_data?: boolean;
  eu_ai_act?: string;
  suppliers?: string[];
  data?: string[];
  /** Paths (relative to the AIMS root) or URLs of the code that makes up the system. */
  repositories?: string[];
  /** AI providers, models and libraries the system uses (discover signature ids or names). */
  components?: string[];
};
export type RiskRecord = RecordBase<'risk'> & {
  likelihood?: string;
  impact?: string;
  systems?: string[];
  source?: string;
  description?: string;
  treatment?: { option?: string; controls?: string[]; plan?: string; due?: string };
  residual?: { likelihood?: string; impact?: string };
  status?: string;
  accepted_by?: string;
};
export type AssessmentRecord = RecordBase<'assessment'> & {
  system?: string;
  date?: string;
  impacts?: { group?: string; description?: string; severity?: string }[];
  mitigations?: string[];
  dpia?: string;
  approved?: Approval;
};
export type ControlRecord = RecordBase<'control'> & {
  applicable?: boolean;
  justification?: string;
  status?: string;
  implementation?: string;
  risks?: string[];
  annex_a?: string[];
};
export type ObjectiveRecord = RecordBase<'objective'> & {
  metric?: string;
  target?: string | number;
  due?: string;
  /** Several dated targets; with them, `target` and `due` may be left out. */
  targets?: { value?: string | number; date?: string; description?: string }[];
  baseline?: { value?: string | number; date?: string };
  /** Default: from the baseline towards the target. */
  direction?: 'increase' | 'decrease';
  /** ISO 8601 duration; default `review_cycles.objective`. */
  frequency?: string;
  category?: string;
  measurements?: { date?: string; value?: string | number }[];
  status?: string;
};
export type CompetenceRecord = RecordBase<'competence'> & {
  role?: string;
  required?: string[];
  holders?: { name?: string; evidence?: string[] }[];
  training?: { name?: string; date?: string }[];
};
export type AuditRecord = RecordBase<'audit'> & {
  date?: string;
  /** `planned` audits are part of the programme; only `done` ones (the default) were held. */
  status?: 'planned' | 'done';
  /** A rehearsal: kept, but never the internal audit or management review. */
  exercise?: boolean;
  auditor?: string;
  independent?: boolean;
  scope?: string[];
  findings?: { id?: string; type?: string; description?: string; ref?: string; nonconformity?: string }[];
};
export type ReviewRecord = RecordBase<'review'> & {
  date?: string;
  /** `planned` reviews are scheduled; only `done` ones (the default) were held. */
  status?: 'planned' | 'done';
  exercise?: boolean;
  attendees?: string[];
  /** Plain text, or the 9.3.2 topic it covers with a summary. */
  inputs?: (string | ReviewInput)[];
  decisions?: string[];
  actions?: { action?: string; owner?: string; due?: string; status?: string; done?: string; nonconformity?: string }[];
};
/** The management review topics clause 9.3.2 lists, as `inputs[].topic` names them. */
export const REVIEW_TOPICS = [
  'previous-actions',
  'context-changes',
  'interested-party-changes',
  'nonconformities',
  'monitoring-results',
  'audit-results',
  'improvement-opportunities',
] as const;
export type ReviewTopic = (typeof REVIEW_TOPICS)[number];
export interface ReviewInput {
  topic?: ReviewTopic;
  summary?: string;
}

export type NonconformityRecord = RecordBase<'nonconformity'> & {
  raised?: string;
  description?: string;
  source?: string;
  ref?: string;
  severity?: string;
  correction?: string;
  root_cause?: string;
  /** Default true; false with `corrective_action_reason` records that no action is needed. */
  corrective_action_needed?: boolean;
  corrective_action_reason?: string;
  corrective_actions?: { action?: string; owner?: string; due?: string; status?: string; done?: string; nonconformity?: string }[];
  effectiveness?: { verified?: string; by?: string; effective?: boolean };
  status?: string;
};

export type DocumentRecord = RecordBase<'document'> & {
  type?: string;
  summary?: string;
  version?: string | number;
  status?: string;
  prepared_by?: string;
  reviewed_by?: string;
  approved?: Approval;
  next_review?: string;
  supersedes?: string;
};
export type SupplierRecord = RecordBase<'supplier'> & {
  provides?: string[];
  description?: string;
  systems?: string[];
  agreement?: { reference?: string; signed?: string; expires?: string };
  responsibilities?: string[];
  last_review?: string;
  status?: string;
};
export type IncidentRecord = RecordBase<'incident'> & {
  date?: string;
  description?: string;
  systems?: string[];
  severity?: string;
  reported_to?: { party?: string; date?: string; channel?: string }[];
  nonconformity?: string;
  status?: string;
  closed?: string;
};
export type DatasetRecord = RecordBase<'dataset'> & {
  description?: string;
  systems?: string[];
  use?: string[];
  intended_use?: string;
  provenance?: string;
  acquired?: string;
  supplier?: string;
  quality_checks?: { check?: string; date?: string; result?: string }[];
  preparation?: string[];
  personal_data?: boolean;
};

export type AimsRecordData =
  | ContextRecord
  | ScopeRecord
  | PolicyRecord
  | RoleRecord
  | SystemRecord
  | RiskRecord
  | AssessmentRecord
  | ControlRecord
  | ObjectiveRecord
  | CompetenceRecord
  | AuditRecord
  | ReviewRecord
  | NonconformityRecord
  | DocumentRecord
  | SupplierRecord
  | IncidentRecord
  | DatasetRecord;

/** A record plus where it came from. */
export type AimsRecord = AimsRecordData & { readonly origin: Origin };

export type RecordOfKind<K extends RecordKind> = Extract<AimsRecord, { kind: K }>;

export interface RecordRef {
  kind: RecordKind;
  id: string;
  file: string;
}

/** A policy's status, with its default: approved when `approved` is filled in, else draft. */
export function policyStatus(policy: PolicyRecord): 'draft' | 'approved' | 'withdrawn' {
  return policy.status ?? (policy.approved?.by && policy.approved.date ? 'approved' : 'draft');
}

/** A review input as text, whichever way it is written. */
export function reviewInputText(input: string | ReviewInput): string {
  return typeof input === 'string' ? input : `${input.topic ?? '?'}: ${input.summary ?? ''}`;
}
