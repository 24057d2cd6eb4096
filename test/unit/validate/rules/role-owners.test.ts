import { describe, expect, it } from 'vitest';
import { aRecord, check, found, withRule } from '../../../helpers/engine.js';

const ROLE = aRecord('role', 'ROLE-LEAD', 'title: AI Governance Lead\nholder: Dana Whitfield\nresponsibilities: [Run the AIMS]');

function warnings(files: Record<string, string>): ReturnType<typeof withRule> {
  return withRule(check({ 'aims/role.yaml': ROLE, ...files }).diagnostics, 'owner/role-title');
}

describe('roleOwners', () => {
  it('an owner written as a role title is a warning that names the role id', () => {
    const out = warnings({ 'aims/r.yaml': aRecord('risk', 'R-1', 'owner: ai governance  lead') });
    expect(found(out)).toEqual([{ rule: 'owner/role-title', file: 'aims/r.yaml', line: 4, column: 8 }]);
    expect(out[0]?.severity).toBe('warning');
    expect(out[0]?.message).toContain('is the title of role `ROLE-LEAD`, not its id');
    expect(out[0]?.hint).toContain('write `ROLE-LEAD`');
  });

  it('a job title no role defines (CTO, DevOps Engineer) is a warning, also on review and corrective actions', () => {
    const out = warnings({
      'aims/r.yaml': aRecord('risk', 'R-1', 'owner: CTO'),
      'aims/m.yaml': aRecord('review', 'MR-1', 'actions:\n  - { action: Patch, owner: DevOps Engineer, due: 2026-01-01 }'),
      'aims/n.yaml': aRecord('nonconformity', 'NC-1', 'corrective_actions:\n  - { action: Fix, owner: Head of Data, due: 2026-01-01 }'),
    });
    expect(out.map((d) => d.location.file).sort()).toEqual(['aims/m.yaml', 'aims/n.yaml', 'aims/r.yaml']);
    expect(out.every((d) => d.message.includes('looks like a role title, but no role record defines it'))).toBe(true);
  });

  it('a role id, a role holder or another person is no warning', () => {
    const out = warnings({
      'aims/a.yaml': aRecord('risk', 'R-1', 'owner: ROLE-LEAD'),
      'aims/b.yaml': aRecord('risk', 'R-2', 'owner: Dana Whitfield'),
      'aims/c.yaml': aRecord('risk', 'R-3', 'owner: Priya Natarajan'),
    });
    expect(out).toEqual([]);
  });
});
