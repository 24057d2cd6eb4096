import { describe, expect, it } from 'vitest';
import { aRecord, check, stream } from '../../helpers/engine.js';

describe('suggestions for near misses', () => {
  it('suggests the enum value a misspelt one was meant to be', () => {
    const result = check({ 'aims/r.yaml': aRecord('risk', 'RISK-1', 'status: opne\n') });
    const d = result.diagnostics.find((x) => x.rule === 'schema/enum');
    expect(d?.message).toContain('did you mean `open`?');
    expect(d?.location.position).toEqual({ line: 4, column: 9 });
  });

  it('names a treatment control that is not an Annex A control as such, with the nearest id', () => {
    const result = check({
      'aims/r.yaml': stream(aRecord('risk', 'RISK-1', 'treatment:\n  option: mitigate\n  controls: [A.2.9]\n'), aRecord('control', 'A.2.2', 'applicable: true\njustification: x\n')),
    });
    const d = result.diagnostics.find((x) => x.location.pointer === '/treatment/controls/0');
    expect(d?.rule).toBe('ref/unknown-clause');
    expect(d?.message).toMatch(/`A\.2\.9` is not an Annex A control \(did you mean `A\.2\.[234]`\?\)/);
  });
});
