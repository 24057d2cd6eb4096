import { describe, expect, it } from 'vitest';
import { pruneInvalid } from '../../../src/validate/prune.js';
import type { SchemaIssue } from '../../../src/validate/schema-registry.js';
import { schemas } from '../../helpers/engine.js';

const issue = (keyword: string, instancePath: string, params: Record<string, unknown> = {}): SchemaIssue => ({ keyword, instancePath, params, message: keyword });

describe('pruneInvalid', () => {
  it('returns the data itself when there is nothing to remove', () => {
    const data = { kind: 'risk', id: 'R-1' };
    expect(pruneInvalid(data, [])).toBe(data);
    // A missing required field has nothing to remove, nor has an issue about the whole record.
    expect(pruneInvalid(data, [issue('required', '', { missingProperty: 'title' }), issue('type', '')])).toBe(data);
  });

  it('removes invalid values and unknown fields, keeping the rest', () => {
    const data = { kind: 'risk', id: 'R-1', status: 'Open', colour: 'red', treatment: { option: 'reduce', plan: 'p' } };
    const pruned = pruneInvalid(data, [
      issue('enum', '/status'),
      issue('additionalProperties', '', { additionalProperty: 'colour' }),
      issue('enum', '/treatment/option'),
    ]);
    expect(pruned).toEqual({ kind: 'risk', id: 'R-1', treatment: { plan: 'p' } });
  });

  it('removes several list items without shifting the others onto the wrong index', () => {
    const data = { systems: ['a', 1, 'b', 2, 'c', 3] };
    const pruned = pruneInvalid(data, [issue('type', '/systems/1'), issue('type', '/systems/5'), issue('type', '/systems/3')]);
    expect(pruned).toEqual({ systems: ['a', 'b', 'c'] });
  });

  it('removes an item once even when several issues (anyOf branches) name it', () => {
    const data = { clauses: ['9.1', true, '7.4'] };
    const pruned = pruneInvalid(data, [issue('type', '/clauses/1'), issue('type', '/clauses/1'), issue('anyOf', '/clauses/1')]);
    expect(pruned).toEqual({ clauses: ['9.1', '7.4'] });
  });

  it('removes a field inside a list item, and whole items of the same list, by their original indexes', () => {
    const data = {
      findings: [
        { id: 'F-1', type: 'big' },
        'not a finding',
        { id: 'F-3', type: 'minor', extra: 1 },
      ],
    };
    const pruned = pruneInvalid(data, [
      issue('enum', '/findings/0/type'),
      issue('type', '/findings/1'),
      issue('additionalProperties', '/findings/2', { additionalProperty: 'extra' }),
    ]);
    expect(pruned).toEqual({ findings: [{ id: 'F-1' }, { id: 'F-3', type: 'minor' }] });
  });

  it('leaves the original object untouched', () => {
    const data = { kind: 'risk', status: 'Open', systems: ['a', 1, 'b'], treatment: { option: 'reduce' } };
    const before = structuredClone(data);
    const pruned = pruneInvalid(data, [issue('enum', '/status'), issue('type', '/systems/1'), issue('enum', '/treatment/option')]);
    expect(data).toEqual(before);
    expect(pruned).not.toBe(data);
    expect(pruned['systems']).not.toBe(data.systems);
  });

  it('unescapes ~1 and ~0 in the pointers it follows', () => {
    const data = { 'x-links': { 'a/b': 1, 'c~d': 2, keep: 3 } };
    expect(pruneInvalid(data, [issue('type', '/x-links/a~1b'), issue('type', '/x-links/c~0d')])).toEqual({ 'x-links': { keep: 3 } });
  });

  it('ignores pointers that lead nowhere', () => {
    const data = { a: { b: 1 } };
    expect(pruneInvalid(data, [issue('type', '/missing/deep/path'), issue('type', '/a/b/c')])).toEqual({ a: { b: 1 } });
  });

  it('leaves a record that fails the real schema with only its valid values', () => {
    const data = {
      kind: 'risk',
      id: 'R-1',
      title: 'T',
      likelihood: 'likely',
      impact: 'minor',
      systems: ['SYS-1', 42, 'SYS-2'],
      status: 'Open',
      colour: 'red',
      treatment: { option: 'mitigate', due: '2026-02-30', controls: ['C-1'] },
    };
    expect(pruneInvalid(data, schemas.validate('risk', data))).toEqual({
      kind: 'risk',
      id: 'R-1',
      title: 'T',
      likelihood: 'likely',
      impact: 'minor',
      systems: ['SYS-1', 'SYS-2'],
      treatment: { option: 'mitigate', controls: ['C-1'] },
    });
  });

  it('drops an own `__proto__` field without touching any prototype', () => {
    const data: Record<string, unknown> = JSON.parse('{"kind":"risk","__proto__":{"polluted":1}}') as Record<string, unknown>;
    const pruned = pruneInvalid(data, [issue('additionalProperties', '', { additionalProperty: '__proto__' })]);
    expect(Object.keys(pruned)).toEqual(['kind']);
    expect(Object.getPrototypeOf(pruned)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});
