import type { Blocker, Finding, GapResult, RecordTrace } from '../../model/gap.js';

/** The documented JSON contract of `aims gap --format json` (README, "aims gap --format json"), and nothing more. */
export function gapJson(result: GapResult): string {
  const finding = (f: Finding) => ({ message: f.message, record: f.record ?? null, file: f.file ?? null, line: f.line ?? null });
  const basis = (b: RecordTrace) => ({ id: b.id, kind: b.kind, file: b.file, line: b.line });
  const blocker = (b: Blocker) => ({
    id: b.id,
    message: b.message,
    ...(b.record !== undefined ? { record: b.record } : {}),
    ...(b.file !== undefined ? { file: b.file } : {}),
    ...(b.line !== undefined ? { line: b.line } : {}),
    next: b.next,
  });
  return (
    JSON.stringify(
      {
        asOf: result.asOf,
        organisation: result.organisation ?? null,
        readiness: result.readiness.score,
        readinessDetail: result.readinessDetail,
        validation: { errors: result.validation.errors, warnings: result.validation.warnings },
        blockers: result.blockers.map(blocker),
        phases: result.phases.map((p) => ({ id: p.id, title: p.title, readiness: p.readiness, status: p.status, clauses: p.clauses, controls: p.controls, next: p.next })),
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
        suppressions: result.suppressions.map((s) => ({
          rule: s.rule,
          record: s.record,
          file: s.file,
          line: s.line,
          reason: s.reason,
          until: s.until ?? null,
          expired: s.expired,
          matched: s.matched,
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
