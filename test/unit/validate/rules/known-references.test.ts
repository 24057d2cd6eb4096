import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../../src/model/config.js';
import type { RawRecord } from '../../../../src/validate/raw-record.js';
import { knownReferences } from '../../../../src/validate/rules/known-references.js';
import { aRecord, catalogue, check, found, stream, withRule } from '../../../helpers/engine.js';

/** Only the diagnostics of this rule's two codes. */
function refs(files: Record<string, string>): ReturnType<typeof found> {
  return found(check(files).diagnostics).filter((d) => d.rule.startsWith('ref/') && d.rule !== 'ref/unknown-clause');
}

const SYSTEM = aRecord('system', 'SYS-1');
const ROLE = aRecord('role', 'ROLE-DPO');

describe('knownReferences', () => {
  it('accepts references to records that exist with the right kind', () => {
    const files = {
      'aims/s.yaml': stream(SYSTEM, ROLE, aRecord('control', 'CTL-1', 'risks: [R-1]')),
      'aims/r.yaml': aRecord('risk', 'R-1', 'owner: ROLE-DPO\nsystems: [SYS-1]\ntreatment:\n  option: mitigate\n  controls: [CTL-1]'),
    };
    expect(check(files).diagnostics).toEqual([]);
  });

  it('reports an unknown id at the item, with a did-you-mean', () => {
    const result = check({
      'aims/s.yaml': SYSTEM,
      'aims/r.yaml': aRecord('risk', 'R-1', 'systems: [SYS-1, SYS-2]'),
    });
    const unknown = withRule(result.diagnostics, 'ref/unknown-id');
    expect(found(unknown)).toEqual([{ rule: 'ref/unknown-id', file: 'aims/r.yaml', line: 4, column: 18 }]);
    expect(unknown[0]?.message).toContain('no system record has the id `SYS-2`');
    expect(unknown[0]?.message).toContain('did you mean `SYS-1`?');
  });

  it('gives no suggestion when no id of that kind is close', () => {
    const result = check({ 'aims/s.yaml': SYSTEM, 'aims/r.yaml': aRecord('risk', 'R-1', 'systems: [payments-engine]') });
    expect(withRule(result.diagnostics, 'ref/unknown-id')[0]?.message).not.toContain('did you mean');
  });

  it('reports a reference to a record of the wrong kind', () => {
    const result = check({
      'aims/s.yaml': SYSTEM,
      'aims/r.yaml': aRecord('risk', 'R-1', 'treatment:\n  option: mitigate\n  controls:\n    - SYS-1'),
    });
    const wrong = withRule(result.diagnostics, 'ref/wrong-kind');
    expect(found(wrong)).toEqual([{ rule: 'ref/wrong-kind', file: 'aims/r.yaml', line: 7, column: 7 }]);
    expect(wrong[0]?.message).toContain('`SYS-1` is a system record');
    expect(wrong[0]?.message).toContain('`treatment.controls` must name a control');
  });

  it('checks every reference field the record model lists', () => {
    const files = {
      'aims/scope.yaml': aRecord('scope', 'SC-1', 'systems: [SYS-X]'),
      'aims/risk.yaml': aRecord('risk', 'R-1', 'systems: [SYS-X]\ntreatment: {option: mitigate, controls: [CTL-X]}'),
      'aims/control.yaml': aRecord('control', 'CTL-1', 'risks: [R-X]'),
      'aims/assessment.yaml': aRecord('assessment', 'AS-1', 'system: SYS-X'),
      'aims/competence.yaml': aRecord('competence', 'CO-1', 'role: ROLE-X'),
      'aims/audit.yaml': aRecord('audit', 'AU-1', 'findings:\n  - id: F-1\n    type: minor\n    description: d\n    nonconformity: NC-X'),
    };
    expect(refs(files)).toEqual([
      { rule: 'ref/unknown-id', file: 'aims/assessment.yaml', line: 4, column: 9 },
      { rule: 'ref/unknown-id', file: 'aims/audit.yaml', line: 8, column: 20 },
      { rule: 'ref/unknown-id', file: 'aims/competence.yaml', line: 4, column: 7 },
      { rule: 'ref/unknown-id', file: 'aims/control.yaml', line: 4, column: 9 },
      { rule: 'ref/unknown-id', file: 'aims/risk.yaml', line: 4, column: 11 },
      { rule: 'ref/unknown-id', file: 'aims/risk.yaml', line: 5, column: 42 },
      { rule: 'ref/unknown-id', file: 'aims/scope.yaml', line: 4, column: 11 },
    ]);
  });

  describe('soft references (owner, nonconformity source)', () => {
    it('ignores an owner that is a person\'s name', () => {
      expect(refs({ 'aims/roles.yaml': ROLE, 'aims/r.yaml': aRecord('risk', 'R-1', 'owner: Jane Smith') })).toEqual([]);
      expect(refs({ 'aims/roles.yaml': ROLE, 'aims/r.yaml': aRecord('risk', 'R-1', 'owner: Jane') })).toEqual([]);
    });

    it('reports an owner that looks like a role id when role ids use that prefix', () => {
      const result = check({ 'aims/roles.yaml': ROLE, 'aims/r.yaml': aRecord('risk', 'R-1', 'owner: ROLE-DP0') });
      const unknown = withRule(result.diagnostics, 'ref/unknown-id');
      expect(found(unknown)).toEqual([{ rule: 'ref/unknown-id', file: 'aims/r.yaml', line: 4, column: 8 }]);
      expect(unknown[0]?.message).toContain('no role record has the id `ROLE-DP0`');
      expect(unknown[0]?.message).toContain('did you mean `ROLE-DPO`?');
    });

    it('reports a ROLE-XYZ owner in any record kind, and in review and corrective actions', () => {
      const files = {
        'aims/roles.yaml': ROLE,
        'aims/p.yaml': aRecord('policy', 'POL-1', 'owner: ROLE-XYZ'),
        'aims/rv.yaml': aRecord('review', 'RV-1', 'actions:\n  - action: Do it\n    owner: ROLE-XYZ'),
        'aims/nc.yaml': aRecord('nonconformity', 'NC-1', 'corrective_actions:\n  - action: Fix\n    owner: ROLE-XYZ\n    due: 2026-05-01'),
      };
      expect(refs(files)).toEqual([
        { rule: 'ref/unknown-id', file: 'aims/nc.yaml', line: 6, column: 12 },
        { rule: 'ref/unknown-id', file: 'aims/p.yaml', line: 4, column: 8 },
        { rule: 'ref/unknown-id', file: 'aims/rv.yaml', line: 6, column: 12 },
      ]);
    });

    it('ignores a ROLE-XYZ owner when no role id uses the ROLE- prefix', () => {
      expect(refs({ 'aims/r.yaml': aRecord('risk', 'R-1', 'owner: ROLE-XYZ') })).toEqual([]);
      expect(refs({ 'aims/roles.yaml': aRecord('role', 'dpo'), 'aims/r.yaml': aRecord('risk', 'R-1', 'owner: ROLE-XYZ') })).toEqual([]);
      expect(refs({ 'aims/roles.yaml': aRecord('role', 'R-DPO'), 'aims/r.yaml': aRecord('risk', 'R-1', 'owner: ROLE-XYZ') })).toEqual([]);
    });

    it('ignores an owner with spaces even when it starts like a role id', () => {
      expect(refs({ 'aims/roles.yaml': ROLE, 'aims/r.yaml': aRecord('risk', 'R-1', 'owner: ROLE-DPO (acting)') })).toEqual([]);
    });

    it('reports an owner that names an existing record of another kind', () => {
      const result = check({ 'aims/roles.yaml': stream(ROLE, SYSTEM), 'aims/r.yaml': aRecord('risk', 'R-1', 'owner: SYS-1') });
      expect(found(withRule(result.diagnostics, 'ref/wrong-kind'))).toEqual([{ rule: 'ref/wrong-kind', file: 'aims/r.yaml', line: 4, column: 8 }]);
    });

    it('checks a nonconformity source against audit ids only when it looks like one', () => {
      const audit = aRecord('audit', 'AUD-2026');
      expect(refs({ 'aims/a.yaml': audit, 'aims/nc.yaml': aRecord('nonconformity', 'NC-1', 'source: AUD-2026') })).toEqual([]);
      expect(refs({ 'aims/a.yaml': audit, 'aims/nc.yaml': aRecord('nonconformity', 'NC-1', 'source: customer complaint') })).toEqual([]);
      expect(refs({ 'aims/a.yaml': audit, 'aims/nc.yaml': aRecord('nonconformity', 'NC-1', 'source: AUD-2025') })).toEqual([
        { rule: 'ref/unknown-id', file: 'aims/nc.yaml', line: 4, column: 9 },
      ]);
    });
  });

  it('accepts an id shared by two records when one of them has the expected kind', () => {
    const files = { 'aims/x.yaml': stream(SYSTEM, aRecord('control', 'SYS-1')), 'aims/r.yaml': aRecord('risk', 'R-1', 'systems: [SYS-1]') };
    expect(refs(files)).toEqual([]);
  });

  it('reports a pointer, not a position, when called directly', () => {
    const record = (kind: RawRecord['kind'], id: string, data: Record<string, unknown>): RawRecord => ({
      kind,
      id,
      origin: { file: `${id}.yaml`, document: 0, line: 1 },
      data: { kind, id, ...data },
    });
    const records = [record('risk', 'R-1', { systems: ['SYS-1', 'SYS-9'] }), record('system', 'SYS-1', {})];
    const byId = new Map(records.map((r) => [r.id ?? '', [r]]));
    const out = knownReferences({ records, all: records, byId, roles: [], config: DEFAULT_CONFIG, catalogue, paths: new Map() });
    expect(out).toEqual([
      {
        rule: 'ref/unknown-id',
        severity: 'error',
        message: 'no system record has the id `SYS-9` (did you mean `SYS-1`?)',
        location: { file: 'R-1.yaml', document: 0, pointer: '/systems/1' },
      },
    ]);
  });
});
