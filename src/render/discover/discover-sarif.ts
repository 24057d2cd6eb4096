import type { DiscoverResult, DiscoverStatus } from '../../model/discover.js';
import { type SarifRule, sarifLog } from '../formatters/sarif.js';
import { describe, nextStep, STATUS_LABELS } from './discover-view.js';

const RULES: Record<DiscoverStatus, SarifRule> = {
  unregistered: {
    id: 'discover/unregistered',
    summary: 'The code uses AI, but no system record in the AIMS claims this repository.',
    fix: 'Add a system record whose `repositories` names this repository and whose `components` lists what it uses (aims discover --suggest writes one).',
    level: 'error',
  },
  unlisted: {
    id: 'discover/unlisted',
    summary: "The code uses an AI component that its system record does not list.",
    fix: "Add the component's signature id to the system record's `components`, or remove the use.",
    level: 'warning',
  },
  registered: {
    id: 'discover/registered',
    summary: 'The code uses an AI component that its system record lists.',
    fix: 'Nothing to do; keep the record current when the use changes.',
    level: 'note',
  },
};

/**
 * SARIF for the code repository's own code-scanning view: paths are relative to the folder
 * scanned, so run discover from the repository root (`aims discover . --root ../aims`).
 */
export function discoverSarif(result: DiscoverResult, context: { toolVersion: string; rulesUrl: string }): string {
  return sarifLog({
    rules: Object.values(RULES),
    results: result.findings.map((f) => ({
      ruleId: RULES[f.status].id,
      level: RULES[f.status].level,
      message: `${STATUS_LABELS[f.status]}: ${describe(result, f)}; ${nextStep(result, f)}`,
      file: f.file,
      line: f.line,
    })),
    ...context,
    root: 'The root of the scanned code repository.',
  });
}
