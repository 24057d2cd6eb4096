import type { Catalogue } from '../../model/catalogue.js';
import type { ClauseGap, ControlGap, GapResult, RecordTrace } from '../../model/gap.js';

/** What the gap renderers share: grouping by top-level clause / Annex A objective, and status labels. */

export interface GapRenderOptions {
  catalogue: Catalogue;
  organisation?: string;
  color: boolean;
  /** List the records behind each met clause and control without a gap (text output). */
  verbose?: boolean;
}

/** "DOC-001 (aims/documents/procedures.yaml:12)" for each record a verdict rests on. */
export function basisLabels(basis: readonly RecordTrace[]): string[] {
  return basis.map((b) => `${b.id} (${b.file}:${b.line})`);
}

export interface Group<T> {
  id: string;
  title: string;
  items: T[];
}

/** Clauses under their top-level clause (4 … 10), controls under their objective (A.2 … A.10), in catalogue order. */
export function groupClauses(result: GapResult, catalogue: Catalogue): Group<ClauseGap>[] {
  return group(result.clauses, catalogue, (c) => c.id.split('.')[0] ?? c.id);
}

export function groupControls(result: GapResult, catalogue: Catalogue): Group<ControlGap>[] {
  // The top-level objective: A.6.2.4 → A.6 (A.6.1 and A.6.2 sit below it).
  return group(result.controls, catalogue, (c) => c.id.split('.').slice(0, 2).join('.'));
}

function group<T extends { id: string }>(items: readonly T[], catalogue: Catalogue, key: (item: T) => string): Group<T>[] {
  const groups: Group<T>[] = [];
  for (const item of items) {
    const id = key(item);
    let g = groups.find((x) => x.id === id);
    if (!g) groups.push((g = { id, title: catalogue.byId.get(id)?.title ?? id, items: [] }));
    g.items.push(item);
  }
  return groups;
}

export const CLAUSE_SYMBOL = { met: '✔', partial: '◐', missing: '✖' } as const;

export function controlLabel(c: ControlGap): string {
  if (c.decision === 'undecided') return 'undecided';
  if (c.decision === 'excluded') return 'excluded';
  return `applicable, ${c.status}`;
}

export function controlSymbol(c: ControlGap): string {
  if (!c.gap) return c.decision === 'excluded' ? '–' : '✔';
  return c.decision === 'undecided' ? '?' : '✖';
}
