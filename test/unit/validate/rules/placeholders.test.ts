import { describe, expect, it } from 'vitest';
import { aRecord, check } from '../../../helpers/engine.js';

describe('placeholders', () => {
  it('warns where scaffold text ("Replace with …") is still in a record, at the value', () => {
    const result = check({ 'aims/ctx.yaml': aRecord('context', 'CTX-1', 'internal_issues:\n  - Replace with an issue\nexternal_issues: [Law changes]\ninterested_parties:\n  - name: Customers\n') });
    const found = result.diagnostics.filter((d) => d.rule === 'record/placeholder');
    expect(found).toHaveLength(1);
    expect(found[0]?.severity).toBe('warning');
    expect(found[0]?.location.position).toEqual({ line: 5, column: 5 });
  });

  it('leaves ordinary text alone, including text that merely mentions replacing', () => {
    const result = check({ 'aims/ctx.yaml': aRecord('context', 'CTX-1', 'internal_issues: [We replace models yearly]\nexternal_issues: [x]\ninterested_parties:\n  - name: Customers\n') });
    expect(result.diagnostics.filter((d) => d.rule === 'record/placeholder')).toEqual([]);
  });
});

describe('placeholders on a document that aliases itself', () => {
  it('visits each value once and ends', () => {
    // A syntax error keeps the document from the depth check, so its data can be circular.
    const result = check({ 'aims/c.yaml': 'kind: control\nid: C-1\ntitle: t\na: &x [*x, Replace with y]\nb: [\n' });
    expect(result.diagnostics.filter((d) => d.rule === 'record/placeholder').length).toBeLessThanOrEqual(1);
  });
});
