import type { AimsConfig } from '../../model/config.js';
import type { Catalogue } from '../../model/catalogue.js';
import type { Blocker, ClauseGap, ControlGap, DocumentState, GapResult, Phase, Readiness, ReadinessDetail } from '../../model/gap.js';
import type { AimsRecord, RecordOfKind } from '../../model/record.js';
import type { HistoryProblem, Revision } from '../../model/snapshot.js';
import type { Suppression } from '../../model/suppression.js';
import { heatMaps, type HeatMap } from './heatmap.js';
import {
  type AssessmentRow,
  assessmentRow,
  type AuditRow,
  auditRow,
  type NonconformityRow,
  nonconformityRow,
  type ReviewRow,
  reviewRow,
  type SystemRow,
  systemRow,
} from './record-rows.js';

/**
 * The template contract: everything a report template receives. Organisations that override
 * templates depend on these field names, so change them as public API (bump MODEL_VERSION).
 * The README's "Template data" section documents every field.
 * 2: added `readinessDetail`, `blockers` and `phases` (the certification journey).
 */
export const MODEL_VERSION = 2;

export interface SoaRow {
  id: string;
  title: string;
  /** `annex-a` for the 38 Annex A controls, `organisation` for the organisation's own. */
  source: 'annex-a' | 'organisation';
  applicable: 'yes' | 'no' | 'undecided';
  justification: string;
  status: string;
  owner: string;
  risks: string[];
  /**
   * The Annex A mapping: for an Annex A row, the organisation controls that list it in
   * `annex_a`; for an organisation row, the Annex A controls it lists.
   */
  mapping: string[];
  /** For an undecided Annex A row that organisation controls map to: the decision to suggest. */
  suggested: string;
  evidence: string[];
  /** Organisation controls whose evidence serves this Annex A control (implemented, with evidence of their own). */
  evidenceVia: string[];
  /** `updated`, else the date git last changed the record's file; empty when unknown. */
  lastChanged: string;
  /** Document control from git: short hash of the last change to the record's file, and who made it. */
  version: string;
  changedBy: string;
  awaitingReapproval: boolean;
  gap: boolean;
  /** Why it is a gap, in the words of `aims gap`; empty when it is not. */
  gapReason: string;
  file: string;
}

export interface RiskRow {
  id: string;
  title: string;
  owner: string;
  systems: string[];
  likelihood: string;
  impact: string;
  score: number | null;
  residualLikelihood: string;
  residualImpact: string;
  residualScore: number | null;
  aboveAcceptance: boolean;
  treatment: string;
  controls: string[];
  plan: string;
  due: string;
  status: string;
  acceptedBy: string;
  file: string;
}

export interface Provenance {
  commit: string;
  short: string;
  branch: string;
  dirty: boolean;
  /** "abc1234", or "abc1234 (uncommitted changes)", or "not a git repository". */
  label: string;
}

export interface ReportModel {
  modelVersion: number;
  tool: { name: 'aims'; version: string };
  organisation: string;
  scope: { statement: string; systems: string[] };
  asOf: string;
  revision: Provenance;
  catalogue: string;
  readiness: Readiness;
  readinessDetail: ReadinessDetail;
  /** Certification prerequisites not met, with where each is (`place`: "file:line", or ""). */
  blockers: (Blocker & { place: string })[];
  /** The certification journey, numbered from 1, with each status in words. */
  phases: (Phase & { step: number; label: string })[];
  validation: { errors: number; warnings: number };
  notes: string[];
  soa: {
    rows: SoaRow[];
    applicable: number;
    excluded: number;
    undecided: number;
    gaps: number;
  };
  gap: { clauses: ClauseGap[]; controls: ControlGap[] };
  risks: RiskRow[];
  heatmap: { before: HeatMap; after: HeatMap };
  systems: SystemRow[];
  assessments: AssessmentRow[];
  nonconformities: NonconformityRow[];
  audits: AuditRow[];
  reviews: ReviewRow[];
  /** Filled for an evidence pack: every cited file copied with its checksum, and every cited URL. */
  evidence: { files: EvidenceFile[]; urls: EvidenceUrl[] };
  /** Document control (clause 7.5): every record's version and approval state from git. */
  documents: DocumentState[];
  /** `x-aims-ignore` suppressions, listed so that nothing is hidden from the auditor. */
  suppressions: Suppression[];
}

export interface EvidenceFile {
  /** Repository-relative path of the original. */
  source: string;
  /** Path inside the pack. */
  path: string;
  bytes: number;
  sha256: string;
  /** Ids of the records that cite it, and of the controls among them (Annex A ids included). */
  records: string[];
  controls: string[];
}

export interface EvidenceUrl {
  url: string;
  records: string[];
}

export interface ReportInput {
  records: readonly AimsRecord[];
  catalogue: Catalogue;
  config: AimsConfig;
  gaps: GapResult;
  version: string;
  revision?: Revision;
  historyProblem?: HistoryProblem;
  evidence?: ReportModel['evidence'];
}

export function buildReportModel(input: ReportInput): ReportModel {
  const { records, gaps, config } = input;
  const ofKind = <K extends AimsRecord['kind']>(kind: K): RecordOfKind<K>[] =>
    records.filter((r): r is RecordOfKind<K> => r.kind === kind).sort(byId);
  const scope = ofKind('scope')[0];
  const rows = soaRows(input);
  const owners = ownerLabels(records);
  const risks = riskRows(ofKind('risk'), config, owners);
  const withOwners = <T extends { actions: { owner: string }[] }>(row: T): T => ({ ...row, actions: row.actions.map((a) => ({ ...a, owner: owners(a.owner || undefined) })) });
  return {
    modelVersion: MODEL_VERSION,
    tool: { name: 'aims', version: input.version },
    organisation: config.organisation ?? '',
    scope: { statement: scope?.statement ?? '', systems: scope?.systems ?? [] },
    asOf: gaps.asOf,
    revision: provenance(input.revision, input.historyProblem),
    catalogue: gaps.catalogue,
    readiness: gaps.readiness,
    readinessDetail: gaps.readinessDetail,
    blockers: gaps.blockers.map((b) => ({ ...b, place: b.file ? `${b.file}${b.line ? `:${b.line}` : ''}` : '' })),
    phases: gaps.phases.map((p, i) => ({ ...p, step: i + 1, label: p.status.replace('-', ' ') })),
    validation: gaps.validation,
    notes: gaps.notes,
    soa: {
      rows,
      applicable: rows.filter((r) => r.applicable === 'yes').length,
      excluded: rows.filter((r) => r.applicable === 'no').length,
      undecided: rows.filter((r) => r.applicable === 'undecided').length,
      gaps: rows.filter((r) => r.gap).length,
    },
    gap: { clauses: gaps.clauses, controls: gaps.controls },
    risks,
    heatmap: heatMaps(risks, config),
    systems: ofKind('system').map((s) => ({ ...systemRow(s, ofKind('assessment')), owner: owners(s.owner) })),
    assessments: ofKind('assessment').map(assessmentRow),
    nonconformities: ofKind('nonconformity').map((n) => withOwners(nonconformityRow(n, gaps.asOf))),
    audits: ofKind('audit').map(auditRow),
    reviews: ofKind('review').map((r) => withOwners(reviewRow(r, gaps.asOf))),
    evidence: input.evidence ?? { files: [], urls: [] },
    suppressions: gaps.suppressions.map((x) => ({ ...x, until: x.until ?? '' })),
    documents: [...gaps.documents].sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1)),
  };
}

function byId(a: AimsRecord, b: AimsRecord): number {
  return (a.id ?? '').localeCompare(b.id ?? '', 'en');
}

export function provenance(revision: Revision | undefined, problem?: HistoryProblem): Provenance {
  if (!revision) {
    const label = problem === 'no-git' ? 'unknown (git is not installed)' : problem === 'no-commits' ? 'none (no commits yet)' : problem === 'bare' ? 'none (a bare repository has no working tree)' : 'none (not a git repository)';
    return { commit: '', short: '', branch: '', dirty: false, label };
  }
  return {
    commit: revision.commit,
    short: revision.short,
    branch: revision.branch ?? '',
    dirty: revision.dirty,
    label: revision.dirty ? `${revision.short} (uncommitted changes)` : revision.short,
  };
}

/** One row per Annex A control in catalogue order, then one per organisation control by id. */
function soaRows(input: ReportInput): SoaRow[] {
  const { records, gaps } = input;
  const controls = records.filter((r): r is RecordOfKind<'control'> => r.kind === 'control');
  const risksByControl = new Map<string, Set<string>>();
  const link = (control: string, risk: string): void => {
    let set = risksByControl.get(control);
    if (!set) risksByControl.set(control, (set = new Set()));
    set.add(risk);
  };
  for (const r of records) {
    if (r.kind !== 'risk' || r.id === undefined) continue;
    for (const c of r.treatment?.controls ?? []) link(c, r.id);
  }
  for (const c of controls) for (const risk of c.risks ?? []) if (c.id !== undefined) link(c.id, risk);

  const byControlId = new Map(controls.filter((c) => c.id !== undefined).map((c) => [c.id as string, c]));
  const documents = new Map(gaps.documents.filter((d) => d.kind === 'control').map((d) => [d.id, d]));
  // One source for each row's date, version and author: the record's `updated` (when it was
  // last reviewed) where it has one, and then no git version or author beside it; else the last
  // git commit that changed its file, with that commit's version and author.
  const fromGit = (r: AimsRecord | undefined): boolean => r !== undefined && !r.updated;
  const lastChanged = (r: AimsRecord | undefined): string => {
    if (!r) return '';
    if (r.updated) return r.updated;
    return r.id !== undefined ? (documents.get(r.id)?.changedOn ?? '') : '';
  };
  const owners = ownerLabels(records);
  const row = (id: string, title: string, source: SoaRow['source'], gap: ControlGap | undefined): SoaRow => {
    const record = byControlId.get(id);
    const applicable = record?.applicable === true ? 'yes' : record?.applicable === false ? 'no' : 'undecided';
    const mapping = source === 'organisation' ? [...(record?.annex_a ?? [])] : [...(gap?.servedBy ?? [])];
    return {
      id,
      title: record?.title && source === 'organisation' ? record.title : title,
      source,
      applicable,
      justification: record?.justification ?? '',
      status: applicable === 'yes' ? (record?.status ?? 'not-started') : applicable === 'no' ? 'not applicable' : 'undecided',
      owner: owners(record?.owner),
      risks: [...(risksByControl.get(id) ?? [])].sort(),
      mapping,
      suggested: applicable === 'undecided' && mapping.length > 0 ? `applicable (mapped from ${mapping.join(', ')})` : '',
      evidence: [...(record?.evidence ?? [])],
      evidenceVia: [...(gap?.evidenceFrom ?? [])],
      lastChanged: lastChanged(record),
      version: fromGit(record) ? (documents.get(id)?.version ?? '') : '',
      changedBy: fromGit(record) ? (documents.get(id)?.changedBy ?? '') : '',
      awaitingReapproval: documents.get(id)?.awaitingReapproval ?? false,
      gap: gap?.gap ?? false,
      gapReason: gap ? gap.findings.map((f) => f.message).join('; ') : '',
      file: record?.origin.file ?? '',
    };
  };
  const annex = gaps.controls.map((g) => row(g.id, g.title, 'annex-a', g));
  const annexIds = new Set(gaps.controls.map((g) => g.id));
  const own = controls
    .filter((c) => c.id !== undefined && !annexIds.has(c.id))
    .sort(byId)
    .map((c) => row(c.id as string, c.title ?? '', 'organisation', undefined));
  return [...annex, ...own];
}

/**
 * Owners as a reader knows them: a role id becomes the role's title and holder ("AI governance
 * lead (Sam Lee)"); a person's name stays as written.
 */
export function ownerLabels(records: readonly AimsRecord[]): (owner: string | undefined) => string {
  const roles = new Map<string, RecordOfKind<'role'>>();
  for (const r of records) if (r.kind === 'role' && r.id !== undefined) roles.set(r.id, r);
  return (owner) => {
    if (owner === undefined) return '';
    const role = roles.get(owner);
    if (!role) return owner;
    const title = role.title ?? owner;
    return role.holder ? `${title} (${role.holder})` : title;
  };
}

function riskRows(risks: readonly RecordOfKind<'risk'>[], config: AimsConfig, owners: (owner: string | undefined) => string = (o) => o ?? ''): RiskRow[] {
  const position = (scale: readonly string[], value: string | undefined): number => (value === undefined ? -1 : scale.indexOf(value));
  const score = (l: string | undefined, i: string | undefined): number | null => {
    const a = position(config.risk.likelihood, l);
    const b = position(config.risk.impact, i);
    return a < 0 || b < 0 ? null : (a + 1) * (b + 1);
  };
  return risks.map((r) => {
    const s = score(r.likelihood, r.impact);
    return {
      id: r.id ?? '',
      title: r.title ?? '',
      owner: owners(r.owner),
      systems: r.systems ?? [],
      likelihood: r.likelihood ?? '',
      impact: r.impact ?? '',
      score: s,
      residualLikelihood: r.residual?.likelihood ?? '',
      residualImpact: r.residual?.impact ?? '',
      residualScore: score(r.residual?.likelihood, r.residual?.impact),
      aboveAcceptance: s !== null && s > config.risk.acceptance,
      treatment: r.treatment?.option ?? '',
      controls: r.treatment?.controls ?? [],
      plan: r.treatment?.plan ?? '',
      due: r.treatment?.due ?? '',
      status: r.status ?? '',
      acceptedBy: r.accepted_by ?? '',
      file: r.origin.file,
    };
  });
}
