import { describe, expect, it } from 'vitest';
import { compareDiagnostics, countDiagnostics, type LocatedDiagnostic } from '../../../src/model/diagnostic.js';
import type { RuleId } from '../../../src/model/codes.js';

const d = (file: string, line: number, column: number, rule: RuleId = 'schema/enum', message = 'm', severity: 'error' | 'warning' = 'error'): LocatedDiagnostic => ({
  rule,
  severity,
  message,
  location: { file, position: { line, column } },
});

describe('compareDiagnostics', () => {
  it('orders by file, line, column, rule, then message', () => {
    const sorted = [
      d('b.yaml', 1, 1),
      d('a.yaml', 10, 1),
      d('a.yaml', 2, 5),
      d('a.yaml', 2, 3, 'schema/type'),
      d('a.yaml', 2, 3, 'ref/unknown-id', 'z'),
      d('a.yaml', 2, 3, 'ref/unknown-id', 'a'),
    ].sort(compareDiagnostics);
    expect(sorted.map((x) => `${x.location.file}:${x.location.position.line}:${x.location.position.column} ${x.rule} ${x.message}`)).toEqual([
      'a.yaml:2:3 ref/unknown-id a',
      'a.yaml:2:3 ref/unknown-id z',
      'a.yaml:2:3 schema/type m',
      'a.yaml:2:5 schema/enum m',
      'a.yaml:10:1 schema/enum m',
      'b.yaml:1:1 schema/enum m',
    ]);
  });

  it('compares lines numerically, not as text', () => {
    expect(compareDiagnostics(d('a', 9, 1), d('a', 10, 1))).toBeLessThan(0);
    expect(compareDiagnostics(d('a', 1, 9), d('a', 1, 10))).toBeLessThan(0);
  });

  it('returns 0 for the same place, rule and message', () => {
    expect(compareDiagnostics(d('a', 1, 1), d('a', 1, 1))).toBe(0);
  });
});

describe('countDiagnostics', () => {
  it('counts errors and warnings', () => {
    expect(countDiagnostics([])).toEqual({ errors: 0, warnings: 0 });
    expect(countDiagnostics([d('a', 1, 1), d('a', 1, 1, 'file/empty', 'm', 'warning'), d('b', 1, 1)])).toEqual({ errors: 2, warnings: 1 });
  });
});
