import { describe, expect, it } from 'vitest';
import { add, analyse, analyseValidated, clause, completeSet, get, removeKind } from './builders.js';
import { expectFindingOn, expectOnly } from './expect.js';

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
    const result = analyse(set);
    expectOnly(result, { '9.3.3': 'partial' });
    expectFindingOn(result, '9.3.3', get(set, 'review', 'MR-2026'), /action "Fix the alert routing" was due 2026-10-01; nonconformity NC-2, which handles it, is not closed/);
  });
});

describe('a nonconformity raised from an audit: the audit must exist and have taken place', () => {
  it('names a held audit before it was raised: no finding (clean case)', () => {
    expect(clause(analyse(completeSet()), '10.2').status).toBe('met');
  });

  it('a source audit dated after the nonconformity was raised, or only planned, is a 10.2 finding', () => {
    const set = completeSet();
    const nc = get(set, 'nonconformity', 'NC-1');
    nc.raised = '2026-06-01'; // AUD-2026 is dated 2026-06-16
    expectFindingOn(analyse(set), '10.2', nc, /names audit AUD-2026 as its source, but that audit is dated 2026-06-16, after the nonconformity was raised \(2026-06-01\)/);
    nc.raised = '2026-06-20';
    add(set, 'aims/audits/next.yaml', { kind: 'audit', id: 'AUD-2027', title: 'Internal audit 2026 (second)', date: '2026-06-10', status: 'planned', auditor: 'Priya Natarajan', independent: true });
    nc.source = 'AUD-2027';
    expectFindingOn(analyse(set), '10.2', nc, /names audit AUD-2027 as its source, but that audit is only planned/);
  });

  it('a source that names an audit id no record has is a validation error, even before any audit is recorded', () => {
    const set = completeSet();
    get(set, 'nonconformity', 'NC-1').source = 'AUD-2025';
    const { validation } = analyseValidated(set);
    expect(validation.diagnostics.map((d) => `${d.rule} ${d.message}`)).toEqual(['ref/unknown-id no audit record has the id `AUD-2025` (did you mean `AUD-2026`?)']);
    removeKind(set, 'audit');
    get(set, 'nonconformity', 'NC-1').source = 'AUD-2026';
    expect(analyseValidated(set).validation.diagnostics.map((d) => d.rule)).toContain('ref/unknown-id');
    get(set, 'nonconformity', 'NC-1').source = 'Customer complaint, 3 June';
    expect(analyseValidated(set).validation.diagnostics.map((d) => d.rule)).not.toContain('ref/unknown-id');
  });
});
