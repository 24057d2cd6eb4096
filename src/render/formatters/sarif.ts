import { RULES } from '../../model/codes.js';
import type { Formatter } from './format-context.js';

/**
 * SARIF 2.1.0 for GitHub code scanning and other viewers. Locations are relative to the
 * %SRCROOT% base, so findings land on the right lines of the repository.
 */
export const sarif: Formatter = ({ diagnostics }, { toolVersion, rulesUrl }) => {
  const ruleIds = Object.keys(RULES) as (keyof typeof RULES)[];
  const index = new Map(ruleIds.map((id, i) => [id as string, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'aims',
            version: toolVersion,
            informationUri: rulesUrl.replace(/#.*$/, ''),
            rules: ruleIds.map((id) => ({
              id,
              name: id.replace(/[/-](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/^\w/, (c) => c.toUpperCase()),
              shortDescription: { text: RULES[id].summary },
              fullDescription: { text: `${RULES[id].summary} ${RULES[id].fix}` },
              help: { text: RULES[id].fix },
              helpUri: rulesUrl,
              defaultConfiguration: { level: RULES[id].severity === 'error' ? 'error' : 'warning' },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the AIMS repository.' } } },
        results: diagnostics.map((d) => ({
          ruleId: d.rule,
          ruleIndex: index.get(d.rule) ?? 0,
          level: d.severity === 'error' ? 'error' : 'warning',
          message: { text: d.hint ? `${d.message} (${d.hint})` : d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.location.file === '.' ? '' : d.location.file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
                region: { startLine: d.location.position.line, startColumn: d.location.position.column },
              },
            },
          ],
        })),
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
