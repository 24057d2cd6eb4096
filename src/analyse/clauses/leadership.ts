import type { Finding } from '../../model/gap.js';
import { policyStatus, type RecordOfKind } from '../../model/record.js';
import { type AnalysisContext, finding, label, lastReviewed, nonEmpty, onOrBefore, staleFinding } from '../context.js';
import { isTopManagement, selfApprover } from '../self-approval.js';
import { absent, type ClauseRule } from './clause-rule.js';

/** What keeps a policy from meeting 5.2 as of the date: not approved by then, not communicated, or empty. */
function policyShortfalls(ctx: AnalysisContext, p: RecordOfKind<'policy'>): Finding[] {
  const status = policyStatus(p);
  const out: Finding[] = [];
  if (status === 'draft') {
    out.push(finding(p, `${label(p)} is not approved (status draft)`, 'have top management approve it, then add `approved: { by, date }`'));
  } else if (!p.approved?.by || !p.approved.date) {
    out.push(finding(p, `${label(p)} is not approved: \`status: approved\` but no \`approved: { by, date }\``, 'record who approved it and when in `approved`'));
  } else if (!onOrBefore(ctx, p.approved.date)) {
    out.push(finding(p, `${label(p)} is not approved as of ${ctx.asOf}: its approval is dated ${p.approved.date}`, 'judge it on or after the approval date, or correct `approved.date`'));
  }
  const self = selfApprover(ctx, p);
  if (self !== undefined && !isTopManagement(ctx, self)) {
    out.push(finding(p, `${label(p)} was approved by its own owner, ${self}, not by top management`, 'have top management (a role with `top_management: true`) approve it and name them in `approved.by`'));
  }
  if (!nonEmpty(p.communicated_to)) {
    out.push(finding(p, `${label(p)} has not been communicated to anyone (\`communicated_to\` is empty)`, 'list who it was made available to in `communicated_to` (e.g. "All staff")'));
  }
  if (!nonEmpty(p.statements)) out.push(finding(p, `${label(p)} states nothing`, 'write the policy statements in `statements`'));
  return out;
}

/**
 * 5.2: an AI policy in force: approved on or before the as-of date, communicated, reviewed
 * within its cycle. Drafts and withdrawn policies do not count; a draft is a finding only
 * when no policy is in force.
 */
export const aiPolicy: ClauseRule = (ctx) => {
  const policies = ctx.ofKind('policy');
  if (policies.length === 0) {
    return { evidence: [], findings: [absent('no AI policy record', 'add a `policy` record with the AI policy statements and its approval')] };
  }
  const live = policies.filter((p) => policyStatus(p) !== 'withdrawn');
  const shortfalls = new Map(live.map((p) => [p, policyShortfalls(ctx, p)]));
  const inForce = live.filter((p) => shortfalls.get(p)?.length === 0);
  const findings: Finding[] = [];
  if (live.length === 0) {
    findings.push(absent(`every AI policy is withdrawn (${policies.map(label).join(', ')})`, 'approve and communicate a current AI policy'));
  }
  for (const p of live) {
    // With a policy in force, a draft is the next version in the making, not a gap.
    if (inForce.length > 0 && policyStatus(p) === 'draft') continue;
    findings.push(...(shortfalls.get(p) ?? []));
    const reviewed = lastReviewed(ctx, p)?.date ?? p.approved?.date;
    const stale = staleFinding(ctx, p, reviewed, 'policy', 'last review');
    if (stale) findings.push(stale);
  }
  return { evidence: policies, findings };
};

/** 5.3: roles are defined and held by someone, and every owner that names a role resolves. */
export const roles: ClauseRule = (ctx) => {
  const roleRecords = ctx.ofKind('role');
  if (roleRecords.length === 0) {
    return { evidence: [], findings: [absent('no role records', 'add `role` records with responsibilities and authorities')] };
  }
  const findings: Finding[] = roleRecords
    .filter((r) => ctx.empty(r.holder))
    .map((r) => finding(r, `${label(r)} has no holder`, 'name the person who holds the role in `holder`'));
  // Validation already decided which owners name a role and do not resolve; reuse its verdict.
  findings.push(
    ...ctx.diagnostics
      .filter((d) => d.rule === 'ref/unknown-id' && /\/owner$/.test(d.location.pointer ?? ''))
      .map((d) => {
        const record = ctx.records.find((r) => r.origin.file === d.location.file && r.origin.document === (d.location.document ?? 0));
        const message = d.message.replace(/^no role record/, 'owner names a role, but no role record');
        const next = 'correct the owner, or add the role record';
        return record ? { ...finding(record, `${label(record)}: ${message}`, next), line: d.location.position.line } : { message, file: d.location.file, line: d.location.position.line, next };
      }),
  );
  return { evidence: roleRecords, findings };
};
