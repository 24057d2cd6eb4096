import type { Catalogue } from '../../model/catalogue.js';
import { annexAControls } from '../../model/catalogue.js';
import type { Finding } from '../../model/gap.js';
import type { AimsRecord, RecordOfKind } from '../../model/record.js';
import { listWords } from '../../model/suggest.js';
import { type AnalysisContext, finding, hasExistingEvidence, label, latest, mentions, onOrBefore, sameName, staleFinding, withinCycle } from '../context.js';
import { absent, type ClauseRule } from './clause-rule.js';

/** Audits that have taken place: not `status: planned`, not an `exercise`, and dated on or before the as-of date. */
export function doneAudits(ctx: AnalysisContext): RecordOfKind<'audit'>[] {
  return ctx.ofKind('audit').filter((a) => a.status !== 'planned' && a.exercise !== true && onOrBefore(ctx, a.date));
}

/** The entry and every entry above it ("A.6.2.4" → A.6.2.4, A.6.2, A.6). */
function lineage(catalogue: Catalogue, id: string): string[] {
  const out: string[] = [];
  for (let e = catalogue.byId.get(id); e; e = e.parent === null ? undefined : catalogue.byId.get(e.parent)) out.push(e.id);
  return out.length > 0 ? out : [id];
}

/** Whether an audit scope (clause or control ids, headings included) covers a catalogue entry. */
function covers(catalogue: Catalogue, scope: ReadonlySet<string>, id: string): boolean {
  return lineage(catalogue, id).some((e) => scope.has(e));
}

/**
 * Records an audit with this scope looks at: records of the kinds that evidence a covered
 * clause, control records of covered controls (and organisation controls serving them),
 * and records that cite a covered entry in `clauses`.
 */
function auditedRecords(ctx: AnalysisContext, scope: ReadonlySet<string>): AimsRecord[] {
  const entries = ctx.catalogue.entries.filter((e) => covers(ctx.catalogue, scope, e.id));
  const kinds = new Set(entries.filter((e) => e.kind === 'clause').flatMap((e) => e.evidencedBy));
  const ids = new Set(entries.map((e) => e.id));
  return ctx.records.filter(
    (r) =>
      (kinds.has(r.kind) && r.kind !== 'control') ||
      (r.kind === 'control' && r.id !== undefined && (ids.has(r.id) || (r.annex_a ?? []).some((a) => ids.has(a)))) ||
      (r.clauses ?? []).some((c) => ids.has(c)),
  );
}

/** An auditor who holds a role auditing what that role (or they themselves) own is not independent, whatever the record says. */
function ownWork(ctx: AnalysisContext, audit: RecordOfKind<'audit'>): AimsRecord | undefined {
  if (audit.auditor === undefined) return undefined;
  const auditor = audit.auditor;
  const roles = ctx.ofKind('role').filter((role) => role.holder !== undefined && role.holder.trim() !== '' && mentions(auditor, role.holder.trim()));
  const owns = (owner: string): boolean => mentions(auditor, owner.trim()) || roles.some((role) => sameName(owner, role.id));
  // The audit's own record is not work it audits; a document its auditor prepared is.
  const author = (r: AimsRecord): string | undefined => (r.kind === 'document' ? r.prepared_by : undefined);
  return auditedRecords(ctx, new Set(audit.scope ?? [])).find((r) => r !== audit && [r.owner, author(r)].some((name) => name !== undefined && owns(name)));
}

/** 9.2.1: an internal audit done within the audit cycle, by an auditor independent of what they audit, with its report. */
export const internalAudit: ClauseRule = (ctx) => {
  const audits = doneAudits(ctx);
  const last = latest(audits, (a) => a.date);
  if (!last) return { evidence: audits, findings: [absent('no internal audit has taken place', 'carry out an internal audit and record it as an `audit`')] };
  const findings: Finding[] = [];
  const stale = staleFinding(ctx, last, last.date, 'audit', 'latest audit', 'carry out the next internal audit and record it');
  if (stale) findings.push(stale);
  for (const a of audits.filter((x) => x === last || withinCycle(ctx, x.date, 'audit'))) {
    if (a.independent !== true) {
      findings.push(finding(a, `${label(a)} was not carried out by an independent auditor`, 'have the next audit done by someone who does not audit their own work'));
    } else {
      const own = ownWork(ctx, a);
      if (own) findings.push(finding(a, `${label(a)} says it is independent, but ${a.auditor ?? '?'} owns or wrote ${label(own)}, which the audit covers`, 'have someone who owns none of it audit that area'));
    }
    if (!hasExistingEvidence(ctx, a)) findings.push(finding(a, `${label(a)} cites no audit report that exists`, 'add the audit report to `evidence` (a file in the repository or an https URL)'));
  }
  return { evidence: audits, findings };
};

/**
 * 9.2.2: the audit programme: over the audit cycle, done audits together cover clauses 4–10
 * and every applicable Annex A control; major and minor findings lead to a nonconformity.
 */
export const auditProgramme: ClauseRule = (ctx) => {
  const audits = doneAudits(ctx);
  if (audits.length === 0) return { evidence: [], findings: [absent('no internal audit programme recorded', 'record internal audits with their scope and findings')] };
  const findings: Finding[] = [];
  const inCycle = audits.filter((a) => withinCycle(ctx, a.date, 'audit'));
  const scope = new Set(inCycle.flatMap((a) => a.scope ?? []));
  const parents = new Set(ctx.catalogue.entries.map((e) => e.parent));
  const clauses = ctx.catalogue.entries.filter((e) => e.kind === 'clause' && !parents.has(e.id)).map((e) => e.id);
  const applicable = annexAControls(ctx.catalogue)
    .map((e) => e.id)
    .filter((id) => {
      const r = ctx.byId.get(id);
      return r?.kind === 'control' && r.applicable === true;
    });
  const never = [...clauses, ...applicable].filter((id) => !covers(ctx.catalogue, scope, id));
  const last = latest(inCycle.length > 0 ? inCycle : audits, (a) => a.date);
  if (never.length > 0 && last) {
    findings.push(
      finding(
        last,
        `over the ${ctx.config.reviewCycles.audit} audit cycle, no audit covered ${never.length} requirement${never.length === 1 ? '' : 's'}: ${listWords(never, 'and')}`,
        'plan audits whose `scope` covers them (a heading such as "8" or "A.6" covers everything below it)',
      ),
    );
  }
  for (const a of audits) findings.push(...unlinkedFindings(ctx, a));
  return { evidence: audits, findings };
};

/** Nonconformity findings (any grade of the configured scale) that link no existing nonconformity (reported by 9.2.2 and 10.2). */
export function unlinkedFindings(ctx: AnalysisContext, a: RecordOfKind<'audit'>): Finding[] {
  const out: Finding[] = [];
  for (const f of a.findings ?? []) {
    if (f.type === undefined || !ctx.config.nonconformity.severities.includes(f.type)) continue;
    const name = `${label(a)} finding ${f.id ?? '?'} is ${f.type}`;
    if (!f.nonconformity) {
      out.push(finding(a, `${name} but links no nonconformity`, 'raise a `nonconformity` and name it in the finding'));
      continue;
    }
    const target = ctx.byId.get(f.nonconformity);
    if (target?.kind !== 'nonconformity') {
      const what = target ? `a ${target.kind} record, not a nonconformity` : 'no record';
      out.push(finding(a, `${name} and links \`${f.nonconformity}\`, which is ${what}`, 'raise the `nonconformity` and link its id'));
    }
  }
  return out;
}
