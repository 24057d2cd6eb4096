import type { Finding } from '../../model/gap.js';
import type { RecordOfKind } from '../../model/record.js';
import { finding, label, latest, staleFinding } from '../context.js';
import type { ClauseRule } from './clause-rule.js';

/** 6.1.4 / 8.4: every in-scope, live AI system has a current impact assessment (with a DPIA where personal data is processed). */
export const impactAssessment: ClauseRule = (ctx) => {
  const assessments = ctx.ofKind('assessment');
  const bySystem = new Map<string, RecordOfKind<'assessment'>[]>();
  for (const a of assessments) {
    if (a.system === undefined) continue;
    const list = bySystem.get(a.system);
    if (list) list.push(a);
    else bySystem.set(a.system, [a]);
  }
  const findings: Finding[] = [];
  const live = ctx.ofKind('system').filter((s) => s.in_scope !== false && s.lifecycle !== 'retired');
  for (const system of live) {
    const current = latest(bySystem.get(system.id ?? '') ?? [], (a) => a.date);
    if (!current) {
      findings.push(finding(system, `${label(system)} has no impact assessment`, `add an \`assessment\` record with \`system: ${system.id ?? '…'}\``));
      continue;
    }
    const stale = staleFinding(ctx, current, current.date, 'assessment', 'assessment date', 'reassess the system and record a new assessment (or update its `date`)');
    if (stale) findings.push({ ...stale, message: `${stale.message}, for ${label(system)}` });
    if (system.personal_data === true && !current.dpia) {
      findings.push(finding(current, `${label(current)} covers ${label(system)}, which processes personal data, but names no DPIA`, 'add `dpia:` with the data protection impact assessment (a path or its id)'));
    }
  }
  if (live.length === 0 && assessments.length === 0) {
    findings.push({ message: 'no in-scope AI system and no impact assessment', next: 'record your AI systems and assess their impact' });
  }
  return { evidence: assessments, findings };
};
