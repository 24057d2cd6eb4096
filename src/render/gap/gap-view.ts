import type { Catalogue } from '../../model/catalogue.js';
import type { ClauseGap, ControlGap, Finding, GapResult, RecordTrace } from '../../model/gap.js';

/** What the gap renderers share: grouping by top-level clause / Annex A objective, and status labels. */

export interface GapRenderOptions {
  catalogue: Catalogue;
  organisation?: string;
  color: boolean;
  /** The full listing: every finding of every item, undecided controls one by one, and the records behind each met clause and control without a gap. */
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

/** The findings of one clause or control, as printed: each finding once. */
export interface FindingSection {
  id: string;
  title: string;
  /** Mirrored clauses whose findings are the same as these, printed here once. */
  also: string[];
  findings: Finding[];
}

/** Undecided controls that wait in one file (or, with `file` undefined, have no entry anywhere). */
export interface UndecidedGroup {
  file?: string;
  ids: string[];
}

/**
 * Findings to print. With `verbose`, every finding of every item, as judged. Otherwise each
 * finding once: a mirrored clause (8.2 beside 6.1.2) that repeats a finding leaves it to the
 * first clause of its group, which names it in `also`; undecided controls are left to
 * `undecidedGroups`.
 */
export function findingSections(result: GapResult, catalogue: Catalogue, verbose: boolean): FindingSection[] {
  const items = [...result.clauses, ...result.controls.filter((c) => verbose || c.decision !== 'undecided')];
  const sections = items.filter((x) => x.findings.length > 0).map((x) => ({ id: x.id, title: x.title, also: [] as string[], findings: [...x.findings] }));
  if (verbose) return sections;
  const byId = new Map(sections.map((s) => [s.id, s]));
  for (const group of catalogue.readiness?.mirrors ?? []) {
    // Each finding's key → the section that printed it first (a map: a large AIMS has thousands of findings).
    const printed = new Map<string, FindingSection>();
    for (const id of group) {
      const section = byId.get(id);
      if (!section) continue;
      section.findings = section.findings.filter((f) => {
        const first = printed.get(findingKey(f));
        if (first && !first.also.includes(id)) first.also.push(id);
        return !first;
      });
      for (const f of section.findings) {
        const key = findingKey(f);
        if (!printed.has(key)) printed.set(key, section);
      }
    }
  }
  return sections.filter((s) => s.findings.length > 0);
}

function findingKey(f: Finding): string {
  return `${f.message}\u0000${f.file ?? ''}\u0000${f.line ?? ''}`;
}

/** Undecided controls grouped by the file where their commented SoA entry waits, in catalogue order. */
export function undecidedGroups(result: GapResult): UndecidedGroup[] {
  const groups: UndecidedGroup[] = [];
  for (const c of result.controls) {
    if (c.decision !== 'undecided') continue;
    const file = c.waitsIn?.file ?? c.record?.file;
    let g = groups.find((x) => x.file === file);
    if (!g) groups.push((g = file === undefined ? { ids: [] } : { file, ids: [] }));
    g.ids.push(c.id);
  }
  return groups;
}

/** The next step for a group of undecided controls. */
export function undecidedNext(g: UndecidedGroup): string {
  return g.file ? `uncomment and decide in ${g.file}` : 'add a `control` record for each, with `applicable` and `justification` (`aims new control`)';
}

export const PHASE_SYMBOL = { done: '✔', 'in-progress': '◐', 'not-started': '○' } as const;

/** Blockers as printed: the undecided Annex A controls become one line, where the first of them stood (they are listed once, below). */
export function blockerLines(result: GapResult): { id: string; message: string; place: string; next: string }[] {
  const undecided = new Set(result.controls.filter((c) => c.decision === 'undecided').map((c) => c.id));
  const lines: { id: string; message: string; place: string; next: string }[] = [];
  for (const b of result.blockers) {
    if (!undecided.has(b.id)) lines.push({ id: b.id, message: b.message, place: b.file ? `${b.file}${b.line ? `:${b.line}` : ''}` : '', next: b.next });
    else if (!lines.some((l) => l.id === 'Annex A')) {
      lines.push({
        id: 'Annex A',
        message: `${undecided.size} Annex A control${undecided.size === 1 ? ' is' : 's are'} undecided in the Statement of Applicability`,
        place: '',
        next: 'decide each one (see "Undecided Annex A controls")',
      });
    }
  }
  return lines;
}

/** "Readiness 70/100: …", with the score painted by the caller; notes when computed on invalid records. */
export function readinessLine(result: GapResult, paint: (score: string) => string): string {
  const r = result.readiness;
  const d = result.readinessDetail;
  const invalid = d.invalidRecords ? ' (computed on records with validation errors)' : '';
  return (
    `Readiness ${paint(`${r.score}/100`)}${invalid}: ${d.clauseItems.met} of ${d.clauseItems.total} clause requirements met ` +
    `(${d.prerequisiteItems.met} of ${d.prerequisiteItems.total} certification prerequisites), ${r.controlsWithoutGap} of ${r.controls} Annex A controls without a gap`
  );
}
