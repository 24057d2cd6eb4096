import { describe, expect, it } from 'vitest';
import type { ControlGap } from '../../src/model/gap.js';
import type { AimsRecord, AimsRecordData } from '../../src/model/record.js';
import { add, analyse, analyseValidated, clause, completeSet, control, type GapFixture, get } from './builders.js';
import { expectFindingOn, expectOnly } from './expect.js';

/**
 * The record kinds for suppliers (A.10), incidents (A.8.4, 10.2) and datasets (A.7): each
 * clean case keeps the complete set at 100% and is listed as the basis of the verdict; each
 * broken case is a gap that names the record, file and line.
 */

const SUPPLIER: AimsRecordData = {
  kind: 'supplier',
  id: 'SUP-SCORECARD',
  title: 'ScoreCo model vendor',
  provides: ['model'],
  systems: ['SYS-CREDIT'],
  agreement: { reference: 'MSA-2025-014', signed: '2025-12-01', expires: '2027-12-01' },
  responsibilities: ['ScoreCo retrains the base model yearly', 'We validate every release before use'],
  last_review: '2026-10-15',
  status: 'active',
  evidence: ['evidence/suppliers/scoreco-msa.md'],
};
const INCIDENT: AimsRecordData = {
  kind: 'incident',
  id: 'INC-1',
  title: 'Scores frozen after a feature outage',
  date: '2026-08-03',
  description: 'A missing bureau feed set one feature to zero; 140 applications were scored low.',
  systems: ['SYS-CREDIT'],
  severity: 'high',
  reported_to: [{ party: 'Affected applicants', date: '2026-08-10', channel: 'letter' }],
  nonconformity: 'NC-1',
  status: 'closed',
};
const DATASET: AimsRecordData = {
  kind: 'dataset',
  id: 'DATA-LOANS',
  title: 'Loan book 2019-2025',
  systems: ['SYS-CREDIT'],
  use: ['training', 'validation'],
  intended_use: 'Training and validating the credit model only',
  provenance: 'Our own loan book, exported from the core banking system',
  acquired: '2026-01-05',
  quality_checks: [{ check: 'Completeness and label accuracy', date: '2026-01-20', result: 'pass' }],
  preparation: ['Removed applications withdrawn before decision', 'Binned income into deciles'],
  personal_data: true,
};

function withRecord(data: AimsRecordData, file: string): { set: GapFixture; record: AimsRecord } {
  const set = completeSet();
  set.paths.set('evidence/suppliers/scoreco-msa.md', 'file');
  const record = add(set, file, structuredClone(data));
  return { set, record };
}

/** A copy of the record without some fields. */
function without(data: AimsRecordData, ...keys: string[]): AimsRecordData {
  const copy: Record<string, unknown> = { ...data };
  for (const k of keys) delete copy[k];
  return copy as unknown as AimsRecordData;
}

function basisIds(c: ControlGap): string[] {
  return c.basis.map((b) => b.id);
}

describe('supplier (A.10.2, A.10.3)', () => {
  it('clean: validates, keeps every verdict, and is the traced basis of A.10.2 and A.10.3', () => {
    const { set, record } = withRecord(SUPPLIER, 'aims/suppliers/scoreco.yaml');
    const { validation, result } = analyseValidated(set);
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expectOnly(result, {});
    expect(control(result, 'A.10.3').basis).toContainEqual({ id: 'SUP-SCORECARD', kind: 'supplier', file: record.origin.file, line: record.origin.line });
    expect(basisIds(control(result, 'A.10.2'))).toContain('SUP-SCORECARD');
  });

  it('broken: no agreement, no responsibilities, a review older than the cycle: gaps naming the supplier', () => {
    const { set, record } = withRecord(SUPPLIER, 'aims/suppliers/scoreco.yaml');
    const s = get(set, 'supplier', 'SUP-SCORECARD');
    delete s.agreement;
    delete s.responsibilities;
    s.last_review = '2025-10-01';
    const result = analyse(set);
    expectOnly(result, {}, ['A.10.2', 'A.10.3']);
    const messages = control(result, 'A.10.3').findings.map((f) => f.message);
    expect(messages).toEqual([expect.stringMatching(/SUP-SCORECARD has no agreement recorded/), expect.stringMatching(/last supplier review 2025-10-01 is older than the P12M supplier cycle/)]);
    expect(control(result, 'A.10.3').findings[0]).toMatchObject({ record: 'SUP-SCORECARD', file: record.origin.file, line: record.origin.line });
    expect(control(result, 'A.10.2').findings[0]?.message).toMatch(/no allocation of responsibilities/);
  });

  it('broken: an expired agreement, or one signed after the as-of date', () => {
    const { set } = withRecord(SUPPLIER, 'aims/suppliers/scoreco.yaml');
    const s = get(set, 'supplier', 'SUP-SCORECARD');
    s.agreement = { reference: 'MSA-2025-014', signed: '2025-12-01', expires: '2026-11-01' };
    expect(control(analyse(set), 'A.10.3').findings[0]?.message).toMatch(/expired on 2026-11-01/);
    s.agreement = { reference: 'MSA-2025-014', signed: '2026-12-01' };
    expect(control(analyse(set), 'A.10.3').findings[0]?.message).toMatch(/signed only on 2026-12-01/);
  });

  it('an offboarded supplier is not judged', () => {
    const { set } = withRecord(without({ ...SUPPLIER, status: 'offboarded' }, 'agreement'), 'aims/suppliers/scoreco.yaml');
    expectOnly(analyse(set), {});
  });
});

describe('incident (A.8.4, 10.2)', () => {
  it('clean: reported and handled as a nonconformity, traced in A.8.4 and 10.2', () => {
    const { set } = withRecord(INCIDENT, 'aims/incidents/inc-1.yaml');
    const { validation, result } = analyseValidated(set);
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expectOnly(result, {});
    expect(basisIds(control(result, 'A.8.4'))).toContain('INC-1');
    expect(clause(result, '10.2').basis.map((b) => b.id)).toContain('INC-1');
  });

  it('broken: nobody told and no nonconformity raised', () => {
    const { set, record } = withRecord(without({ ...INCIDENT, reported_to: [] }, 'nonconformity'), 'aims/incidents/inc-1.yaml');
    const result = analyse(set);
    expectOnly(result, { '10.2': 'partial' }, ['A.8.4']);
    expectFindingOn(result, '10.2', record, /INC-1 is high but raised no nonconformity/);
    expect(control(result, 'A.8.4').findings[0]).toMatchObject({ record: 'INC-1', message: expect.stringMatching(/records nobody who was told/) });
  });

  it('an incident dated after the as-of date does not exist yet', () => {
    const { set } = withRecord(without({ ...INCIDENT, date: '2026-12-05', reported_to: [] }, 'nonconformity'), 'aims/incidents/inc-1.yaml');
    expectOnly(analyse(set), {});
  });

  it('a low-severity incident needs neither', () => {
    const { set } = withRecord(without({ ...INCIDENT, severity: 'low', reported_to: [] }, 'nonconformity'), 'aims/incidents/inc-1.yaml');
    expectOnly(analyse(set), {});
  });
});

describe('dataset (A.7)', () => {
  it('clean: traced as the basis of A.7.2 to A.7.6', () => {
    const { set } = withRecord(DATASET, 'aims/datasets/loans.yaml');
    const { validation, result } = analyseValidated(set);
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expectOnly(result, {});
    for (const id of ['A.7.2', 'A.7.3', 'A.7.4', 'A.7.5', 'A.7.6']) expect(basisIds(control(result, id)), id).toContain('DATA-LOANS');
  });

  it('broken: no quality check, no preparation, no provenance: a gap under each control it fails', () => {
    const { set } = withRecord(without({ ...DATASET, quality_checks: [], preparation: [] }, 'provenance'), 'aims/datasets/loans.yaml');
    const result = analyse(set);
    expectOnly(result, {}, ['A.7.3', 'A.7.4', 'A.7.5', 'A.7.6']);
    expect(control(result, 'A.7.4').findings[0]?.message).toMatch(/DATA-LOANS has no quality check recorded/);
  });

  it('broken: a failed latest check, or one older than the dataset cycle', () => {
    const { set } = withRecord(DATASET, 'aims/datasets/loans.yaml');
    const d = get(set, 'dataset', 'DATA-LOANS');
    d.quality_checks = [{ check: 'Label accuracy', date: '2026-10-01', result: 'fail' }];
    expect(control(analyse(set), 'A.7.4').findings[0]?.message).toMatch(/failed its latest quality check/);
    d.quality_checks = [{ check: 'Label accuracy', date: '2025-10-01', result: 'pass' }];
    expect(control(analyse(set), 'A.7.4').findings[0]?.message).toMatch(/older than the P12M dataset cycle/);
  });
});
