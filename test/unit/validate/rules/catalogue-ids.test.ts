import { describe, expect, it } from 'vitest';
import { aRecord, check, found, stream, withRule } from '../../../helpers/engine.js';

function clauses(files: Record<string, string>): ReturnType<typeof withRule> {
  return withRule(check(files).diagnostics, 'ref/unknown-clause');
}

describe('catalogueIds', () => {
  it('accepts clause ids, objectives and controls of the catalogue, quoted or not', () => {
    const files = { 'aims/p.yaml': aRecord('policy', 'POL-1', 'clauses: [9.1, "7.4", 6.1.2, A.2, A.6.2.4, 10]') };
    expect(check(files).diagnostics).toEqual([]);
  });

  it('reports a clause that is not in the catalogue, with a suggestion', () => {
    const out = clauses({ 'aims/p.yaml': aRecord('policy', 'POL-1', 'clauses: ["7.4", "7.9"]') });
    expect(found(out)).toEqual([{ rule: 'ref/unknown-clause', file: 'aims/p.yaml', line: 4, column: 18 }]);
    expect(out[0]?.message).toContain('`7.9` is not a clause or Annex A control of ISO/IEC 42001:2023');
    expect(out[0]?.message).toMatch(/did you mean `7\.\d`\?/);
    expect(out[0]?.hint).toContain('aims catalog');
  });

  it('reports an unquoted 9.10 as "9.10", not as clause 9.1', () => {
    const out = clauses({ 'aims/p.yaml': aRecord('policy', 'POL-1', 'clauses: [9.10]') });
    expect(found(out)).toEqual([{ rule: 'ref/unknown-clause', file: 'aims/p.yaml', line: 4, column: 11 }]);
    expect(out[0]?.message).toContain('`9.10`');
  });

  it('checks audit scope, finding refs and nonconformity refs', () => {
    const files = {
      'aims/audit.yaml': aRecord('audit', 'AU-1', 'scope: [9.2, A.9.9]\nfindings:\n  - id: F-1\n    type: minor\n    description: d\n    ref: 11.1'),
      'aims/nc.yaml': aRecord('nonconformity', 'NC-1', 'ref: A.6.2.9'),
    };
    expect(found(clauses(files))).toEqual([
      { rule: 'ref/unknown-clause', file: 'aims/audit.yaml', line: 4, column: 14 },
      { rule: 'ref/unknown-clause', file: 'aims/audit.yaml', line: 9, column: 10 },
      { rule: 'ref/unknown-clause', file: 'aims/nc.yaml', line: 4, column: 6 },
    ]);
  });

  it('accepts an organisation control id where a clause or control is expected', () => {
    const files = {
      'aims/c.yaml': aRecord('control', 'CTL-7'),
      'aims/nc.yaml': aRecord('nonconformity', 'NC-1', 'ref: CTL-7'),
    };
    expect(clauses(files)).toEqual([]);
    // …but not the id of some other kind of record.
    expect(found(clauses({ 'aims/s.yaml': aRecord('system', 'SYS-1'), 'aims/nc.yaml': aRecord('nonconformity', 'NC-1', 'ref: SYS-1') }))).toEqual([
      { rule: 'ref/unknown-clause', file: 'aims/nc.yaml', line: 4, column: 6 },
    ]);
  });

  it('requires annex_a entries to be Annex A controls, not clauses or objectives', () => {
    const out = clauses({ 'aims/c.yaml': aRecord('control', 'CTL-1', 'annex_a:\n  - A.6.2.4\n  - "6.1.2"\n  - A.6.2\n  - CTL-1') });
    expect(found(out)).toEqual([
      { rule: 'ref/unknown-clause', file: 'aims/c.yaml', line: 6, column: 5 },
      { rule: 'ref/unknown-clause', file: 'aims/c.yaml', line: 7, column: 5 },
      { rule: 'ref/unknown-clause', file: 'aims/c.yaml', line: 8, column: 5 },
    ]);
    expect(out[0]?.message).toContain('`6.1.2` is not an Annex A control');
  });

  it('reports a control whose id claims to be an Annex A control but is not one, at its id', () => {
    const out = clauses({ 'aims/c.yaml': stream(aRecord('control', 'A.6.2.4'), aRecord('control', 'A.6.2.9')) });
    expect(found(out)).toEqual([{ rule: 'ref/unknown-clause', file: 'aims/c.yaml', line: 8, column: 5 }]);
    expect(out[0]?.message).toContain('control id `A.6.2.9` looks like an Annex A control but is not one');
    expect(out[0]?.message).toMatch(/did you mean `A\.6\.2\.\d`\?/);
  });

  it('does not treat an A.-prefixed id of another kind as an Annex A claim', () => {
    expect(clauses({ 'aims/r.yaml': aRecord('risk', 'A.6.2.9') })).toEqual([]);
  });

  it('reports an objective used as a control record id', () => {
    expect(found(clauses({ 'aims/c.yaml': aRecord('control', 'A.6.2') }))).toEqual([{ rule: 'ref/unknown-clause', file: 'aims/c.yaml', line: 2, column: 5 }]);
  });
});
