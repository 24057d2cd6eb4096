import { describe, expect, it } from 'vitest';
import { ANNEX_A, analyse, AS_OF, clausesNotMet, completeSet, controlsWithGap, LEAF_CLAUSES, validateSet } from './builders.js';

describe('the complete record set (the baseline every gap test mutates)', () => {
  it('is judged fully ready as of 2026-11-26: every clause met, every control without a gap, readiness 100', () => {
    const result = analyse(completeSet());
    expect(result.asOf).toBe(AS_OF);
    expect(clausesNotMet(result)).toEqual({});
    expect(controlsWithGap(result)).toEqual([]);
    for (const c of [...result.clauses, ...result.controls]) expect(c.findings, c.id).toEqual([]);
    expect(result.readiness).toEqual({ score: 100, clausesMet: 32, clauses: 32, controlsWithoutGap: 38, controls: 38 });
    expect(result.validation).toEqual({ errors: 0, warnings: 0 });
    expect(result.notes).toEqual([]);
  });

  it('judges the 32 leaf clauses and the 38 Annex A controls, in catalogue order', () => {
    const result = analyse(completeSet());
    expect(LEAF_CLAUSES).toHaveLength(32);
    expect(ANNEX_A).toHaveLength(38);
    expect(result.clauses.map((c) => c.id)).toEqual(LEAF_CLAUSES);
    expect(result.controls.map((c) => c.id)).toEqual(ANNEX_A);
  });

  it('is a valid repository: written out as YAML it passes validation with no diagnostic', () => {
    const validation = validateSet(completeSet());
    expect(validation.diagnostics.map((d) => `${d.location.file}:${d.location.position.line} ${d.rule} ${d.message}`)).toEqual([]);
  });

  it('carries the origins the loader would give it (file, document, first line)', () => {
    const set = completeSet();
    const validated = validateSet(set).records.map((r) => ({ id: r.id, origin: r.origin }));
    expect(validated).toEqual(set.records.map((r) => ({ id: r.id, origin: r.origin })));
  });

  it('records as the validator reads them back are judged the same as the in-memory set', () => {
    const set = completeSet();
    expect(analyse({ ...set, records: validateSet(set).records })).toEqual(analyse(set));
  });

  it('is a fresh copy every time, so mutations never leak between tests', () => {
    const a = completeSet();
    a.records.length = 0;
    a.paths.clear();
    expect(completeSet().records.length).toBeGreaterThan(50);
  });
});
