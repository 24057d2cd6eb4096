import type { Finding } from '../../model/gap.js';
import { REVIEW_TOPICS, type RecordOfKind } from '../../model/record.js';
import { listWords } from '../../model/suggest.js';
import { type AnalysisContext, finding, label, latest, namesRole, onOrBefore, staleFinding, withinCycle } from '../context.js';
import { absent, type ClauseOutcome, type ClauseRule } from './clause-rule.js';

const noReview = absent('no management review has taken place', 'hold a management review and record it as a `review`');

/** Reviews that have taken place: not `status: planned`, not an `exercise`, and dated on or before the as-of date. */
export function heldReviews(ctx: AnalysisContext): RecordOfKind<'review'>[] {
  return ctx.ofKind('review').filter((r) => r.status !== 'planned' && r.exercise !== true && onOrBefore(ctx, r.date));
}

/** The latest review held judged by `judge`, or the "no review" outcome; `reads` are the review fields the clause looks at. */
function withLatest(ctx: AnalysisContext, reads: readonly string[], judge: (last: RecordOfKind<'review'>, held: RecordOfKind<'review'>[]) => Finding[]): ClauseOutcome {
  const reviews = ctx.ofKind('review');
  const held = heldReviews(ctx);
  const last = latest(held, (r) => r.date);
  return { evidence: reviews, findings: last ? judge(last, held) : [noReview], reads: ['date', ...reads] };
}

/** 9.3.1: top management reviewed the AIMS within the review cycle. */
export const managementReview: ClauseRule = (ctx) =>
  withLatest(ctx, ['attendees'], (last) => {
    const findings: Finding[] = [];
    const stale = staleFinding(ctx, last, last.date, 'review', 'latest management review', 'hold the next management review and record it');
    if (stale) findings.push(stale);
    const top = ctx.ofKind('role').filter((r) => r.top_management === true);
    const attended = (last.attendees ?? []).some((a) => top.some((r) => namesRole(a, r)));
    if (!attended) {
      const why = top.length === 0 ? 'no role is marked `top_management: true`' : `none of its attendees holds a top management role (${listWords(top.map((r) => r.id ?? '?'))})`;
      findings.push(finding(last, `${label(last)}: top management is not shown to take part: ${why}`, 'mark the top management roles with `top_management: true` and list who attended by name or role'));
    }
    return findings;
  });

/** 9.3.2: over the review cycle, the reviews considered every topic the clause lists. */
export const reviewInputs: ClauseRule = (ctx) =>
  withLatest(ctx, ['inputs'], (last, held) => {
    const inCycle = held.filter((r) => withinCycle(ctx, r.date, 'review'));
    // A topic counts only with a summary of what was considered (scaffold text is no summary).
    const covered = new Set(inCycle.flatMap((r) => (r.inputs ?? []).map((i) => (typeof i === 'string' || ctx.empty(i.summary) ? undefined : i.topic))));
    const missing = REVIEW_TOPICS.filter((t) => !covered.has(t));
    if (missing.length === 0) return [];
    return [
      finding(
        last,
        `no management review within the ${ctx.config.reviewCycles.review} review cycle considered ${listWords(missing, 'or')}`,
        'consider them at the next review and record each input as `{ topic, summary }`',
      ),
    ];
  });

/** An action handed to a nonconformity is done when that nonconformity is closed. */
function closedBy(ctx: AnalysisContext, id: string | undefined): boolean {
  const nc = id === undefined ? undefined : ctx.byId.get(id);
  return nc?.kind === 'nonconformity' && nc.status === 'closed';
}

/** 9.3.3: the latest review decided something that says something, and its actions are not overdue. */
export const reviewResults: ClauseRule = (ctx) =>
  withLatest(ctx, ['decisions', 'actions'], (last, held) => {
    const findings: Finding[] = [];
    const decisions = last.decisions ?? [];
    if (!decisions.some((d) => !ctx.trivial(d))) {
      const said = decisions.length > 0 ? ` (${decisions.map((d) => `"${d}"`).join(', ')} say${decisions.length === 1 ? 's' : ''} nothing)` : '';
      findings.push(finding(last, `${label(last)} records no decisions${said}`, 'record what was decided in `decisions`, a sentence each'));
    }
    for (const r of held) {
      for (const action of r.actions ?? []) {
        if (action.status !== 'done' && action.due !== undefined && action.due < ctx.asOf && !closedBy(ctx, action.nonconformity)) {
          const handler = action.nonconformity === undefined ? undefined : ctx.byId.get(action.nonconformity);
          findings.push(
            handler?.kind === 'nonconformity'
              ? finding(r, `${label(r)} action "${action.action ?? '?'}" was due ${action.due}; ${label(handler)}, which handles it, is not closed`, `close ${handler.id ?? 'it'} once its corrective actions are done and verified, or re-plan the action with a new due date`)
              : finding(r, `${label(r)} action "${action.action ?? '?'}" was due ${action.due} and is not done`, 'complete it and set `status: done`, or re-plan it with a new due date'),
          );
        }
      }
    }
    return findings;
  });
