import { describe, expect, it } from 'vitest';
import { analyse, clause, completeSet, get } from './builders.js';
import { expectFindingOn, expectOnly } from './expect.js';

/**
 * Independence: a policy approved by its own owner where top management must approve, an
 * impact assessment approved by its owner, a policy document approved by its writer, and an
 * auditor auditing documents they wrote are findings; the same approvals by someone else are not.
 */
describe('self-approval', () => {
  it('an AI policy approved by its owner (by name, role id or role title) who is not top management is a 5.2 finding', () => {
    for (const by of ['Dana Whitfield', 'ROLE-LEAD', 'AI governance lead']) {
      const set = completeSet();
      const policy = get(set, 'policy', 'POL-AI');
      policy.approved = { by, date: '2026-01-20' };
      const result = analyse(set);
      expectOnly(result, { '5.2': 'partial' });
      expectFindingOn(result, '5.2', policy, new RegExp(`was approved by its own owner, ${by}, not by top management`));
    }
  });

  it('a policy owned and approved by top management, or owned by one and approved by another, is no finding', () => {
    const ceo = completeSet();
    const policy = get(ceo, 'policy', 'POL-AI');
    policy.owner = 'ROLE-CEO';
    policy.approved = { by: 'Sam Okafor', date: '2026-01-20' };
    expect(clause(analyse(ceo), '5.2').status).toBe('met');
    const other = completeSet();
    get(other, 'policy', 'POL-AI').approved = { by: 'Priya Natarajan', date: '2026-01-20' };
    expect(clause(analyse(other), '5.2').status).toBe('met');
  });

  it('an impact assessment approved by its own owner is a finding under 6.1.4 and 8.4', () => {
    const set = completeSet();
    const assessment = get(set, 'assessment', 'AIA-CREDIT');
    assessment.owner = 'ROLE-LEAD'; // held by Dana Whitfield, who approved it
    const result = analyse(set);
    expectOnly(result, { '6.1.4': 'partial', '8.4': 'partial' });
    expectFindingOn(result, '6.1.4', assessment, /was approved by its own owner, Dana Whitfield: nobody independent checked it/);
    assessment.owner = 'ROLE-AUDITOR';
    expect(clause(analyse(set), '6.1.4').status).toBe('met');
  });

  it('a policy document approved by the person who prepared it does not count; a procedure so approved still does', () => {
    const set = completeSet();
    const doc = get(set, 'document', 'DOC-CHARTER');
    doc.approved = { by: 'Dana Whitfield', date: '2026-01-20' };
    expect(clause(analyse(set), '5.1').status).toBe('met'); // a procedure: no independence asked
    doc.type = 'policy';
    const result = analyse(set);
    expect(clause(result, '5.1').status).not.toBe('met');
    expectFindingOn(result, '5.1', doc, /is a policy approved by its own author, Dana Whitfield, not by top management/);
  });

  it('an auditor who prepared a document the audit covers is not independent of it', () => {
    const set = completeSet();
    get(set, 'document', 'DOC-CHARTER').prepared_by = 'Priya Natarajan';
    const result = analyse(set);
    expectFindingOn(result, '9.2.1', get(set, 'audit', 'AUD-2026'), /says it is independent, but Priya Natarajan owns or wrote document DOC-CHARTER/);
  });
});
