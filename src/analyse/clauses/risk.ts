import type { Finding } from '../../model/gap.js';
import { annexAControls } from '../../model/catalogue.js';
import type { RecordOfKind } from '../../model/record.js';
import { listWords } from '../../model/suggest.js';
import { type AnalysisContext, finding, hasExistingEvidence, label, lastReviewed, staleFinding } from '../context.js';
import { needsTreatment, riskScore } from '../risk-score.js';
import { absent, type ClauseOutcome, type ClauseRule } from './clause-rule.js';
import { citing } from './generic.js';

/** The organisation's own risk criteria: a `risk` block in aims.yaml, or a cited method; and an acceptance line inside the matrix. */
function criteriaFindings(ctx: AnalysisContext): Finding[] {
  const { risk } = ctx.config;
  const out: Finding[] = [];
  const method = citing(ctx, '6.1.2').some((r) => hasExistingEvidence(ctx, r));
  if (!risk.source && !method) {
    out.push(
      absent(
        "the risk criteria are aims's defaults (5 × 5 scales, acceptance 6), not the organisation's own",
        'set `risk` (likelihood, impact, acceptance) in aims.yaml, or cite your risk method in a record with `clauses: ["6.1.2"]` and `evidence`',
      ),
    );
  }
  const highest = risk.likelihood.length * risk.impact.length;
  if (risk.acceptance <= 1 || risk.acceptance >= highest) {
    const f: Finding = {
      message: `risk acceptance ${risk.acceptance} is not inside the ${risk.likelihood.length} × ${risk.impact.length} matrix (scores 1 to ${highest}): it ${risk.acceptance >= highest ? 'accepts every risk' : 'accepts no risk at all'}`,
      next: `set \`risk.acceptance\` in aims.yaml between 2 and ${highest - 1}`,
    };
    if (risk.source) Object.assign(f, { file: risk.source.file, line: risk.source.line });
    out.push(f);
  }
  return out;
}

/** 6.1.2 / 8.2: the organisation's criteria; risks owned, rated on the scale and reviewed within their cycle. */
export const riskAssessment: ClauseRule = (ctx) => {
  const risks = ctx.ofKind('risk');
  const findings: Finding[] = criteriaFindings(ctx);
  if (risks.length === 0) {
    return { evidence: [], findings: [absent('no risk records', 'assess AI risks and record each as a `risk` with likelihood and impact'), ...findings] };
  }
  for (const r of risks) {
    if (riskScore(ctx.config, r.likelihood, r.impact) === undefined) {
      findings.push(finding(r, `${label(r)} has no likelihood and impact on the configured scale`, 'set `likelihood` and `impact` to levels of the scales in aims.yaml'));
    }
    if (ctx.empty(r.owner)) findings.push(finding(r, `${label(r)} has no owner`, 'name the risk owner (a role id or a person) in `owner`'));
    if (r.status === 'closed') continue;
    const stale = staleFinding(ctx, r, lastReviewed(ctx, r)?.date, 'risk', 'last review');
    if (stale) findings.push(stale);
  }
  return { evidence: risks, findings };
};

const CONTROL_OPTIONS = new Set(['mitigate', 'transfer']);
/** Longer lists are left to the Annex A controls, which name each control once. */
const LIST_UP_TO = 5;

/** What is wrong with how one risk above the acceptance line is treated (6.1.3). */
/** Why a risk above the acceptance level is neither treated nor accepted (none when it is). The blockers use it too. */
export function treatmentFindings(ctx: AnalysisContext, r: RecordOfKind<'risk'>, score: number): Finding[] {
  const acceptance = ctx.config.risk.acceptance;
  const t = r.treatment;
  const above = `${label(r)} scores ${score}, above the acceptance level ${acceptance},`;
  // Closing a risk does not make it go away: an untreated, unaccepted score above the line stays a finding.
  const closed = r.status === 'closed' ? ' and is closed' : '';
  if (!t?.option) {
    return !ctx.empty(r.accepted_by) ? [] : [finding(r, `${above} but has no treatment${closed}`, 'add `treatment: { option, controls }` or accept it with `accepted_by`')];
  }
  if (CONTROL_OPTIONS.has(t.option) && (t.controls ?? []).length === 0) {
    return [finding(r, `${above} treated by "${t.option}" but names no control${closed}`, 'list the controls that treat it in `treatment.controls`')];
  }
  if (t.option === 'avoid' && ctx.trivial(t.plan)) {
    return [finding(r, `${above} to be avoided, but no plan says how${closed}`, 'describe how the activity causing the risk is stopped or changed in `treatment.plan`')];
  }
  if (t.option === 'accept') {
    return !ctx.empty(r.accepted_by) ? [] : [finding(r, `${above} accepted, but nobody is recorded as accepting it`, 'add `accepted_by` with the name of the risk owner who accepted it')];
  }
  // Treated: what is left must be scored, and accepted when it is still above the line.
  if (!r.residual) return [finding(r, `${above} treated, but the risk left after treatment is not scored`, 'add `residual: { likelihood, impact }`')];
  const residual = riskScore(ctx.config, r.residual.likelihood, r.residual.impact);
  if (residual === undefined) return [finding(r, `${label(r)}: its residual risk is not on the configured scale`, 'set `residual.likelihood` and `residual.impact` to levels of the scales in aims.yaml')];
  if (needsTreatment(ctx.config, residual) && ctx.empty(r.accepted_by)) {
    return [finding(r, `${label(r)}: residual risk ${residual} is still above the acceptance level ${acceptance}, and nobody accepted it`, 'treat it further, or record who accepted the residual risk in `accepted_by`')];
  }
  return [];
}

/** The control records of the SoA a risk's treatment names, or a finding when one is missing or excluded (6.1.3). */
function treatmentControlFindings(ctx: AnalysisContext, r: RecordOfKind<'risk'>): Finding[] {
  const out: Finding[] = [];
  for (const id of r.treatment?.controls ?? []) {
    const control = ctx.byId.get(id);
    if (!control || control.kind !== 'control') {
      out.push(finding(r, `${label(r)} is treated by \`${id}\`, which has no control record`, `add a control record \`${id}\` to the SoA`));
    } else if (control.applicable !== true) {
      out.push(finding(r, `${label(r)} is treated by \`${id}\`, which the SoA does not mark applicable`, `mark \`${id}\` applicable, or choose another control`));
    }
  }
  return out;
}

/** Controls the SoA excludes while their own `risks` or `annex_a` still rely on them (6.1.3). */
function excludedButReliedOn(ctx: AnalysisContext): Finding[] {
  const out: Finding[] = [];
  for (const c of ctx.ofKind('control')) {
    if (c.applicable === false && (c.risks ?? []).length > 0) {
      out.push(finding(c, `${label(c)} is excluded from the SoA, yet it says it treats ${listWords(c.risks ?? [], 'and')}`, 'mark it applicable, or remove the risks it no longer treats'));
    }
    for (const id of c.annex_a ?? []) {
      const target = ctx.byId.get(id);
      if (c.applicable !== false && target?.kind === 'control' && target.applicable === false) {
        out.push(finding(c, `${label(c)} serves ${id} (\`annex_a\`), which the SoA excludes`, `mark ${id} applicable, or remove it from \`annex_a\``));
      }
    }
  }
  return out;
}

/** 6.1.3: risks above the acceptance line are treated, with applicable controls, and the SoA is complete. */
export const riskTreatment: ClauseRule = (ctx) => {
  const risks = ctx.ofKind('risk');
  const controls = ctx.ofKind('control');
  const findings: Finding[] = [];
  if (risks.length === 0) findings.push(absent('no risk records, so no risk treatment', 'record risks and their treatment'));
  for (const r of risks) {
    const score = riskScore(ctx.config, r.likelihood, r.impact);
    if (score !== undefined && needsTreatment(ctx.config, score)) findings.push(...treatmentFindings(ctx, r, score));
  }
  for (const r of risks) findings.push(...treatmentControlFindings(ctx, r));
  findings.push(...excludedButReliedOn(ctx));
  const undecided = annexAControls(ctx.catalogue)
    .map((c) => c.id)
    .filter((id) => {
      const record = ctx.byId.get(id);
      return !record || record.kind !== 'control' || record.applicable === undefined || (record.applicable ? !record.justification : ctx.trivial(record.justification));
    });
  if (undecided.length > 0) {
    findings.push(
      absent(
        `the Statement of Applicability is incomplete: ${undecided.length} Annex A control${undecided.length === 1 ? ' has' : 's have'} no decision with a justification (${undecided.length <= LIST_UP_TO ? listWords(undecided, 'and') : 'listed under the Annex A controls'})`,
        'add a `control` record for each, with `applicable` and a justification of a sentence or more',
      ),
    );
  }
  // Without risks there is no risk treatment to show, however many control records exist.
  return { evidence: risks.length === 0 ? [] : [...risks, ...controls], findings };
};

/** 8.3: the treatment in operation: 6.1.3, plus every control a treatment names is implemented once the treatment is due. */
export const riskTreatmentInOperation: ClauseRule = (ctx) => {
  const planned: ClauseOutcome = riskTreatment(ctx);
  const findings = [...planned.findings];
  for (const r of ctx.ofKind('risk')) {
    const due = r.treatment?.due;
    if (due !== undefined && due >= ctx.asOf) continue;
    const pending = (r.treatment?.controls ?? []).filter((id) => {
      const c = ctx.byId.get(id);
      return c?.kind === 'control' && c.applicable === true && c.status !== 'implemented';
    });
    if (pending.length === 0) continue;
    const when = due === undefined ? 'has no due date' : `was due ${due}`;
    findings.push(finding(r, `${label(r)}: its treatment ${when}, but ${listWords(pending, 'and')} ${pending.length === 1 ? 'is' : 'are'} not implemented`, 'implement the controls (`status: implemented` with evidence), or re-plan `treatment.due`'));
  }
  return { evidence: planned.evidence, findings };
};
