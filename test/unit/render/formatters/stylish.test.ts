import { describe, expect, it } from 'vitest';
import type { LocatedDiagnostic, Severity } from '../../../../src/model/diagnostic.js';
import type { RuleId } from '../../../../src/model/codes.js';
import { stylish } from '../../../../src/render/formatters/stylish.js';

const ANSI = /\u001b\[[0-9;]*m/;

const d = (file: string, line: number, column: number, rule: RuleId, message: string, severity: Severity = 'error', hint?: string): LocatedDiagnostic => ({
  rule,
  severity,
  message,
  location: { file, position: { line, column } },
  ...(hint === undefined ? {} : { hint }),
});

const DIAGNOSTICS = [
  d('aims/a.yaml', 2, 5, 'schema/enum', '`status` must be one of open or closed'),
  d('aims/a.yaml', 12, 1, 'schema/unknown-field', 'unknown field `colour`', 'error', 'remove it'),
  d('aims/b.yaml', 1, 1, 'file/empty', 'this file holds no record yet', 'warning'),
];
const SUMMARY = { files: 2, records: 1, errors: 2, warnings: 1 };

describe('stylish formatter', () => {
  it('groups diagnostics under their file, aligned, with severity, message, hint and rule', () => {
    const out = stylish({ diagnostics: DIAGNOSTICS, summary: SUMMARY, files: [] }, { color: false, toolVersion: '0', rulesUrl: 'https://example.test/#rules' });
    expect(out).toBe(
      [
        'aims/a.yaml',
        '  2:5   error    `status` must be one of open or closed  schema/enum',
        '  12:1  error    unknown field `colour` — remove it  schema/unknown-field',
        '',
        'aims/b.yaml',
        '  1:1  warning  this file holds no record yet  file/empty',
        '',
        '✖ 3 problems (2 errors, 1 warning); checked 1 record in 2 files',
        '',
      ].join('\n'),
    );
  });

  it('names each file once even when its diagnostics are not next to each other', () => {
    const out = stylish({ diagnostics: [DIAGNOSTICS[0]!, DIAGNOSTICS[2]!, DIAGNOSTICS[1]!], summary: SUMMARY, files: [] }, { color: false, toolVersion: '0', rulesUrl: 'https://example.test/#rules' });
    expect(out.split('\n').filter((l) => l === 'aims/a.yaml')).toHaveLength(1);
    expect(out.indexOf('12:1')).toBeLessThan(out.indexOf('aims/b.yaml'));
  });

  it('prints a clean summary when there are no problems', () => {
    expect(stylish({ diagnostics: [], summary: { files: 3, records: 5, errors: 0, warnings: 0 }, files: [] }, { color: false, toolVersion: '0', rulesUrl: 'https://example.test/#rules' })).toBe('✔ 5 records in 3 files: no problems\n');
    expect(stylish({ diagnostics: [], summary: { files: 1, records: 1, errors: 0, warnings: 0 }, files: [] }, { color: false, toolVersion: '0', rulesUrl: 'https://example.test/#rules' })).toBe('✔ 1 record in 1 file: no problems\n');
  });

  it('uses singular words for one problem', () => {
    const out = stylish({ diagnostics: [DIAGNOSTICS[0]!], summary: { files: 1, records: 1, errors: 1, warnings: 0 }, files: [] }, { color: false, toolVersion: '0', rulesUrl: 'https://example.test/#rules' });
    expect(out).toContain('✖ 1 problem (1 error, 0 warnings); checked 1 record in 1 file');
  });

  it('prints no ANSI codes when colour is off', () => {
    expect(stylish({ diagnostics: DIAGNOSTICS, summary: SUMMARY, files: [] }, { color: false, toolVersion: '0', rulesUrl: 'https://example.test/#rules' })).not.toMatch(ANSI);
    expect(stylish({ diagnostics: [], summary: SUMMARY, files: [] }, { color: false, toolVersion: '0', rulesUrl: 'https://example.test/#rules' })).not.toMatch(ANSI);
  });

  it('colours severities, file names and the summary when colour is on, with the same text underneath', () => {
    const coloured = stylish({ diagnostics: DIAGNOSTICS, summary: SUMMARY, files: [] }, { color: true, toolVersion: '0', rulesUrl: 'https://example.test/#rules' });
    expect(coloured).toMatch(ANSI);
    expect(coloured).toContain('\u001b[31merror  \u001b[39m');
    expect(coloured).toContain('\u001b[33mwarning\u001b[39m');
    expect(coloured).toContain('\u001b[4maims/a.yaml\u001b[24m');
    const plain = stylish({ diagnostics: DIAGNOSTICS, summary: SUMMARY, files: [] }, { color: false, toolVersion: '0', rulesUrl: 'https://example.test/#rules' });
    expect(coloured.replace(new RegExp(ANSI.source, 'g'), '')).toBe(plain);
  });

  it('ends a warnings-only run in a yellow ⚠ line, not a red ✖', () => {
    const out = stylish({ diagnostics: [DIAGNOSTICS[2]!], summary: { files: 1, records: 0, errors: 0, warnings: 1 }, files: [] }, { color: true, toolVersion: '0', rulesUrl: 'https://example.test/#rules' });
    expect(out).toContain('\u001b[33m\u001b[1m⚠ 1 warning, no errors; checked 0 records in 1 file');
    expect(out).not.toContain('✖');
  });

  it('prints each file as displayPath gives it (relative to the current folder), keeping the repository path elsewhere', () => {
    const out = stylish({ diagnostics: DIAGNOSTICS, summary: SUMMARY, files: [] }, { color: false, toolVersion: '0', rulesUrl: 'x', displayPath: (f) => `../../${f}` });
    expect(out).toContain('../../aims/a.yaml\n');
  });
});
