import { type RecordOfKind, reviewInputText } from '../../model/record.js';

/**
 * Records flattened for templates: every field present (empty string or list when the record
 * has none), because templates compile in strict mode, where a misspelt field must fail loudly.
 */

export interface SystemRow {
  id: string;
  title: string;
  owner: string;
  description: string;
  lifecycle: string;
  role: string;
  intendedUse: string;
  inScope: boolean;
  personalData: boolean;
  euAiAct: string;
  suppliers: string[];
  data: string[];
  assessments: string[];
  file: string;
}

export interface AssessmentRow {
  id: string;
  title: string;
  system: string;
  date: string;
  impacts: { group: string; description: string; severity: string }[];
  mitigations: string[];
  dpia: string;
  approvedBy: string;
  approvedDate: string;
  file: string;
}

export interface ActionRow {
  action: string;
  owner: string;
  due: string;
  status: string;
  done: string;
  overdue: boolean;
}

export interface NonconformityRow {
  id: string;
  title: string;
  raised: string;
  description: string;
  source: string;
  ref: string;
  severity: string;
  status: string;
  correction: string;
  rootCause: string;
  actions: ActionRow[];
  effectiveness: { verified: string; by: string; effective: string };
  file: string;
}

export interface AuditRow {
  id: string;
  title: string;
  date: string;
  auditor: string;
  independent: boolean;
  scope: string[];
  findings: { id: string; type: string; description: string; ref: string; nonconformity: string }[];
  file: string;
}

export interface ReviewRow {
  id: string;
  title: string;
  date: string;
  attendees: string[];
  inputs: string[];
  decisions: string[];
  actions: ActionRow[];
  file: string;
}

export function systemRow(s: RecordOfKind<'system'>, assessments: readonly RecordOfKind<'assessment'>[]): SystemRow {
  return {
    id: s.id ?? '',
    title: s.title ?? '',
    owner: s.owner ?? '',
    description: s.description ?? '',
    lifecycle: s.lifecycle ?? '',
    role: s.role ?? '',
    intendedUse: s.intended_use ?? '',
    inScope: s.in_scope !== false,
    personalData: s.personal_data === true,
    euAiAct: s.eu_ai_act ?? '',
    suppliers: s.suppliers ?? [],
    data: s.data ?? [],
    assessments: assessments.filter((a) => a.system !== undefined && a.system === s.id).map((a) => a.id ?? ''),
    file: s.origin.file,
  };
}

export function assessmentRow(a: RecordOfKind<'assessment'>): AssessmentRow {
  return {
    id: a.id ?? '',
    title: a.title ?? '',
    system: a.system ?? '',
    date: a.date ?? '',
    impacts: (a.impacts ?? []).map((i) => ({ group: i.group ?? '', description: i.description ?? '', severity: i.severity ?? '' })),
    mitigations: a.mitigations ?? [],
    dpia: a.dpia ?? '',
    approvedBy: a.approved?.by ?? '',
    approvedDate: a.approved?.date ?? '',
    file: a.origin.file,
  };
}

function actionRow(a: { action?: string; owner?: string; due?: string; status?: string; done?: string }, asOf: string): ActionRow {
  return {
    action: a.action ?? '',
    owner: a.owner ?? '',
    due: a.due ?? '',
    status: a.status ?? 'open',
    done: a.done ?? '',
    overdue: a.status !== 'done' && a.due !== undefined && a.due < asOf,
  };
}

export function nonconformityRow(n: RecordOfKind<'nonconformity'>, asOf: string): NonconformityRow {
  const e = n.effectiveness;
  return {
    id: n.id ?? '',
    title: n.title ?? '',
    raised: n.raised ?? '',
    description: n.description ?? '',
    source: n.source ?? '',
    ref: n.ref ?? '',
    severity: n.severity ?? '',
    status: n.status ?? 'open',
    correction: n.correction ?? '',
    rootCause: n.root_cause ?? '',
    actions: (n.corrective_actions ?? []).map((a) => actionRow(a, asOf)),
    effectiveness: { verified: e?.verified ?? '', by: e?.by ?? '', effective: e?.effective === undefined ? '' : e.effective ? 'yes' : 'no' },
    file: n.origin.file,
  };
}

export function auditRow(a: RecordOfKind<'audit'>): AuditRow {
  return {
    id: a.id ?? '',
    title: a.title ?? '',
    date: a.date ?? '',
    auditor: a.auditor ?? '',
    independent: a.independent === true,
    scope: a.scope ?? [],
    findings: (a.findings ?? []).map((f) => ({
      id: f.id ?? '',
      type: f.type ?? '',
      description: f.description ?? '',
      ref: f.ref ?? '',
      nonconformity: f.nonconformity ?? '',
    })),
    file: a.origin.file,
  };
}

export function reviewRow(r: RecordOfKind<'review'>, asOf: string): ReviewRow {
  return {
    id: r.id ?? '',
    title: r.title ?? '',
    date: r.date ?? '',
    attendees: r.attendees ?? [],
    inputs: (r.inputs ?? []).map(reviewInputText),
    decisions: r.decisions ?? [],
    actions: (r.actions ?? []).map((a) => actionRow(a, asOf)),
    file: r.origin.file,
  };
}
