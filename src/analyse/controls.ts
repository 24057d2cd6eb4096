import { annexAControls } from '../model/catalogue.js';
import type { ControlGap, ControlStatus, Finding } from '../model/gap.js';
import type { AimsRecord, RecordOfKind } from '../model/record.js';
import { listWords } from '../model/suggest.js';
import { checkControlRecords } from './annex-records.js';
import { type AnalysisContext, finding, hasExistingEvidence, staleEvidenceFinding, traces } from './context.js';

const STATUSES = new Set<ControlStatus>(['not-started', 'planned', 'partial', 'implemented']);

/** Annex A controls that ask for what a clause requires anyway, so excluding them cannot be justified. */
const MIRRORS_CLAUSE: Readonly<Record<string, string>> = { 'A.2.2': '5.2', 'A.3.2': '5.3', 'A.5.2': '6.1.4' };

/** Risks whose treatment names each control. */
function treatedBy(ctx: AnalysisContext): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of ctx.ofKind('risk')) {
    for (const id of r.treatment?.controls ?? []) {
      const list = out.get(id);
      if (list) list.push(r.id ?? '?');
      else out.set(id, [r.id ?? '?']);
    }
  }
  return out;
}

/**
 * Every Annex A control: its SoA decision, its status, and whether it is a gap. Four distinct
 * gaps, never merged: undecided, excluded without justification, applicable but not
 * implemented, implemented without any evidence that exists. An implemented control that
 * records of its own kind can show working (suppliers, incidents, datasets) is judged on them too.
 */
export function analyseControls(ctx: AnalysisContext): ControlGap[] {
  const servedBy = new Map<string, RecordOfKind<'control'>[]>();
  for (const c of ctx.ofKind('control')) {
    for (const id of c.annex_a ?? []) {
      const list = servedBy.get(id);
      if (list) list.push(c);
      else servedBy.set(id, [c]);
    }
  }
  const treating = treatedBy(ctx);
  return annexAControls(ctx.catalogue).map((entry): ControlGap => {
    const found = ctx.byId.get(entry.id);
    const record = found?.kind === 'control' ? found : undefined;
    const mapped = servedBy.get(entry.id) ?? [];
    const served = mapped.map((c) => c.id).filter((id): id is string => id !== undefined);
    const base = { id: entry.id, title: entry.title, servedBy: served };
    if (!record || record.applicable === undefined) {
      // An organisation control already maps to it: that mapping is the decision to suggest.
      const next =
        served.length > 0
          ? `suggested decision: applicable, as ${listWords(served, 'and')} ${served.length === 1 ? 'maps' : 'map'} to it in \`annex_a\`: add a control record \`${entry.id}\` with \`applicable: true\` and a \`justification\` naming ${served.length === 1 ? 'it' : 'them'}`
          : `add a control record \`${entry.id}\` with \`applicable\` and \`justification\``;
      const waitsIn = record ? undefined : ctx.commentedControls?.get(entry.id);
      const f: Finding = record
        ? finding(record, `${entry.id} has no decision (\`applicable\` is missing)`, next)
        : waitsIn
          ? { message: `${entry.id} ${entry.title} has no SoA decision`, file: waitsIn.file, line: waitsIn.line, next: `uncomment and decide it in ${waitsIn.file}${served.length > 0 ? ` (${next})` : ''}` }
          : { message: `${entry.id} ${entry.title} has no SoA decision`, next };
      return { ...base, decision: 'undecided', status: 'undecided', gap: true, ...recordRef(record), ...(waitsIn ? { waitsIn } : {}), basis: [], findings: [f] };
    }
    const findings: Finding[] = [];
    if (!record.applicable) {
      if (ctx.trivial(record.justification)) {
        const said = record.justification ? ` ("${record.justification}" says nothing)` : '';
        findings.push(finding(record, `${entry.id} is excluded without a justification${said}`, 'explain in a sentence or more in `justification` why it does not apply'));
      }
      const mirrored = MIRRORS_CLAUSE[entry.id];
      if (mirrored) findings.push(finding(record, `${entry.id} cannot be excluded: clause ${mirrored} requires the same thing of every organisation`, `mark it applicable and implement it with what you do for clause ${mirrored}`));
      // Relied on by a risk's treatment, its own `risks`, or an applicable organisation control serving it.
      const servingControls = (servedBy.get(entry.id) ?? []).filter((c) => c.applicable !== false).map((c) => c.id ?? '?');
      const by = [...new Set([...(treating.get(entry.id) ?? []), ...(record.risks ?? []), ...servingControls])];
      if (by.length > 0) {
        findings.push(finding(record, `${entry.id} is excluded, but ${listWords(by, 'and')} still rel${by.length === 1 ? 'ies' : 'y'} on it`, 'mark it applicable, or stop relying on it (change the treatment or `annex_a`)'));
      }
      return { ...base, decision: 'excluded', status: 'not-applicable', gap: findings.length > 0, ...recordRef(record), basis: traces([record]), findings };
    }
    const status: ControlStatus = record.status && STATUSES.has(record.status as ControlStatus) ? (record.status as ControlStatus) : 'not-started';
    const serving = servedBy.get(entry.id) ?? [];
    // Evidence is borrowed only from an organisation control that is itself in force and shows something.
    const lenders = serving.filter((c) => c.applicable === true && c.status === 'implemented' && hasExistingEvidence(ctx, c));
    const basis: AimsRecord[] = [record];
    const gap: ControlGap = { ...base, decision: 'applicable', status, gap: false, ...recordRef(record), basis: [], findings };
    if (lenders.length > 0) gap.evidenceFrom = lenders.map((c) => c.id as string);
    if (status !== 'implemented') {
      findings.push(finding(record, `${entry.id} is applicable but ${record.status ? `its status is ${status}` : 'has no status'}`, 'implement it and set `status: implemented` with evidence'));
    } else if (!hasExistingEvidence(ctx, record) && lenders.length === 0) {
      const unusable = serving.filter((c) => !lenders.includes(c)).map((c) => `${c.id ?? '?'} lists it but ${whyNotLending(c)}`);
      findings.push(
        finding(
          record,
          `${entry.id} is marked implemented but no evidence of it exists${unusable.length > 0 ? ` (${unusable.join('; ')})` : ''}`,
          'cite a file with content or an https URL in `evidence` (here, or on an implemented organisation control that lists it in `annex_a`)',
        ),
      );
    } else {
      const sources = hasExistingEvidence(ctx, record) ? [record, ...lenders] : lenders;
      const stale = staleEvidenceFinding(ctx, record, `${entry.id} is implemented`, sources);
      if (stale) findings.push(stale);
      basis.push(...sources);
      const own = checkControlRecords(ctx, entry.id);
      if (own) {
        findings.push(...own.findings);
        basis.push(...own.records);
      }
    }
    gap.gap = findings.length > 0;
    gap.basis = traces(basis);
    return gap;
  });
}

/** Why an organisation control that lists an Annex A control does not lend it evidence. */
function whyNotLending(c: RecordOfKind<'control'>): string {
  if (c.applicable !== true) return c.applicable === false ? 'is not applicable' : 'has no applicability decision';
  if (c.status !== 'implemented') return `is ${c.status ?? 'without a status'}`;
  return 'has no evidence that shows something';
}

function recordRef(record: RecordOfKind<'control'> | undefined): Pick<ControlGap, 'record'> {
  return record?.id !== undefined ? { record: { id: record.id, file: record.origin.file, line: record.origin.line } } : {};
}
