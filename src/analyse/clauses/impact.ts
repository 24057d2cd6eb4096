import type { Finding } from '../../model/gap.js';
import type { RecordOfKind } from '../../model/record.js';
import { type AnalysisContext, finding, label, latest, nonEmpty, onOrBefore, staleFinding } from '../context.js';
import { selfApprover } from '../self-approval.js';
import { absent, type ClauseRule } from './clause-rule.js';

const PEOPLE = new Set(['individuals', 'groups']);
const SERIOUS = new Set(['high', 'critical']);

/** What the current assessment of a system lacks: both audiences, mitigations for serious impacts, a DPIA, an approval. */
function assessmentFindings(ctx: AnalysisContext, a: RecordOfKind<'assessment'>, system: RecordOfKind<'system'>): Finding[] {
  const out: Finding[] = [];
  // An impact counts only with a description ("none, because …" is one; scaffold text is not).
  const groups = new Set((a.impacts ?? []).filter((i) => !ctx.empty(i.description)).map((i) => i.group));
  const missing = [...(![...PEOPLE].some((g) => groups.has(g)) ? ['individuals or groups'] : []), ...(!groups.has('society') ? ['society'] : [])];
  if (missing.length > 0) {
    out.push(finding(a, `${label(a)} does not consider the impact on ${missing.join(' or on ')}`, `add an impact for ${missing.join(' and for ')} (or one saying why there is none)`));
  }
  const serious = (a.impacts ?? []).filter((i) => i.severity !== undefined && SERIOUS.has(i.severity));
  if (serious.length > 0 && !nonEmpty(a.mitigations)) {
    out.push(finding(a, `${label(a)} rates ${serious.length === 1 ? 'an impact' : `${serious.length} impacts`} ${serious.map((i) => i.severity).join(', ')} but records no mitigation`, 'list how the serious impacts are reduced in `mitigations`'));
  }
  if (system.personal_data === true && ctx.empty(a.dpia)) {
    const said = a.dpia ? ` ("${a.dpia}" is not one)` : '';
    out.push(finding(a, `${label(a)} covers ${label(system)}, which processes personal data, but names no DPIA${said}`, 'add `dpia:` with the data protection impact assessment (a path or its id)'));
  }
  if (!a.approved?.by || !onOrBefore(ctx, a.approved.date)) {
    const when = a.approved?.date ? ` (its approval is dated ${a.approved.date}, after ${ctx.asOf})` : '';
    out.push(finding(a, `${label(a)} is not approved${when}`, 'have it approved and record `approved: { by, date }`'));
  } else {
    const self = selfApprover(ctx, a);
    if (self !== undefined) out.push(finding(a, `${label(a)} was approved by its own owner, ${self}: nobody independent checked it`, 'have someone other than its owner (e.g. top management or the risk function) approve it'));
  }
  return out;
}

/** 6.1.4 / 8.4: every in-scope, live AI system has a current, complete, approved impact assessment. */
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
    findings.push(...assessmentFindings(ctx, current, system));
  }
  // Without a live, in-scope system, assessments (of systems not in the inventory) show nothing about the AIMS.
  if (live.length === 0) {
    findings.push(
      assessments.length === 0
        ? absent('no in-scope AI system and no impact assessment', 'record your AI systems and assess their impact')
        : absent('no live, in-scope AI system in the inventory, so no assessment shows the AIMS assessing its systems', 'record your AI systems (`system` records, in scope) and link each assessment to one with `system`'),
    );
  }
  return { evidence: assessments, findings };
};
