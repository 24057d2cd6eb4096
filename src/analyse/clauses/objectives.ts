import type { Finding } from '../../model/gap.js';
import type { RecordOfKind } from '../../model/record.js';
import { type AnalysisContext, finding, label, mentions, nonEmpty, onOrBefore } from '../context.js';
import { addDuration, parseDuration } from '../dates.js';
import { judgeTarget } from '../objective-targets.js';
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
    const dated = nonEmpty(o.targets);
    const fields = dated ? (['metric', 'owner'] as const) : (['metric', 'target', 'due', 'owner'] as const);
    const missing = fields.filter((f) => o[f] === undefined || o[f] === '');
    if (missing.length > 0) findings.push(finding(o, `${label(o)} has no ${missing.join(', ')}`, `add ${missing.map((m) => `\`${m}\``).join(', ')}`));
    if (dated) {
      findings.push(...targetFindings(ctx, o));
      continue;
    }
    const overdue = o.due !== undefined && o.due < ctx.asOf && o.status !== 'achieved';
    if ((o.status === 'missed' || overdue) && o.id !== undefined && !actionOn(ctx, o.id)) {
      const why = o.status === 'missed' ? 'was missed' : `was due ${o.due ?? '?'} and is not achieved`;
      findings.push(finding(o, `${label(o)} ${why}, and no action on it is recorded`, `record what is done about it: a management review action or a nonconformity that names ${o.id}`));
    }
  }
  return { evidence: list, findings };
};

/**
 * Dated targets whose date has passed as of ctx.asOf without a measurement (on or before that
 * date) reaching them, and with no action recorded on the objective; `status` is not trusted.
 */
function targetFindings(ctx: AnalysisContext, o: RecordOfKind<'objective'>): Finding[] {
  const out: Finding[] = [];
  for (const t of o.targets ?? []) {
    const verdict = judgeTarget(o, t, ctx.asOf);
    const name = `${label(o)}: the target ${String(t.value ?? '?')} by ${t.date ?? '?'}`;
    if (verdict.state === 'unknown') {
      out.push(finding(o, `${name} cannot be judged: nothing says whether higher or lower is better`, 'add `direction: increase` or `direction: decrease`, or a `baseline`'));
    } else if (verdict.state === 'missed' && (o.id === undefined || !actionOn(ctx, o.id))) {
      const seen = verdict.latest ? `the latest measurement by then was ${String(verdict.latest.value ?? '?')} on ${verdict.latest.date}` : 'no measurement was taken by then';
      out.push(finding(o, `${name} was not met (${seen}), and no action on it is recorded`, `record what is done about it: a management review action or a nonconformity that names ${o.id ?? 'the objective'}`));
    }
  }
  return out;
}

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
  for (const o of list) {
    const newest = newestMeasurement(o, ctx);
    // Its own measurement frequency, where it has one, else the objective review cycle.
    const period = o.frequency ?? ctx.config.reviewCycles.objective;
    const duration = parseDuration(period);
    if (newest === undefined) findings.push(finding(o, `${label(o)} has no measurements recorded`, 'add `measurements: [{ date, value }]`'));
    else if (duration && addDuration(newest, duration) < ctx.asOf) {
      const what = o.frequency === undefined ? `the ${period} objective cycle` : `its measurement frequency ${period}`;
      findings.push(finding(o, `${label(o)}: its newest measurement (${newest}) is older than ${what}`, 'measure it again and add the result to `measurements`'));
    }
  }
  return { evidence: list, findings };
};
