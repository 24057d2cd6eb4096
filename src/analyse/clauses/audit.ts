import type { Finding } from '../../model/gap.js';
import { finding, label, latest, staleFinding } from '../context.js';
import { absent, type ClauseRule } from './clause-rule.js';

/** 9.2.1: an internal audit within the audit cycle, by an independent auditor. */
export const internalAudit: ClauseRule = (ctx) => {
  const audits = ctx.ofKind('audit');
  const last = latest(audits, (a) => a.date);
  if (!last) return { evidence: audits, findings: [absent('no internal audit recorded', 'plan and record an internal `audit`')] };
  const findings: Finding[] = [];
  const stale = staleFinding(ctx, last, last.date, 'audit', 'latest audit', 'carry out the next internal audit and record it');
  if (stale) findings.push(stale);
  if (last.independent !== true) {
    findings.push(finding(last, `${label(last)} was not carried out by an independent auditor`, 'have the next audit done by someone who does not audit their own work'));
  }
  return { evidence: audits, findings };
};

/** 9.2.2: the audit programme follows through: major and minor findings lead to a nonconformity. */
export const auditProgramme: ClauseRule = (ctx) => {
  const audits = ctx.ofKind('audit');
  if (audits.length === 0) return { evidence: [], findings: [absent('no internal audit programme recorded', 'record internal audits with their scope and findings')] };
  const findings: Finding[] = [];
  for (const a of audits) {
    for (const f of a.findings ?? []) {
      if ((f.type === 'major' || f.type === 'minor') && !f.nonconformity) {
        findings.push(finding(a, `${label(a)} finding ${f.id ?? '?'} is ${f.type} but links no nonconformity`, 'raise a `nonconformity` and name it in the finding'));
      }
    }
  }
  return { evidence: audits, findings };
};
