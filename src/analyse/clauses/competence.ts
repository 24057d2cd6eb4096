import type { Finding } from '../../model/gap.js';
import { policyStatus, type RecordOfKind } from '../../model/record.js';
import { meansEveryone } from '../../model/wording.js';
import { type AnalysisContext, anyEvidenceExists, finding, label, namesRole, onOrBefore, withinCycle } from '../context.js';
import { absent, type ClauseRule } from './clause-rule.js';

/** Whether a competence record shows people, not only requirements: a holder with evidence, or training dated by the as-of date. */
function showsPeople(ctx: AnalysisContext, c: RecordOfKind<'competence'>): boolean {
  return (c.holders ?? []).some((h) => anyEvidenceExists(ctx, h.evidence)) || (c.training ?? []).some((t) => onOrBefore(ctx, t.date));
}

/** 7.2: each role's competence is recorded, with people shown to have it. */
export const competence: ClauseRule = (ctx) => {
  const records = ctx.ofKind('competence');
  const roles = ctx.ofKind('role');
  if (records.length === 0) return { evidence: [], findings: [absent('no competence records', 'add a `competence` record for each role')] };
  const covered = new Set(records.map((c) => c.role));
  const findings: Finding[] = roles
    .filter((r) => r.id !== undefined && !covered.has(r.id))
    .map((r) => finding(r, `${label(r)} has no competence record`, `add a \`competence\` record with \`role: ${r.id ?? ''}\``));
  for (const c of records) {
    // Competence for a role the AIMS does not have shows nothing about its people.
    if (c.role !== undefined && ctx.byId.get(c.role)?.kind !== 'role') {
      findings.push(finding(c, `${label(c)} is for \`${c.role}\`, which is not a role record`, 'name an existing role in `role`, or add the `role` record'));
    }
    if (!showsPeople(ctx, c)) {
      findings.push(finding(c, `${label(c)} lists what the role needs, but no holder with evidence and no dated training`, 'add `holders: [{ name, evidence }]` or `training: [{ name, date }]`'));
    }
  }
  return { evidence: records, findings };
};

/**
 * 7.3: every role holder is shown to be aware: an approved policy is communicated to them
 * (to everyone, their role, or them by name), or their role's competence record has
 * training within the policy review cycle.
 */
export const awareness: ClauseRule = (ctx) => {
  const roles = ctx.ofKind('role').filter((r) => !ctx.empty(r.holder));
  const policies = ctx.ofKind('policy').filter((p) => policyStatus(p) === 'approved' && onOrBefore(ctx, p.approved?.date));
  const records = ctx.ofKind('competence');
  if (roles.length === 0) return { evidence: [], findings: [absent('no role with a holder, so nobody is shown to be aware', 'record roles with their holders, then how they were made aware')] };
  const audiences = policies.flatMap((p) => p.communicated_to ?? []);
  const findings: Finding[] = [];
  for (const role of roles) {
    const reached = audiences.some((a) => meansEveryone(ctx.wording, a) || namesRole(a, role));
    const trained = records.some((c) => c.role === role.id && (c.training ?? []).some((t) => withinCycle(ctx, t.date, 'policy')));
    if (!reached && !trained) {
      findings.push(
        finding(role, `${label(role)}: ${role.holder ?? '?'} is not shown to be aware: no approved policy is communicated to them, and no training within the ${ctx.config.reviewCycles.policy} policy cycle`, "add them (or \"All staff\") to the policy's `communicated_to`, or record awareness training in the role's competence record"),
      );
    }
  }
  return { evidence: [...policies, ...records], findings, reads: ['communicated_to', 'training'] };
};
