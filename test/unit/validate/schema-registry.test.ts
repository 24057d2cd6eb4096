import { describe, expect, it } from 'vitest';
import { createSchemaRegistry, SCHEMA_BASE } from '../../../src/validate/schema-registry.js';
import { schemas } from '../../helpers/engine.js';

describe('createSchemaRegistry', () => {
  it('validates against a schema by its short name, returning no issues for valid data', () => {
    expect(schemas.validate('role', { kind: 'role', id: 'ROLE-1', title: 'T', responsibilities: ['x'] })).toEqual([]);
  });

  it('reports every issue (allErrors), with the pointer of each', () => {
    const issues = schemas.validate('role', { kind: 'role', id: 'ROLE 1', title: '', responsibilities: 'x' });
    expect(issues.map((i) => [i.keyword, i.instancePath])).toEqual([
      ['pattern', '/id'],
      ['minLength', '/title'],
      ['type', '/responsibilities'],
    ]);
  });

  it('lists the allowed property names with an unknown field, for did-you-mean', () => {
    const [issue] = schemas.validate('role', { kind: 'role', id: 'R', title: 'T', responsibilities: ['x'], holdr: 'Jo' });
    expect(issue?.keyword).toBe('additionalProperties');
    expect(issue?.params['additionalProperty']).toBe('holdr');
    expect(issue?.allowedProperties).toContain('holder');
  });

  it('lists the types an anyOf accepts', () => {
    const issues = schemas.validate('role', { kind: 'role', id: 'R', title: 'T', responsibilities: ['x'], clauses: [true] });
    expect(issues.find((i) => i.keyword === 'anyOf')?.anyOfTypes).toEqual(['string', 'number']);
  });

  it('checks date formats as real calendar dates', () => {
    const role = { kind: 'role', id: 'R', title: 'T', responsibilities: ['x'] };
    expect(schemas.validate('role', { ...role, updated: '2026-02-28' })).toEqual([]);
    expect(schemas.validate('role', { ...role, updated: '2026-02-30' }).map((i) => i.keyword)).toEqual(['format']);
  });

  it('throws for a schema name it does not know', () => {
    expect(() => schemas.validate('widget', {})).toThrow(/no schema named widget/);
  });

  it('compiles in strict mode: an unknown keyword in a schema is refused', () => {
    const bad = { $id: `${SCHEMA_BASE}bad.schema.json`, type: 'object', colour: 'red' };
    expect(() => createSchemaRegistry([bad]).validate('bad', {})).toThrow(/strict mode|unknown keyword/);
  });
});
