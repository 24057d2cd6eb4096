import { describe, expect, it } from 'vitest';
import type { GapResult } from '../../src/model/gap.js';
import { add, analyse, ANNEX_A, completeSet, control, EXCLUDED_CONTROL, get, remove, removeKind } from './builders.js';

/**
 * The readiness score: points earned out of points possible, rounded down. An Annex A control
 * weighs 1, a clause item 2, a certification prerequisite 4; mirrored clauses are one item; a
 * partial clause earns half; an exclusion earns what implementing earns, and a thin or
 * contradicted exclusion is a gap.
 */

const lost = (r: GapResult): number => r.readinessDetail.possible - r.readinessDetail.points;

describe('readiness score', () => {
  it('a complete AIMS scores 100 out of 108 points: 27 clause items (8 prerequisites) and 38 controls', () => {
    const r = analyse(completeSet());
    expect(r.readiness.score).toBe(100);
    expect(r.readinessDetail).toMatchObject({
      points: 108,
      possible: 108,
      weights: { control: 1, clause: 2, prerequisite: 4 },
      clauseItems: { met: 27, total: 27 },
      prerequisiteItems: { met: 8, total: 8 },
      controls: { implemented: 37, excluded: 1, gaps: 0, undecided: 0, total: 38 },
      invalidRecords: false,
    });
  });

  it('is the points earned over the points possible, rounded down (100 only when nothing is missing)', () => {
    const set = completeSet();
    get(set, 'control', 'A.8.3').status = 'planned';
    const r = analyse(set);
    expect(lost(r)).toBe(1);
    expect(r.readiness.score).toBe(Math.floor((100 * 107) / 108));
    expect(r.readiness.score).toBe(99);
  });

  it('a certification prerequisite weighs more than an Annex A control, and more than another clause', () => {
    const control = completeSet();
    get(control, 'control', 'A.8.3').status = 'planned';
    const clause = completeSet();
    remove(clause, 'DOC-COMMS'); // 7.4 no longer evidenced
    const prerequisite = completeSet();
    removeKind(prerequisite, 'policy'); // 5.2
    const [a, b, c] = [analyse(control), analyse(clause), analyse(prerequisite)];
    expect(c.clauses.filter((x) => x.status !== 'met').map((x) => x.id)).toContain('5.2');
    expect(lost(a)).toBeLessThanOrEqual(lost(b));
    expect(lost(b)).toBeLessThan(lost(c));
    expect(lost(a)).toBeLessThan(lost(c));
    expect(c.readiness.score).toBeLessThan(b.readiness.score);
  });

  it('mirrored clauses count one fault once: a stale risk fails 6.1.2 and 8.2 but costs one item', () => {
    const set = completeSet();
    get(set, 'risk', 'RISK-3').updated = '2025-01-01';
    const r = analyse(set);
    expect(r.clauses.filter((c) => c.status !== 'met').map((c) => c.id)).toEqual(['6.1.2', '8.2']);
    // One prerequisite item, half earned (partial); counted twice it would cost 4.
    expect(lost(r)).toBe(2);
  });

  it('no management review fails 9.3.1–9.3.3 and costs one item, not three', () => {
    const set = completeSet();
    removeKind(set, 'review');
    const r = analyse(set);
    expect(r.clauses.filter((c) => c.id.startsWith('9.3')).map((c) => c.status)).toEqual(['missing', 'missing', 'missing']);
    expect(lost(r)).toBe(4);
  });

  it('an exclusion with a real justification scores what implementing scores, never more', () => {
    const implemented = analyse(completeSet());
    const set = completeSet();
    const record = get(set, 'control', 'A.8.3');
    record.applicable = false;
    record.justification = 'Acme publishes no AI system to outside parties, so there is nothing to report externally.';
    delete record.status;
    const excluded = analyse(set);
    expect(control(excluded, 'A.8.3')).toMatchObject({ decision: 'excluded', gap: false });
    expect(excluded.readiness.score).toBe(implemented.readiness.score);
    expect(excluded.readinessDetail.points).toBe(implemented.readinessDetail.points);
  });

  it.each([['n/a'], ['N/A.'], ['none'], ['Not applicable'], ['TBD'], ['-'], ['No customers']])('an exclusion justified by "%s" is a gap and a blocker', (why) => {
    const set = completeSet();
    get(set, 'control', EXCLUDED_CONTROL).justification = why;
    const r = analyse(set);
    expect(control(r, EXCLUDED_CONTROL)).toMatchObject({ decision: 'excluded', gap: true });
    expect(control(r, EXCLUDED_CONTROL).findings[0]?.message).toMatch(/is excluded without a justification/);
    expect(r.readiness.score).toBeLessThan(100);
    expect(r.blockers.map((b) => b.id)).toEqual([EXCLUDED_CONTROL]);
  });

  it('an exclusion that a record contradicts is a gap: a risk treated by it, an organisation control implementing it', () => {
    const byRisk = completeSet();
    get(byRisk, 'risk', 'RISK-1').treatment = { option: 'mitigate', controls: ['A.6.2.4', EXCLUDED_CONTROL] };
    expect(control(analyse(byRisk), EXCLUDED_CONTROL).findings.map((f) => f.message)).toEqual([expect.stringMatching(/is excluded, but RISK-1 still relies on it/)]);
    const byControl = completeSet();
    add(byControl, 'aims/controls/org.yaml', { kind: 'control', id: 'CTL-CUSTOMERS', title: 'Customer needs', annex_a: [EXCLUDED_CONTROL], applicable: true, justification: 'We ask customers', status: 'implemented' });
    expect(control(analyse(byControl), EXCLUDED_CONTROL).findings.map((f) => f.message)).toEqual([expect.stringMatching(/is excluded, but CTL-CUSTOMERS still relies on it/)]);
  });

  it('excluding every control with "n/a" scores no more than leaving them undecided', () => {
    const undecided = completeSet();
    remove(undecided, ...ANNEX_A);
    const excluded = completeSet();
    for (const id of ANNEX_A) {
      const record = get(excluded, 'control', id);
      record.applicable = false;
      record.justification = 'n/a';
      delete record.status;
    }
    expect(analyse(excluded).readiness.score).toBeLessThanOrEqual(analyse(undecided).readiness.score);
  });

  it('adding an unrelated record changes nothing', () => {
    const set = completeSet();
    add(set, 'aims/roles/observer.yaml', { kind: 'role', id: 'ROLE-OBSERVER', title: 'Observer', responsibilities: ['Observe'], holder: 'Ola Berg' });
    add(set, 'aims/competence/observer.yaml', {
      kind: 'competence',
      id: 'COMP-OBSERVER',
      title: 'Observer',
      role: 'ROLE-OBSERVER',
      required: ['Attention'],
      training: [{ name: 'AIMS induction', date: '2026-03-01' }],
    });
    expect(analyse(set).readiness.score).toBe(100);
  });

  it('an empty repository scores little: 10.2, partial by having nothing, earns nothing', () => {
    const set = completeSet();
    removeKind(set, 'context', 'scope', 'policy', 'role', 'system', 'risk', 'assessment', 'control', 'objective', 'competence', 'audit', 'review', 'nonconformity');
    const r = analyse(set);
    // 10.2 is partial by having nothing and earns nothing for it.
    const item = r.clauses.find((c) => c.id === '10.2');
    expect(item?.status).toBe('partial');
    expect(item?.evidence).toEqual([]);
    expect(r.controls.every((c) => c.gap)).toBe(true);
    expect(r.readiness.score).toBeLessThan(25);
  });

  it('with validation errors the score is still computed, and marked as computed on invalid records', () => {
    const set = completeSet();
    set.diagnostics = [{ rule: 'schema/type', severity: 'error', message: 'must be a string', location: { file: 'aims/scope.yaml', document: 0, pointer: '/statement', position: { line: 4, column: 12 } } }];
    const r = analyse(set);
    expect(r.readiness.score).toBe(100);
    expect(r.readinessDetail.invalidRecords).toBe(true);
    expect(r.blockers).toEqual([{ id: 'validation', message: expect.stringMatching(/^the records have 1 validation error \(first: must be a string\)/), file: 'aims/scope.yaml', line: 4, next: expect.any(String) }]);
  });
});
