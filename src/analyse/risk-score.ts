import type { AimsConfig } from '../model/config.js';

/** Score = position of likelihood × position of impact on the configured scales (1-based), or undefined off-scale. */
export function riskScore(config: AimsConfig, likelihood: string | undefined, impact: string | undefined): number | undefined {
  const l = likelihood === undefined ? -1 : config.risk.likelihood.indexOf(likelihood);
  const i = impact === undefined ? -1 : config.risk.impact.indexOf(impact);
  return l < 0 || i < 0 ? undefined : (l + 1) * (i + 1);
}

export function needsTreatment(config: AimsConfig, score: number | undefined): boolean {
  return score !== undefined && score > config.risk.acceptance;
}
