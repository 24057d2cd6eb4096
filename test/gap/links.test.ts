import { describe, expect, it } from 'vitest';
import { analyse, clause, completeSet, get } from './builders.js';
import { expectOnly } from './expect.js';

/** Rehearsals never count as the audit or the review; an action handed to a nonconformity is done when it closes. */
describe('exercise: true', () => {
  it('an audit marked as an exercise is not the internal audit (9.2)', () => {
    const set = completeSet();
    get(set, 'audit', 'AUD-2026').exercise = true;
    const result = analyse(set);
    expect(clause(result, '9.2.1').status).not.toBe('met');
    expect(clause(result, '9.2.1').findings.map((f) => f.message).join(' ')).toMatch(/no internal audit|has taken place/);
  });

  it('a review marked as an exercise is not the management review (9.3)', () => {
    const set = completeSet();
    get(set, 'review', 'MR-2026').exercise = true;
    const result = analyse(set);
    for (const id of ['9.3.1', '9.3.2', '9.3.3']) expect(clause(result, id).status, id).not.toBe('met');
  });

  it('exercise: false changes nothing', () => {
    const set = completeSet();
    get(set, 'audit', 'AUD-2026').exercise = false;
    get(set, 'review', 'MR-2026').exercise = false;
    expectOnly(analyse(set), {});
  });
});

describe('review actions that name the nonconformity handling them', () => {
  const overdue = { action: 'Fix the alert routing', owner: 'ROLE-LEAD', due: '2026-10-01', status: 'open' };

  it('an overdue open action is a finding under 9.3.3', () => {
    const set = completeSet();
    get(set, 'review', 'MR-2026').actions = [overdue];
    expectOnly(analyse(set), { '9.3.3': 'partial' });
  });

  it('is not overdue once the nonconformity it names is closed', () => {
    const set = completeSet();
    get(set, 'review', 'MR-2026').actions = [{ ...overdue, nonconformity: 'NC-1' }];
    expect(get(set, 'nonconformity', 'NC-1').status).toBe('closed');
    expectOnly(analyse(set), {});
  });

  it('is still overdue while that nonconformity is open', () => {
    const set = completeSet();
    get(set, 'review', 'MR-2026').actions = [{ ...overdue, nonconformity: 'NC-2' }];
    expect(get(set, 'nonconformity', 'NC-2').status).not.toBe('closed');
    expectOnly(analyse(set), { '9.3.3': 'partial' });
  });
});
