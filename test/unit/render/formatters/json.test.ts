import { describe, expect, it } from 'vitest';
import type { LocatedDiagnostic } from '../../../../src/model/diagnostic.js';
import { json } from '../../../../src/render/formatters/json.js';

const diagnostics: LocatedDiagnostic[] = [
  {
    rule: 'schema/enum',
    severity: 'error',
    message: '`status` must be one of open or closed',
    hint: 'a hint',
    location: { file: 'aims/r.yaml', document: 1, pointer: '/status', target: 'value', position: { line: 7, column: 9 } },
    related: { label: 'also', location: { file: 'x' } },
  },
  { rule: 'file/empty', severity: 'warning', message: 'empty', location: { file: 'aims/e.yaml', position: { line: 1, column: 1 } } },
];
const summary = { files: 2, records: 1, errors: 1, warnings: 1 };

describe('json formatter', () => {
  it('prints exactly { diagnostics: [{ file, line, column, severity, rule, message }], summary }, in that key order', () => {
    const out = json({ diagnostics, summary, files: [] }, { color: true, toolVersion: '1.2.3', rulesUrl: 'https://example.test/#rules' });
    const parsed = JSON.parse(out) as { diagnostics: Record<string, unknown>[]; summary: Record<string, unknown> };
    expect(Object.keys(parsed)).toEqual(['diagnostics', 'summary']);
    for (const d of parsed.diagnostics) expect(Object.keys(d)).toEqual(['file', 'line', 'column', 'severity', 'rule', 'message']);
    expect(Object.keys(parsed.summary)).toEqual(['files', 'records', 'errors', 'warnings']);
    expect(parsed).toEqual({
      diagnostics: [
        { file: 'aims/r.yaml', line: 7, column: 9, severity: 'error', rule: 'schema/enum', message: '`status` must be one of open or closed' },
        { file: 'aims/e.yaml', line: 1, column: 1, severity: 'warning', rule: 'file/empty', message: 'empty' },
      ],
      summary: { files: 2, records: 1, errors: 1, warnings: 1 },
    });
  });

  it('is pretty-printed, ends with a newline and never contains colour codes', () => {
    const out = json({ diagnostics, summary, files: [] }, { color: true, toolVersion: '1.2.3', rulesUrl: 'https://example.test/#rules' });
    expect(out.endsWith('}\n')).toBe(true);
    expect(out).toContain('\n  "diagnostics": [');
    expect(out).not.toContain('\u001b[');
  });

  it('prints an empty list when there is nothing to report', () => {
    expect(JSON.parse(json({ diagnostics: [], summary: { files: 0, records: 0, errors: 0, warnings: 0 }, files: [] }, { color: false, toolVersion: '0', rulesUrl: 'https://example.test/#rules' }))).toEqual({
      diagnostics: [],
      summary: { files: 0, records: 0, errors: 0, warnings: 0 },
    });
  });

  it('drops extra summary fields a caller might pass', () => {
    const wide = { ...summary, extra: 1 };
    expect(Object.keys((JSON.parse(json({ diagnostics: [], summary: wide, files: [] }, { color: false, toolVersion: '0', rulesUrl: 'https://example.test/#rules' })) as { summary: object }).summary)).toEqual([
      'files',
      'records',
      'errors',
      'warnings',
    ]);
  });
});
