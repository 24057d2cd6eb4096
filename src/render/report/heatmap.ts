import type { AimsConfig } from '../../model/config.js';

/** A likelihood × impact matrix as data; the SVG markup lives in templates/partials/heatmap.hbs. */

export interface HeatCell {
  x: number;
  y: number;
  /** Centre, where the count is drawn. */
  cx: number;
  cy: number;
  count: number;
  score: number;
  /** low: at or under the acceptance line; medium: up to twice it; high: above that. */
  level: 'low' | 'medium' | 'high';
  label: string;
}

export interface HeatMap {
  title: string;
  width: number;
  height: number;
  cellSize: number;
  /** Axis labels with where to draw them, likelihood high at the top. */
  rows: { label: string; x: number; y: number }[];
  columns: { label: string; x: number; y: number }[];
  axis: { likelihoodX: number; likelihoodY: number; impactX: number; impactY: number };
  cells: HeatCell[];
  total: number;
}

const CELL = 64;
const LEFT = 120;
const TOP = 16;
const BOTTOM = 56;

interface Scored {
  likelihood: string;
  impact: string;
  residualLikelihood: string;
  residualImpact: string;
}

export function heatMaps(risks: readonly Scored[], config: AimsConfig): { before: HeatMap; after: HeatMap } {
  return {
    before: heatMap('Before treatment', risks.map((r) => [r.likelihood, r.impact]), config),
    // After treatment: the residual rating where one is recorded, else the inherent one.
    after: heatMap(
      'After treatment',
      risks.map((r) => [r.residualLikelihood || r.likelihood, r.residualImpact || r.impact]),
      config,
    ),
  };
}

function heatMap(title: string, points: readonly [string, string][], config: AimsConfig): HeatMap {
  const { likelihood, impact, acceptance } = config.risk;
  const counts = new Map<string, number>();
  let total = 0;
  for (const [l, i] of points) {
    if (!likelihood.includes(l) || !impact.includes(i)) continue;
    counts.set(`${l}|${i}`, (counts.get(`${l}|${i}`) ?? 0) + 1);
    total++;
  }
  const gridBottom = TOP + likelihood.length * CELL;
  const rows = likelihood.map((label, index) => ({ label, x: LEFT - 8, y: TOP + (likelihood.length - 1 - index) * CELL + CELL / 2 + 4 }));
  const columns = impact.map((label, index) => ({ label, x: LEFT + index * CELL + CELL / 2, y: gridBottom + 16 }));
  const axis = { likelihoodX: 12, likelihoodY: TOP + (likelihood.length * CELL) / 2, impactX: LEFT + (impact.length * CELL) / 2, impactY: gridBottom + 40 };
  const cells: HeatCell[] = [];
  likelihood.forEach((l, li) => {
    impact.forEach((i, ii) => {
      const score = (li + 1) * (ii + 1);
      const count = counts.get(`${l}|${i}`) ?? 0;
      const level = score <= acceptance ? 'low' : score <= acceptance * 2 ? 'medium' : 'high';
      const x = LEFT + ii * CELL;
      const y = TOP + (likelihood.length - 1 - li) * CELL;
      cells.push({
        x,
        y,
        cx: x + CELL / 2,
        cy: y + CELL / 2 + 6,
        count,
        score,
        level,
        label: `${l} × ${i}: ${count} risk${count === 1 ? '' : 's'} (score ${score}, ${level})`,
      });
    });
  });
  return { title, width: LEFT + impact.length * CELL + 8, height: gridBottom + BOTTOM, cellSize: CELL, rows, columns, axis, cells, total };
}
