import { describe, expect, it } from 'vitest';
import { isPlainObject, normaliseClauseIds } from '../../../src/load/normalise.js';
import { parseYamlStream } from '../../../src/load/parse-yaml.js';
import { yaml } from '../../helpers/yaml.js';

/** Parses one document and normalises it, as load-records does. */
function normalised(text: string): Record<string, unknown> {
  const doc = parseYamlStream('r.yaml', text).documents[0];
  if (!doc || !isPlainObject(doc.value)) throw new Error('test YAML must be a mapping');
  normaliseClauseIds(doc.ast, doc.value);
  return doc.value;
}

describe('normaliseClauseIds', () => {
  it('turns unquoted clause numbers into their source text, so 9.10 stays "9.10"', () => {
    const value = normalised('kind: policy\nclauses: [9.1, 9.10, "7.4"]\n');
    expect(value['clauses']).toEqual(['9.1', '9.10', '7.4']);
  });

  it('handles block lists, whole numbers and trailing comments', () => {
    const value = normalised(yaml`
      kind: role
      clauses:
        - 7.2  # competence
        - 10
        - 6.1.2
        - A.6.2.4
    `);
    expect(value['clauses']).toEqual(['7.2', '10', '6.1.2', 'A.6.2.4']);
  });

  it('normalises an audit\'s scope and each finding\'s ref', () => {
    const value = normalised(yaml`
      kind: audit
      scope: [9.2, 8.10, A.6.2.4]
      findings:
        - id: F-1
          ref: 9.10
        - id: F-2
          ref: "7.5"
        - id: F-3
    `);
    expect(value['scope']).toEqual(['9.2', '8.10', 'A.6.2.4']);
    expect(value['findings']).toEqual([
      { id: 'F-1', ref: '9.10' },
      { id: 'F-2', ref: '7.5' },
      { id: 'F-3' },
    ]);
  });

  it('normalises a nonconformity\'s ref', () => {
    expect(normalised('kind: nonconformity\nref: 10.20\n')['ref']).toBe('10.20');
  });

  it('leaves other numbers alone', () => {
    const value = normalised(yaml`
      kind: objective
      target: 95.50
      measurements:
        - date: 2026-01-31
          value: 0.90
      x-weight: 1.10
    `);
    expect(value['target']).toBe(95.5);
    expect(value['measurements']).toEqual([{ date: '2026-01-31', value: 0.9 }]);
    expect(value['x-weight']).toBe(1.1);
  });

  it('only normalises scope and ref for the kinds that have them as clause ids', () => {
    // `ref` and `scope` of other kinds are not clause fields (the schema reports them if unknown).
    const value = normalised('kind: risk\nref: 9.10\nscope: [9.10]\nclauses: [9.10]\n');
    expect(value['ref']).toBe(9.1);
    expect(value['scope']).toEqual([9.1]);
    expect(value['clauses']).toEqual(['9.10']);
  });

  it('takes an aliased clause number from its anchor\'s source text too', () => {
    const value = normalised('kind: policy\nx-common: &c 9.10\nclauses: [*c, 4.1]\n');
    expect(value['clauses']).toEqual(['9.10', '4.1']);
  });

  it('leaves strings, booleans and nulls in clause lists to the schema', () => {
    const value = normalised('kind: policy\nclauses: ["9.1", true, ~]\n');
    expect(value['clauses']).toEqual(['9.1', true, null]);
  });
});

describe('isPlainObject', () => {
  it('accepts mappings only', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject({ a: 1 })).toBe(true);
    expect(isPlainObject([])).toBe(false);
    expect(isPlainObject(null)).toBe(false);
    expect(isPlainObject('kind: risk')).toBe(false);
    expect(isPlainObject(3)).toBe(false);
  });
});
