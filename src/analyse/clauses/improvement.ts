import type { Finding } from '../../model/gap.js';
import type { RecordOfKind } from '../../model/record.js';
import { type AnalysisContext, finding, hasExistingEvidence, label, nonEmpty } from '../context.js';
import { doneAudits, unlinkedFindings } from './audit.js';
import type { ClauseRule } from './clause-rule.js';
import { citing } from './generic.js';

/** Why the audit a nonconformity names as its `source` cannot have found it as of ctx.asOf: not held yet, or held after it was raised. */
function sourceAuditProblem(ctx: AnalysisContext, nc: RecordOfKind<'nonconformity'>): string | undefined {
  if (nc.source === undefined) return undefined;
  const pending = ctx.notYet.find((n) => n.record.kind === 'audit' && n.record.id === nc.source);
  if (pending) return pending.reason === 'planned' ? 'is only planned' : `is dated ${pending.date}, after ${ctx.asOf}`;
  const source = ctx.byId.get(nc.source);
  if (source?.kind === 'audit' && source.date !== undefined && nc.raised !== undefined && source.date > nc.raised) {
    return `is dated ${source.date}, after the nonconformity was raised (${nc.raised})`;
  }
  return undefined;
}

/** What one nonconformity lacks: a root cause, action or a reasoned decision that none is needed, timely actions, a closure that worked. */
function nonconformityFindings(ctx: AnalysisContext, nc: RecordOfKind<'nonconformity'>): Finding[] {
  const out: Finding[] = [];
  const closed = nc.status === 'closed';
  const noActionNeeded = nc.corrective_action_needed === false;
  if (ctx.trivial(nc.root_cause)) {
    const said = nc.root_cause ? ` ("${nc.root_cause}" says nothing)` : '';
    out.push(finding(nc, `${label(nc)} has no root cause${said}`, 'record why it happened in `root_cause`, in a sentence or more'));
  }
  if (noActionNeeded) {
    if (ctx.trivial(nc.corrective_action_reason)) {
      out.push(finding(nc, `${label(nc)} records that no corrective action is needed, but not why`, 'give the reason in `corrective_action_reason`, in a sentence or more'));
    }
  } else if (!nonEmpty(nc.corrective_actions)) {
    out.push(finding(nc, `${label(nc)} has no corrective action`, 'record `corrective_actions`, or decide that none is needed (`corrective_action_needed: false` with `corrective_action_reason`)'));
  }
  const why = sourceAuditProblem(ctx, nc);
  if (why) out.push(finding(nc, `${label(nc)} names audit ${nc.source ?? '?'} as its source, but that audit ${why}`, 'name the audit that found it in `source`, or correct the dates'));
  for (const action of nc.corrective_actions ?? []) {
    if (action.status !== 'done' && action.due !== undefined && action.due < ctx.asOf) {
      out.push(finding(nc, `${label(nc)} corrective action "${action.action ?? '?'}" was due ${action.due} and is still open`, 'complete it (`status: done`, `done: DATE`) or agree a new due date'));
    }
  }
  // A decision that no action is needed has nothing whose effect could be checked.
  if (closed && !noActionNeeded) {
    if (!nc.effectiveness?.verified) out.push(finding(nc, `${label(nc)} is closed without an effectiveness check`, 'record `effectiveness: { verified, by, effective }`'));
    else if (nc.effectiveness.effective === false) {
      out.push(finding(nc, `${label(nc)} is closed, but the check on ${nc.effectiveness.verified} found the corrective action did not work`, 'reopen it (`status: open`) and take further corrective action'));
    }
  }
  return out;
}

/**
 * 10.2: nonconformities get a root cause and corrective action (or a reasoned decision that
 * none is needed), on time, and a closure that worked; every major or minor audit finding
 * has one. With none recorded at all, the process must be documented.
 */
export const nonconformities: ClauseRule = (ctx) => {
  const list = ctx.ofKind('nonconformity');
  const out = list.flatMap((nc) => nonconformityFindings(ctx, nc));
  for (const a of doneAudits(ctx)) out.push(...unlinkedFindings(ctx, a));
  if (list.length === 0 && out.length === 0 && !citing(ctx, '10.2').some((r) => hasExistingEvidence(ctx, r))) {
    // No nonconformity yet shows nothing on its own: the process for handling one must be written down.
    return {
      evidence: [],
      status: 'partial',
      findings: [{ message: 'no nonconformity recorded, and no documented process for handling one', next: 'document the nonconformity process and cite it from a record with `clauses: ["10.2"]` and `evidence`' }],
    };
  }
  return { evidence: list, findings: out };
};
