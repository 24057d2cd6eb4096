import { describe, expect, it } from 'vitest';
import { isRecordKind, RECORD_KINDS } from '../../../src/model/record.js';

describe('RECORD_KINDS', () => {
  it('lists the 17 kinds of the record model, in its order', () => {
    expect(RECORD_KINDS).toEqual(['context', 'scope', 'policy', 'role', 'system', 'risk', 'assessment', 'control', 'objective', 'competence', 'audit', 'review', 'nonconformity', 'document', 'supplier', 'incident', 'dataset']);
  });
});

describe('isRecordKind', () => {
  it('accepts exactly the kinds, case-sensitively', () => {
    for (const kind of RECORD_KINDS) expect(isRecordKind(kind)).toBe(true);
    expect(isRecordKind('Risk')).toBe(false);
    expect(isRecordKind('risks')).toBe(false);
    expect(isRecordKind('')).toBe(false);
    expect(isRecordKind(['risk'])).toBe(false);
    expect(isRecordKind(undefined)).toBe(false);
    expect(isRecordKind('constructor')).toBe(false);
  });
});
