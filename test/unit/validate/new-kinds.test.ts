import { describe, expect, it } from 'vitest';
import { aRecord, check, found } from '../../helpers/engine.js';

/** The document, supplier, incident and dataset schemas and the references they carry. */
describe('new record kinds: schema and references', () => {
  const SYSTEM = aRecord('system', 'SYS-1');

  it.each([
    ['document', aRecord('document', 'DOC-1', 'version: "1.2"\nstatus: approved\nprepared_by: Ana\nreviewed_by: Ben\napproved: { by: Board, date: 2026-01-10 }\nnext_review: 2027-01-10\nclauses: ["7.5.2"]')],
    ['supplier', aRecord('supplier', 'SUP-1', 'systems: [SYS-1]\nagreement: { reference: MSA-1, signed: 2026-01-01 }\nlast_review: 2026-06-01')],
    ['incident', aRecord('incident', 'INC-1', 'systems: [SYS-1]\nseverity: high\nreported_to:\n  - party: Regulator\n    date: 2026-02-03')],
    ['dataset', aRecord('dataset', 'DATA-1', 'systems: [SYS-1]\nuse: [training]\nquality_checks:\n  - check: Completeness\n    date: 2026-01-20\n    result: pass\npersonal_data: true')],
  ])('a clean %s validates', (_kind, text) => {
    expect(found(check({ 'aims/r.yaml': text, 'aims/s.yaml': SYSTEM }).diagnostics)).toEqual([]);
  });

  it.each([
    ['document without a type, with an unknown status', aRecord('document', 'DOC-1', 'status: final').replace(/^type:.*\n/m, ''), ['schema/required', 'schema/enum']],
    ['supplier providing something unknown', aRecord('supplier', 'SUP-1', 'provides: [cloud]'), ['schema/enum']],
    ['incident without a date, told nobody by name', aRecord('incident', 'INC-1', 'reported_to:\n  - date: 2026-02-03').replace(/^date:.*\n/m, ''), ['schema/required', 'schema/required']],
    ['dataset with an undated quality check', aRecord('dataset', 'DATA-1', 'quality_checks:\n  - check: Completeness'), ['schema/required']],
  ])('a broken %s is reported', (_what, text, rules) => {
    expect(found(check({ 'aims/r.yaml': text }).diagnostics).map((d) => d.rule).sort()).toEqual([...rules].sort());
  });

  it('checks the ids they name: systems, the nonconformity an incident raised, the supplier of a dataset', () => {
    const out = check({
      'aims/i.yaml': aRecord('incident', 'INC-1', 'systems: [SYS-9]\nnonconformity: NC-9'),
      'aims/d.yaml': aRecord('dataset', 'DATA-1', 'supplier: SUP-9'),
      'aims/s.yaml': SYSTEM,
    }).diagnostics;
    expect(found(out).map((d) => `${d.file}:${d.line} ${d.rule}`)).toEqual(['aims/d.yaml:4 ref/unknown-id', 'aims/i.yaml:4 ref/unknown-id', 'aims/i.yaml:5 ref/unknown-id']);
  });
});
