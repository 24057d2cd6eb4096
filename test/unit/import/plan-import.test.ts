import { describe, expect, it } from 'vitest';
import { loadEngine } from '../../../src/api/check.js';
import { planImport } from '../../../src/import/plan-import.js';
import { DEFAULT_CONFIG } from '../../../src/model/config.js';

const risks = (due: string) =>
  planImport({
    kind: 'risks',
    rows: [
      ['ID', 'Title', 'Likelihood', 'Impact', 'Treatment', 'Due'],
      ['RISK-1', 'Scoring drifts', 'rare', 'minor', 'mitigate', due],
    ],
    columns: {},
    catalogue: loadEngine().catalogue,
    config: DEFAULT_CONFIG,
    existing: new Map(),
  });

describe('a risk register row with a treatment due date', () => {
  it('keeps a real date', () => {
    const plan = risks('2026-03-31');
    expect((plan.records[0] as Record<string, unknown> | undefined)?.['treatment']).toMatchObject({ option: 'mitigate', due: '2026-03-31' });
    expect(plan.notes).toEqual([]);
  });

  it('leaves out a date that does not exist (2026-02-30), with a note, instead of writing a record that fails its schema', () => {
    const plan = risks('2026-02-30');
    expect((plan.records[0] as Record<string, unknown> | undefined)?.['treatment']).toEqual({ option: 'mitigate' });
    expect(plan.notes).toEqual([{ row: 2, id: 'RISK-1', reason: 'due date "2026-02-30" is not a real date written YYYY-MM-DD: left out' }]);
  });
});
