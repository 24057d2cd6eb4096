import type { Formatter } from './format-context.js';

/** Exactly `{ diagnostics: [{ file, line, column, severity, rule, message }], summary }`: a stable contract for scripts. */
export const json: Formatter = ({ diagnostics, summary }) =>
  JSON.stringify(
    {
      diagnostics: diagnostics.map((d) => ({
        file: d.location.file,
        line: d.location.position.line,
        column: d.location.position.column,
        severity: d.severity,
        rule: d.rule,
        message: d.message,
      })),
      summary: { files: summary.files, records: summary.records, errors: summary.errors, warnings: summary.warnings },
    },
    null,
    2,
  ) + '\n';
