import { incidentsAsOf } from '../annex-records.js';
import { finding, label } from '../context.js';
import type { ClauseRule } from './clause-rule.js';

const NEEDS_NONCONFORMITY = new Set(['high', 'critical']);

/** 10.2, for incidents: a serious incident is handled as a nonconformity, and the nonconformity exists. */
export const incidentFollowUp: ClauseRule = (ctx) => {
  const incidents = incidentsAsOf(ctx);
  const findings = incidents
    .filter((i) => NEEDS_NONCONFORMITY.has(i.severity ?? '') && (!i.nonconformity || ctx.byId.get(i.nonconformity)?.kind !== 'nonconformity'))
    .map((i) =>
      finding(
        i,
        i.nonconformity ? `${label(i)} names \`${i.nonconformity}\`, which is not a nonconformity record` : `${label(i)} is ${i.severity ?? ''} but raised no nonconformity`,
        'raise a `nonconformity` for it (root cause, corrective action) and name it in `nonconformity`',
      ),
    );
  return { evidence: incidents, findings };
};
