import { describe, expect, it } from 'vitest';
import type { GapResult } from '../../src/model/gap.js';
import {
  analyse,
  ANNEX_A,
  completeSet,
  control,
  controlEvidence,
  controlsWithGap,
  EVIDENCED_BY_ORGANISATION_CONTROL,
  EXCLUDED_CONTROL,
  get,
  remove,
} from './builders.js';
import { expectOnly } from './expect.js';

/**
 * Annex A controls: the SoA decision (applicable, excluded, undecided) and the four distinct
 * gaps: undecided, excluded without justification, applicable but not implemented,
 * implemented without any existing evidence.
 */

const TREATMENT_PARTIAL = { '6.1.3': 'partial', '8.3': 'partial' } as const;

function expectControlFinding(result: GapResult, id: string, message: RegExp, record?: { file: string; line: number }): void {
  const findings = control(result, id).findings;
  expect(findings, id).toHaveLength(1);
  const f = findings[0];
  expect(f?.message).toMatch(message);
  expect(f?.next.length).toBeGreaterThan(0);
  if (record) expect({ record: f?.record, file: f?.file, line: f?.line }).toEqual({ record: id, file: record.file, line: record.line });
  else expect(f?.record).toBeUndefined();
}

describe('control decisions and statuses', () => {
  it('an applicable, implemented control with its own existing evidence has no gap', () => {
    const set = completeSet();
    expect(get(set, 'control', 'A.6.2.4').evidence).toEqual([controlEvidence('A.6.2.4')]);
    const c = control(analyse(set), 'A.6.2.4');
    expect(c).toMatchObject({ decision: 'applicable', status: 'implemented', gap: false, findings: [] });
    expect(c.record).toEqual({ id: 'A.6.2.4', file: 'aims/controls/a6.yaml', line: get(set, 'control', 'A.6.2.4').origin.line });
  });

  it('excluded with a justification is a decision, not a gap (status not-applicable)', () => {
    const set = completeSet();
    expect(get(set, 'control', EXCLUDED_CONTROL)).toMatchObject({ applicable: false, justification: expect.any(String) });
    expect(control(analyse(set), EXCLUDED_CONTROL)).toMatchObject({ decision: 'excluded', status: 'not-applicable', gap: false, findings: [] });
  });

  it('covers exactly the 38 Annex A controls in catalogue order (organisation controls are not listed)', () => {
    const result = analyse(completeSet());
    expect(result.controls.map((c) => c.id)).toEqual(ANNEX_A);
    expect(result.controls.some((c) => c.id.startsWith('CTL-'))).toBe(false);
  });
});

describe('gap 1: undecided', () => {
  it('a control with no record is undecided (and the SoA is incomplete)', () => {
    const set = completeSet();
    remove(set, 'A.7.5');
    const result = analyse(set);
    expectOnly(result, TREATMENT_PARTIAL, ['A.7.5']);
    expect(control(result, 'A.7.5')).toMatchObject({ decision: 'undecided', status: 'undecided', gap: true });
    expect(control(result, 'A.7.5').record).toBeUndefined();
    expectControlFinding(result, 'A.7.5', /A\.7\.5 Data provenance has no SoA decision/);
  });

  it('a control record without `applicable` is undecided, naming the record', () => {
    const set = completeSet();
    const record = get(set, 'control', 'A.7.5');
    delete record.applicable;
    const result = analyse(set);
    expectOnly(result, TREATMENT_PARTIAL, ['A.7.5']);
    expect(control(result, 'A.7.5')).toMatchObject({ decision: 'undecided', status: 'undecided', gap: true });
    expectControlFinding(result, 'A.7.5', /A\.7\.5 has no decision \(`applicable` is missing\)/, record.origin);
  });
});

describe('gap 2: excluded without a justification', () => {
  it('is a gap naming the record (and the SoA is incomplete)', () => {
    const set = completeSet();
    const record = get(set, 'control', EXCLUDED_CONTROL);
    delete record.justification;
    const result = analyse(set);
    expectOnly(result, TREATMENT_PARTIAL, [EXCLUDED_CONTROL]);
    expect(control(result, EXCLUDED_CONTROL)).toMatchObject({ decision: 'excluded', status: 'not-applicable', gap: true });
    expectControlFinding(result, EXCLUDED_CONTROL, /A\.10\.4 is excluded without a justification/, record.origin);
  });

  it('excluding any other control with a justification is no gap', () => {
    const set = completeSet();
    const record = get(set, 'control', 'A.8.3');
    record.applicable = false;
    record.justification = 'We do not report externally.';
    delete record.status;
    delete record.evidence;
    expectOnly(analyse(set), {});
  });
});

describe('gap 3: applicable but not implemented', () => {
  it.each(['not-started', 'planned', 'partial'])('status %s is a gap naming the record', (status) => {
    const set = completeSet();
    const record = get(set, 'control', 'A.8.3');
    record.status = status;
    const result = analyse(set);
    expectOnly(result, {}, ['A.8.3']);
    expect(control(result, 'A.8.3')).toMatchObject({ decision: 'applicable', status, gap: true });
    expectControlFinding(result, 'A.8.3', new RegExp(`A\\.8\\.3 is applicable but its status is ${status}`), record.origin);
  });

  it('no status is a gap (read as not-started)', () => {
    const set = completeSet();
    const record = get(set, 'control', 'A.8.3');
    delete record.status;
    const result = analyse(set);
    expectOnly(result, {}, ['A.8.3']);
    expect(control(result, 'A.8.3')).toMatchObject({ decision: 'applicable', status: 'not-started', gap: true });
    expectControlFinding(result, 'A.8.3', /A\.8\.3 is applicable but has no status/, record.origin);
  });
});

describe('gap 4: implemented without any existing evidence', () => {
  it('no evidence at all is a gap naming the record', () => {
    const set = completeSet();
    const record = get(set, 'control', 'A.6.2.4');
    delete record.evidence;
    const result = analyse(set);
    expectOnly(result, {}, ['A.6.2.4']);
    expect(control(result, 'A.6.2.4')).toMatchObject({ decision: 'applicable', status: 'implemented', gap: true });
    expectControlFinding(result, 'A.6.2.4', /A\.6\.2\.4 is marked implemented but no evidence of it exists/, record.origin);
  });

  it('evidence that does not exist in the repository is a gap', () => {
    const set = completeSet();
    set.paths.delete(controlEvidence('A.6.2.4'));
    const result = analyse(set);
    expectOnly(result, {}, ['A.6.2.4']);
    expectControlFinding(result, 'A.6.2.4', /marked implemented but no evidence/, get(set, 'control', 'A.6.2.4').origin);
  });

  it('one existing file among missing ones is enough', () => {
    const set = completeSet();
    get(set, 'control', 'A.6.2.4').evidence = ['evidence/controls/gone.md', controlEvidence('A.6.2.4')];
    expectOnly(analyse(set), {});
  });

  it('an https URL counts as evidence', () => {
    const set = completeSet();
    get(set, 'control', 'A.6.2.4').evidence = ['https://wiki.northwind-ai.eu/validation-2026'];
    expectOnly(analyse(set), {});
  });

  it('is evidenced through an organisation control that lists it in annex_a', () => {
    const set = completeSet();
    const own = get(set, 'control', EVIDENCED_BY_ORGANISATION_CONTROL);
    expect(own.evidence).toBeUndefined();
    expect(get(set, 'control', 'CTL-MONITORING').annex_a).toEqual([EVIDENCED_BY_ORGANISATION_CONTROL]);
    expect(control(analyse(set), EVIDENCED_BY_ORGANISATION_CONTROL)).toMatchObject({ status: 'implemented', gap: false, findings: [] });
  });

  it('is a gap when that organisation control stops listing it', () => {
    const set = completeSet();
    get(set, 'control', 'CTL-MONITORING').annex_a = [];
    const result = analyse(set);
    expectOnly(result, {}, [EVIDENCED_BY_ORGANISATION_CONTROL]);
    expectControlFinding(result, EVIDENCED_BY_ORGANISATION_CONTROL, /marked implemented but no evidence/, get(set, 'control', EVIDENCED_BY_ORGANISATION_CONTROL).origin);
  });

  it('is a gap when that organisation control’s evidence does not exist', () => {
    const set = completeSet();
    set.paths.delete('evidence/controls/monitoring-dashboard-2026-11.csv');
    const result = analyse(set);
    expectOnly(result, {}, [EVIDENCED_BY_ORGANISATION_CONTROL]);
  });

  it('evidence of a different organisation control does not count', () => {
    const set = completeSet();
    get(set, 'control', 'CTL-MONITORING').annex_a = ['A.6.2.5'];
    const result = analyse(set);
    expectOnly(result, {}, [EVIDENCED_BY_ORGANISATION_CONTROL]);
  });
});

describe('the four gaps are distinct findings', () => {
  it('planting all four gives four controls with four different findings', () => {
    const set = completeSet();
    remove(set, 'A.7.5');
    delete get(set, 'control', EXCLUDED_CONTROL).justification;
    get(set, 'control', 'A.8.3').status = 'partial';
    delete get(set, 'control', 'A.6.2.4').evidence;
    const result = analyse(set);
    expect(controlsWithGap(result)).toEqual(['A.6.2.4', 'A.7.5', 'A.8.3', EXCLUDED_CONTROL]);
    const summary = ['A.7.5', EXCLUDED_CONTROL, 'A.8.3', 'A.6.2.4'].map((id) => {
      const c = control(result, id);
      return { id, decision: c.decision, status: c.status, findings: c.findings.length };
    });
    expect(summary).toEqual([
      { id: 'A.7.5', decision: 'undecided', status: 'undecided', findings: 1 },
      { id: EXCLUDED_CONTROL, decision: 'excluded', status: 'not-applicable', findings: 1 },
      { id: 'A.8.3', decision: 'applicable', status: 'partial', findings: 1 },
      { id: 'A.6.2.4', decision: 'applicable', status: 'implemented', findings: 1 },
    ]);
    const messages = new Set(['A.7.5', EXCLUDED_CONTROL, 'A.8.3', 'A.6.2.4'].map((id) => control(result, id).findings[0]?.message.replace(/A\.[\d.]+/g, 'X')));
    expect(messages.size).toBe(4);
  });
});

describe('organisation controls mapped to Annex A', () => {
  it('an undecided control that an organisation control maps to is offered as applicable, naming the mapping', () => {
    const set = completeSet();
    remove(set, 'A.6.2.6');
    const result = analyse(set);
    const gap = control(result, 'A.6.2.6');
    expect(gap).toMatchObject({ decision: 'undecided', servedBy: ['CTL-MONITORING'] });
    expect(gap.findings[0]?.next).toMatch(/suggested decision: applicable, as CTL-MONITORING maps to it in `annex_a`/);
  });

  it('without a mapping the next step is a plain decision', () => {
    const set = completeSet();
    remove(set, 'A.7.5');
    expect(control(analyse(set), 'A.7.5').findings[0]?.next).not.toMatch(/suggested/);
  });
});
