import { describe, expect, it } from 'vitest';
import { closest, editDistance, listWords } from '../../../src/model/suggest.js';

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', '')).toBe(0);
    expect(editDistance('risk', 'risk')).toBe(0);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('owner', 'ownr')).toBe(1);
    expect(editDistance('owner', 'owners')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('counts a swapped pair of neighbouring letters as one edit', () => {
    expect(editDistance('likelihood', 'likelihodo')).toBe(1);
    expect(editDistance('form', 'from')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
    // Optimal string alignment: a swapped pair is not edited again ("ca" → "abc" is 3, not 2).
    expect(editDistance('ca', 'abc')).toBe(3);
  });

  it('is symmetric', () => {
    for (const [a, b] of [['status', 'statsu'], ['impact', 'impcat'], ['ROLE-DPO', 'ROLE-DP0'], ['', 'x']] as const) {
      expect(editDistance(a, b)).toBe(editDistance(b, a));
    }
  });
});

describe('closest', () => {
  const FIELDS = ['likelihood', 'impact', 'treatment', 'status', 'owner'];

  it('returns the nearest candidate within the limit', () => {
    expect(closest('likelyhood', FIELDS)).toBe('likelihood');
    expect(closest('statsu', FIELDS)).toBe('status');
    expect(closest('impcat', FIELDS)).toBe('impact');
  });

  it('ignores case when comparing, and returns the candidate as written', () => {
    expect(closest('RISK', ['risk', 'role'])).toBe('risk');
    expect(closest('Owner', ['owner'])).toBe('owner');
  });

  it('returns undefined beyond the default limit (a third of the word, at least one)', () => {
    expect(closest('colour', FIELDS)).toBeUndefined();
    expect(closest('ab', ['xy'])).toBeUndefined();
    expect(closest('ab', ['ax'])).toBe('ax');
    // "ownerz" → "owner" is 1 edit, within 6/3 = 2; "oxnerzz" is 3 edits, beyond 7/3 = 2.
    expect(closest('ownerz', FIELDS)).toBe('owner');
    expect(closest('oxnerzz', FIELDS)).toBeUndefined();
  });

  it('honours an explicit limit', () => {
    expect(closest('A.6.2.9', ['A.6.2.4'], 1)).toBe('A.6.2.4');
    expect(closest('A.6.9.9', ['A.6.2.4'], 1)).toBeUndefined();
    expect(closest('x', ['x'], 0)).toBe('x');
    expect(closest('x', ['y'], 0)).toBeUndefined();
  });

  it('returns undefined for no candidates, and the first of equally near ones', () => {
    expect(closest('risk', [])).toBeUndefined();
    expect(closest('cat', ['bat', 'hat'])).toBe('bat');
  });
});

describe('listWords', () => {
  it('joins words with commas and a final conjunction', () => {
    expect(listWords([])).toBe('');
    expect(listWords(['a'])).toBe('a');
    expect(listWords(['a', 'b'])).toBe('a or b');
    expect(listWords(['a', 'b', 'c'], 'and')).toBe('a, b and c');
  });
});
