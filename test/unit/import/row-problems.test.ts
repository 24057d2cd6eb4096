import { describe, expect, it } from 'vitest';
import type { ImportPlan } from '../../../src/import/plan-import.js';
import { rowProblems } from '../../../src/import/row-problems.js';

const PLAN: ImportPlan = {
  records: [{ kind: 'risk', id: 'R-01' }, { kind: 'risk', id: 'R-03' }],
  rows: [2, 4],
  skipped: [],
  notes: [],
  columns: { id: 'Risk ID', owner: 'Risk owner', controls: 'Mitigating controls', treatment: 'Response' },
  unusedColumns: [],
};
const FILE = 'aims/risks/imported-risks.yaml';

describe('rowProblems', () => {
  it('names the sheet row of the record (by its document) and the column its field was read from', () => {
    const problems = rowProblems(PLAN, FILE, [
      { rule: 'ref/unknown-id', severity: 'error', message: 'no role record has the id `ROLE-X`', location: { file: FILE, document: 1, pointer: '/owner' } },
      { rule: 'ref/unknown-id', severity: 'error', message: 'no control', hint: 'add it', location: { file: FILE, document: 0, pointer: '/treatment/controls/1' } },
      { rule: 'schema/enum', severity: 'error', message: 'bad option', location: { file: FILE, document: 0, pointer: '/treatment/option' } },
      { rule: 'schema/required', severity: 'error', message: 'needs a field', location: { file: FILE, document: 0, pointer: '' } },
    ]);
    expect(problems).toEqual([
      { row: 4, id: 'R-03', column: 'Risk owner', severity: 'error', rule: 'ref/unknown-id', message: 'no role record has the id `ROLE-X`' },
      { row: 2, id: 'R-01', column: 'Mitigating controls', severity: 'error', rule: 'ref/unknown-id', message: 'no control (add it)' },
      { row: 2, id: 'R-01', column: 'Response', severity: 'error', rule: 'schema/enum', message: 'bad option' },
      { row: 2, id: 'R-01', severity: 'error', rule: 'schema/required', message: 'needs a field' },
    ]);
  });

  it('a problem the new records cause in an existing file is placed there, never on a sheet row', () => {
    const [problem] = rowProblems(PLAN, FILE, [
      { rule: 'ref/wrong-kind', severity: 'error', message: '`R-01` is a risk record', location: { file: 'aims/risks/old.yaml', document: 0, pointer: '/treatment/controls/0', position: { line: 7, column: 9 } } },
    ]);
    expect(problem).toEqual({ id: '', elsewhere: 'aims/risks/old.yaml:7', severity: 'error', rule: 'ref/wrong-kind', message: '`R-01` is a risk record' });
  });
});
