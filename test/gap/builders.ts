import { stringify } from 'yaml';
import { analyseGaps } from '../../src/analyse/analyse-gaps.js';
import { CATALOGUE_FILE, readCatalogueText, readSchemas, readWording } from '../../src/assets.js';
import { loadCatalogue } from '../../src/validate/load-catalogue.js';
import { annexAControls, type Catalogue } from '../../src/model/catalogue.js';
import { type AimsConfig, DEFAULT_CONFIG } from '../../src/model/config.js';
import type { LocatedDiagnostic } from '../../src/model/diagnostic.js';
import type { ClauseGap, ClauseStatus, ControlGap, Finding, GapResult } from '../../src/model/gap.js';
import type { AimsRecord, AimsRecordData, ControlRecord, RecordKind, RecordOfKind } from '../../src/model/record.js';
import type { FileHistory, HistoryProblem, PathKind, RecordFile } from '../../src/model/snapshot.js';
import { createSchemaRegistry } from '../../src/validate/schema-registry.js';
import { validate, type ValidationResult } from '../../src/validate/validate.js';

/**
 * A COMPLETE AIMS record set, in memory, that the gap engine judges 100% ready as of
 * 2026-11-26: every clause met, every Annex A control without a gap. Tests plant one gap
 * at a time by mutating a fresh copy, so each rule can be shown in isolation.
 */

export const schemas = createSchemaRegistry(readSchemas());
export const catalogue: Catalogue = loadCatalogue(CATALOGUE_FILE, readCatalogueText(), schemas);
export const AS_OF = '2026-11-26';
export const wording = readWording();

/** The leaf clauses (the ones with requirements), in catalogue order. */
export const LEAF_CLAUSES: readonly string[] = (() => {
  const parents = new Set(catalogue.entries.map((e) => e.parent));
  return catalogue.entries.filter((e) => e.kind === 'clause' && !parents.has(e.id)).map((e) => e.id);
})();
export const ANNEX_A: readonly string[] = annexAControls(catalogue).map((e) => e.id);

export interface GapFixture {
  records: AimsRecord[];
  /** Every repository path: the record files and the evidence files they cite. */
  paths: Map<string, PathKind>;
  config: AimsConfig;
  history?: Map<string, FileHistory>;
  historyProblem?: HistoryProblem;
  diagnostics: LocatedDiagnostic[];
}

/** Evidence files of the complete set (besides one per Annex A control). */
const EVIDENCE_FILES = [
  'evidence/context/stakeholder-analysis.md',
  'evidence/scope/aims-process-map.md',
  'evidence/policy/ai-policy-signed.md',
  'evidence/roles/appointment-letters.md',
  'evidence/systems/sys-credit-model-card.md',
  'evidence/risk/risk-methodology.md',
  'evidence/assessments/aia-credit.md',
  'evidence/assessments/aia-forecast.md',
  'evidence/dpia/credit-dpia.md',
  'evidence/objectives/kpi-report-2026-q3.csv',
  'evidence/competence/lead-implementer-cert.txt',
  'evidence/competence/auditor-cert.txt',
  'evidence/audit/audit-report-2026-06.md',
  'evidence/review/management-review-2026-09-minutes.md',
  'evidence/nonconformity/nc-1-closure.md',
  'evidence/leadership/board-minutes-2026-01.md',
  'evidence/resources/aims-budget-2026.md',
  'evidence/communication/communication-plan.md',
  'evidence/documented-info/document-control-procedure.md',
  'evidence/planning/change-procedure.md',
  'evidence/operations/operating-procedure.md',
  'evidence/controls/monitoring-dashboard-2026-11.csv',
  'evidence/documents/doc-manual.md',
  'evidence/documents/doc-charter.md',
  'evidence/documents/doc-risk.md',
  'evidence/documents/doc-change.md',
  'evidence/documents/doc-resources.md',
  'evidence/documents/doc-comms.md',
  'evidence/documents/doc-control.md',
  'evidence/documents/doc-ops.md',
  'evidence/documents/doc-improve.md',
] as const;

/** The evidence file cited by an Annex A control's own record: A.6.2.4 → evidence/controls/a-6-2-4.md. */
export function controlEvidence(id: string): string {
  return `evidence/controls/${id.toLowerCase().replace(/\./g, '-')}.md`;
}

/** A.6.2.6 is the control evidenced only through the organisation control CTL-MONITORING's `annex_a`. */
export const EVIDENCED_BY_ORGANISATION_CONTROL = 'A.6.2.6';
/** A.10.4 is excluded, with a justification. */
export const EXCLUDED_CONTROL = 'A.10.4';

function controlFile(id: string): string {
  return `aims/controls/${id.split('.').slice(0, 2).join('').toLowerCase()}.yaml`;
}

function annexAControlRecord(id: string, title: string): ControlRecord {
  if (id === EXCLUDED_CONTROL) {
    return {
      kind: 'control',
      id,
      title,
      applicable: false,
      justification: 'We provide no AI system to customers; every system is used in-house.',
    };
  }
  const record: ControlRecord = {
    kind: 'control',
    id,
    title,
    owner: 'ROLE-LEAD',
    applicable: true,
    justification: `Needed to treat the AI risks of our in-house systems (${id}).`,
    status: 'implemented',
    implementation: `Documented procedure for ${title.toLowerCase()}, operated since 2026-02.`,
  };
  if (id !== EVIDENCED_BY_ORGANISATION_CONTROL) record.evidence = [controlEvidence(id)];
  return record;
}

/** file → the records it holds, in stream order. A fresh object graph every call. */
function completeFiles(): [string, AimsRecordData[]][] {
  const controlsByFile = new Map<string, AimsRecordData[]>();
  for (const entry of annexAControls(catalogue)) {
    const file = controlFile(entry.id);
    const list = controlsByFile.get(file) ?? [];
    list.push(annexAControlRecord(entry.id, entry.title));
    controlsByFile.set(file, list);
  }
  return [
    [
      'aims/context.yaml',
      [
        {
          kind: 'context',
          id: 'CTX-1',
          title: 'Context of Beacon Credit Ltd',
          owner: 'ROLE-LEAD',
          internal_issues: ['Small data science team', 'Legacy loan platform'],
          external_issues: ['EU AI Act obligations for credit scoring', 'Consumer Duty'],
          interested_parties: [
            { name: 'Applicants', needs: ['Fair and explainable credit decisions'] },
            { name: 'Financial regulator', needs: ['Evidence of model risk management'] },
          ],
          ai_roles: ['provider', 'customer'],
          evidence: ['evidence/context/stakeholder-analysis.md'],
          updated: '2026-01-10',
        },
      ],
    ],
    [
      'aims/scope.yaml',
      [
        {
          kind: 'scope',
          id: 'SCOPE-1',
          title: 'AIMS scope',
          statement: 'The development and operation of AI systems used in consumer lending.',
          systems: ['SYS-CREDIT', 'SYS-FORECAST', 'SYS-LEGACY'],
          boundaries: 'UK operations.',
          exclusions: [{ what: 'Agency marketing propensity model', system: 'SYS-AGENCY', justification: 'Run entirely by a marketing agency under its own AIMS.' }],
          approved: { by: 'Board', date: '2026-01-20' },
        },
      ],
    ],
    [
      'aims/policies/ai-policy.yaml',
      [
        {
          kind: 'policy',
          id: 'POL-AI',
          title: 'AI policy',
          owner: 'ROLE-LEAD',
          statements: ['We use AI only where its impact on customers has been assessed.'],
          approved: { by: 'Board', date: '2026-01-20' },
          communicated_to: ['All staff'],
          evidence: ['evidence/policy/ai-policy-signed.md'],
        },
      ],
    ],
    [
      'aims/roles/ai-governance-lead.yaml',
      [
        {
          kind: 'role',
          id: 'ROLE-LEAD',
          title: 'AI governance lead',
          responsibilities: ['Runs the AIMS', 'Reports AIMS performance to the board'],
          holder: 'Dana Whitfield',
          authorities: ['Stop the deployment of an AI system'],
          evidence: ['evidence/roles/appointment-letters.md'],
        },
      ],
    ],
    [
      'aims/roles/ceo.yaml',
      [
        {
          kind: 'role',
          id: 'ROLE-CEO',
          title: 'CEO',
          responsibilities: ['Directs the organisation and its AIMS'],
          holder: 'Sam Okafor',
          top_management: true,
        },
      ],
    ],
    [
      'aims/roles/internal-auditor.yaml',
      [
        {
          kind: 'role',
          id: 'ROLE-AUDITOR',
          title: 'Internal auditor',
          responsibilities: ['Audits the AIMS against ISO/IEC 42001'],
          holder: 'Priya Natarajan',
        },
      ],
    ],
    [
      'aims/systems/credit.yaml',
      [
        {
          kind: 'system',
          id: 'SYS-CREDIT',
          title: 'Credit scoring model',
          owner: 'ROLE-LEAD',
          description: 'Gradient-boosted model that scores personal loan applications.',
          lifecycle: 'operation',
          role: 'developer',
          intended_use: 'Decision support for underwriters',
          personal_data: true,
          eu_ai_act: 'high',
          evidence: ['evidence/systems/sys-credit-model-card.md'],
        },
      ],
    ],
    [
      'aims/systems/forecast.yaml',
      [
        {
          kind: 'system',
          id: 'SYS-FORECAST',
          title: 'Cash-flow forecasting',
          description: 'Time-series model forecasting daily cash flow.',
          lifecycle: 'operation',
          role: 'developer',
          personal_data: false,
          eu_ai_act: 'minimal',
        },
      ],
    ],
    [
      'aims/systems/legacy.yaml',
      [
        {
          kind: 'system',
          id: 'SYS-LEGACY',
          title: 'Legacy application scorecard',
          description: 'Logistic scorecard replaced by SYS-CREDIT.',
          lifecycle: 'retired',
          role: 'developer',
          personal_data: true,
        },
      ],
    ],
    [
      'aims/systems/agency.yaml',
      [
        {
          kind: 'system',
          id: 'SYS-AGENCY',
          title: 'Agency marketing propensity model',
          description: 'Run by a marketing agency; excluded from the scope.',
          lifecycle: 'operation',
          role: 'user',
          in_scope: false,
        },
      ],
    ],
    [
      'aims/risks/register.yaml',
      [
        {
          kind: 'risk',
          id: 'RISK-1',
          title: 'Unfair outcomes for protected groups',
          owner: 'ROLE-LEAD',
          likelihood: 'likely',
          impact: 'major',
          systems: ['SYS-CREDIT'],
          source: 'Bias in training data',
          treatment: { option: 'mitigate', controls: ['A.6.2.4', 'A.7.4'], plan: 'Quarterly fairness testing', due: '2027-03-31' },
          residual: { likelihood: 'rare', impact: 'major' },
          status: 'treating',
          evidence: ['evidence/risk/risk-methodology.md'],
          updated: '2026-06-01',
        },
        {
          kind: 'risk',
          id: 'RISK-2',
          title: 'Forecast drift after rate changes',
          owner: 'ROLE-LEAD',
          likelihood: 'possible',
          impact: 'moderate',
          systems: ['SYS-FORECAST'],
          treatment: { option: 'accept' },
          status: 'accepted',
          accepted_by: 'Dana Whitfield',
          updated: '2026-10-01',
        },
        {
          kind: 'risk',
          id: 'RISK-3',
          title: 'Model card out of date',
          owner: 'ROLE-LEAD',
          likelihood: 'unlikely',
          impact: 'minor',
          systems: ['SYS-CREDIT'],
          status: 'open',
          updated: '2026-09-15',
        },
        {
          kind: 'risk',
          id: 'RISK-4',
          title: 'Vendor model outage',
          owner: 'ROLE-LEAD',
          likelihood: 'likely',
          impact: 'moderate',
          systems: ['SYS-FORECAST'],
          treatment: { option: 'transfer', controls: ['A.10.3'], plan: 'Contractual service levels' },
          residual: { likelihood: 'unlikely', impact: 'moderate' },
          status: 'treating',
          updated: '2026-10-01',
        },
      ],
    ],
    [
      'aims/assessments/credit.yaml',
      [
        {
          kind: 'assessment',
          id: 'AIA-CREDIT',
          title: 'Impact assessment: credit scoring',
          system: 'SYS-CREDIT',
          date: '2026-03-02',
          impacts: [
            { group: 'individuals', description: 'Wrongful refusal of credit', severity: 'high' },
            { group: 'society', description: 'Less access to credit for groups already underserved', severity: 'medium' },
          ],
          mitigations: ['Human review of refusals'],
          dpia: 'evidence/dpia/credit-dpia.md',
          approved: { by: 'Dana Whitfield', date: '2026-03-09' },
          evidence: ['evidence/assessments/aia-credit.md'],
        },
      ],
    ],
    [
      'aims/assessments/forecast.yaml',
      [
        {
          kind: 'assessment',
          id: 'AIA-FORECAST',
          title: 'Impact assessment: cash-flow forecasting',
          system: 'SYS-FORECAST',
          date: '2026-05-04',
          impacts: [
            { group: 'society', description: 'None beyond the company', severity: 'low' },
            { group: 'individuals', description: 'None: the forecast uses no personal data and decides nothing about people', severity: 'low' },
          ],
          approved: { by: 'Dana Whitfield', date: '2026-05-11' },
          evidence: ['evidence/assessments/aia-forecast.md'],
        },
      ],
    ],
    ...controlsByFile,
    [
      'aims/controls/organisation.yaml',
      [
        {
          kind: 'control',
          id: 'CTL-MONITORING',
          title: 'Model monitoring dashboard',
          applicable: true,
          justification: 'Our own control for monitoring models in operation.',
          status: 'implemented',
          annex_a: [EVIDENCED_BY_ORGANISATION_CONTROL],
          risks: ['RISK-1'],
          evidence: ['evidence/controls/monitoring-dashboard-2026-11.csv'],
        },
        {
          kind: 'control',
          id: 'CTL-LEADERSHIP',
          title: 'Board oversight of the AIMS',
          applicable: true,
          justification: 'Top management direct the AIMS.',
          status: 'implemented',
          clauses: ['5.1'],
          evidence: ['evidence/leadership/board-minutes-2026-01.md'],
        },
        {
          kind: 'control',
          id: 'CTL-RESOURCES',
          title: 'AIMS budget',
          applicable: true,
          justification: 'The AIMS needs a budget.',
          status: 'implemented',
          clauses: ['7.1'],
          evidence: ['evidence/resources/aims-budget-2026.md'],
        },
        {
          kind: 'control',
          id: 'CTL-COMMS',
          title: 'AIMS communication plan',
          applicable: true,
          justification: 'Staff and customers must hear about the AIMS.',
          status: 'implemented',
          clauses: ['7.4'],
          evidence: ['evidence/communication/communication-plan.md'],
        },
        {
          kind: 'control',
          id: 'CTL-DOCS',
          title: 'Document control',
          applicable: true,
          justification: 'Records are kept in git under review.',
          status: 'implemented',
          clauses: ['7.5.1', '7.5.2', '7.5.3'],
          evidence: ['evidence/documented-info/document-control-procedure.md'],
        },
        {
          kind: 'control',
          id: 'CTL-CHANGE',
          title: 'Planned changes to the AIMS',
          applicable: true,
          justification: 'Changes to the AIMS are planned.',
          status: 'implemented',
          clauses: ['6.1.1', '6.3'],
          evidence: ['evidence/planning/change-procedure.md'],
        },
        {
          kind: 'control',
          id: 'CTL-OPERATIONS',
          title: 'AIMS operating procedure',
          applicable: true,
          justification: 'The AIMS runs to a written procedure.',
          status: 'implemented',
          clauses: ['4.4', '8.1', '10.1'],
          evidence: ['evidence/operations/operating-procedure.md'],
        },
      ],
    ],
    [
      'aims/documents/procedures.yaml',
      [
        {
          kind: 'document',
          id: 'DOC-MANUAL',
          title: 'AIMS manual',
          type: 'procedure',
          version: '1.0',
          status: 'approved',
          prepared_by: 'Dana Whitfield',
          reviewed_by: 'Priya Natarajan',
          approved: { by: 'Board', date: '2026-01-20' },
          next_review: '2027-01-20',
          clauses: ['4.4', '7.5.1'],
          evidence: ['evidence/documents/doc-manual.md'],
        },
        {
          kind: 'document',
          id: 'DOC-CHARTER',
          title: 'Board mandate for the AIMS',
          type: 'procedure',
          version: '1.0',
          status: 'approved',
          prepared_by: 'Dana Whitfield',
          reviewed_by: 'Priya Natarajan',
          approved: { by: 'Board', date: '2026-01-20' },
          next_review: '2027-01-20',
          clauses: ['5.1'],
          evidence: ['evidence/documents/doc-charter.md'],
        },
        {
          kind: 'document',
          id: 'DOC-RISK',
          title: 'AI risk management procedure',
          type: 'procedure',
          version: '1.0',
          status: 'approved',
          prepared_by: 'Dana Whitfield',
          reviewed_by: 'Priya Natarajan',
          approved: { by: 'Board', date: '2026-01-20' },
          next_review: '2027-01-20',
          clauses: ['6.1.1'],
          evidence: ['evidence/documents/doc-risk.md'],
        },
        {
          kind: 'document',
          id: 'DOC-CHANGE',
          title: 'AIMS change procedure',
          type: 'procedure',
          version: '1.0',
          status: 'approved',
          prepared_by: 'Dana Whitfield',
          reviewed_by: 'Priya Natarajan',
          approved: { by: 'Board', date: '2026-01-20' },
          next_review: '2027-01-20',
          clauses: ['6.3'],
          evidence: ['evidence/documents/doc-change.md'],
        },
        {
          kind: 'document',
          id: 'DOC-RESOURCES',
          title: 'AIMS resource plan',
          type: 'procedure',
          version: '1.0',
          status: 'approved',
          prepared_by: 'Dana Whitfield',
          reviewed_by: 'Priya Natarajan',
          approved: { by: 'Board', date: '2026-01-20' },
          next_review: '2027-01-20',
          clauses: ['7.1'],
          evidence: ['evidence/documents/doc-resources.md'],
        },
        {
          kind: 'document',
          id: 'DOC-COMMS',
          title: 'AIMS communication plan',
          type: 'procedure',
          version: '1.0',
          status: 'approved',
          prepared_by: 'Dana Whitfield',
          reviewed_by: 'Priya Natarajan',
          approved: { by: 'Board', date: '2026-01-20' },
          next_review: '2027-01-20',
          clauses: ['7.4'],
          evidence: ['evidence/documents/doc-comms.md'],
        },
        {
          kind: 'document',
          id: 'DOC-CONTROL',
          title: 'Document control procedure',
          type: 'procedure',
          version: '1.0',
          status: 'approved',
          prepared_by: 'Dana Whitfield',
          reviewed_by: 'Priya Natarajan',
          approved: { by: 'Board', date: '2026-01-20' },
          next_review: '2027-01-20',
          clauses: ['7.5.2', '7.5.3'],
          evidence: ['evidence/documents/doc-control.md'],
        },
        {
          kind: 'document',
          id: 'DOC-OPS',
          title: 'AI operations procedure',
          type: 'procedure',
          version: '1.0',
          status: 'approved',
          prepared_by: 'Dana Whitfield',
          reviewed_by: 'Priya Natarajan',
          approved: { by: 'Board', date: '2026-01-20' },
          next_review: '2027-01-20',
          clauses: ['8.1'],
          evidence: ['evidence/documents/doc-ops.md'],
        },
        {
          kind: 'document',
          id: 'DOC-IMPROVE',
          title: 'Continual improvement procedure',
          type: 'procedure',
          version: '1.0',
          status: 'approved',
          prepared_by: 'Dana Whitfield',
          reviewed_by: 'Priya Natarajan',
          approved: { by: 'Board', date: '2026-01-20' },
          next_review: '2027-01-20',
          clauses: ['10.1'],
          evidence: ['evidence/documents/doc-improve.md'],
        },
      ],
    ],
    [
      'aims/objectives/objectives.yaml',
      [
        {
          kind: 'objective',
          id: 'OBJ-1',
          title: 'Fair credit decisions',
          owner: 'ROLE-LEAD',
          metric: 'Approval-rate ratio between age groups',
          target: 0.9,
          due: '2027-06-30',
          measurements: [
            { date: '2026-06-30', value: 0.86 },
            { date: '2026-09-30', value: 0.91 },
          ],
          status: 'on-track',
          evidence: ['evidence/objectives/kpi-report-2026-q3.csv'],
        },
      ],
    ],
    [
      'aims/competence/competence.yaml',
      [
        {
          kind: 'competence',
          id: 'COMP-LEAD',
          title: 'Competence: AI governance lead',
          role: 'ROLE-LEAD',
          required: ['ISO/IEC 42001 lead implementer'],
          holders: [{ name: 'Dana Whitfield', evidence: ['evidence/competence/lead-implementer-cert.txt'] }],
          training: [{ name: 'ISO/IEC 42001 lead implementer', date: '2026-02-12' }],
        },
        {
          kind: 'competence',
          id: 'COMP-CEO',
          title: 'Competence: CEO',
          role: 'ROLE-CEO',
          required: ['AI governance briefing for directors'],
          training: [{ name: 'AI governance briefing for directors', date: '2026-02-03' }],
        },
        {
          kind: 'competence',
          id: 'COMP-AUDITOR',
          title: 'Competence: internal auditor',
          role: 'ROLE-AUDITOR',
          required: ['ISO/IEC 42001 internal auditor'],
          holders: [{ name: 'Priya Natarajan', evidence: ['evidence/competence/auditor-cert.txt'] }],
        },
      ],
    ],
    [
      'aims/audits/internal-audit-2026.yaml',
      [
        {
          kind: 'audit',
          id: 'AUD-2026',
          title: 'Internal audit 2026',
          date: '2026-06-16',
          auditor: 'Priya Natarajan',
          independent: true,
          scope: ['4', '5', '6', '7', '8', '9', '10', 'A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10'],
          findings: [
            { id: 'F-1', type: 'minor', description: 'Validation report unsigned', ref: 'A.6.2.4', nonconformity: 'NC-1' },
            { id: 'F-2', type: 'observation', description: 'Risk register could link incidents', ref: '6.1.2' },
          ],
          evidence: ['evidence/audit/audit-report-2026-06.md'],
        },
      ],
    ],
    [
      'aims/reviews/management-review-2026.yaml',
      [
        {
          kind: 'review',
          id: 'MR-2026',
          title: 'Management review 2026',
          date: '2026-09-29',
          attendees: ['CEO', 'Dana Whitfield'],
          inputs: [
            { topic: 'previous-actions', summary: 'Actions of the 2025 review, all closed' },
            { topic: 'context-changes', summary: 'EU AI Act obligations for credit scoring' },
            { topic: 'interested-party-changes', summary: 'Regulator asks for model risk evidence' },
            { topic: 'nonconformities', summary: 'NC-1 closed, NC-2 open' },
            { topic: 'monitoring-results', summary: 'Objective OBJ-1 measurements' },
            { topic: 'audit-results', summary: 'Audit AUD-2026 results' },
            { topic: 'improvement-opportunities', summary: 'Automate fairness testing' },
          ],
          decisions: ['Fund a second fairness tester'],
          actions: [
            { action: 'Hire a fairness tester', owner: 'ROLE-LEAD', due: '2027-01-31', status: 'open' },
            { action: 'Brief the board on NC-1', owner: 'ROLE-LEAD', due: '2026-10-15', status: 'done' },
          ],
          evidence: ['evidence/review/management-review-2026-09-minutes.md'],
        },
      ],
    ],
    [
      'aims/nonconformities/nonconformities.yaml',
      [
        {
          kind: 'nonconformity',
          id: 'NC-1',
          title: 'Unsigned validation report',
          raised: '2026-06-20',
          description: 'The 2026 validation report for SYS-CREDIT was not signed off.',
          source: 'AUD-2026',
          ref: 'A.6.2.4',
          severity: 'minor',
          correction: 'Report signed on 2026-06-25.',
          root_cause: 'No sign-off step in the validation template.',
          corrective_actions: [{ action: 'Add a sign-off step to the template', owner: 'ROLE-LEAD', due: '2026-08-31', status: 'done', done: '2026-08-20' }],
          effectiveness: { verified: '2026-10-01', by: 'Priya Natarajan', effective: true },
          status: 'closed',
          evidence: ['evidence/nonconformity/nc-1-closure.md'],
        },
        {
          kind: 'nonconformity',
          id: 'NC-2',
          title: 'Monitoring alert missed',
          raised: '2026-10-05',
          description: 'A drift alert on SYS-FORECAST went unanswered for a week.',
          source: 'incident',
          severity: 'minor',
          root_cause: 'Alerts go to a shared mailbox nobody owns.',
          corrective_actions: [{ action: 'Route alerts to the on-call rota', owner: 'ROLE-LEAD', due: '2027-01-31', status: 'open' }],
          status: 'open',
        },
      ],
    ],
  ];
}

/** The YAML text of one document (no origin), as a user would write it. */
function documentText(data: AimsRecordData): string {
  return stringify(data, { lineWidth: 0 });
}

/** Origins as the loader reports them: document index, and the line the record's first key is on. */
function withOrigins(file: string, docs: readonly AimsRecordData[]): AimsRecord[] {
  let line = 1;
  return docs.map((data, document) => {
    const record = { ...data, origin: { file, document, line } } as AimsRecord;
    line += documentText(data).split('\n').length - 1 + 1; // the document's lines, then the `---` line
    return record;
  });
}

/** A fresh complete set: every clause met and every Annex A control without a gap as of 2026-11-26. */
export function completeSet(): GapFixture {
  const files = completeFiles();
  const records = files.flatMap(([file, docs]) => withOrigins(file, docs));
  const paths = new Map<string, PathKind>();
  for (const [file] of files) paths.set(file, 'file');
  for (const e of EVIDENCE_FILES) paths.set(e, 'file');
  for (const id of ANNEX_A) if (id !== EVIDENCED_BY_ORGANISATION_CONTROL && id !== EXCLUDED_CONTROL) paths.set(controlEvidence(id), 'file');
  for (const dir of ['aims', 'evidence', 'evidence/controls']) paths.set(dir, 'dir');
  // The organisation's own risk criteria, as an aims.yaml `risk` block sets them.
  const config = structuredClone(DEFAULT_CONFIG);
  config.risk.source = { file: 'aims.yaml', line: 1 };
  return { records, paths, config, diagnostics: [] };
}

// ---- reading and changing a set ----

/** The record with this id and kind; throws when there is none (a typo in a test). */
export function get<K extends RecordKind>(set: GapFixture, kind: K, id: string): RecordOfKind<K> {
  const record = set.records.find((r): r is RecordOfKind<K> => r.kind === kind && r.id === id);
  if (!record) throw new Error(`the fixture has no ${kind} ${id}`);
  return record;
}

/** Removes every record with these ids. */
export function remove(set: GapFixture, ...ids: string[]): void {
  const before = set.records.length;
  set.records = set.records.filter((r) => r.id === undefined || !ids.includes(r.id));
  if (before - set.records.length !== ids.length) throw new Error(`the fixture does not hold all of ${ids.join(', ')}`);
}

/** Removes every record of these kinds. */
export function removeKind(set: GapFixture, ...kinds: RecordKind[]): void {
  set.records = set.records.filter((r) => !kinds.includes(r.kind));
}

/** Adds a record as a new document at the end of `file` (a new file when it is not in the set yet). */
export function add(set: GapFixture, file: string, data: AimsRecordData): AimsRecord {
  const inFile = set.records.filter((r) => r.origin.file === file);
  const line = inFile.length === 0 ? 1 : Math.max(...inFile.map((r) => r.origin.line)) + 40;
  const record = { ...data, origin: { file, document: inFile.length, line } } as AimsRecord;
  set.records.push(record);
  set.paths.set(file, 'file');
  return record;
}

/**
 * A git history entry for a file last changed on `date`. By default the file was committed
 * once (an import); pass `firstDate` for a file first committed then and edited on `date`.
 */
export function changedOn(date: string, firstDate?: string): FileHistory {
  const at = `${date}T12:00:00Z`;
  const last = 'c'.repeat(40);
  return firstDate === undefined
    ? { lastCommit: last, lastDate: at, lastAuthor: 'Test Author', firstCommit: last, firstDate: at }
    : { lastCommit: last, lastDate: at, lastAuthor: 'Test Author', firstCommit: 'f'.repeat(40), firstDate: `${firstDate}T12:00:00Z` };
}

// ---- running the engine ----

/** The gap analysis of the set, as of `asOf` (2026-11-26 by default). */
export function analyse(set: GapFixture, asOf = AS_OF): GapResult {
  return analyseGaps({
    records: set.records,
    catalogue,
    config: set.config,
    wording,
    asOf,
    paths: set.paths,
    diagnostics: set.diagnostics,
    ...(set.history ? { history: set.history } : {}),
    ...(set.historyProblem ? { historyProblem: set.historyProblem } : {}),
  });
}

/** The set written out as YAML files (records grouped by file, in document order). */
export function toRecordFiles(set: GapFixture): RecordFile[] {
  const byFile = new Map<string, AimsRecord[]>();
  for (const r of set.records) {
    const list = byFile.get(r.origin.file) ?? [];
    list.push(r);
    byFile.set(r.origin.file, list);
  }
  return [...byFile].map(([path, records]) => ({
    path,
    text: [...records]
      .sort((a, b) => a.origin.document - b.origin.document)
      .map(({ origin: _origin, ...data }) => documentText(data))
      .join('---\n'),
  }));
}

/** Validation of the set as the real validator sees it once written out. */
export function validateSet(set: GapFixture): ValidationResult {
  return validate({ snapshot: { recordFiles: toRecordFiles(set), paths: set.paths }, config: set.config, catalogue, schemas });
}

/** As `aims gap` runs it: validate the written-out set first, then judge its records with validation's diagnostics. */
export function analyseValidated(set: GapFixture, asOf = AS_OF): { validation: ValidationResult; result: GapResult } {
  const validation = validateSet(set);
  const result = analyse({ ...set, records: validation.records, diagnostics: validation.diagnostics }, asOf);
  return { validation, result };
}

// ---- reading a result ----

export function clause(result: GapResult, id: string): ClauseGap {
  const found = result.clauses.find((c) => c.id === id);
  if (!found) throw new Error(`no clause ${id} in the result`);
  return found;
}

export function control(result: GapResult, id: string): ControlGap {
  const found = result.controls.find((c) => c.id === id);
  if (!found) throw new Error(`no control ${id} in the result`);
  return found;
}

/** Every clause that is not met, with its status. */
export function clausesNotMet(result: GapResult): Record<string, ClauseStatus> {
  return Object.fromEntries(result.clauses.filter((c) => c.status !== 'met').map((c) => [c.id, c.status]));
}

/** Every Annex A control with a gap. */
export function controlsWithGap(result: GapResult): string[] {
  return result.controls.filter((c) => c.gap).map((c) => c.id);
}

/** Whether a finding names this record: its id, its file and the line it starts on. */
export function names(f: Finding, record: AimsRecord): boolean {
  return f.record === record.id && f.file === record.origin.file && f.line === record.origin.line;
}
