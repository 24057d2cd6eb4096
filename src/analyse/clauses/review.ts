import type { Finding } from '../../model/gap.js';
import { finding, label, latest, nonEmpty, staleFinding } from '../context.js';
import { absent, type ClauseRule } from './clause-rule.js';

const noReview = absent('no management review recorded', 'hold a management review and record it as a `review`');

/** 9.3.1: a management review within the review cycle. */
export const managementReview: ClauseRule = (ctx) => {
  const reviews = ctx.ofKind('review');
  const last = latest(reviews, (r) => r.date);
  if (!last) return { evidence: reviews, findings: [noReview] };
  const stale = staleFinding(ctx, last, last.date, 'review', 'latest management review', 'hold the next management review and record it');
  return { evidence: reviews, findings: stale ? [stale] : [] };
};

/** 9.3.2: the latest review considered inputs. */
export const reviewInputs: ClauseRule = (ctx) => {
  const reviews = ctx.ofKind('review');
  const last = latest(reviews, (r) => r.date);
  if (!last) return { evidence: reviews, findings: [noReview] };
  return { evidence: reviews, findings: nonEmpty(last.inputs) ? [] : [finding(last, `${label(last)} records no inputs`, 'list what the review considered in `inputs`')] };
};

/** 9.3.3: the review decided things, and its actions are not overdue. */
export const reviewResults: ClauseRule = (ctx) => {
  const reviews = ctx.ofKind('review');
  const last = latest(reviews, (r) => r.date);
  if (!last) return { evidence: reviews, findings: [noReview] };
  const findings: Finding[] = [];
  if (!nonEmpty(last.decisions)) findings.push(finding(last, `${label(last)} records no decisions`, 'record the decisions in `decisions`'));
  for (const r of reviews) {
    for (const action of r.actions ?? []) {
      if (action.status !== 'done' && action.due !== undefined && action.due < ctx.asOf) {
        findings.push(finding(r, `${label(r)} action "${action.action ?? '?'}" was due ${action.due} and is not done`, 'complete it and set `status: done`, or re-plan it with a new due date'));
      }
    }
  }
  return { evidence: reviews, findings };
};
