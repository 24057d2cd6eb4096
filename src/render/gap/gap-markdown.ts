import { markdownCode, markdownText } from '../../model/escape.js';
import type { GapResult } from '../../model/gap.js';
import { plural } from '../../model/plural.js';
import { CLAUSE_SYMBOL, controlLabel, controlSymbol, type GapRenderOptions, groupClauses, groupControls } from './gap-view.js';

/** Markdown for a pull request or an audit-prep ticket. */
export function gapMarkdown(result: GapResult, options: GapRenderOptions): string {
  const r = result.readiness;
  const out: string[] = [];
  out.push(`## ${escape(result.catalogue)} gap analysis${options.organisation ? ` for ${escape(options.organisation)}` : ''}`, '');
  out.push(`As of **${result.asOf}**. Readiness **${r.score}/100**: ${r.clausesMet} of ${r.clauses} clause requirements met, ${r.controlsWithoutGap} of ${r.controls} Annex A controls without a gap.`, '');
  const v = result.validation;
  out.push(v.errors > 0 ? `> **Validation failed** with ${plural(v.errors, 'error')} and ${plural(v.warnings, 'warning')}: run \`aims validate\`.` : `Validation: no errors, ${plural(v.warnings, 'warning')}.`, '');
  for (const note of result.notes) out.push(`> Note: ${escape(note)}`, '');

  out.push('### Clauses', '', '| Status | Clause | Title | Findings |', '| --- | --- | --- | --- |');
  for (const g of groupClauses(result, options.catalogue)) {
    for (const c of g.items) out.push(`| ${CLAUSE_SYMBOL[c.status]} ${c.status} | ${c.id} | ${escape(c.title)} | ${c.findings.length} |`);
  }
  out.push('', '### Annex A controls', '', '| Gap | Control | Title | Decision and status |', '| --- | --- | --- | --- |');
  for (const g of groupControls(result, options.catalogue)) {
    for (const c of g.items) out.push(`| ${controlSymbol(c)} ${c.gap ? 'gap' : 'ok'} | ${c.id} | ${escape(c.title)} | ${controlLabel(c)} |`);
  }
  const traced = [...result.clauses.filter((c) => c.status === 'met'), ...result.controls.filter((c) => !c.gap)].filter((x) => x.basis.length > 0);
  if (traced.length > 0) {
    out.push('', '### Basis of each verdict', '', 'The records that make each clause met and each control free of gaps.', '', '| Requirement | Records (file:line) |', '| --- | --- |');
    for (const item of traced) out.push(`| ${item.id} | ${item.basis.map((b) => `${escape(b.id)} (\`${b.file}:${b.line}\`)`).join(', ')} |`);
  }
  const withFindings = [...result.clauses, ...result.controls].filter((x) => x.findings.length > 0);
  if (withFindings.length > 0) {
    out.push('', '### Findings and next steps', '');
    for (const item of withFindings) {
      out.push(`**${item.id} ${escape(item.title)}**`, '');
      for (const f of item.findings) {
        const place = f.file ? ` (${markdownCode(`${f.file}${f.line ? `:${f.line}` : ''}`)})` : '';
        out.push(`- ${escape(f.message)}${place}`, `  - Next: ${escape(f.next)}`);
      }
      out.push('');
    }
  }
  if (result.suppressions.length > 0) {
    out.push('### Suppressed rules (x-aims-ignore)', '', '| Record | Rule | Until | Findings | Reason |', '| --- | --- | --- | --- | --- |');
    for (const s of result.suppressions) {
      out.push(`| ${escape(s.record)} (${markdownCode(`${s.file}:${s.line}`)}) | ${markdownCode(s.rule)} | ${s.expired ? `**expired** ${s.until ?? ''}` : (s.until ?? '—')} | ${s.matched} | ${escape(s.reason)} |`);
    }
    out.push('');
  }
  return out.join('\n').trimEnd() + '\n';
}

/** Keeps record text from breaking tables or injecting markup (links, images, HTML). */
const escape = markdownText;
