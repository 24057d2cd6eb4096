import type { Finding, GapResult, RecordTrace } from '../../model/gap.js';

/** The documented JSON contract of `aims gap --format json`, and nothing more. */
export function gapJson(result: GapResult): string {
  const finding = (f: Finding) => ({ message: f.message, record: f.record ?? null, file: f.file ?? null, line: f.line ?? null });
  const basis = (b: RecordTrace) => ({ id: b.id, kind: b.kind, file: b.file, line: b.line });
  return (
    JSON.stringify(
      {
        asOf: result.asOf,
        readiness: result.readiness.score,
        validation: { errors: result.validation.errors, warnings: result.validation.warnings },
        clauses: result.clauses.map((c) => ({ id: c.id, title: c.title, status: c.status, basis: c.basis.map(basis), findings: c.findings.map(finding) })),
        controls: result.controls.map((c) => ({
          id: c.id,
          title: c.title,
          decision: c.decision,
          status: c.status,
          gap: c.gap,
          evidenceFrom: c.evidenceFrom ?? [],
          servedBy: c.servedBy,
          basis: c.basis.map(basis),
          findings: c.findings.map(finding),
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
