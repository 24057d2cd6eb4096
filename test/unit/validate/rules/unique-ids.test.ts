import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src/model/config.js';
import type { RawRecord } from '../../../../src/validate/raw-record.js';
import { uniqueIds } from '../../../../src/validate/rules/unique-ids.js';
import { aRecord, catalogue, check, found, stream, withRule } from '../../../helpers/engine.js';

describe('uniqueIds', () => {
  it('accepts distinct ids', () => {
    expect(withRule(check({ 'aims/a.yaml': stream(aRecord('role', 'ROLE-1'), aRecord('role', 'ROLE-2')) }).diagnostics, 'id/duplicate')).toEqual([]);
  });

  it('reports both copies of a duplicate id, each naming the other place', () => {
    const result = check({
      'aims/a.yaml': aRecord('system', 'SYS-1'),
      'aims/b.yaml': stream(aRecord('role', 'ROLE-1'), aRecord('risk', 'SYS-1')),
    });
    const dups = withRule(result.diagnostics, 'id/duplicate');
    expect(found(dups)).toEqual([
      { rule: 'id/duplicate', file: 'aims/a.yaml', line: 2, column: 5 },
      { rule: 'id/duplicate', file: 'aims/b.yaml', line: 7, column: 5 },
    ]);
    expect(dups[0]?.message).toContain('duplicate id `SYS-1`');
    expect(dups[0]?.message).toContain('also defined at aims/b.yaml:7:5');
    expect(dups[1]?.message).toContain('also defined at aims/a.yaml:2:5');
  });

  it('reports every copy when an id is used three times', () => {
    const result = check({ 'aims/a.yaml': stream(aRecord('role', 'X'), aRecord('role', 'X'), aRecord('role', 'X')) });
    const dups = withRule(result.diagnostics, 'id/duplicate');
    expect(found(dups).map((d) => d.line)).toEqual([2, 7, 12]);
    expect(dups.every((d) => d.message.includes('3 records use it'))).toBe(true);
    expect(dups[0]?.message).toContain('also defined at aims/a.yaml:7:5');
    expect(dups[1]?.message).toContain('also defined at aims/a.yaml:2:5');
  });

  it('treats ids as case-sensitive', () => {
    expect(withRule(check({ 'aims/a.yaml': stream(aRecord('role', 'role-1'), aRecord('role', 'ROLE-1')) }).diagnostics, 'id/duplicate')).toEqual([]);
  });

  it('reports a pointer to each /id with a related location, when called directly', () => {
    const r = (file: string): RawRecord => ({ kind: 'role', id: 'ROLE-1', origin: { file, document: 0, line: 1 }, data: { kind: 'role', id: 'ROLE-1' } });
    const records = [r('a.yaml'), r('b.yaml')];
    const out = uniqueIds({ records, all: records, byId: new Map([['ROLE-1', records]]), roles: [], config: DEFAULT_CONFIG, catalogue, paths: new Map() });
    expect(out.map((d) => [d.location, d.related?.location])).toEqual([
      [{ file: 'a.yaml', document: 0, pointer: '/id' }, { file: 'b.yaml', document: 0, pointer: '/id' }],
      [{ file: 'b.yaml', document: 0, pointer: '/id' }, { file: 'a.yaml', document: 0, pointer: '/id' }],
    ]);
  });
});
