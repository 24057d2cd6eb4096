import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeGitRepo, tempDir, writeFiles } from '../helpers/git-repo.js';
import { runBin } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';
import { commit, type DiffJson, type GapJson, gapJson, ok, parseJson, shortHash } from './helpers.js';

/**
 * `aims diff FROM [TO]` end to end: a repository with two tagged commits between which a
 * record was added, one removed, others modified, a risk crossed the acceptance line, a
 * nonconformity was closed and another opened, and a control was implemented.
 */

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

const control = (id: string, status: string, evidence: string, updated: string): string => yaml`
  kind: control
  id: ${id}
  title: Control ${id}
  owner: Dana Smith
  applicable: true
  justification: We build AI systems.
  status: ${status}
  evidence: [${evidence}]
  updated: ${updated}
`;

const risk = (id: string, likelihood: string, impact: string): string => yaml`
  kind: risk
  id: ${id}
  title: Risk ${id}
  likelihood: ${likelihood}
  impact: ${impact}
  updated: 2026-03-01
`;

const nc = (id: string, status: string): string => yaml`
  kind: nonconformity
  id: ${id}
  title: Nonconformity ${id}
  raised: 2026-02-20
  description: Something went wrong (${id}).
  status: ${status}
  updated: 2026-03-01
`;

const V1 = {
  'aims.yaml': 'organisation: Diff Test Ltd\n',
  'aims/controls.yaml': [control('A.2.2', 'planned', 'evidence/policy.md', '2026-03-01'), control('A.2.3', 'implemented', 'evidence/alignment.md', '2026-03-01')].join('---\n'),
  'aims/risks.yaml': [risk('RISK-1', 'unlikely', 'minor'), risk('RISK-2', 'rare', 'minor')].join('---\n'),
  'aims/ncs.yaml': [nc('NC-1', 'open'), nc('NC-2', 'open')].join('---\n'),
  'evidence/policy.md': '# Policy\n',
  'evidence/alignment.md': '# Alignment\n',
};

const V2 = {
  'aims/controls.yaml': [control('A.2.2', 'implemented', 'evidence/policy.md', '2026-06-15'), control('A.2.3', 'implemented', 'evidence/alignment.md', '2026-03-01')].join('---\n'),
  // RISK-1: unlikely × minor = 4 → likely × major = 16, across the acceptance level 6; RISK-2 gone.
  'aims/risks.yaml': risk('RISK-1', 'likely', 'major'),
  'aims/risks/new.yaml': risk('RISK-3', 'rare', 'minor'),
  'aims/ncs.yaml': [nc('NC-1', 'closed'), nc('NC-2', 'open'), nc('NC-3', 'open')].join('---\n'),
  // No policy at v1 (5.2 missing); an approved one at v2 (5.2 met).
  'aims/policy.yaml': yaml`
    kind: policy
    id: POL-1
    title: AI policy
    statements: [We assess every AI system before use.]
    approved: { by: Board, date: 2026-06-01 }
    communicated_to: [All staff]
  `,
};

const EXPECTED_RECORDS: DiffJson['records'] = [
  {
    id: 'A.2.2',
    kind: 'control',
    change: 'modified',
    file: 'aims/controls.yaml',
    fields: [
      { path: 'status', from: 'planned', to: 'implemented' },
      { path: 'updated', from: '2026-03-01', to: '2026-06-15' },
    ],
  },
  { id: 'NC-1', kind: 'nonconformity', change: 'modified', file: 'aims/ncs.yaml', fields: [{ path: 'status', from: 'open', to: 'closed' }] },
  { id: 'NC-3', kind: 'nonconformity', change: 'added', file: 'aims/ncs.yaml', fields: [] },
  { id: 'POL-1', kind: 'policy', change: 'added', file: 'aims/policy.yaml', fields: [] },
  {
    id: 'RISK-1',
    kind: 'risk',
    change: 'modified',
    file: 'aims/risks.yaml',
    fields: [
      { path: 'impact', from: 'minor', to: 'major' },
      { path: 'likelihood', from: 'unlikely', to: 'likely' },
    ],
  },
  { id: 'RISK-2', kind: 'risk', change: 'removed', file: 'aims/risks.yaml', fields: [] },
  { id: 'RISK-3', kind: 'risk', change: 'added', file: 'aims/risks/new.yaml', fields: [] },
];

/** The clause and control status changes between two gap reports, as `aims diff` should list them. */
function gapChanges(from: GapJson, to: GapJson): DiffJson['gap'] {
  const clauseBefore = new Map(from.clauses.map((c) => [c.id, c.status]));
  const controlBefore = new Map(from.controls.map((c) => [c.id, c.gap ? 'gap' : 'no gap']));
  return {
    clauses: to.clauses.filter((c) => clauseBefore.get(c.id) !== c.status).map((c) => ({ id: c.id, from: clauseBefore.get(c.id) ?? '', to: c.status })),
    controls: to.controls
      .filter((c) => controlBefore.get(c.id) !== (c.gap ? 'gap' : 'no gap'))
      .map((c) => ({ id: c.id, from: controlBefore.get(c.id) ?? '', to: c.gap ? 'gap' : 'no gap' })),
    readiness: { from: from.readiness, to: to.readiness },
  };
}

describe('aims diff', () => {
  let dir: string;
  let diff: DiffJson;

  beforeAll(() => {
    const r = makeGitRepo();
    cleanups.push(r.cleanup);
    dir = r.dir;
    git(dir, ['tag', 'v1', commit(dir, V1, '2026-03-01T10:00:00Z', 'v1')]);
    git(dir, ['tag', 'v2', commit(dir, V2, '2026-06-15T10:00:00Z', 'v2')]);
    diff = parseJson<DiffJson>(ok(['diff', 'v1', 'v2', '--format', 'json'], dir).stdout);
  });

  it('JSON has exactly from, to, records, highlights and gap, the sides labelled with ref and short hash', () => {
    expect(Object.keys(diff)).toEqual(['from', 'to', 'asOf', 'records', 'highlights', 'gap']);
    expect(Object.keys(diff.highlights)).toEqual(['risksCrossed', 'controls', 'nonconformities']);
    expect(Object.keys(diff.gap)).toEqual(['clauses', 'controls', 'readiness']);
    expect(diff.from).toBe(`v1 (${shortHash(dir, 'v1')})`);
    expect(diff.to).toBe(`v2 (${shortHash(dir, 'v2')})`);
  });

  it('records added, removed and modified, with each changed field old → new', () => {
    expect(diff.records).toEqual(EXPECTED_RECORDS);
  });

  it('the risk that crossed the acceptance line, with both scores', () => {
    expect(diff.highlights.risksCrossed).toEqual([{ id: 'RISK-1', from: 4, to: 16, direction: 'above' }]);
  });

  it('the nonconformity closed and the one opened', () => {
    expect(diff.highlights.nonconformities).toEqual({ opened: ['NC-3'], closed: ['NC-1'] });
  });

  it('the control whose status changed, and the matching Annex A gap change', () => {
    expect(diff.highlights.controls).toEqual([{ id: 'A.2.2', decision: { from: 'applicable', to: 'applicable' }, status: { from: 'planned', to: 'implemented' } }]);
    expect(diff.gap.controls).toEqual([{ id: 'A.2.2', from: 'gap', to: 'no gap' }]);
  });

  it('every clause and control whose gap status changed, and readiness, agree with `gap --ref` on each side as of the later side\'s date', () => {
    const later = gapJson(dir, ['--ref', 'v2']);
    const expected = gapChanges(gapJson(dir, ['--ref', 'v1', '--as-of', later.asOf]), later);
    expect(diff.gap).toEqual(expected);
    expect(diff.gap.clauses).toContainEqual({ id: '5.2', from: 'missing', to: 'met' });
    expect(diff.gap.readiness.to).toBeGreaterThan(diff.gap.readiness.from);
    // RISK-1 now needs treatment it does not have: 6.1.3 and 8.3 say so at v2.
    const v2 = gapJson(dir, ['--ref', 'v2']);
    expect(v2.clauses.find((c) => c.id === '6.1.3')?.findings.map((f) => f.message)).toContainEqual(expect.stringMatching(/RISK-1 scores 16, above the acceptance level 6, but has no treatment/));
  });

  it('reversed, everything turns round', () => {
    const back = parseJson<DiffJson>(ok(['diff', 'v2', 'v1', '--format', 'json'], dir).stdout);
    expect(back.records.map((r) => [r.id, r.change])).toEqual([
      ['A.2.2', 'modified'],
      ['NC-1', 'modified'],
      ['NC-3', 'removed'],
      ['POL-1', 'removed'],
      ['RISK-1', 'modified'],
      ['RISK-2', 'added'],
      ['RISK-3', 'removed'],
    ]);
    expect(back.records[0]?.fields).toEqual([
      { path: 'status', from: 'implemented', to: 'planned' },
      { path: 'updated', from: '2026-06-15', to: '2026-03-01' },
    ]);
    expect(back.highlights.risksCrossed).toEqual([{ id: 'RISK-1', from: 16, to: 4, direction: 'below' }]);
    expect(back.highlights.nonconformities).toEqual({ opened: ['NC-1'], closed: [] });
    expect(back.gap.controls).toEqual([{ id: 'A.2.2', from: 'no gap', to: 'gap' }]);
    expect(back.gap.readiness).toEqual({ from: diff.gap.readiness.to, to: diff.gap.readiness.from });
  });

  it('TO defaults to the working tree: a clean tree at v2 gives the same records as v1 → v2', () => {
    const wt = parseJson<DiffJson>(ok(['diff', 'v1', '--format', 'json'], dir).stdout);
    expect(wt.from).toBe(diff.from);
    expect(wt.to).toBe('working tree');
    expect(wt.records).toEqual(EXPECTED_RECORDS);
    expect(wt.highlights).toEqual(diff.highlights);
    expect(wt.gap.readiness.from).toBe(diff.gap.readiness.from);
  });

  it('the working tree side includes uncommitted changes and says so', () => {
    const extra = tempDir();
    cleanups.push(extra.cleanup);
    const clone = path.join(extra.dir, 'clone');
    git(extra.dir, ['clone', '-q', dir, clone]);
    writeFiles(clone, { 'aims/ncs.yaml': [nc('NC-1', 'closed'), nc('NC-2', 'closed'), nc('NC-3', 'open')].join('---\n') });
    const wt = parseJson<DiffJson>(ok(['diff', 'v2', '--format', 'json'], clone).stdout);
    expect(wt.to).toBe('working tree (uncommitted changes)');
    expect(wt.records).toEqual([{ id: 'NC-2', kind: 'nonconformity', change: 'modified', file: 'aims/ncs.yaml', fields: [{ path: 'status', from: 'open', to: 'closed' }] }]);
    expect(wt.highlights.nonconformities).toEqual({ opened: [], closed: ['NC-2'] });
  });

  it('--root DIR from another working directory gives the same answer', () => {
    const elsewhere = tempDir();
    cleanups.push(elsewhere.cleanup);
    expect(parseJson<DiffJson>(ok(['diff', 'v1', 'v2', '--root', dir, '--format', 'json'], elsewhere.dir).stdout)).toEqual(diff);
    // A relative --root is taken from the working directory.
    const parent = path.dirname(dir);
    expect(parseJson<DiffJson>(ok(['diff', 'v1', 'v2', '--root', path.basename(dir), '--format', 'json'], parent).stdout)).toEqual(diff);
  });

  it('the root as the last argument, as on every other command: `diff FROM ROOT` and `diff FROM TO ROOT`', () => {
    const parent = path.dirname(dir);
    const name = path.basename(dir);
    const wt = parseJson<DiffJson>(ok(['diff', 'v1', '--format', 'json'], dir).stdout);
    expect(parseJson<DiffJson>(ok(['diff', 'v1', name, '--format', 'json'], parent).stdout)).toEqual(wt);
    expect(parseJson<DiffJson>(ok(['diff', 'v1', 'v2', name, '--format', 'json'], parent).stdout)).toEqual(diff);
    // Twice is ambiguous: refused as a usage error.
    expect(runBin(['diff', 'v1', 'v2', name, '--root', name], parent).code).toBe(2);
  });

  it('the same commit on both sides: no change at all', () => {
    const same = parseJson<DiffJson>(ok(['diff', 'v2', 'v2', '--format', 'json'], dir).stdout);
    expect(same.records).toEqual([]);
    expect(same.highlights).toEqual({ risksCrossed: [], controls: [], nonconformities: { opened: [], closed: [] } });
    expect(same.gap).toEqual({ clauses: [], controls: [], readiness: { from: diff.gap.readiness.to, to: diff.gap.readiness.to } });
    expect(ok(['diff', 'v2', 'v2'], dir).stdout).toContain('No record changed.');
  });

  it('a record file only renamed is no change', () => {
    git(dir, ['checkout', '-q', '-b', 'moved', 'v2']);
    try {
      mkdirSync(path.join(dir, 'aims/register'), { recursive: true });
      git(dir, ['mv', 'aims/risks/new.yaml', 'aims/register/risk-3.yaml'], '2026-07-01T10:00:00Z');
      git(dir, ['commit', '-q', '-m', 'move'], '2026-07-01T10:00:00Z');
      const moved = parseJson<DiffJson>(ok(['diff', 'v2', 'moved', '--format', 'json'], dir).stdout);
      expect(moved.records).toEqual([]);
    } finally {
      git(dir, ['checkout', '-q', 'main']);
    }
  });

  /** Facts every format must carry, as text fragments. */
  function facts(): string[] {
    const r = diff.gap.readiness;
    return [
      shortHash(dir, 'v1'),
      shortHash(dir, 'v2'),
      String(r.from),
      String(r.to),
      ...EXPECTED_RECORDS.map((c) => c.id),
      'status: planned → implemented',
      'updated: 2026-03-01 → 2026-06-15',
      'status: open → closed',
      'impact: minor → major',
      'likelihood: unlikely → likely',
      'RISK-1: score 4 → 16',
      'A.2.2: applicable/planned → applicable/implemented',
      'NC-1',
      'NC-3',
      'A.2.2: gap → no gap',
      ...diff.gap.clauses.map((c) => `${c.id}: ${c.from} → ${c.to}`),
    ];
  }

  it('text and markdown carry the same facts as the JSON', () => {
    const text = ok(['diff', 'v1', 'v2'], dir).stdout;
    const md = ok(['diff', 'v1', 'v2', '--format', 'markdown'], dir).stdout;
    for (const fact of facts()) {
      expect(text, `text lacks ${fact}`).toContain(fact);
      expect(md, `markdown lacks ${fact}`).toContain(fact);
    }
    expect(text).toMatch(/^\s+\+ risk RISK-3 \(added, aims\/risks\/new\.yaml\)$/m);
    expect(text).toMatch(/^\s+- risk RISK-2 \(removed, aims\/risks\.yaml\)$/m);
    expect(text).toMatch(/^\s+~ nonconformity NC-1 \(modified, aims\/ncs\.yaml\)$/m);
    expect(text).toMatch(/opened NC-3/);
    expect(text).toMatch(/closed NC-1/);
    expect(md).toMatch(/^\| RISK-3 \| risk \| added \|/m);
    expect(md).toMatch(/^\| RISK-2 \| risk \| removed \|/m);
    expect(md).toMatch(/### Nonconformities opened\n\n- NC-3\n/);
    expect(md).toMatch(/### Nonconformities closed\n\n- NC-1\n/);
    expect(md).toContain(`Readiness moved from **${diff.gap.readiness.from}** to **${diff.gap.readiness.to}**. 7 records changed.`);
  });

  it('an unknown format is refused', () => {
    const run = runBin(['diff', 'v1', 'v2', '--format', 'yaml'], dir);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
  });
});
