import type { Finding } from '../../model/gap.js';
import type { RecordOfKind } from '../../model/record.js';
import { type AnalysisContext, finding, label, mentions, onOrBefore, withinCycle } from '../context.js';
import { absent, type ClauseRule } from './clause-rule.js';

/** A review action or a nonconformity that names the objective: what was done about it. */
function actionOn(ctx: AnalysisContext, id: string): boolean {
  return (
    ctx.ofKind('review').some((r) => (r.actions ?? []).some((a) => mentions(a.action, id))) ||
    ctx.ofKind('nonconformity').some((n) => [n.title, n.description, n.source, n.ref].some((t) => mentions(t, id)))
  );
}

/** 6.2: AI objectives with a metric, a target, a due date and an owner; one missed or overdue has an action. */
export const objectives: ClauseRule = (ctx) => {
  const list = ctx.ofKind('objective');
  if (list.length === 0) return { evidence: [], findings: [absent('no AI objectives', 'add `objective` records with metric, target, due date and owner')] };
  const findings: Finding[] = [];
  for (const o of list) {
    const missing = (['metric', 'target', 'due', 'owner'] as const).filter((f) => o[f] === undefined || o[f] === '');
    if (missing.length > 0) findings.push(finding(o, `${label(o)} has no ${missing.join(', ')}`, `add ${missing.map((m) => `\`${m}\``).join(', ')}`));
    const overdue = o.due !== undefined && o.due < ctx.asOf && o.status !== 'achieved';
    if ((o.status === 'missed' || overdue) && o.id !== undefined && !actionOn(ctx, o.id)) {
      const why = o.status === 'missed' ? 'was missed' : `was due ${o.due ?? '?'} and is not achieved`;
      findings.push(finding(o, `${label(o)} ${why}, and no action on it is recorded`, `record what is done about it: a management review action or a nonconformity that names ${o.id}`));
    }
  }
  return { evidence: list, findings };
};

/** The newest measurement on or before the as-of date. */
function newestMeasurement(o: RecordOfKind<'objective'>, ctx: AnalysisContext): string | undefined {
  const dates = (o.measurements ?? []).map((m) => m.date).filter((d): d is string => onOrBefore(ctx, d));
  return dates.length === 0 ? undefined : dates.reduce((a, b) => (b > a ? b : a));
}

/** 9.1: objectives are measured within their period (`review_cycles.objective`). */
export const measurement: ClauseRule = (ctx) => {
  const list = ctx.ofKind('objective');
  if (list.length === 0) return { evidence: [], findings: [absent('no AI objectives to measure', 'add `objective` records and record measurements')] };
  const findings: Finding[] = [];
  const cycle = ctx.config.reviewCycles.objective;
  for (const o of list) {
    const newest = newestMeasurement(o, ctx);
    if (newest === undefined) findings.push(finding(o, `${label(o)} has no measurements recorded`, 'add `measurements: [{ date, value }]`'));
    else if (!withinCycle(ctx, newest, 'objective')) {
      findings.push(finding(o, `${label(o)}: its newest measurement (${newest}) is older than the ${cycle} objective cycle`, 'measure it again and add the result to `measurements`'));
    }
  }
  return { evidence: list, findings };
};
