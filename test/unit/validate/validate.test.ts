import { describe, expect, it } from 'vitest';
import { configInput, loadConfig } from '../../../src/validate/load-config.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';
import { RECORD_KINDS } from '../../../src/model/record.js';
import type { PathKind, RepoSnapshot } from '../../../src/model/snapshot.js';
import { validate } from '../../../src/validate/validate.js';
import { aRecord, catalogue, check, found, schemas, stream } from '../../helpers/engine.js';

describe('validate', () => {
  it('accepts a minimal valid record of every kind (the test builders are sound)', () => {
    const files = Object.fromEntries(RECORD_KINDS.map((kind) => [`aims/${kind}.yaml`, aRecord(kind, kind === 'system' ? 'SYS-1' : kind === 'role' ? 'ROLE-1' : `${kind}-1`)]));
    const result = check(files);
    expect(result.diagnostics).toEqual([]);
    expect(result.summary).toEqual({ files: 17, records: 17, errors: 0, warnings: 0 });
    expect(result.records.map((r) => r.kind).sort()).toEqual([...RECORD_KINDS].sort());
  });

  it('lets a record with schema errors still satisfy references to it (no cascade)', () => {
    const result = check({
      'aims/system.yaml': aRecord('system', 'SYS-1', 'lifecycle: retiring\ncolour: blue'),
      'aims/risk.yaml': aRecord('risk', 'R-1', 'systems: [SYS-1]'),
      'aims/scope.yaml': aRecord('scope', 'SC-1', 'systems: [SYS-1]'),
    });
    expect(found(result.diagnostics)).toEqual([
      { rule: 'schema/enum', file: 'aims/system.yaml', line: 4, column: 12 },
      { rule: 'schema/unknown-field', file: 'aims/system.yaml', line: 5, column: 1 },
    ]);
    expect(result.summary.records).toBe(3);
  });

  it('lets a record missing required fields, or with a syntax error, still be referenced', () => {
    const result = check({
      'aims/system.yaml': 'kind: system\nid: SYS-1\n',
      'aims/role.yaml': 'kind: role\nid: ROLE-1\ntitle: @broken\n',
      'aims/risk.yaml': aRecord('risk', 'R-1', 'systems: [SYS-1]'),
      'aims/competence.yaml': aRecord('competence', 'CO-1', 'role: ROLE-1'),
    });
    expect(found(result.diagnostics).map((d) => d.rule)).toEqual(['yaml/syntax', 'schema/required', 'schema/required', 'schema/required']);
    // A broken document's schema errors are not reported: its data is partial.
    expect(found(result.diagnostics)[0]).toEqual({ rule: 'yaml/syntax', file: 'aims/role.yaml', line: 3, column: 8 });
  });

  it('still applies cross-record rules to the values a record wrote, even invalid ones', () => {
    // `systems: [SYS-1, 7]`: the 7 is the schema's to report; SYS-9 is still an unknown id at its own position.
    const result = check({ 'aims/s.yaml': aRecord('system', 'SYS-1'), 'aims/r.yaml': aRecord('risk', 'R-1', 'systems: [7, SYS-9]') });
    expect(found(result.diagnostics)).toEqual([
      { rule: 'schema/type', file: 'aims/r.yaml', line: 4, column: 11 },
      { rule: 'ref/unknown-id', file: 'aims/r.yaml', line: 4, column: 14 },
    ]);
  });

  it('returns records pruned of invalid values, with their origin', () => {
    const result = check({ 'aims/r.yaml': stream(aRecord('role', 'ROLE-1'), aRecord('risk', 'R-1', 'status: Open\nsystems: [7]')) });
    const risk = result.records.find((r) => r.kind === 'risk');
    expect(risk).toMatchObject({ kind: 'risk', id: 'R-1', systems: [], origin: { file: 'aims/r.yaml', document: 1, line: 6 } });
    expect(risk && 'status' in risk).toBe(false);
  });

  it('prunes the invalid values of a record with a syntax error too, without reporting them', () => {
    // The syntax error (an unclosed `[`) makes the document broken; its values still reach the analysis.
    const result = check({
      'aims/c.yaml': aRecord('competence', 'CO-1', 'evidence: RISK-1\nholders:\n  - name: A\n    evidence: RISK-1\n  - name: B\n    evidence: [b.md, 3]\n  - 7\nrequired: [\n'),
    });
    const rules = found(result.diagnostics).map((d) => d.rule);
    expect(rules).toContain('yaml/syntax');
    expect(rules.filter((r) => r.startsWith('schema/'))).toEqual([]);
    const competence = result.records.find((r) => r.kind === 'competence');
    expect(competence).toMatchObject({ kind: 'competence', id: 'CO-1', holders: [{ name: 'A' }, { name: 'B', evidence: ['b.md'] }] });
    expect(competence && 'evidence' in competence).toBe(false);
    expect(competence?.kind === 'competence' && competence.holders?.[0] && 'evidence' in competence.holders[0]).toBe(false);
  });

  it('reports records/none at the repository when no file matched and there is no aims.yaml', () => {
    const result = check({});
    expect(found(result.diagnostics)).toEqual([{ rule: 'records/none', file: '.', line: 1, column: 1 }]);
    expect(result.diagnostics[0]?.message).toContain('match no file');
    expect(result.summary).toEqual({ files: 0, records: 0, errors: 1, warnings: 0 });
  });

  it('reports records/none when files matched but none holds a record', () => {
    const result = check({ 'aims/empty.yaml': '# todo\n', 'aims/list.yaml': '- a\n' });
    expect(found(result.diagnostics)).toEqual([
      { rule: 'records/none', file: '.', line: 1, column: 1 },
      { rule: 'file/empty', file: 'aims/empty.yaml', line: 1, column: 1 },
      { rule: 'record/not-a-record', file: 'aims/list.yaml', line: 1, column: 1 },
    ]);
    expect(result.diagnostics[0]?.message).toContain('2 file(s) match');
    expect(result.summary).toEqual({ files: 2, records: 0, errors: 2, warnings: 1 });
  });

  it('reports records/none at the `records` key of aims.yaml when there is one', () => {
    const loaded = loadConfig({ path: 'aims.yaml', text: 'organisation: Acme\nrecords: ["nowhere/*.yaml"]\n' }, schemas);
    const snapshot: RepoSnapshot = { recordFiles: [], paths: new Map<string, PathKind>([['aims.yaml', 'file']]) };
    const result = validate({ snapshot, ...configInput(loaded), catalogue, schemas });
    expect(found(result.diagnostics)).toEqual([{ rule: 'records/none', file: 'aims.yaml', line: 2, column: 1 }]);
    expect(result.diagnostics[0]?.message).toContain('`records` globs in aims.yaml');
  });

  it('locates the config diagnostics it is given in aims.yaml', () => {
    const loaded = loadConfig({ path: 'aims.yaml', text: 'risk:\n  acceptance: lots\n' }, schemas);
    const snapshot: RepoSnapshot = { recordFiles: [{ path: 'aims/r.yaml', text: aRecord('role', 'ROLE-1') }], paths: new Map() };
    const result = validate({ snapshot, ...configInput(loaded), catalogue, schemas });
    expect(found(result.diagnostics)).toEqual([{ rule: 'schema/type', file: 'aims.yaml', line: 2, column: 15 }]);
  });

  it('sorts the output by file, then line, then column, whatever order the files came in', () => {
    const result = check({
      'aims/z.yaml': aRecord('risk', 'R-2', 'status: bad\nsystems: [SYS-9]'),
      'aims/a.yaml': aRecord('risk', 'R-1', 'colour: red\nlikelihood: often\nclauses: [42.1]'),
      'aims/m.yaml': 'kind: risk\nid: R-3\ntitle: t\nlikelihood: likely\nimpact: minor\ntitle: again\n',
    });
    const list = found(result.diagnostics);
    expect(list.map((d) => `${d.file}:${d.line}:${d.column} ${d.rule}`)).toEqual([
      'aims/a.yaml:4:1 schema/unknown-field',
      'aims/a.yaml:5:13 risk/off-scale',
      'aims/a.yaml:6:11 ref/unknown-clause',
      'aims/m.yaml:6:1 yaml/duplicate-key',
      'aims/z.yaml:4:9 schema/enum',
      'aims/z.yaml:5:11 ref/unknown-id',
    ]);
  });

  it('sorts diagnostics at the same place by rule id', () => {
    // An unknown id that is also a bad pattern: both at the same value.
    const result = check({ 'aims/r.yaml': aRecord('risk', 'R-1', 'systems: ["bad id"]') });
    expect(found(result.diagnostics).map((d) => `${d.line}:${d.column} ${d.rule}`)).toEqual(['4:11 ref/unknown-id', '4:11 schema/pattern']);
  });

  it('counts errors and warnings in the summary', () => {
    const result = check({ 'aims/a.yaml': '', 'aims/b.yaml': aRecord('risk', 'R-1', 'likelihood: often') });
    expect(result.summary).toEqual({ files: 2, records: 1, errors: 1, warnings: 1 });
  });

  it('reports an unreadable record file and carries on with the others', () => {
    const snapshot: RepoSnapshot = {
      recordFiles: [
        { path: 'aims/bad.yaml', unreadable: { rule: 'file/encoding', message: 'invalid UTF-8 at byte 4', line: 1, column: 5 } },
        { path: 'aims/ok.yaml', text: aRecord('role', 'ROLE-1') },
      ],
      paths: new Map(),
    };
    const result = validate({ snapshot, config: DEFAULT_CONFIG, catalogue, schemas });
    expect(found(result.diagnostics)).toEqual([{ rule: 'file/encoding', file: 'aims/bad.yaml', line: 1, column: 5 }]);
    expect(result.summary).toEqual({ files: 2, records: 1, errors: 1, warnings: 0 });
  });

  it('gives every diagnostic a position, and keeps its pointer', () => {
    const result = check({ 'aims/r.yaml': aRecord('risk', 'R-1', 'treatment: {option: maybe}') });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ rule: 'schema/enum', location: { file: 'aims/r.yaml', document: 0, pointer: '/treatment/option', target: 'value', position: { line: 4, column: 21 } } }),
    ]);
  });
});
