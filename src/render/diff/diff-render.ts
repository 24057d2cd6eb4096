import { escapeDeep, markdownText } from '../../model/escape.js';
import type { DiffResult, FieldChange } from '../../model/diff.js';
import { plural } from '../../model/plural.js';

/** `aims diff` as JSON, text or Markdown (the Markdown is management-review input, clause 9.3.2). */

export function diffJson(diff: DiffResult): string {
  return JSON.stringify(diff, null, 2) + '\n';
}

function value(v: unknown): string {
  if (v === null || v === undefined) return '(none)';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function fieldLine(f: FieldChange): string {
  return `${f.path}: ${value(f.from)} → ${value(f.to)}`;
}

export function diffText(raw: DiffResult): string {
  const diff = escapeDeep(raw); // record values reach a terminal
  const out: string[] = [`AIMS changes from ${diff.from} to ${diff.to}`, `Both judged as of ${diff.asOf}`, ''];
  const r = diff.gap.readiness;
  out.push(`Readiness ${r.from} → ${r.to} (${r.to - r.from >= 0 ? '+' : ''}${r.to - r.from})`, '');
  const section = (title: string, lines: string[]): void => {
    if (lines.length === 0) return;
    out.push(title, ...lines.map((l) => `  ${l}`), '');
  };
  section('Records', diff.records.flatMap((c) => [`${symbol(c.change)} ${c.kind} ${c.id} (${c.change}, ${c.file})`, ...c.fields.map((f) => `    ${fieldLine(f)}`)]));
  section('Risks crossing the acceptance line', diff.highlights.risksCrossed.map((x) => `${x.id}: ${scoreChange(x.from, x.to)}, now ${x.direction} the line`));
  section('Controls whose decision or status changed', diff.highlights.controls.map((c) => `${c.id}: ${c.decision.from}/${c.status.from} → ${c.decision.to}/${c.status.to}`));
  const nc = diff.highlights.nonconformities;
  section('Nonconformities', [...nc.opened.map((id) => `opened ${id}`), ...nc.closed.map((id) => `closed ${id}`)]);
  section('Clause status', diff.gap.clauses.map((c) => `${c.id}: ${c.from} → ${c.to}`));
  section('Annex A controls', diff.gap.controls.map((c) => `${c.id}: ${c.from} → ${c.to}`));
  if (diff.records.length === 0) out.push('No record changed.', '');
  return out.join('\n').trimEnd() + '\n';
}

export function diffMarkdown(diff: DiffResult): string {
  const esc = markdownText;
  const r = diff.gap.readiness;
  const out: string[] = [
    `## Changes to the AIMS: ${esc(diff.from)} → ${esc(diff.to)}`,
    '',
    `Both sides judged as of ${diff.asOf}.`,
    '',
    `Readiness moved from **${r.from}** to **${r.to}**. ${plural(diff.records.length, 'record')} changed.`,
    '',
  ];
  if (diff.records.length > 0) {
    out.push('### Records', '', '| Record | Kind | Change | What changed |', '| --- | --- | --- | --- |');
    for (const c of diff.records) {
      out.push(`| ${esc(c.id)} | ${c.kind} | ${c.change} | ${esc(c.fields.map(fieldLine).join('; '))} |`);
    }
    out.push('');
  }
  const list = (title: string, items: string[]): void => {
    if (items.length > 0) out.push(`### ${title}`, '', ...items.map((i) => `- ${esc(i)}`), '');
  };
  list('Risks crossing the acceptance line', diff.highlights.risksCrossed.map((x) => `${x.id}: ${scoreChange(x.from, x.to)} (now ${x.direction})`));
  list('Controls whose decision or status changed', diff.highlights.controls.map((c) => `${c.id}: ${c.decision.from}/${c.status.from} → ${c.decision.to}/${c.status.to}`));
  list('Nonconformities opened', diff.highlights.nonconformities.opened);
  list('Nonconformities closed', diff.highlights.nonconformities.closed);
  list('Clause status changes', diff.gap.clauses.map((c) => `${c.id}: ${c.from} → ${c.to}`));
  list('Annex A control gap changes', diff.gap.controls.map((c) => `${c.id}: ${c.from} → ${c.to}`));
  return out.join('\n').trimEnd() + '\n';
}

function scoreChange(from: number | null, to: number | null): string {
  if (from === null) return `new, score ${to ?? 'unrated'}`;
  if (to === null) return `score ${from}, now removed or unrated`;
  return `score ${from} → ${to}`;
}

function symbol(change: string): string {
  return change === 'added' ? '+' : change === 'removed' ? '-' : '~';
}
