import type { Finding } from '../../model/gap.js';
import type { AimsRecord, RecordOfKind } from '../../model/record.js';
import { addDuration, isIsoDate, parseDuration } from '../dates.js';
import { type AnalysisContext, finding, hasExistingEvidence, label } from '../context.js';
import { isTopManagement, selfApprover } from '../self-approval.js';
import { absent, type ClauseOutcome, type ClauseRule } from './clause-rule.js';

type DocumentRecord = RecordOfKind<'document'>;

/**
 * Clauses met by documented information. Each needs an approved, in-date `document` record
 * that names the clause in `clauses` and cites the document itself in `evidence` (a file with
 * content or an https URL): approval metadata alone shows nothing. Where the clause also needs the process to have run,
 * `operating` finds the records that show it did; without one the clause is only documented.
 */
interface DocumentationClause {
  /** What the document should describe, for the next step. */
  what: string;
  /** Records showing the process has run, beyond non-document records citing the clause with evidence. */
  operating?: (ctx: AnalysisContext) => readonly AimsRecord[];
  /** What running the process leaves behind, for the "documented only" finding. */
  ran?: string;
}

const DOCUMENTATION_CLAUSES: Readonly<Record<string, DocumentationClause>> = {
  '4.4': { what: 'how the AIMS and its processes fit together (an AIMS manual or process map)' },
  '5.1': {
    what: "top management's commitment to the AIMS (a leadership charter or board mandate)",
    operating: (ctx) => ctx.ofKind('review').filter((r) => r.date !== undefined && r.date <= ctx.asOf),
    ran: 'a management review, or a record of top management acting on the AIMS',
  },
  '6.1.1': {
    what: 'how AI risks and opportunities are identified and planned for (a risk management procedure)',
    operating: (ctx) => ctx.ofKind('risk'),
    ran: 'risk records',
  },
  '6.3': { what: 'how changes to the AIMS are planned (a change procedure)' },
  '7.1': { what: 'the resources the AIMS needs and how they are provided (a resource plan or budget)' },
  '7.4': {
    what: 'what is communicated about the AIMS, to whom and when (a communication plan)',
    operating: (ctx) => ctx.ofKind('policy').filter((p) => (p.communicated_to ?? []).length > 0),
    ran: 'a policy with `communicated_to`, or a record of a communication citing 7.4 with evidence',
  },
  '7.5.1': { what: 'which documented information the AIMS keeps (a document register or control procedure)' },
  '7.5.2': { what: 'how documents are identified, reviewed and approved (a document control procedure)' },
  '7.5.3': { what: 'how documents are stored, versioned, protected and retained (a document control procedure)' },
  '8.1': {
    what: 'how AI work is planned and controlled day to day (operating procedures)',
    ran: 'a record citing 8.1 with evidence that the procedure operates (a run log, a change record)',
  },
  '10.1': {
    what: 'how the AIMS is continually improved (an improvement procedure)',
    operating: (ctx) => [
      ...ctx.ofKind('nonconformity').filter((n) => n.effectiveness?.effective === true && n.effectiveness.verified !== undefined && n.effectiveness.verified <= ctx.asOf),
      ...ctx.ofKind('review').filter((r) => (r.decisions ?? []).length > 0 && r.date !== undefined && r.date <= ctx.asOf),
    ],
    ran: 'an improvement made: a nonconformity verified effective, or a management review with decisions',
  },
};

/** The fields these rules read, of documents and of the operating records: scaffold text elsewhere does not weaken the clause. */
const READS = ['summary', 'status', 'approved', 'next_review', 'version', 'clauses', 'evidence', 'updated', 'date', 'decisions', 'effectiveness', 'communicated_to', 'likelihood', 'impact'];

/** The document record is only metadata: the document it describes must be cited and show something. */
const NOT_CITED = 'cites no document that exists: `evidence` names no file with content and no https URL';

/** Why a document does not count as of ctx.asOf, or undefined when it does. */
export function documentProblem(ctx: AnalysisContext, d: DocumentRecord): string | undefined {
  if (d.status !== undefined && d.status !== 'approved') return `is ${d.status}, not approved`;
  if (!d.approved?.by || !isIsoDate(d.approved.date)) return 'is not approved (no `approved: { by, date }`)';
  if (d.approved.date > ctx.asOf) return `is approved only from ${d.approved.date}`;
  if (!hasExistingEvidence(ctx, d)) return NOT_CITED;
  // A policy document needs an approver above its writer, as the AI policy does.
  if (d.type === 'policy') {
    const self = selfApprover(ctx, d);
    if (self !== undefined && !isTopManagement(ctx, self)) return `is a policy approved by its own author, ${self}, not by top management`;
  }
  if (isIsoDate(d.next_review)) return d.next_review < ctx.asOf ? `was due for review on ${d.next_review}` : undefined;
  const cycle = parseDuration(ctx.config.reviewCycles.document);
  const reviewed = isIsoDate(d.updated) && d.updated > d.approved.date ? d.updated : d.approved.date;
  const due = cycle ? addDuration(reviewed, cycle) : undefined;
  return due !== undefined && due < ctx.asOf ? `was last reviewed on ${reviewed}, more than ${ctx.config.reviewCycles.document} ago (set \`next_review\` to plan reviews)` : undefined;
}

/** Documents that name `clauseId` in `clauses`. */
function documentsFor(ctx: AnalysisContext, clauseId: string): DocumentRecord[] {
  return ctx.ofKind('document').filter((d) => d.clauses?.includes(clauseId));
}

function documentationRule(clauseId: string, spec: DocumentationClause): ClauseRule {
  return (ctx): ClauseOutcome => {
    const documents = documentsFor(ctx, clauseId);
    const inDate = documents.filter((d) => documentProblem(ctx, d) === undefined);
    const findings: Finding[] = [];
    if (inDate.length === 0) {
      for (const d of documents) {
        const problem = documentProblem(ctx, d) ?? '';
        findings.push(finding(d, `${label(d)} ${problem}`, problem === NOT_CITED ? 'cite the document itself in `evidence`: its file in the repository or an https URL' : 'have it reviewed and approved, and set `approved` and `next_review`'));
      }
      if (documents.length === 0) {
        findings.push(absent(`no approved document serves clause ${clauseId}`, `add a \`document\` record describing ${spec.what}, with \`clauses: ["${clauseId}"]\`, \`approved\` and \`next_review\``));
      }
    }
    const cited = ctx.records.filter((r) => r.kind !== 'document' && r.clauses?.includes(clauseId) && hasExistingEvidence(ctx, r));
    const operating = spec.ran === undefined ? cited : [...(spec.operating?.(ctx) ?? []), ...cited];
    if (spec.ran !== undefined && operating.length === 0) {
      findings.push(
        inDate.length > 0
          ? { ...finding(inDate[0] as DocumentRecord, `documented only: ${label(inDate[0] as DocumentRecord)} describes the process, but nothing shows it has run`, `record ${spec.ran}`) }
          : absent(`nothing shows that the process of clause ${clauseId} has run`, `record ${spec.ran}`),
      );
    }
    // Creating and updating documents (7.5.2): every document carries an identity and a version.
    if (clauseId === '7.5.2') findings.push(...ctx.ofKind('document').filter((d) => d.version === undefined).map((d) => finding(d, `${label(d)} has no version`, 'add `version`, and raise it with each approved change')));
    return { evidence: [...inDate, ...operating], findings, reads: READS };
  };
}

export const DOCUMENTATION_RULES: Readonly<Record<string, ClauseRule>> = Object.fromEntries(
  Object.entries(DOCUMENTATION_CLAUSES).map(([id, spec]) => [id, documentationRule(id, spec)]),
);
