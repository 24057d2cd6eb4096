import { describe, expect, it } from 'vitest';
import { stringsAt, valuesAt } from '../../../src/validate/raw-record.js';

const DATA = {
  owner: 'ROLE-1',
  systems: ['SYS-1', 7, 'SYS-2'],
  treatment: { option: 'mitigate', controls: ['C-1'] },
  findings: [{ ref: '9.1', nonconformity: 'NC-1' }, 'oops', { ref: 9.2 }, { id: 'F-4' }],
};

describe('valuesAt', () => {
  it('finds a plain field with its pointer', () => {
    expect(valuesAt(DATA, 'owner')).toEqual([{ value: 'ROLE-1', pointer: '/owner' }]);
  });

  it('walks list items with []', () => {
    expect(valuesAt(DATA, 'systems[]')).toEqual([
      { value: 'SYS-1', pointer: '/systems/0' },
      { value: 7, pointer: '/systems/1' },
      { value: 'SYS-2', pointer: '/systems/2' },
    ]);
  });

  it('walks nested fields and fields of list items, skipping items that are not mappings', () => {
    expect(valuesAt(DATA, 'treatment.controls[]')).toEqual([{ value: 'C-1', pointer: '/treatment/controls/0' }]);
    expect(valuesAt(DATA, 'findings[].ref')).toEqual([
      { value: '9.1', pointer: '/findings/0/ref' },
      { value: 9.2, pointer: '/findings/2/ref' },
    ]);
  });

  it('yields nothing for missing fields, or a [] over something that is not a list', () => {
    expect(valuesAt(DATA, 'risks[]')).toEqual([]);
    expect(valuesAt(DATA, 'owner[]')).toEqual([]);
    expect(valuesAt(DATA, 'treatment.plan')).toEqual([]);
    expect(valuesAt(null, 'owner')).toEqual([]);
  });

  it('never finds inherited properties such as constructor or __proto__', () => {
    expect(valuesAt({}, 'constructor')).toEqual([]);
    expect(valuesAt({}, '__proto__')).toEqual([]);
    expect(valuesAt({ a: {} }, 'a.toString')).toEqual([]);
  });
});

describe('stringsAt', () => {
  it('keeps only the string values', () => {
    expect(stringsAt(DATA, 'systems[]').map((f) => f.pointer)).toEqual(['/systems/0', '/systems/2']);
    expect(stringsAt(DATA, 'findings[].ref')).toEqual([{ value: '9.1', pointer: '/findings/0/ref' }]);
  });
});
