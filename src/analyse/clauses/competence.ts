import type { Finding } from '../../model/gap.js';
import { finding, label } from '../context.js';
import { absent, type ClauseRule } from './clause-rule.js';

/** 7.2: the competence each role needs is recorded. */
export const competence: ClauseRule = (ctx) => {
  const records = ctx.ofKind('competence');
  const roles = ctx.ofKind('role');
  if (records.length === 0) return { evidence: [], findings: [absent('no competence records', 'add a `competence` record for each role')] };
  const covered = new Set(records.map((c) => c.role));
  const findings: Finding[] = roles
    .filter((r) => r.id !== undefined && !covered.has(r.id))
    .map((r) => finding(r, `${label(r)} has no competence record`, `add a \`competence\` record with \`role: ${r.id ?? ''}\``));
  return { evidence: records, findings };
};
