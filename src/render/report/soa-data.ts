import type { ReportModel, SoaRow } from './report-model.js';

/** The SoA in machine formats. CSV follows RFC 4180: every field quoted, CRLF rows, a header row. */

const COLUMNS: readonly [string, (r: SoaRow) => string][] = [
  ['Control', (r) => r.id],
  ['Title', (r) => r.title],
  ['Source', (r) => (r.source === 'annex-a' ? 'Annex A' : 'Organisation')],
  ['Applicable', (r) => r.applicable],
  ['Justification', (r) => r.justification],
  ['Status', (r) => r.status],
  ['Owner', (r) => r.owner],
  ['Annex A mapping', (r) => r.mapping.join('; ')],
  ['Suggested decision', (r) => r.suggested],
  ['Linked risks', (r) => r.risks.join('; ')],
  ['Evidence', (r) => [...r.evidence, ...r.evidenceVia.map((id) => `via ${id}`)].join('; ')],
  ['Last changed', (r) => r.lastChanged],
  ['Version', (r) => r.version],
  ['Changed by', (r) => r.changedBy],
  ['Gap', (r) => (r.gap ? 'yes' : 'no')],
  ['Gap reason', (r) => r.gapReason],
];

export function soaCsv(model: ReportModel): string {
  const line = (fields: readonly string[]): string => fields.map(csvField).join(',') + '\r\n';
  // A UTF-8 BOM makes Excel read non-ASCII text correctly; LibreOffice and parsers accept it.
  return '\uFEFF' + line(COLUMNS.map(([name]) => name)) + model.soa.rows.map((r) => line(COLUMNS.map(([, get]) => get(r)))).join('');
}

export function csvField(value: string): string {
  // Leading = + - @ would run as a formula in a spreadsheet: prefix with an apostrophe (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function soaJson(model: ReportModel): string {
  return (
    JSON.stringify(
      {
        organisation: model.organisation,
        scope: model.scope.statement,
        asOf: model.asOf,
        commit: model.revision.commit || null,
        dirty: model.revision.dirty,
        controls: model.soa.rows,
      },
      null,
      2,
    ) + '\n'
  );
}
