import type { Finding } from '../../model/gap.js';
import { finding, label, lastReviewed, staleFinding } from '../context.js';
import { absent, type ClauseRule } from './clause-rule.js';

/** 5.2: an approved AI policy, reviewed within its cycle. */
export const aiPolicy: ClauseRule = (ctx) => {
  const policies = ctx.ofKind('policy');
  if (policies.length === 0) {
    return { evidence: [], findings: [absent('no AI policy record', 'add a `policy` record with the AI policy statements and its approval')] };
  }
  const findings: Finding[] = [];
  for (const p of policies) {
    if (!p.approved?.by || !p.approved.date) {
      findings.push(finding(p, `${label(p)} is not approved`, 'add `approved: { by, date }` once top management approves it'));
    }
    const reviewed = lastReviewed(ctx, p)?.date ?? p.approved?.date;
    const stale = staleFinding(ctx, p, reviewed, 'policy', 'last review');
    if (stale) findings.push(stale);
  }
  return { evidence: policies, findings };
};

/** 5.3: roles are defined, and every owner that names a role resolves. */
export const roles: ClauseRule = (ctx) => {
  const roleRecords = ctx.ofKind('role');
  if (roleRecords.length === 0) {
    return { evidence: [], findings: [absent('no role records', 'add `role` records with responsibilities and authorities')] };
  }
  // Validation already decided which owners name a role and do not resolve; reuse its verdict.
  const findings: Finding[] = ctx.diagnostics
    .filter((d) => d.rule === 'ref/unknown-id' && /\/owner$/.test(d.location.pointer ?? ''))
    .map((d) => {
      const record = ctx.records.find((r) => r.origin.file === d.location.file && r.origin.document === (d.location.document ?? 0));
      const message = d.message.replace(/^no role record/, 'owner names a role, but no role record');
      const next = 'correct the owner, or add the role record';
      return record ? { ...finding(record, `${label(record)}: ${message}`, next), line: d.location.position.line } : { message, file: d.location.file, line: d.location.position.line, next };
    });
  return { evidence: roleRecords, findings };
};
