import type { CatalogueEntry } from '../../model/catalogue.js';
import type { Finding } from '../../model/gap.js';
import type { AimsRecord } from '../../model/record.js';
import { type AnalysisContext, finding, hasExistingEvidence, label, staleEvidenceFinding } from '../context.js';
import type { ClauseOutcome } from './clause-rule.js';

/** Records that name the clause in their `clauses` field. */
export function citing(ctx: AnalysisContext, clauseId: string): AimsRecord[] {
  return ctx.records.filter((r) => r.clauses?.includes(clauseId));
}

/**
 * A clause with no rule of its own. Where a record kind evidences it, a record of that kind
 * does; otherwise (7.1, 7.4 …) a record must cite it in `clauses` with evidence that exists.
 * Never silently met.
 */
export function genericClause(ctx: AnalysisContext, entry: CatalogueEntry, cited: readonly AimsRecord[]): ClauseOutcome {
  const ofKinds = entry.evidencedBy.flatMap((kind) => ctx.ofKind(kind));
  if (ofKinds.length > 0) return { evidence: ofKinds, findings: [] };
  const evidenced = cited.filter((r) => hasExistingEvidence(ctx, r));
  if (evidenced.length > 0) {
    const stale = staleEvidenceFinding(ctx, evidenced[0] as AimsRecord, `clause ${entry.id} is met through cited evidence`, evidenced);
    return { evidence: cited, findings: stale ? [stale] : [] };
  }
  const findings: Finding[] = cited.map((r) =>
    finding(r, `${label(r)} cites clause ${entry.id} but no evidence of it exists`, 'add a file with content or an https URL to its `evidence`'),
  );
  if (findings.length === 0) {
    findings.push({
      message: `nothing evidences clause ${entry.id} ${entry.title}`,
      next: `add \`clauses: ["${entry.id}"]\` and \`evidence\` to the record that shows how you meet it`,
    });
  }
  return { evidence: cited, findings };
}
