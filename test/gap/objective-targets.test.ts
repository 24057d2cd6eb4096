import { describe, expect, it } from 'vitest';
import type { RecordOfKind } from '../../src/model/record.js';
import { analyse, analyseValidated, clause, completeSet, get, type GapFixture } from './builders.js';
import { expectFindingOn, expectOnly } from './expect.js';

/**
 * Objectives with a baseline, a measurement frequency and several dated targets, judged as of
 * 2026-11-26: a target whose date has passed needs a measurement on or before that date that
 * reaches it (or an action on the miss); measurements after as-of do not count.
 */

function withTargets(edit: (o: RecordOfKind<'objective'>) => void): { set: GapFixture; objective: RecordOfKind<'objective'> } {
  const set = completeSet();
  const objective = get(set, 'objective', 'OBJ-1');
  delete objective.target;
  delete objective.due;
  objective.baseline = { value: 0.8, date: '2026-01-15' };
  objective.frequency = 'P3M';
  objective.targets = [
    { value: 0.85, date: '2026-07-31' },
    { value: 0.9, date: '2026-10-31' },
    { value: 0.95, date: '2027-06-30' },
  ];
  edit(objective);
  return { set, objective };
}

describe('objective targets, baseline and frequency', () => {
  it('passes when every target whose date has passed was reached by a measurement in time (clean case, validated)', () => {
    const { set } = withTargets(() => undefined);
    const { validation, result } = analyseValidated(set);
    expect(validation.summary.errors).toBe(0);
    expect(clause(result, '6.2')).toMatchObject({ status: 'met', evidence: ['OBJ-1'] });
    expect(clause(result, '9.1')).toMatchObject({ status: 'met' });
  });

  it('a passed target no measurement reached by its date is a finding, even when status says achieved', () => {
    const { set, objective } = withTargets((o) => {
      o.measurements = [
        { date: '2026-06-30', value: 0.86 },
        { date: '2026-09-30', value: 0.88 },
      ];
      o.status = 'achieved';
    });
    const result = analyse(set);
    expectOnly(result, { '6.2': 'partial' });
    expectFindingOn(result, '6.2', objective, /the target 0\.9 by 2026-10-31 was not met \(the latest measurement by then was 0\.88 on 2026-09-30\)/);
  });

  it('a measurement after the target date does not meet it late, and one after as-of does not exist yet', () => {
    const late = withTargets((o) => o.measurements?.splice(1, 1, { date: '2026-11-10', value: 0.92 }));
    expectFindingOn(analyse(late.set), '6.2', late.objective, /the target 0\.9 by 2026-10-31 was not met/);
    // A measurement dated after as-of does not exist yet: it neither refreshes 9.1 nor meets a target.
    const future = withTargets((o) => {
      o.frequency = 'P1M';
      o.measurements?.push({ date: '2026-12-15', value: 0.97 });
    });
    const result = analyse(future.set);
    expectOnly(result, { '9.1': 'partial' });
    expectFindingOn(result, '9.1', future.objective, /newest measurement \(2026-09-30\)/);
  });

  it('a target not yet due is no finding, and a recorded action on a missed target answers it', () => {
    const pending = withTargets((o) => (o.targets = [{ value: 0.99, date: '2027-03-31' }]));
    expect(clause(analyse(pending.set), '6.2').status).toBe('met');
    const missed = withTargets((o) => (o.targets = [{ value: 0.99, date: '2026-10-31' }]));
    expect(clause(analyse(missed.set), '6.2').status).toBe('partial');
    get(missed.set, 'review', 'MR-2026').actions?.push({ action: 'Retrain to lift OBJ-1 towards 0.99', owner: 'ROLE-LEAD', due: '2027-03-31', status: 'open' });
    expect(clause(analyse(missed.set), '6.2').status).toBe('met');
  });

  it('direction decides for numbers: a lower-is-better metric meets its target at or below it', () => {
    const { set, objective } = withTargets((o) => {
      o.baseline = { value: '12%' };
      o.targets = [{ value: '5%', date: '2026-10-31' }];
      o.measurements = [{ date: '2026-09-30', value: '4.5 %' }];
    });
    expect(clause(analyse(set), '6.2').status).toBe('met');
    objective.measurements = [{ date: '2026-09-30', value: '6%' }];
    expectFindingOn(analyse(set), '6.2', objective, /the target 5% by 2026-10-31 was not met/);
    // Written out, the direction wins over the baseline.
    objective.direction = 'increase';
    objective.measurements = [{ date: '2026-09-30', value: '4.5%' }];
    expectFindingOn(analyse(set), '6.2', objective, /the target 5% by 2026-10-31 was not met/);
  });

  it('a numeric target with neither baseline nor direction cannot be judged, and says how to fix it', () => {
    const { set, objective } = withTargets((o) => {
      delete o.baseline;
      o.targets = [{ value: 0.9, date: '2026-10-31' }];
    });
    expectFindingOn(analyse(set), '6.2', objective, /cannot be judged: nothing says whether higher or lower is better/);
  });

  it('a text target is met by a measurement with the same wording', () => {
    const { set, objective } = withTargets((o) => {
      delete o.baseline;
      o.targets = [{ value: 'Certified', date: '2026-10-31' }];
      o.measurements = [{ date: '2026-10-01', value: 'certified' }];
    });
    expect(clause(analyse(set), '6.2').status).toBe('met');
    objective.measurements = [{ date: '2026-10-01', value: 'in progress' }];
    expectFindingOn(analyse(set), '6.2', objective, /the target Certified by 2026-10-31 was not met/);
  });

  it('9.1 judges the newest measurement against the objective’s own frequency, not the six-month cycle', () => {
    const { set, objective } = withTargets((o) => (o.frequency = 'P1M'));
    const result = analyse(set);
    expectOnly(result, { '9.1': 'partial' });
    expectFindingOn(result, '9.1', objective, /newest measurement \(2026-09-30\) is older than its measurement frequency P1M/);
  });

  it('without dated targets, an objective still needs target and due (the schema says so too)', () => {
    const set = completeSet();
    const objective = get(set, 'objective', 'OBJ-1');
    delete objective.target;
    const { validation, result } = analyseValidated(set);
    expect(validation.diagnostics.map((d) => `${d.rule} ${d.message}`)).toEqual(['schema/required `objective` needs `target`']);
    expectFindingOn(result, '6.2', objective, /has no target/);
  });
});
