import { describe, expect, it } from 'vitest';
import { diffAims, diffFields, type DiffSide } from '../../src/analyse/diff-aims.js';
import { type AimsConfig, DEFAULT_CONFIG } from '../../src/model/config.js';
import type { ControlDecision, ControlGap, ControlStatus, GapResult } from '../../src/model/gap.js';
import type { AimsRecord, AimsRecordData } from '../../src/model/record.js';

/** diffFields and diffAims on literal records: no git, no files. */

describe('diffFields', () => {
  it('equal values give no change, whatever the key order', () => {
    expect(diffFields({ a: 1, b: { c: [1, 2], d: 'x' } }, { b: { d: 'x', c: [1, 2] }, a: 1 })).toEqual([]);
  });

  it('a changed scalar gives its path, old and new value', () => {
    expect(diffFields({ status: 'open' }, { status: 'closed' })).toEqual([{ path: 'status', from: 'open', to: 'closed' }]);
  });

  it('nested objects are walked to the leaves, paths dotted, in key order', () => {
    const a = { treatment: { option: 'mitigate', plan: 'Test quarterly', due: '2026-12-31' }, residual: { likelihood: 'rare', impact: 'minor' } };
    const b = { treatment: { option: 'accept', plan: 'Test quarterly', due: '2027-03-31' }, residual: { likelihood: 'rare', impact: 'moderate' } };
    expect(diffFields(a, b)).toEqual([
      { path: 'residual.impact', from: 'minor', to: 'moderate' },
      { path: 'treatment.due', from: '2026-12-31', to: '2027-03-31' },
      { path: 'treatment.option', from: 'mitigate', to: 'accept' },
    ]);
  });

  it('a list of plain values is compared as a whole', () => {
    expect(diffFields({ systems: ['SYS-A'] }, { systems: ['SYS-A', 'SYS-B'] })).toEqual([{ path: 'systems', from: ['SYS-A'], to: ['SYS-A', 'SYS-B'] }]);
    expect(diffFields({ systems: ['SYS-A', 'SYS-B'] }, { systems: ['SYS-B', 'SYS-A'] })).toEqual([{ path: 'systems', from: ['SYS-A', 'SYS-B'], to: ['SYS-B', 'SYS-A'] }]);
    expect(diffFields({ controls: [] }, { controls: ['A.2.2'] })).toEqual([{ path: 'controls', from: [], to: ['A.2.2'] }]);
  });

  it('a list of objects is compared item by item, by index', () => {
    const a = { findings: [{ id: 'F-1', type: 'minor' }, { id: 'F-2', type: 'observation' }] };
    const b = { findings: [{ id: 'F-1', type: 'minor' }, { id: 'F-2', type: 'major', nonconformity: 'NC-2' }] };
    expect(diffFields(a, b)).toEqual([
      { path: 'findings[1].nonconformity', from: null, to: 'NC-2' },
      { path: 'findings[1].type', from: 'observation', to: 'major' },
    ]);
  });

  it('an item added to or removed from a list of objects is one change, from or to null', () => {
    const one = { actions: [{ action: 'Fix', status: 'open' }] };
    const two = { actions: [{ action: 'Fix', status: 'open' }, { action: 'Verify', status: 'open' }] };
    expect(diffFields(one, two)).toEqual([{ path: 'actions[1]', from: null, to: { action: 'Verify', status: 'open' } }]);
    expect(diffFields(two, one)).toEqual([{ path: 'actions[1]', from: { action: 'Verify', status: 'open' }, to: null }]);
  });

  it('an added field is from null, a removed field to null', () => {
    expect(diffFields({ title: 'T' }, { title: 'T', owner: 'ROLE-1' })).toEqual([{ path: 'owner', from: null, to: 'ROLE-1' }]);
    expect(diffFields({ title: 'T', owner: 'ROLE-1' }, { title: 'T' })).toEqual([{ path: 'owner', from: 'ROLE-1', to: null }]);
  });

  it('an added or removed object field is one change with the whole object, not one per leaf', () => {
    expect(diffFields({}, { approved: { by: 'Board', date: '2026-01-10' } })).toEqual([{ path: 'approved', from: null, to: { by: 'Board', date: '2026-01-10' } }]);
    expect(diffFields({ approved: { by: 'Board', date: '2026-01-10' } }, {})).toEqual([{ path: 'approved', from: { by: 'Board', date: '2026-01-10' }, to: null }]);
  });

  it('a value that changes type is one change', () => {
    expect(diffFields({ target: 95 }, { target: '95%' })).toEqual([{ path: 'target', from: 95, to: '95%' }]);
    expect(diffFields({ t: { x: 1 } }, { t: 'x' })).toEqual([{ path: 't', from: { x: 1 }, to: 'x' }]);
    expect(diffFields({ t: ['a'] }, { t: 'a' })).toEqual([{ path: 't', from: ['a'], to: 'a' }]);
    expect(diffFields({ applicable: false }, { applicable: true })).toEqual([{ path: 'applicable', from: false, to: true }]);
  });

  it('objects inside lists inside objects get the full path', () => {
    const a = { effectiveness: { checks: [{ on: '2026-10-01', ok: false }] } };
    const b = { effectiveness: { checks: [{ on: '2026-10-01', ok: true }] } };
    expect(diffFields(a, b)).toEqual([{ path: 'effectiveness.checks[0].ok', from: false, to: true }]);
  });
});

// ---------------------------------------------------------------------------------------------

let line = 0;
/** A literal record; each gets its own line so origins differ. */
function rec(data: AimsRecordData, file = `aims/${data.kind}.yaml`): AimsRecord {
  line += 10;
  return { ...data, origin: { file, document: 0, line } };
}

function controlGap(id: string, decision: ControlDecision, status: ControlStatus, gap: boolean): ControlGap {
  return { id, title: `Control ${id}`, decision, status, gap, servedBy: [], basis: [], findings: [] };
}

function gaps(options: { controls?: ControlGap[]; clauses?: [string, 'met' | 'partial' | 'missing'][]; score?: number } = {}): GapResult {
  return {
    asOf: '2026-11-26',
    catalogue: 'ISO/IEC 42001:2023',
    readiness: { score: options.score ?? 50, clausesMet: 0, clauses: 0, controlsWithoutGap: 0, controls: 0 },
    readinessDetail: {
      points: 0,
      possible: 0,
      weights: { control: 1, clause: 2, prerequisite: 4 },
      clauseItems: { met: 0, total: 0 },
      prerequisiteItems: { met: 0, total: 0 },
      controls: { implemented: 0, excluded: 0, gaps: 0, undecided: 0, total: 0 },
      mirrored: [],
      invalidRecords: false,
    },
    blockers: [],
    phases: [],
    validation: { errors: 0, warnings: 0 },
    clauses: (options.clauses ?? []).map(([id, status]) => ({ id, title: `Clause ${id}`, status, evidence: [], basis: [], findings: [] })),
    controls: options.controls ?? [],
    notes: [],
    documents: [],
    suppressions: [],
  };
}

function side(label: string, records: AimsRecord[], g: GapResult = gaps(), config: AimsConfig = DEFAULT_CONFIG): DiffSide {
  return { label, records, config, gaps: g };
}

/** Default scales: likelihood rare..almost-certain, impact negligible..severe, acceptance 6 (score > 6 needs treatment). */
const risk = (id: string, likelihood: string, impact: string, extra: Partial<AimsRecordData> = {}): AimsRecord =>
  rec({ kind: 'risk', id, title: `Risk ${id}`, likelihood, impact, ...extra }, 'aims/risks.yaml');
const nc = (id: string, status?: string): AimsRecord =>
  rec({ kind: 'nonconformity', id, title: `NC ${id}`, raised: '2026-06-01', description: 'Something', ...(status ? { status } : {}) }, 'aims/ncs.yaml');

describe('diffAims: records', () => {
  it('added, removed and modified records, sorted by id, with labels passed through', () => {
    const before = [risk('RISK-2', 'rare', 'minor'), risk('RISK-1', 'unlikely', 'minor'), nc('NC-1', 'open')];
    const after = [risk('RISK-1', 'unlikely', 'moderate'), nc('NC-1', 'open'), risk('RISK-3', 'rare', 'minor')];
    const d = diffAims(side('v1 (aaaaaaa)', before), side('working tree', after));
    expect(d.from).toBe('v1 (aaaaaaa)');
    expect(d.to).toBe('working tree');
    expect(d.records).toEqual([
      { id: 'RISK-1', kind: 'risk', change: 'modified', file: 'aims/risks.yaml', fields: [{ path: 'impact', from: 'minor', to: 'moderate' }] },
      { id: 'RISK-2', kind: 'risk', change: 'removed', file: 'aims/risks.yaml', fields: [] },
      { id: 'RISK-3', kind: 'risk', change: 'added', file: 'aims/risks.yaml', fields: [] },
    ]);
  });

  it('a record that only moved (another file or line) is not a change', () => {
    const a = rec({ kind: 'role', id: 'ROLE-1', title: 'Lead', responsibilities: ['Run it'] }, 'aims/roles.yaml');
    const b = rec({ kind: 'role', id: 'ROLE-1', title: 'Lead', responsibilities: ['Run it'] }, 'aims/roles/lead.yaml');
    expect(diffAims(side('a', [a]), side('b', [b])).records).toEqual([]);
  });

  it('a modified record names the file it is in now', () => {
    const a = rec({ kind: 'role', id: 'ROLE-1', title: 'Lead' }, 'aims/roles.yaml');
    const b = rec({ kind: 'role', id: 'ROLE-1', title: 'AIMS lead' }, 'aims/roles/lead.yaml');
    expect(diffAims(side('a', [a]), side('b', [b])).records).toEqual([
      { id: 'ROLE-1', kind: 'role', change: 'modified', file: 'aims/roles/lead.yaml', fields: [{ path: 'title', from: 'Lead', to: 'AIMS lead' }] },
    ]);
  });

  it('records without an id are left out', () => {
    const noId = rec({ kind: 'role', title: 'Nameless' });
    expect(diffAims(side('a', []), side('b', [noId])).records).toEqual([]);
  });

  it('nothing changed: empty lists, same readiness', () => {
    const records = [risk('RISK-1', 'likely', 'major'), nc('NC-1')];
    const d = diffAims(side('a', records, gaps({ score: 40 })), side('b', records, gaps({ score: 40 })));
    expect(d.records).toEqual([]);
    expect(d.highlights).toEqual({ risksCrossed: [], controls: [], nonconformities: { opened: [], closed: [] } });
    expect(d.gap).toEqual({ clauses: [], controls: [], readiness: { from: 40, to: 40 } });
  });
});

describe('diffAims: risks crossing the acceptance line', () => {
  it('below → above and above → below are listed with both scores; moves on one side of the line are not', () => {
    const before = [risk('R-UP', 'unlikely', 'minor'), risk('R-DOWN', 'likely', 'major'), risk('R-STAY-HIGH', 'likely', 'major'), risk('R-STAY-LOW', 'rare', 'minor')];
    const after = [risk('R-UP', 'likely', 'major'), risk('R-DOWN', 'unlikely', 'minor'), risk('R-STAY-HIGH', 'almost-certain', 'severe'), risk('R-STAY-LOW', 'unlikely', 'minor')];
    expect(diffAims(side('a', before), side('b', after)).highlights.risksCrossed).toEqual([
      { id: 'R-DOWN', from: 16, to: 4, direction: 'below' },
      { id: 'R-UP', from: 4, to: 16, direction: 'above' },
    ]);
  });

  it('the line itself is acceptable: a score equal to the acceptance level is below it', () => {
    // possible (3) × minor (2) = 6 = acceptance; likely (4) × minor (2) = 8.
    const d = diffAims(side('a', [risk('R-1', 'possible', 'minor')]), side('b', [risk('R-1', 'likely', 'minor')]));
    expect(d.highlights.risksCrossed).toEqual([{ id: 'R-1', from: 6, to: 8, direction: 'above' }]);
    const back = diffAims(side('a', [risk('R-1', 'likely', 'minor')]), side('b', [risk('R-1', 'possible', 'minor')]));
    expect(back.highlights.risksCrossed).toEqual([{ id: 'R-1', from: 8, to: 6, direction: 'below' }]);
  });

  it('a new risk above the line crossed it (from null); a removed one above the line crossed back', () => {
    const d = diffAims(side('a', [risk('R-OLD', 'likely', 'major')]), side('b', [risk('R-NEW', 'likely', 'major'), risk('R-LOW', 'rare', 'minor')]));
    expect(d.highlights.risksCrossed).toEqual([
      { id: 'R-NEW', from: null, to: 16, direction: 'above' },
      { id: 'R-OLD', from: 16, to: null, direction: 'below' },
    ]);
  });

  it('a lower acceptance level moves an unchanged risk above the line', () => {
    const strict: AimsConfig = { ...DEFAULT_CONFIG, risk: { ...DEFAULT_CONFIG.risk, acceptance: 3 } };
    const r = [risk('R-1', 'unlikely', 'minor')]; // 2 × 2 = 4
    expect(diffAims(side('a', r), side('b', r, gaps(), strict)).highlights.risksCrossed).toEqual([{ id: 'R-1', from: 4, to: 4, direction: 'above' }]);
  });

  it('a risk off the scale has no score and is never above the line', () => {
    const d = diffAims(side('a', [risk('R-1', 'likely', 'major')]), side('b', [risk('R-1', 'extreme', 'major')]));
    expect(d.highlights.risksCrossed).toEqual([{ id: 'R-1', from: 16, to: null, direction: 'below' }]);
  });

  it('a record that stops being a risk is judged like a removed risk', () => {
    const d = diffAims(side('a', [risk('X-1', 'likely', 'major')]), side('b', [rec({ kind: 'role', id: 'X-1', title: 'Now a role' })]));
    expect(d.highlights.risksCrossed).toEqual([{ id: 'X-1', from: 16, to: null, direction: 'below' }]);
    expect(d.records).toEqual([expect.objectContaining({ id: 'X-1', kind: 'role', change: 'modified' })]);
  });
});

describe('diffAims: nonconformities', () => {
  it('open → closed is closed; closed → open is opened; a new open one is opened; no status counts as open', () => {
    const before = [nc('NC-1', 'open'), nc('NC-2', 'closed'), nc('NC-4')];
    const after = [nc('NC-1', 'closed'), nc('NC-2', 'open'), nc('NC-3', 'open'), nc('NC-4'), nc('NC-5')];
    expect(diffAims(side('a', before), side('b', after)).highlights.nonconformities).toEqual({ opened: ['NC-2', 'NC-3', 'NC-5'], closed: ['NC-1'] });
  });

  it('a removed open nonconformity is neither opened nor closed', () => {
    expect(diffAims(side('a', [nc('NC-1', 'open')]), side('b', [])).highlights.nonconformities).toEqual({ opened: [], closed: [] });
  });
});

describe('diffAims: controls and gap status', () => {
  it('controls whose decision or status changed come from the gap results, with both sides', () => {
    const from = gaps({
      controls: [
        controlGap('A.2.2', 'applicable', 'planned', true),
        controlGap('A.2.3', 'applicable', 'implemented', false),
        controlGap('A.2.4', 'undecided', 'undecided', true),
        controlGap('A.3.2', 'applicable', 'implemented', true),
      ],
      score: 10,
    });
    const to = gaps({
      controls: [
        controlGap('A.2.2', 'applicable', 'implemented', false),
        controlGap('A.2.3', 'excluded', 'not-applicable', false),
        controlGap('A.2.4', 'undecided', 'undecided', true),
        controlGap('A.3.2', 'applicable', 'implemented', false), // evidence appeared: gap closed, status the same
      ],
      score: 30,
    });
    const d = diffAims(side('a', [], from), side('b', [], to));
    expect(d.highlights.controls).toEqual([
      { id: 'A.2.2', decision: { from: 'applicable', to: 'applicable' }, status: { from: 'planned', to: 'implemented' } },
      { id: 'A.2.3', decision: { from: 'applicable', to: 'excluded' }, status: { from: 'implemented', to: 'not-applicable' } },
    ]);
    expect(d.gap.controls).toEqual([
      { id: 'A.2.2', from: 'gap', to: 'no gap' },
      { id: 'A.3.2', from: 'gap', to: 'no gap' },
    ]);
    expect(d.gap.readiness).toEqual({ from: 10, to: 30 });
  });

  it('clauses whose status changed, in the order of the later side', () => {
    const from = gaps({ clauses: [['4.1', 'met'], ['5.2', 'missing'], ['6.1.2', 'partial'], ['7.5.3', 'met']] });
    const to = gaps({ clauses: [['4.1', 'met'], ['5.2', 'met'], ['6.1.2', 'missing'], ['7.5.3', 'partial']] });
    expect(diffAims(side('a', [], from), side('b', [], to)).gap.clauses).toEqual([
      { id: '5.2', from: 'missing', to: 'met' },
      { id: '6.1.2', from: 'partial', to: 'missing' },
      { id: '7.5.3', from: 'met', to: 'partial' },
    ]);
  });
});
