import type { Finding } from '../../model/gap.js';
import { annexAControls } from '../../model/catalogue.js';
import { listWords } from '../../model/suggest.js';
import { finding, label, lastReviewed, staleFinding } from '../context.js';
import { needsTreatment, riskScore } from '../risk-score.js';
import { absent, type ClauseRule } from './clause-rule.js';

/** 6.1.2 / 8.2: risks are assessed on the configured scale and reviewed within their cycle. */
export const riskAssessment: ClauseRule = (ctx) => {
  const risks = ctx.ofKind('risk');
  if (risks.length === 0) {
    return { evidence: [], findings: [absent('no risk records', 'assess AI risks and record each as a `risk` with likelihood and impact')] };
  }
  const findings: Finding[] = [];
  for (const r of risks) {
    if (riskScore(ctx.config, r.likelihood, r.impact) === undefined) {
      findings.push(finding(r, `${label(r)} has no likelihood and impact on the configured scale`, 'set `likelihood` and `impact` to levels of the scales in aims.yaml'));
    }
    if (r.status === 'closed') continue;
    const stale = staleFinding(ctx, r, lastReviewed(ctx, r)?.date, 'risk', 'last review');
    if (stale) findings.push(stale);
  }
  return { evidence: risks, findings };
};

const CONTROL_OPTIONS = new Set(['mitigate', 'avoid', 'transfer']);

/** 6.1.3 / 8.3: risks above the acceptance line are treated, with applicable controls, and the SoA is complete. */
export const riskTreatment: ClauseRule = (ctx) => {
  const risks = ctx.ofKind('risk');
  const controls = ctx.ofKind('control');
  const findings: Finding[] = [];
  if (risks.length === 0) findings.push(absent('no risk records, so no risk treatment', 'record risks and their treatment'));
  for (const r of risks) {
    const score = riskScore(ctx.config, r.likelihood, r.impact);
    if (r.status === 'closed' || !needsTreatment(ctx.config, score)) continue;
    const t = r.treatment;
    const above = `${label(r)} scores ${score}, above the acceptance level ${ctx.config.risk.acceptance},`;
    if (!t?.option) {
      findings.push(finding(r, `${above} but has no treatment`, 'add `treatment: { option, controls }` or accept it with `accepted_by`'));
    } else if (CONTROL_OPTIONS.has(t.option) && (t.controls ?? []).length === 0) {
      findings.push(finding(r, `${above} treated by "${t.option}" but names no control`, 'list the controls that treat it in `treatment.controls`'));
    } else if (t.option === 'accept' && !r.accepted_by) {
      findings.push(finding(r, `${above} accepted, but nobody is recorded as accepting it`, 'add `accepted_by` with the name of the risk owner who accepted it'));
    }
  }
  for (const r of risks) {
    for (const id of r.treatment?.controls ?? []) {
      const control = ctx.byId.get(id);
      if (!control || control.kind !== 'control') {
        findings.push(finding(r, `${label(r)} is treated by \`${id}\`, which has no control record`, `add a control record \`${id}\` to the SoA`));
      } else if (control.applicable !== true) {
        findings.push(finding(r, `${label(r)} is treated by \`${id}\`, which the SoA does not mark applicable`, `mark \`${id}\` applicable, or choose another control`));
      }
    }
  }
  const undecided = annexAControls(ctx.catalogue)
    .map((c) => c.id)
    .filter((id) => {
      const record = ctx.byId.get(id);
      return !record || record.kind !== 'control' || record.applicable === undefined || !record.justification;
    });
  if (undecided.length > 0) {
    findings.push(
      absent(
        `the Statement of Applicability is incomplete: ${undecided.length} Annex A control${undecided.length === 1 ? ' has' : 's have'} no decision with a justification (${listWords(undecided, 'and')})`,
        'add a `control` record for each, with `applicable` and `justification`',
      ),
    );
  }
  return { evidence: [...risks, ...controls], findings };
};
