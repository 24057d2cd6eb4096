import type { Finding } from '../../model/gap.js';
import { finding, label, nonEmpty } from '../context.js';
import { absent, type ClauseRule } from './clause-rule.js';

/** 6.2: AI objectives with a metric, a target, a due date and an owner. */
export const objectives: ClauseRule = (ctx) => {
  const list = ctx.ofKind('objective');
  if (list.length === 0) return { evidence: [], findings: [absent('no AI objectives', 'add `objective` records with metric, target, due date and owner')] };
  const findings: Finding[] = [];
  for (const o of list) {
    const missing = (['metric', 'target', 'due', 'owner'] as const).filter((f) => o[f] === undefined || o[f] === '');
    if (missing.length > 0) findings.push(finding(o, `${label(o)} has no ${missing.join(', ')}`, `add ${missing.map((m) => `\`${m}\``).join(', ')}`));
  }
  return { evidence: list, findings };
};

/** 9.1: objectives are measured. */
export const measurement: ClauseRule = (ctx) => {
  const list = ctx.ofKind('objective');
  if (list.length === 0) return { evidence: [], findings: [absent('no AI objectives to measure', 'add `objective` records and record measurements')] };
  const findings: Finding[] = [];
  for (const o of list) {
    if (!nonEmpty(o.measurements)) findings.push(finding(o, `${label(o)} has no measurements recorded`, 'add `measurements: [{ date, value }]`'));
  }
  return { evidence: list, findings };
};
