import { escapeDeep } from '../../model/escape.js';
import { type Colours, colours } from '../colour.js';
import type { Finding, GapResult, RecordTrace } from '../../model/gap.js';
import { plural } from '../../model/plural.js';
import {
  basisLabels,
  blockerLines,
  CLAUSE_SYMBOL,
  controlLabel,
  controlSymbol,
  findingSections,
  type GapRenderOptions,
  groupClauses,
  groupControls,
  PHASE_SYMBOL,
  readinessLine,
  undecidedGroups,
  undecidedNext,
} from './gap-view.js';

/**
 * The terminal gap report: readiness, blockers and the certification journey first; then a
 * compact table per clause group and Annex A objective; then each finding once with its next step.
 */
export function gapText(raw: GapResult, rawOptions: GapRenderOptions): string {
  const verbose = rawOptions.verbose === true;
  // Record text reaches a terminal: control characters are shown, never obeyed. What this report
  // never prints (document control; the records behind each verdict without --verbose) is not
  // copied to be escaped: on a large AIMS that was most of the report's time.
  const shown: GapResult = { ...raw, documents: [] };
  if (!verbose) {
    shown.clauses = raw.clauses.map((x) => ({ ...x, basis: [] }));
    shown.controls = raw.controls.map((x) => ({ ...x, basis: [] }));
  }
  const result = escapeDeep(shown);
  const options = { ...rawOptions, ...(rawOptions.organisation ? { organisation: escapeDeep(rawOptions.organisation) } : {}) };
  const c = colours(options.color);
  const r = result.readiness;
  const out: string[] = [];
  out.push(c.bold(`${result.catalogue} gap analysis${options.organisation ? ` for ${options.organisation}` : ''}, as of ${result.asOf}`));
  const scoreColour = r.score >= 80 ? c.green : r.score >= 50 ? c.yellow : c.red;
  out.push(readinessLine(result, (score) => scoreColour.bold(score)));
  const v = result.validation;
  out.push(
    v.errors > 0
      ? c.red(`Validation failed: ${plural(v.errors, 'error')}, ${plural(v.warnings, 'warning')}; run \`aims validate\` for details`)
      : `Validation: no errors, ${plural(v.warnings, 'warning')}`,
  );
  for (const note of result.notes) out.push(c.yellow(`Note: ${note}`));

  out.push('');
  const blockers = blockerLines(result);
  if (blockers.length === 0) out.push(c.green.bold('No blockers: every certification prerequisite aims checks is met'));
  else {
    out.push(c.red.bold(`Not certifiable yet: ${plural(blockers.length, 'blocker')}`));
    for (const b of blockers) out.push(`  ${c.red('✖')} ${b.id.padEnd(10)} ${b.place ? c.dim(`${b.place}  `) : ''}${b.message}`, `      ${c.cyan('→')} ${b.next}`);
  }

  if (result.phases.length > 0) {
    const paint = { done: c.green, 'in-progress': c.yellow, 'not-started': c.red } as const;
    out.push('', c.bold('Certification journey'));
    result.phases.forEach((p, i) => {
      out.push(`  ${i + 1} ${paint[p.status](`${PHASE_SYMBOL[p.status]} ${p.status.padEnd(11)}`)} ${String(p.readiness).padStart(3)}%  ${p.title}`);
      for (const n of p.next) out.push(`                       ${c.cyan('→')} ${n}`);
    });
  }

  const paint = { met: c.green, partial: c.yellow, missing: c.red } as const;
  const sections = findingSections(result, options.catalogue, verbose);
  const printed = new Map(sections.map((s) => [s.id, s.findings.length]));
  const sharedWith = new Map(sections.flatMap((s) => s.also.map((id) => [id, s.id] as const)));
  out.push('', c.bold('Clauses'));
  for (const g of groupClauses(result, options.catalogue)) {
    out.push(c.bold(`  ${g.id} ${g.title}`));
    for (const clause of g.items) {
      const n = printed.get(clause.id) ?? 0;
      const shared = sharedWith.get(clause.id);
      const notes = [n > 0 ? plural(n, 'finding') : '', shared ? `same as ${shared}` : ''].filter(Boolean).join('; ');
      out.push(`    ${paint[clause.status](`${CLAUSE_SYMBOL[clause.status]} ${clause.status.padEnd(7)}`)} ${clause.id.padEnd(6)} ${clause.title}${notes ? c.dim(` (${notes})`) : ''}`);
      if (options.verbose && clause.status === 'met') out.push(...basisLines(clause.basis, c));
    }
  }
  out.push('', c.bold('Annex A controls'));
  for (const g of groupControls(result, options.catalogue)) {
    if (!verbose && g.items.every((x) => x.decision === 'undecided')) {
      out.push(`  ${c.yellow('?')} ${c.bold(`${g.id} ${g.title}`)} ${c.dim(`[${g.items.length} undecided]`)}`);
      continue;
    }
    out.push(c.bold(`  ${g.id} ${g.title}`));
    for (const control of g.items) {
      const colour = !control.gap ? (control.decision === 'excluded' ? c.dim : c.green) : control.decision === 'undecided' ? c.yellow : c.red;
      const labelText = `${controlSymbol(control)} ${(control.gap ? 'gap' : 'ok').padEnd(3)}`;
      out.push(`    ${colour(labelText)} ${control.id.padEnd(8)} ${control.title} ${c.dim(`[${controlLabel(control)}]`)}`);
      if (options.verbose && !control.gap) out.push(...basisLines(control.basis, c));
    }
  }

  if (sections.length > 0) {
    out.push('', c.bold('Findings and next steps'));
    for (const s of sections) {
      out.push(c.bold(`  ${s.id} ${s.title}${s.also.length > 0 ? c.dim(` (also ${s.also.join(', ')})`) : ''}`));
      for (const f of s.findings) out.push(...findingLines(f, c));
    }
  }
  const undecided = verbose ? [] : undecidedGroups(result);
  if (undecided.length > 0) {
    const n = undecided.reduce((sum, g) => sum + g.ids.length, 0);
    out.push('', c.bold(`Undecided Annex A controls (${n})`));
    for (const g of undecided) out.push(`    ${g.ids.join(', ')}`, `      ${c.cyan('→')} ${undecidedNext(g)}`);
  }
  if (result.suppressions.length > 0) {
    out.push('', c.bold('Suppressed rules (x-aims-ignore)'));
    for (const s of result.suppressions) {
      const state = s.expired ? c.red(`expired ${s.until ?? ''}`) : s.until ? `until ${s.until}` : 'no end date';
      out.push(`    ${c.dim(`${s.file}:${s.line}`)}  ${s.record}: ${s.rule} (${state}, ${s.matched} finding${s.matched === 1 ? '' : 's'}): ${s.reason}`);
    }
  }
  return out.join('\n') + '\n';
}

function basisLines(basis: readonly RecordTrace[], c: Colours): string[] {
  return basisLabels(basis).map((b) => c.dim(`               based on ${b}`));
}

function findingLines(f: Finding, c: Colours): string[] {
  const place = f.file ? c.dim(`${f.file}${f.line ? `:${f.line}` : ''}  `) : '';
  return [`    ${place}${f.message}`, `      ${c.cyan('→')} ${f.next}`];
}
