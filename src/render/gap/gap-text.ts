import { escapeDeep } from '../../model/escape.js';
import { Chalk } from 'chalk';
import type { Finding, GapResult, RecordTrace } from '../../model/gap.js';
import { plural } from '../../model/plural.js';
import { basisLabels, CLAUSE_SYMBOL, controlLabel, controlSymbol, type GapRenderOptions, groupClauses, groupControls } from './gap-view.js';

/** The terminal gap report: a compact table per clause group and Annex A objective, then findings with next steps. */
export function gapText(raw: GapResult, rawOptions: GapRenderOptions): string {
  // Record text reaches a terminal: control characters are shown, never obeyed.
  const result = escapeDeep(raw);
  const options = { ...rawOptions, ...(rawOptions.organisation ? { organisation: escapeDeep(rawOptions.organisation) } : {}) };
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const r = result.readiness;
  const out: string[] = [];
  out.push(c.bold(`${result.catalogue} gap analysis${options.organisation ? ` for ${options.organisation}` : ''}, as of ${result.asOf}`));
  const scoreColour = r.score >= 80 ? c.green : r.score >= 50 ? c.yellow : c.red;
  out.push(`Readiness ${scoreColour.bold(`${r.score}/100`)}: ${r.clausesMet} of ${r.clauses} clause requirements met, ${r.controlsWithoutGap} of ${r.controls} Annex A controls without a gap`);
  const v = result.validation;
  out.push(
    v.errors > 0
      ? c.red(`Validation failed: ${plural(v.errors, 'error')}, ${plural(v.warnings, 'warning')}; run \`aims validate\` for details`)
      : `Validation: no errors, ${plural(v.warnings, 'warning')}`,
  );
  for (const note of result.notes) out.push(c.yellow(`Note: ${note}`));

  const paint = { met: c.green, partial: c.yellow, missing: c.red } as const;
  out.push('', c.bold('Clauses'));
  for (const g of groupClauses(result, options.catalogue)) {
    out.push(c.bold(`  ${g.id} ${g.title}`));
    for (const clause of g.items) {
      const count = clause.findings.length > 0 ? c.dim(` (${clause.findings.length} finding${clause.findings.length === 1 ? '' : 's'})`) : '';
      out.push(`    ${paint[clause.status](`${CLAUSE_SYMBOL[clause.status]} ${clause.status.padEnd(7)}`)} ${clause.id.padEnd(6)} ${clause.title}${count}`);
      if (options.verbose && clause.status === 'met') out.push(...basisLines(clause.basis, c));
    }
  }
  out.push('', c.bold('Annex A controls'));
  for (const g of groupControls(result, options.catalogue)) {
    out.push(c.bold(`  ${g.id} ${g.title}`));
    for (const control of g.items) {
      const colour = !control.gap ? (control.decision === 'excluded' ? c.dim : c.green) : control.decision === 'undecided' ? c.yellow : c.red;
      const labelText = `${controlSymbol(control)} ${(control.gap ? 'gap' : 'ok').padEnd(3)}`;
      out.push(`    ${colour(labelText)} ${control.id.padEnd(8)} ${control.title} ${c.dim(`[${controlLabel(control)}]`)}`);
      if (options.verbose && !control.gap) out.push(...basisLines(control.basis, c));
    }
  }

  const withFindings = [...result.clauses, ...result.controls].filter((x) => x.findings.length > 0);
  if (withFindings.length > 0) {
    out.push('', c.bold('Findings and next steps'));
    for (const item of withFindings) {
      out.push(c.bold(`  ${item.id} ${item.title}`));
      for (const f of item.findings) out.push(...findingLines(f, c));
    }
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

function basisLines(basis: readonly RecordTrace[], c: InstanceType<typeof Chalk>): string[] {
  return basisLabels(basis).map((b) => c.dim(`               based on ${b}`));
}

function findingLines(f: Finding, c: InstanceType<typeof Chalk>): string[] {
  const place = f.file ? c.dim(`${f.file}${f.line ? `:${f.line}` : ''}  `) : '';
  return [`    ${place}${f.message}`, `      ${c.cyan('→')} ${f.next}`];
}
