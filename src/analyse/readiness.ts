import type { ReadinessRules } from '../model/catalogue.js';
import type { ClauseGap, ControlGap, Readiness, ReadinessDetail } from '../model/gap.js';

/** Without scoring rules in the catalogue, every clause and control weighs the same. */
const FLAT: ReadinessRules = { mirrors: [], prerequisites: [], weights: { control: 1, clause: 1, prerequisite: 1 }, phases: [] };

/**
 * A partial clause (records exist, with findings) earns half: the work is begun, not done.
 * Only a met clause earns the whole.
 */
const CREDIT = { met: 1, partial: 0.5, missing: 0 } as const;

/** One scored clause item: a clause, or a group of mirrored clauses scored together. */
export interface ClauseItem {
  ids: string[];
  /** Credit earned, 0–1: the mean of its clauses' credit. */
  met: number;
  prerequisite: boolean;
  weight: number;
}

/**
 * Leaf clauses → scored items: mirrored clauses merge into the item of the first of them.
 * `scaffoldOnly`: clauses resting only on records that still hold scaffold text, which earn nothing.
 */
export function clauseItems(clauses: readonly ClauseGap[], rules: ReadinessRules = FLAT, scaffoldOnly: ReadonlySet<string> = new Set()): ClauseItem[] {
  const items = new Map<string, ClauseItem>();
  const groupOf = new Map<string, string>();
  for (const group of rules.mirrors) for (const id of group) groupOf.set(id, group[0] ?? id);
  for (const c of clauses) {
    const key = groupOf.get(c.id) ?? c.id;
    const item = items.get(key) ?? { ids: [], met: 0, prerequisite: false, weight: 0 };
    item.ids.push(c.id);
    // Half credit needs records behind it that show something: a clause partial by having
    // nothing, or only by scaffold text nobody replaced, earns nothing.
    item.met += c.status === 'partial' && (c.evidence.length === 0 || scaffoldOnly.has(c.id)) ? 0 : CREDIT[c.status];
    item.prerequisite ||= rules.prerequisites.includes(c.id);
    items.set(key, item);
  }
  return [...items.values()].map((item) => ({
    ...item,
    met: item.met / item.ids.length,
    weight: item.prerequisite ? rules.weights.prerequisite : rules.weights.clause,
  }));
}

/** Points earned out of points possible for some clause items and controls. */
export function points(items: readonly ClauseItem[], controls: readonly ControlGap[], rules: ReadinessRules = FLAT): { points: number; possible: number } {
  let earned = 0;
  let possible = 0;
  for (const item of items) {
    earned += item.weight * item.met;
    possible += item.weight;
  }
  for (const c of controls) {
    earned += c.gap ? 0 : rules.weights.control;
    possible += rules.weights.control;
  }
  return { points: Math.round(earned * 100) / 100, possible };
}

export function percent(p: { points: number; possible: number }): number {
  return p.possible === 0 ? 0 : Math.floor((100 * p.points) / p.possible);
}

/**
 * The readiness score and the counts behind it. Rounded down, so that 100 means every item is
 * met. An exclusion earns what an implemented control earns and no more (a thin or contradicted
 * exclusion is a gap: see controls.ts).
 */
export function scoreReadiness(
  clauses: readonly ClauseGap[],
  controls: readonly ControlGap[],
  rules: ReadinessRules | undefined,
  invalidRecords: boolean,
  scaffoldOnly: ReadonlySet<string> = new Set(),
): { readiness: Readiness; detail: ReadinessDetail } {
  const r = rules ?? FLAT;
  const items = clauseItems(clauses, r, scaffoldOnly);
  const total = points(items, controls, r);
  const prerequisites = items.filter((i) => i.prerequisite);
  const without = controls.filter((c) => !c.gap);
  return {
    readiness: {
      score: percent(total),
      clausesMet: clauses.filter((c) => c.status === 'met').length,
      clauses: clauses.length,
      controlsWithoutGap: without.length,
      controls: controls.length,
    },
    detail: {
      points: total.points,
      possible: total.possible,
      weights: { ...r.weights },
      clauseItems: { met: items.filter((i) => i.met === 1).length, total: items.length },
      prerequisiteItems: { met: prerequisites.filter((i) => i.met === 1).length, total: prerequisites.length },
      controls: {
        implemented: without.filter((c) => c.decision === 'applicable').length,
        excluded: without.filter((c) => c.decision === 'excluded').length,
        gaps: controls.filter((c) => c.gap && c.decision !== 'undecided').length,
        undecided: controls.filter((c) => c.decision === 'undecided').length,
        total: controls.length,
      },
      mirrored: items.filter((i) => i.ids.length > 1).map((i) => i.ids),
      invalidRecords,
    },
  };
}
