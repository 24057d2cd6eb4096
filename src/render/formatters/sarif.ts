import { RULES } from '../../model/codes.js';
import type { Formatter } from './format-context.js';

/** A rule and a result as SARIF needs them; every aims command that speaks SARIF goes through sarifLog. */
export interface SarifRule {
  id: string;
  summary: string;
  fix: string;
  level: 'error' | 'warning' | 'note';
}
export interface SarifResult {
  ruleId: string;
  level: 'error' | 'warning' | 'note';
  message: string;
  file: string;
  line: number;
  column?: number;
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other viewers. Locations are relative to the
 * %SRCROOT% base, so findings land on the right lines of the repository.
 */
export function sarifLog(options: { rules: readonly SarifRule[]; results: readonly SarifResult[]; toolVersion: string; rulesUrl: string; root: string }): string {
  const index = new Map(options.rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aims',
            version: options.toolVersion,
            informationUri: options.rulesUrl.split('#')[0] ?? options.rulesUrl,
            rules: options.rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
              shortDescription: { text: r.summary },
              fullDescription: { text: `${r.summary} ${r.fix}` },
              help: { text: r.fix },
              helpUri: options.rulesUrl,
              defaultConfiguration: { level: r.level },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: options.root } } },
        results: options.results.map((r) => ({
          ruleId: r.ruleId,
          ruleIndex: index.get(r.ruleId) ?? 0,
          level: r.level,
          message: { text: r.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: r.file === '.' ? '' : r.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
                region: { startLine: r.line, ...(r.column !== undefined ? { startColumn: r.column } : {}) },
              },
            },
          ],
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

export const sarif: Formatter = ({ diagnostics }, { toolVersion, rulesUrl }) => {
  const ids = Object.keys(RULES) as (keyof typeof RULES)[];
  return sarifLog({
    rules: ids.map((id) => ({ id, summary: RULES[id].summary, fix: RULES[id].fix, level: RULES[id].severity === 'error' ? 'error' : 'warning' })),
    results: diagnostics.map((d) => ({
      ruleId: d.rule,
      level: d.severity === 'error' ? 'error' : 'warning',
      message: d.hint ? `${d.message} (${d.hint})` : d.message,
      file: d.location.file,
      line: d.location.position.line,
      column: d.location.position.column,
    })),
    toolVersion,
    rulesUrl,
    root: 'The root of the AIMS repository.',
  });
};
