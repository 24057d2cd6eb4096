import { describe, expect, it } from 'vitest';
import { withoutPlaceholders } from '../../../src/analyse/placeholders.js';
import type { LocatedDiagnostic } from '../../../src/model/diagnostic.js';
import type { AimsRecord } from '../../../src/model/record.js';

const origin = { file: 'aims/roles/lead.yaml', document: 0, line: 1 };

describe('withoutPlaceholders: scaffold text is taken out of the records the rules read', () => {
  it('drops a field that holds only a placeholder and placeholder list items, remembering each spot', () => {
    const role = { kind: 'role', id: 'ROLE-1', holder: 'Replace with the name', responsibilities: ['Runs the AIMS', 'Replace with a responsibility'], origin } as AimsRecord;
    const { records, spots } = withoutPlaceholders([role], []);
    expect(records[0]).toEqual({ kind: 'role', id: 'ROLE-1', responsibilities: ['Runs the AIMS'], origin });
    expect(spots.get(records[0] as AimsRecord)).toEqual([
      { pointer: '/holder', line: 1 },
      { pointer: '/responsibilities/1', line: 1 },
    ]);
    expect(role).toMatchObject({ holder: 'Replace with the name' });
  });

  it("takes each spot's line from validation's placeholder warning", () => {
    const role = { kind: 'role', id: 'ROLE-1', holder: 'Replace with the name', origin } as AimsRecord;
    const warning: LocatedDiagnostic = { rule: 'record/placeholder', severity: 'warning', message: 'placeholder', location: { file: origin.file, document: 0, pointer: '/holder', position: { line: 6, column: 9 } } };
    const { records, spots } = withoutPlaceholders([role], [warning]);
    expect(spots.get(records[0] as AimsRecord)).toEqual([{ pointer: '/holder', line: 6 }]);
  });

  it('returns a record without placeholders as it is', () => {
    const role = { kind: 'role', id: 'ROLE-1', holder: 'Dana', origin } as AimsRecord;
    const { records, spots } = withoutPlaceholders([role], []);
    expect(records[0]).toBe(role);
    expect(spots.size).toBe(0);
  });

  it('survives a record that aliases itself into a cycle (a broken YAML document)', () => {
    const data: Record<string, unknown> = { kind: 'context', id: 'CTX-1', internal_issues: ['Replace with an issue'] };
    data['x-self'] = data;
    const { records } = withoutPlaceholders([{ ...data, origin } as unknown as AimsRecord], []);
    expect((records[0] as { internal_issues?: unknown }).internal_issues).toEqual([]);
  });
});
