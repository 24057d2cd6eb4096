import { markdownCode, markdownText } from '../../model/escape.js';
import type { GapResult } from '../../model/gap.js';
import { plural } from '../../model/plural.js';
import {
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

/** Markdown for a pull request or an audit-prep ticket: blockers and the journey first, then the tables and each finding once. */
export function gapMarkdown(result: GapResult, options: GapRenderOptions): string {
  const verbose = options.verbose === true;
  const out: string[] = [];
  out.push(`## ${escape(result.catalogue)} gap analysis${options.organisation ? ` for ${escape(options.organisation)}` : ''}`, '');
  out.push(`As of **${result.asOf}**. ${readinessLine(result, (score) => `**${score}**`)}.`, '');
  const v = result.validation;
  out.push(v.errors > 0 ? `> **Validation failed** with ${plural(v.errors, 'error')} and ${plural(v.warnings, 'warning')}: run \`aims validate\`.` : `Validation: no errors, ${plural(v.warnings, 'warning')}.`, '');
  for (const note of result.notes) out.push(`> Note: ${escape(note)}`, '');

  const blockers = blockerLines(result);
  if (blockers.length === 0) out.push('### No blockers', '', 'Every certification prerequisite aims checks is met.', '');
  else {
    out.push(`### Not certifiable yet: ${plural(blockers.length, 'blocker')}`, '', '| Requirement | Blocker | Next step |', '| --- | --- | --- |');
    for (const b of blockers) out.push(`| ${b.id} | ${escape(b.message)}${b.place ? ` (${markdownCode(b.place)})` : ''} | ${escape(b.next)} |`);
    out.push('');
  }
  if (result.phases.length > 0) {
    out.push('### Certification journey', '', '| Phase | Status | Readiness | Next actions |', '| --- | --- | --- | --- |');
    result.phases.forEach((p, i) => {
      out.push(`| ${i + 1}. ${escape(p.title)} | ${PHASE_SYMBOL[p.status]} ${p.status} | ${p.readiness}% | ${p.next.map(escape).join('<br>') || '—'} |`);
    });
    out.push('');
  }

  const sections = findingSections(result, options.catalogue, verbose);
  const printed = new Map(sections.map((s) => [s.id, s.findings.length]));
  const sharedWith = new Map(sections.flatMap((s) => s.also.map((id) => [id, s.id] as const)));
  out.push('### Clauses', '', '| Status | Clause | Title | Findings |', '| --- | --- | --- | --- |');
  for (const g of groupClauses(result, options.catalogue)) {
    for (const c of g.items) {
      const shared = sharedWith.get(c.id);
      out.push(`| ${CLAUSE_SYMBOL[c.status]} ${c.status} | ${c.id} | ${escape(c.title)} | ${shared ? `same as ${shared}` : (printed.get(c.id) ?? 0)} |`);
    }
  }
  out.push('', '### Annex A controls', '', '| Gap | Control | Title | Decision and status |', '| --- | --- | --- | --- |');
  for (const g of groupControls(result, options.catalogue)) {
    if (!verbose && g.items.every((x) => x.decision === 'undecided')) {
      out.push(`| ? gap | ${g.id} | ${escape(g.title)} | ${g.items.length} undecided |`);
      continue;
    }
    for (const c of g.items) out.push(`| ${controlSymbol(c)} ${c.gap ? 'gap' : 'ok'} | ${c.id} | ${escape(c.title)} | ${controlLabel(c)} |`);
  }
  const traced = [...result.clauses.filter((c) => c.status === 'met'), ...result.controls.filter((c) => !c.gap)].filter((x) => x.basis.length > 0);
  if (traced.length > 0) {
    out.push('', '### Basis of each verdict', '', 'The records that make each clause met and each control free of gaps.', '', '| Requirement | Records (file:line) |', '| --- | --- |');
    for (const item of traced) out.push(`| ${item.id} | ${item.basis.map((b) => `${escape(b.id)} (\`${b.file}:${b.line}\`)`).join(', ')} |`);
  }
  if (sections.length > 0) {
    out.push('', '### Findings and next steps', '');
    for (const s of sections) {
      out.push(`**${s.id} ${escape(s.title)}**${s.also.length > 0 ? ` (also ${s.also.join(', ')})` : ''}`, '');
      for (const f of s.findings) {
        const place = f.file ? ` (${markdownCode(`${f.file}${f.line ? `:${f.line}` : ''}`)})` : '';
        out.push(`- ${escape(f.message)}${place}`, `  - Next: ${escape(f.next)}`);
      }
      out.push('');
    }
  }
  const undecided = verbose ? [] : undecidedGroups(result);
  if (undecided.length > 0) {
    out.push(`### Undecided Annex A controls (${undecided.reduce((n, g) => n + g.ids.length, 0)})`, '');
    for (const g of undecided) out.push(`- ${g.ids.join(', ')}: ${escape(undecidedNext(g))}`);
    out.push('');
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
