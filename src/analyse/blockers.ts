import type { Blocker, ControlGap } from '../model/gap.js';
import { type AimsRecord, policyStatus, type RecordOfKind } from '../model/record.js';
import { type AnalysisContext, label, latest, onOrBefore, withinCycle } from './context.js';
import { doneAudits } from './clauses/audit.js';
import { heldReviews } from './clauses/review.js';
import { needsTreatment, riskScore } from './risk-score.js';
import { treatmentFindings } from './clauses/risk.js';

/**
 * The certification prerequisites, one check each: while any fails, no certification body
 * starts the stage 2 audit, whatever the readiness score says.
 */
export const BLOCKER_CHECKS = ['scope-and-policy', 'soa', 'risk', 'impact', 'audit', 'review', 'nonconformity', 'validation'] as const;
export type BlockerCheck = (typeof BLOCKER_CHECKS)[number];

/** A blocker with the check it fails (and, for the SoA, whether the control is undecided): for the journey, not the JSON. */
export type CheckedBlocker = Blocker & { check: BlockerCheck; undecided?: true };

/** Every certification blocker as of ctx.asOf, in the order of the checks. Pure. */
export function findBlockers(ctx: AnalysisContext, controls: readonly ControlGap[]): CheckedBlocker[] {
  return [
    ...approvedRecord(ctx, 'scope', '4.3', 'scope'),
    ...approvedRecord(ctx, 'policy', '5.2', 'AI policy'),
    ...controls.filter((c) => c.decision === 'undecided').map((c) => undecidedControl(c)),
    ...controls.filter((c) => c.decision === 'excluded' && c.gap).flatMap((c) => unjustifiedExclusion(c)),
    ...risks(ctx),
    ...impactAssessments(ctx),
    ...lastDone(ctx, 'audit', '9.2.1', 'internal audit'),
    ...lastDone(ctx, 'review', '9.3.1', 'management review'),
    ...blockingNonconformities(ctx),
    ...validation(ctx),
  ];
}

function blocker(check: BlockerCheck, id: string, record: AimsRecord | undefined, message: string, next: string): CheckedBlocker {
  const b: CheckedBlocker = { check, id, message, next };
  if (record) {
    if (record.id !== undefined) b.record = record.id;
    b.file = record.origin.file;
    b.line = record.origin.line;
  }
  return b;
}

/** Approved by someone on a date not after as-of (and, for a policy, neither a draft nor withdrawn): as clause 5.2 judges it. */
function isApproved(ctx: AnalysisContext, record: RecordOfKind<'scope' | 'policy'>): boolean {
  if (record.kind === 'policy' && policyStatus(record) !== 'approved') return false;
  return Boolean(record.approved?.by) && onOrBefore(ctx, record.approved?.date);
}

function approvedRecord(ctx: AnalysisContext, kind: 'scope' | 'policy', id: string, what: string): CheckedBlocker[] {
  const records = ctx.ofKind(kind);
  if (records.length === 0) return [blocker('scope-and-policy', id, undefined, `no ${what} record`, `add a \`${kind}\` record and have top management approve it`)];
  if (records.some((r) => isApproved(ctx, r))) return [];
  return records.map((r) => blocker('scope-and-policy', id, r, `${label(r)} is not approved as of ${ctx.asOf}`, 'record `approved: { by, date }` once top management approves it'));
}

function undecidedControl(c: ControlGap): CheckedBlocker {
  const b: CheckedBlocker = { check: 'soa', undecided: true, id: c.id, message: `${c.id} ${c.title} is undecided in the Statement of Applicability`, next: 'decide it: `applicable` and `justification`' };
  const place = c.record ?? c.waitsIn;
  if (c.record) b.record = c.record.id;
  if (place) {
    b.file = place.file;
    b.line = place.line;
  }
  if (c.waitsIn) b.next = `uncomment and decide it in ${c.waitsIn.file}`;
  return b;
}

/** An exclusion the SoA cannot justify (none, one that says nothing, or one a record contradicts). */
function unjustifiedExclusion(c: ControlGap): CheckedBlocker[] {
  return c.findings.map((f) => {
    const b: CheckedBlocker = { check: 'soa', id: c.id, message: f.message, next: f.next };
    if (f.record !== undefined) b.record = f.record;
    if (f.file !== undefined) b.file = f.file;
    if (f.line !== undefined) b.line = f.line;
    return b;
  });
}

function risks(ctx: AnalysisContext): CheckedBlocker[] {
  const list = ctx.ofKind('risk');
  if (list.length === 0) return [blocker('risk', '6.1.2', undefined, 'no AI risk assessment recorded', 'assess your AI risks and record each as a `risk`')];
  const out: CheckedBlocker[] = [];
  for (const r of list) {
    const score = riskScore(ctx.config, r.likelihood, r.impact);
    if (score === undefined || !needsTreatment(ctx.config, score)) continue;
    // The same judgement as clause 6.1.3: a risk above the line, not (fully) treated and not accepted.
    for (const f of treatmentFindings(ctx, r, score)) out.push(blocker('risk', '6.1.3', r, f.message, f.next));
  }
  return out;
}

function impactAssessments(ctx: AnalysisContext): CheckedBlocker[] {
  const assessed = new Set(ctx.ofKind('assessment').filter((a) => a.date === undefined || onOrBefore(ctx, a.date)).map((a) => a.system));
  return ctx
    .ofKind('system')
    .filter((s) => s.in_scope !== false && s.lifecycle !== 'retired' && !assessed.has(s.id))
    .map((s) => blocker('impact', '6.1.4', s, `${label(s)} is in scope but has no impact assessment`, `assess its impact and record an \`assessment\` with \`system: ${s.id ?? '…'}\``));
}

/** The latest audit or review that took place (as clauses 9.2 and 9.3 count them) is within its cycle. */
function lastDone(ctx: AnalysisContext, kind: 'audit' | 'review', id: string, what: string): CheckedBlocker[] {
  const last = latest<AimsRecord & { date?: string }>(kind === 'audit' ? doneAudits(ctx) : heldReviews(ctx), (r) => r.date);
  if (!last?.date) return [blocker(kind, id, undefined, `no ${what} held as of ${ctx.asOf}`, `hold ${what === 'internal audit' ? 'an' : 'a'} ${what} and record it (\`aims new ${kind}\`)`)];
  if (withinCycle(ctx, last.date, kind)) return [];
  return [blocker(kind, id, last, `the last ${what}, ${label(last)} on ${last.date}, is older than its ${ctx.config.reviewCycles[kind]} cycle`, `hold the next ${what} and record it`)];
}

/** Open nonconformities of a blocking grade (`nonconformity.blocking`, default major) with a corrective action past due. */
function blockingNonconformities(ctx: AnalysisContext): CheckedBlocker[] {
  const out: CheckedBlocker[] = [];
  const blocking = ctx.config.nonconformity.blocking;
  for (const nc of ctx.ofKind('nonconformity')) {
    if (nc.severity === undefined || !blocking.includes(nc.severity) || nc.status === 'closed') continue;
    const overdue = (nc.corrective_actions ?? []).filter((a) => a.status !== 'done' && a.due !== undefined && a.due < ctx.asOf);
    const first = overdue[0];
    if (first) out.push(blocker('nonconformity', '10.2', nc, `${label(nc)} is a ${nc.severity} nonconformity, still open, with corrective action "${first.action ?? '?'}" past its due date ${first.due ?? ''}`, 'complete the corrective action and verify it worked, or agree a new due date'));
  }
  return out;
}

function validation(ctx: AnalysisContext): CheckedBlocker[] {
  const errors = ctx.diagnostics.filter((d) => d.severity === 'error');
  const first = errors[0];
  if (!first) return [];
  return [
    {
      check: 'validation',
      id: 'validation',
      message: `the records have ${errors.length} validation error${errors.length === 1 ? '' : 's'} (first: ${first.message})`,
      file: first.location.file,
      line: first.location.position.line,
      next: 'run `aims validate` and fix them',
    },
  ];
}
