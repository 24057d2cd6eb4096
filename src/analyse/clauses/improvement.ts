import type { Finding } from '../../model/gap.js';
import { finding, label, nonEmpty } from '../context.js';
import type { ClauseRule } from './clause-rule.js';

/** 10.2: nonconformities get a root cause and corrective action, on time, with a check that it worked. */
export const nonconformities: ClauseRule = (ctx) => {
  const list = ctx.ofKind('nonconformity');
  const findings: Finding[] = [];
  for (const nc of list) {
    const closed = nc.status === 'closed';
    const hasActions = nonEmpty(nc.corrective_actions);
    if (!(closed && nc.correction) && (!nc.root_cause || !hasActions)) {
      const missing = [!nc.root_cause ? 'no root cause' : '', !hasActions ? 'no corrective action' : ''].filter(Boolean).join(' and ');
      findings.push(finding(nc, `${label(nc)} has ${missing}`, 'record `root_cause` and `corrective_actions`, or close it with a `correction`'));
    }
    for (const action of nc.corrective_actions ?? []) {
      if (action.status !== 'done' && action.due !== undefined && action.due < ctx.asOf) {
        findings.push(finding(nc, `${label(nc)} corrective action "${action.action ?? '?'}" was due ${action.due} and is still open`, 'complete it (`status: done`, `done: DATE`) or agree a new due date'));
      }
    }
    if (closed && !nc.effectiveness?.verified) {
      findings.push(finding(nc, `${label(nc)} is closed without an effectiveness check`, 'record `effectiveness: { verified, by, effective }`'));
    }
  }
  // No nonconformity at all is not a gap: the process exists once one is handled. The evidence is the log itself.
  return { evidence: list, findings };
};
