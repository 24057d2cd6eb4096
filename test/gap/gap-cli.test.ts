import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeGitRepo, tempDir, writeFiles } from '../helpers/git-repo.js';
import { type EnvOverrides, PROJECT_ROOT, type RunResult, runBin } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';
import { ANNEX_A, LEAF_CLAUSES } from './builders.js';

/**
 * `aims gap` end to end, through the BUILT binary (`npm run build` first), in temporary git
 * repositories: examples/acme, and small repositories with commits at chosen dates.
 */

const AS_OF = '2026-11-26';
const ACME = path.join(PROJECT_ROOT, 'examples', 'acme');
const ANSI = /\x1b\[/;

interface JsonFinding {
  message: string;
  record: string | null;
  file: string | null;
  line: number | null;
}
interface JsonClause {
  id: string;
  title: string;
  status: 'met' | 'partial' | 'missing';
  basis: { id: string; kind: string; file: string; line: number }[];
  findings: JsonFinding[];
}
interface JsonControl {
  id: string;
  title: string;
  decision: 'applicable' | 'excluded' | 'undecided';
  status: string;
  gap: boolean;
  findings: JsonFinding[];
}
interface JsonBlocker {
  id: string;
  message: string;
  record?: string;
  file?: string;
  line?: number;
  next: string;
}
interface JsonPhase {
  id: string;
  title: string;
  readiness: number;
  status: 'done' | 'in-progress' | 'not-started';
  clauses: string[];
  controls: string[];
  next: string[];
}
interface JsonGap {
  asOf: string;
  organisation: string | null;
  readiness: number;
  readinessDetail: { points: number; possible: number; invalidRecords: boolean; clauseItems: { met: number; total: number }; mirrored: string[][] };
  validation: { errors: number; warnings: number };
  blockers: JsonBlocker[];
  phases: JsonPhase[];
  clauses: JsonClause[];
  controls: JsonControl[];
  suppressions: { rule: string; record: string; file: string; line: number; reason: string; until: string | null; expired: boolean; matched: number }[];
}

const FINDING_KEYS = ['message', 'record', 'file', 'line'];

/** Parses `--format json` output, checking the exact key set at every level on the way. */
function parseGap(stdout: string): JsonGap {
  const parsed: unknown = JSON.parse(stdout);
  const top = parsed as Record<string, unknown>;
  expect(Object.keys(top)).toEqual(['asOf', 'organisation', 'readiness', 'readinessDetail', 'validation', 'blockers', 'phases', 'clauses', 'controls', 'suppressions']);
  expect(top['organisation'] === null || typeof top['organisation'] === 'string').toBe(true);
  for (const b of top['blockers'] as Record<string, unknown>[]) {
    expect(Object.keys(b).filter((k) => !['id', 'message', 'record', 'file', 'line', 'next'].includes(k))).toEqual([]);
    expect(typeof b['id']).toBe('string');
    expect(typeof b['message']).toBe('string');
    expect(typeof b['next']).toBe('string');
  }
  for (const p of top['phases'] as Record<string, unknown>[]) {
    expect(Object.keys(p)).toEqual(['id', 'title', 'readiness', 'status', 'clauses', 'controls', 'next']);
    expect(['done', 'in-progress', 'not-started']).toContain(p['status']);
    expect((p['next'] as unknown[]).length).toBeLessThanOrEqual(3);
  }
  expect(top['asOf']).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(Number.isInteger(top['readiness'])).toBe(true);
  expect(top['readiness']).toBeGreaterThanOrEqual(0);
  expect(top['readiness']).toBeLessThanOrEqual(100);
  expect(Object.keys(top['validation'] as object)).toEqual(['errors', 'warnings']);
  const findings = (list: unknown): void => {
    expect(Array.isArray(list)).toBe(true);
    for (const f of list as Record<string, unknown>[]) {
      expect(Object.keys(f)).toEqual(FINDING_KEYS);
      expect(typeof f['message']).toBe('string');
      expect(f['record'] === null || typeof f['record'] === 'string').toBe(true);
      expect(f['file'] === null || typeof f['file'] === 'string').toBe(true);
      expect(f['line'] === null || (Number.isInteger(f['line']) && (f['line'] as number) >= 1)).toBe(true);
    }
  };
  // Every record a verdict rests on, with where to find it.
  const basis = (list: unknown): void => {
    expect(Array.isArray(list)).toBe(true);
    for (const b of list as Record<string, unknown>[]) {
      expect(Object.keys(b)).toEqual(['id', 'kind', 'file', 'line']);
      expect(Number.isInteger(b['line']) && (b['line'] as number) >= 1).toBe(true);
    }
  };
  for (const c of top['clauses'] as Record<string, unknown>[]) {
    expect(Object.keys(c)).toEqual(['id', 'title', 'status', 'basis', 'findings']);
    basis(c['basis']);
    // 10.2 is met with no nonconformity at all: there is nothing to trace then.
    if (c['status'] === 'met' && c['id'] !== '10.2') expect((c['basis'] as unknown[]).length, `met clause ${String(c['id'])} names its basis`).toBeGreaterThan(0);
    expect(['met', 'partial', 'missing']).toContain(c['status']);
    findings(c['findings']);
  }
  for (const c of top['controls'] as Record<string, unknown>[]) {
    expect(Object.keys(c)).toEqual(['id', 'title', 'decision', 'status', 'gap', 'evidenceFrom', 'servedBy', 'basis', 'findings']);
    basis(c['basis']);
    if (c['gap'] === false) expect((c['basis'] as unknown[]).length, `control ${String(c['id'])} without a gap names its basis`).toBeGreaterThan(0);
    expect(['applicable', 'excluded', 'undecided']).toContain(c['decision']);
    expect(typeof c['gap']).toBe('boolean');
    findings(c['findings']);
  }
  return parsed as JsonGap;
}

function gapJson(dir: string, extra: string[] = [], code = 0): JsonGap {
  const run = runBin(['gap', '.', '--as-of', AS_OF, '--format', 'json', ...extra], dir);
  if (code === 0) expect(run.stderr).toBe('');
  expect(run.code).toBe(code);
  return parseGap(run.stdout);
}

function clauseOf(report: JsonGap, id: string): JsonClause {
  const c = report.clauses.find((x) => x.id === id);
  if (!c) throw new Error(`no clause ${id}`);
  return c;
}

describe('aims gap on examples/acme (in a temporary git repository)', () => {
  let repo: { dir: string; cleanup: () => void };
  let report: JsonGap;
  // The repository never changes here, so one command gives one output: run each once.
  const outputs = new Map<string, RunResult>();
  const gapRun = (args: string[], env: EnvOverrides = {}): RunResult => {
    const key = JSON.stringify([args, env]);
    let run = outputs.get(key);
    if (!run) outputs.set(key, (run = runBin(['gap', ...args], repo.dir, env)));
    return run;
  };

  beforeAll(() => {
    repo = makeGitRepo({ copyFrom: ACME });
    report = gapJson(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('exits 0 by default, whatever the readiness', () => {
    const run = gapRun(['--as-of', AS_OF]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(new RegExp(`Readiness ${report.readiness}/100`));
  });

  it('shows realistic partial readiness (75–85) with clean validation', () => {
    expect(report.readiness).toBeGreaterThanOrEqual(75);
    expect(report.readiness).toBeLessThanOrEqual(85);
    expect(report.validation).toEqual({ errors: 0, warnings: 0 });
    expect(report.asOf).toBe(AS_OF);
  });

  it('--fail-under above readiness exits 1 and says why', () => {
    const above = gapRun(['--as-of', AS_OF, '--fail-under', String(report.readiness + 1)]);
    expect(above.code).toBe(1);
    expect(above.stderr).toMatch(new RegExp(`readiness ${report.readiness} is below --fail-under ${report.readiness + 1}`));
    expect(above.stdout).toMatch(/Readiness/);
  });

  it('--fail-under equal to or below readiness exits 0', () => {
    expect(gapRun(['--as-of', AS_OF, '--fail-under', String(report.readiness)]).code).toBe(0);
    expect(gapRun(['--as-of', AS_OF, '--fail-under', String(report.readiness - 1)]).code).toBe(0);
  });

  it('--fail-under 0 never fails; --fail-under 100 fails below 100, in any format', () => {
    expect(gapRun(['--as-of', AS_OF, '--fail-under', '0']).code).toBe(0);
    const json = gapRun(['--as-of', AS_OF, '--fail-under', '100', '--format', 'json']);
    expect(json.code).toBe(1);
    expect(parseGap(json.stdout).readiness).toBe(report.readiness);
  });

  it.each([['abc'], ['101'], ['-5'], ['']])('--fail-under %j is a usage error (exit 2)', (value) => {
    const run = gapRun(['--as-of', AS_OF, `--fail-under=${value}`]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/fail-under/);
  });

  it.each([['2026-02-30'], ['2026-13-01'], ['26-11-2026'], ['tomorrow'], ['2026-11-26T00:00:00Z']])('--as-of %s is a usage error (exit 2)', (value) => {
    const run = gapRun(['--as-of', value]);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--as-of/);
    expect(run.code).toBe(2);
  });

  it('--format xml is a usage error (exit 2)', () => {
    expect(gapRun(['--format', 'xml']).code).toBe(2);
  });

  it('a root that does not exist is a usage error (exit 2)', () => {
    const run = gapRun(['no-such-folder', '--as-of', AS_OF]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no such directory/);
  });

  it('judges as of today by default', () => {
    const before = new Date().toISOString().slice(0, 10);
    const run = gapRun(['--format', 'json']);
    const after = new Date().toISOString().slice(0, 10);
    expect(run.code).toBe(0);
    expect([before, after]).toContain(parseGap(run.stdout).asOf);
  });

  it('JSON: the 32 leaf clauses and exactly the 38 Annex A controls, in catalogue order', () => {
    expect(report.clauses.map((c) => c.id)).toEqual(LEAF_CLAUSES);
    expect(report.clauses).toHaveLength(32);
    expect(report.controls.map((c) => c.id)).toEqual(ANNEX_A);
    expect(report.controls).toHaveLength(38);
  });

  it('JSON: readiness is the points earned out of the points possible, rounded down, with the counts behind it', () => {
    const d = report.readinessDetail;
    expect(report.readiness).toBe(Math.floor((100 * d.points) / d.possible));
    expect(d.clauseItems.total).toBe(27); // 32 clauses, mirrored groups counted once
    expect(d.mirrored).toEqual([['6.1.2', '8.2'], ['6.1.3', '8.3'], ['6.1.4', '8.4'], ['9.3.1', '9.3.2', '9.3.3']]);
    expect(d.invalidRecords).toBe(false);
    expect(report.organisation).toBe('Acme Lending Ltd');
  });

  it('JSON: the blockers a consultant would name for Acme, each with its record and file', () => {
    expect(report.blockers.map((b) => [b.id, b.record, b.file])).toEqual([
      ['6.1.3', 'RISK-010', 'aims/risks/register.yaml'],
      ['10.2', 'NC-002', 'aims/nonconformities/nonconformities.yaml'],
    ]);
    for (const b of report.blockers) expect(b.line).toBeGreaterThan(0);
  });

  it('JSON: the journey of Acme: context done, the rest under way, and not yet ready for the external audit', () => {
    expect(report.phases.map((p) => [p.id, p.status])).toEqual([
      ['context', 'done'],
      ['risk', 'in-progress'],
      ['controls', 'in-progress'],
      ['evaluation', 'in-progress'],
      ['certification', 'in-progress'],
    ]);
    const [context, risk, controls, evaluation, certification] = report.phases;
    expect(context?.readiness).toBe(100);
    expect(context?.next).toEqual([]);
    expect(risk?.next[0]).toMatch(/^RISK-010: /);
    expect(evaluation?.next[0]).toMatch(/^NC-002: /);
    expect(controls?.controls).toEqual(ANNEX_A);
    expect(certification?.clauses).toEqual([]);
    expect(certification?.next.map((n) => n.split(':')[0])).toEqual(['RISK-010', 'NC-002']);
    // Every leaf clause belongs to exactly one phase.
    expect(report.phases.flatMap((p) => p.clauses).sort()).toEqual([...LEAF_CLAUSES].sort());
  });

  it('text and Markdown open with the blockers and the journey', () => {
    const text = gapRun(['--as-of', AS_OF]).stdout;
    expect(text.indexOf('Not certifiable yet: 2 blockers')).toBeLessThan(text.indexOf('Certification journey'));
    expect(text.indexOf('Certification journey')).toBeLessThan(text.indexOf('\nClauses'));
    expect(text).toMatch(/✖ 6\.1\.3 +aims\/risks\/register\.yaml:\d+ +risk RISK-010 /);
    expect(text).toMatch(/^ +1 ✔ done +100% +Context and gap analysis$/m);
    expect(text).toMatch(/^ +5 ◐ in-progress +\d+% +External audit readiness$/m);
    const md = gapRun(['--as-of', AS_OF, '--format', 'markdown']).stdout;
    expect(md).toContain('### Not certifiable yet: 2 blockers');
    expect(md).toContain('| Phase | Status | Readiness | Next actions |');
    expect(md).toMatch(/^\| 1\. Context and gap analysis \| ✔ done \| 100% \| — \|$/m);
    expect(md.indexOf('### Certification journey')).toBeLessThan(md.indexOf('### Clauses'));
  });

  it('mirrored clauses refer to each other instead of repeating a finding; --verbose repeats it', () => {
    const text = gapRun(['--as-of', AS_OF]).stdout;
    expect(text).toMatch(/^ +◐ partial +8\.2 +AI risk assessment \(same as 6\.1\.2\)$/m);
    expect(text).toMatch(/^ +6\.1\.2 AI risk assessment \(also 8\.2\)$/m);
    expect(text.match(/RISK-007: last review 2026-04-10/g)).toHaveLength(1);
    const verbose = gapRun(['--as-of', AS_OF, '--verbose']).stdout;
    expect(verbose.match(/RISK-007: last review 2026-04-10/g)).toHaveLength(2);
    expect(verbose).toMatch(/^ +8\.2 AI risk assessment$/m);
  });

  it('JSON: shows the deliberate gaps described in the README, naming records and files', () => {
    const notMet = Object.fromEntries(report.clauses.filter((c) => c.status !== 'met').map((c) => [c.id, c.status]));
    expect(notMet).toEqual({
      '6.1.2': 'partial',
      '6.1.3': 'partial',
      '6.1.4': 'partial',
      '6.3': 'partial',
      '7.2': 'partial',
      '8.2': 'partial',
      '8.3': 'partial',
      '8.4': 'partial',
      '9.2.2': 'partial',
      '9.3.2': 'partial',
      '9.3.3': 'partial',
      '10.2': 'partial',
    });
    expect(report.controls.filter((c) => c.gap).map((c) => `${c.id} ${c.status}`)).toEqual([
      'A.5.5 partial',
      'A.6.2.8 partial',
      'A.7.5 planned',
      'A.8.3 partial',
      'A.10.3 partial',
    ]);
    expect(report.controls.find((c) => c.id === 'A.10.4')).toMatchObject({ decision: 'excluded', status: 'not-applicable', gap: false });
    expect(clauseOf(report, '6.1.2').findings).toEqual([
      { message: expect.stringMatching(/RISK-007: last review 2026-04-10/), record: 'RISK-007', file: 'aims/risks/register.yaml', line: expect.any(Number) },
    ]);
    expect(clauseOf(report, '6.1.3').findings.map((f) => f.record)).toEqual(['RISK-010']);
    expect(clauseOf(report, '6.1.4').findings.map((f) => [f.record, f.file])).toEqual([
      ['AIA-DOC-OCR', 'aims/assessments/document-ocr.yaml'],
      ['AIA-TREASURY-FORECAST', 'aims/assessments/treasury-forecast.yaml'],
    ]);
    expect(clauseOf(report, '6.1.4').findings[0]?.message).toMatch(/does not consider the impact on society/);
    expect(clauseOf(report, '9.2.2').findings).toEqual([
      { message: 'over the P12M audit cycle, no audit covered 5 requirements: 9.2.1, 9.2.2, 10.1, 10.2 and A.10.2', record: 'AUD-2026-01', file: 'aims/audits/internal-audit-2026.yaml', line: 1 },
    ]);
    expect(clauseOf(report, '9.3.2').findings.map((f) => f.message)).toEqual(['no management review within the P12M review cycle considered interested-party-changes']);
    expect(clauseOf(report, '7.2').findings.map((f) => f.record)).toEqual(['ROLE-CRO']);
    expect(clauseOf(report, '9.3.3').findings.map((f) => f.record)).toEqual(['MR-2026-01', 'MR-2026-01']);
    // The tabletop exercise (AUD-2026-EX1) is kept but never the audit: 9.2.1 rests on AUD-2026-01 alone.
    expect(clauseOf(report, '9.2.1').basis.map((b) => b.id)).toEqual(['AUD-2026-01']);
    // OBJ-002's dated targets, baseline and quarterly frequency: its passed target was met on time.
    expect(clauseOf(report, '6.2')).toMatchObject({ status: 'met', findings: [] });
    // The log-retention action is handed to NC-002, still open: overdue, and the finding says why.
    expect(clauseOf(report, '9.3.3').findings.map((f) => f.message)).toContain('review MR-2026-01 action "Deliver 13-month retention for support assistant conversation logs" was due 2026-10-31; nonconformity NC-002, which handles it, is not closed');
    expect(clauseOf(report, '10.2').findings.map((f) => f.record)).toEqual(['NC-002']);
    expect(clauseOf(report, '6.3').findings).toEqual([{ message: 'document DOC-009 is draft, not approved', record: 'DOC-009', file: 'aims/documents/procedures.yaml', line: expect.any(Number) }]);
  });

  it('markdown holds the clause and control tables', () => {
    const run = gapRun(['--as-of', AS_OF, '--format', 'markdown']);
    expect(run.code).toBe(0);
    const md = run.stdout;
    expect(md).toContain(`Readiness **${report.readiness}/100**`);
    expect(md).toContain('### Clauses');
    expect(md).toContain('| Status | Clause | Title | Findings |\n| --- | --- | --- | --- |');
    expect(md).toContain('| ✔ met | 4.1 | Understanding the organization and its context | 0 |');
    expect(md).toContain('| ◐ partial | 6.1.2 | AI risk assessment | 1 |');
    expect(md).toContain('| ◐ partial | 6.3 | Planning of changes | 1 |');
    expect(md).toContain('### Annex A controls');
    expect(md).toContain('| Gap | Control | Title | Decision and status |\n| --- | --- | --- | --- |');
    expect(md).toContain('| ✖ gap | A.7.5 | Data provenance | applicable, planned |');
    expect(md).toContain('| – ok | A.10.4 | Customers | excluded |');
    expect(md.match(/^\| .* \| \d+(\.\d+)* \| .* \| (\d+|same as [\d.]+) \|$/gm)).toHaveLength(32);
    expect(md).toContain('| ◐ partial | 8.2 | AI risk assessment | same as 6.1.2 |');
    expect(md.match(/^\| .* \| A\.[\d.]+ \| .* \| .* \|$/gm)).toHaveLength(38);
    expect(md).toContain('### Findings and next steps');
    expect(md).not.toMatch(ANSI);
  });

  it('text shows status words, not colour alone, and no ANSI codes with NO_COLOR', () => {
    const run = gapRun(['--as-of', AS_OF], { NO_COLOR: '1', FORCE_COLOR: '1' });
    expect(run.code).toBe(0);
    const text = run.stdout;
    expect(text).not.toMatch(ANSI);
    expect(text).toMatch(/^ +✔ met +4\.1 +Understanding the organization/m);
    expect(text).toMatch(/^ +◐ partial +6\.1\.2 +AI risk assessment \(1 finding\)/m);
    expect(text).toMatch(/^ +◐ partial +6\.3 +Planning of changes/m);
    expect(text).toMatch(/^ +✔ ok +A\.2\.2 /m);
    expect(text).toMatch(/^ +✖ gap +A\.7\.5 +Data provenance \[applicable, planned\]/m);
    expect(text).toMatch(/^ +– ok +A\.10\.4 +Customers \[excluded\]/m);
    expect(text).toMatch(/Validation: no errors, 0 warnings/);
    expect(text).toMatch(/Findings and next steps/);
  });

  it('--verbose, markdown and JSON trace every met clause and control to its records (file:line)', () => {
    const run = gapRun(['--as-of', AS_OF, '--verbose'], { NO_COLOR: '1' });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ +✔ met +4\.4 +AI management system\n +based on DOC-001 \(aims\/documents\/procedures\.yaml:\d+\)/m);
    expect(run.stdout).toMatch(/^ +✔ ok +A\.10\.2 .*\n( +based on .*\n)* +based on SUP-001 \(aims\/suppliers\/suppliers\.yaml:\d+\)/m);
    // A partial clause lists findings, not a basis.
    expect(run.stdout).not.toMatch(/^ +◐ partial +6\.3 .*\n +based on/m);
    expect(gapRun(['--as-of', AS_OF]).stdout).not.toContain('based on');
    const md = gapRun(['--as-of', AS_OF, '--format', 'markdown']).stdout;
    expect(md).toMatch(/^\| 7\.5\.2 \| DOC-005 \(`aims\/documents\/procedures\.yaml:\d+`\) \|$/m);
    expect(clauseOf(report, '7.4').basis.map((b) => b.id)).toEqual(expect.arrayContaining(['DOC-004', 'POL-001']));
  });

  it('text with --color adds colour on top of the same words', () => {
    const run = gapRun(['--as-of', AS_OF, '--color']);
    expect(run.stdout).toMatch(ANSI);
    const plain = run.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain).toBe(gapRun(['--as-of', AS_OF]).stdout);
  });

  it('inside a full git clone there is no history note', () => {
    const run = gapRun(['--as-of', AS_OF]);
    expect(run.stdout).not.toMatch(/Note:/);
  });
});

describe('scaffold text counts as absent, end to end', () => {
  it('after `aims init`, the role holder left as "Replace with …" is no holder: 5.3 names the line to fill in', () => {
    const repo = makeGitRepo();
    try {
      const init = runBin(['init', '.'], repo.dir);
      expect(init.code).toBe(0);
      const roleFile = 'aims/roles/ai-governance-lead.yaml';
      const holderLine = readFileSync(path.join(repo.dir, roleFile), 'utf8').split('\n').findIndex((l) => l.startsWith('holder: Replace with')) + 1;
      expect(holderLine).toBeGreaterThan(1);
      const report = gapJson(repo.dir);
      expect(clauseOf(report, '5.3').status).toBe('partial');
      expect(clauseOf(report, '5.3').findings).toContainEqual({ message: expect.stringMatching(/`holder` still holds placeholder text from the scaffold/), record: 'ROLE-AI-GOVERNANCE-LEAD', file: roleFile, line: holderLine });
      expect(clauseOf(report, '5.3').findings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/ROLE-AI-GOVERNANCE-LEAD has no holder/) }));
      const text = runBin(['gap', '.', '--as-of', AS_OF], repo.dir).stdout;
      expect(text).toContain(`fill in the placeholder at ${roleFile}:${holderLine}`);
    } finally {
      repo.cleanup();
    }
  });
});

const RISK_WITHOUT_UPDATED = yaml`
  kind: risk
  id: RISK-1
  title: Forecast drift
  owner: Dana Whitfield
  likelihood: unlikely
  impact: minor
`;

/** The organisation's own risk criteria, so clause 6.1.2 judges only the risk's review date. */
const OWN_CRITERIA = 'risk:\n  acceptance: 6\n';

describe('staleness from git history', () => {
  const repos: { cleanup: () => void }[] = [];
  afterAll(() => repos.forEach((r) => r.cleanup()));
  function repoWith(commits: { date: string; text: string }[]): string {
    const repo = makeGitRepo({ commits: commits.map((c) => ({ files: { 'aims.yaml': OWN_CRITERIA, 'aims/risks/risk-1.yaml': c.text }, date: c.date })) });
    repos.push(repo);
    return repo.dir;
  }

  it('a risk without `updated` last committed 2025-01-01 is stale as of 2026-11-26', () => {
    const report = gapJson(repoWith([{ date: '2025-01-01T12:00:00Z', text: RISK_WITHOUT_UPDATED }]));
    for (const id of ['6.1.2', '8.2']) {
      expect(clauseOf(report, id)).toMatchObject({ status: 'partial' });
      expect(clauseOf(report, id).findings).toEqual([
        { message: expect.stringMatching(/RISK-1: last review 2025-01-01 is older than the P6M risk cycle \(due 2025-07-01\)/), record: 'RISK-1', file: 'aims/risks/risk-1.yaml', line: 1 },
      ]);
    }
  });

  it('the same risk last committed 2026-10-01 is fresh', () => {
    const report = gapJson(repoWith([{ date: '2026-10-01T12:00:00Z', text: RISK_WITHOUT_UPDATED }]));
    expect(clauseOf(report, '6.1.2')).toEqual({ id: '6.1.2', title: 'AI risk assessment', status: 'met', basis: [{ id: expect.any(String), kind: 'risk', file: expect.any(String), line: 1 }], findings: [] });
    expect(clauseOf(report, '8.2').status).toBe('met');
  });

  it('the LAST commit that touched the file counts', () => {
    const dir = repoWith([
      { date: '2025-01-01T12:00:00Z', text: RISK_WITHOUT_UPDATED },
      { date: '2026-10-01T12:00:00Z', text: RISK_WITHOUT_UPDATED.replace('Forecast drift', 'Forecast drift after rate changes') },
    ]);
    expect(clauseOf(gapJson(dir), '6.1.2').status).toBe('met');
  });

  it('a later commit that does not touch the file does not refresh it', () => {
    const dir = repoWith([{ date: '2025-01-01T12:00:00Z', text: RISK_WITHOUT_UPDATED }]);
    writeFiles(dir, { 'evidence/other.md': 'unrelated\n' });
    git(dir, ['add', '-A'], '2026-10-01T12:00:00Z');
    git(dir, ['commit', '-q', '-m', 'unrelated'], '2026-10-01T12:00:00Z');
    expect(clauseOf(gapJson(dir), '6.1.2').findings[0]?.message).toMatch(/last review 2025-01-01/);
  });

  it('`updated` wins over the git date', () => {
    const dir = repoWith([{ date: '2025-01-01T12:00:00Z', text: `${RISK_WITHOUT_UPDATED}updated: 2026-10-01\n` }]);
    expect(clauseOf(gapJson(dir), '6.1.2').status).toBe('met');
  });

  it('an uncommitted record has no known review date', () => {
    const dir = repoWith([{ date: '2026-10-01T12:00:00Z', text: RISK_WITHOUT_UPDATED }]);
    writeFiles(dir, { 'aims/risks/risk-2.yaml': RISK_WITHOUT_UPDATED.replace('RISK-1', 'RISK-2') });
    const findings = clauseOf(gapJson(dir), '6.1.2').findings;
    expect(findings).toEqual([{ message: expect.stringMatching(/RISK-2: no last review date is known/), record: 'RISK-2', file: 'aims/risks/risk-2.yaml', line: 1 }]);
  });

  it('a shallow clone: the history is not used, and the text says so', () => {
    const source = repoWith([
      { date: '2026-09-01T12:00:00Z', text: RISK_WITHOUT_UPDATED },
      { date: '2026-10-01T12:00:00Z', text: RISK_WITHOUT_UPDATED.replace('Forecast drift', 'Forecast drift after rate changes') },
    ]);
    const target = tempDir('aims-shallow-');
    repos.push(target);
    const clone = path.join(target.dir, 'clone');
    git(target.dir, ['clone', '-q', '--depth', '1', `file://${source}`, clone]);
    const report = gapJson(clone);
    expect(clauseOf(report, '6.1.2').findings.map((f) => f.message)).toEqual([expect.stringMatching(/RISK-1: no last review date is known/)]);
    const text = runBin(['gap', '--as-of', AS_OF], clone).stdout;
    expect(text).toMatch(/Note: shallow git clone: file dates are unreliable and were not used/);
  });
});

describe('outside a git repository', () => {
  it('the text carries the note that history was not used, and dates come from `updated`', () => {
    const plain = tempDir('aims-plain-');
    try {
      writeFiles(plain.dir, { 'aims/risks/risk-1.yaml': RISK_WITHOUT_UPDATED });
      const run = runBin(['gap', '--as-of', AS_OF], plain.dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Note: not a git repository: review dates come from `updated` fields only/);
      expect(run.stdout).toMatch(/RISK-1: no last review date is known/);
      const md = runBin(['gap', '--as-of', AS_OF, '--format', 'markdown'], plain.dir).stdout;
      expect(md).toMatch(/> Note: not a git repository/);
    } finally {
      plain.cleanup();
    }
  });
});

describe('records with validation errors', () => {
  it('the report says validation failed and how many errors, and still judges every clause and control', () => {
    const repo = makeGitRepo({
      commits: [
        {
          date: '2026-10-01T12:00:00Z',
          files: {
            'aims.yaml': OWN_CRITERIA,
            'aims/risks/risk-1.yaml': yaml`
              kind: risk
              id: RISK-1
              title: Forecast drift
              owner: Dana Whitfield
              likelihood: extreme
              impact: minor
              updated: 2026-10-01
            `,
            'aims/policies/ai-policy.yaml': yaml`
              kind: policy
              id: POL-1
              title: AI policy
              statements: [We assess every AI system]
              approved: { by: Board, date: 2026-01-20 }
              communicated_to: [All staff]
              colour: blue
            `,
          },
        },
      ],
    });
    try {
      const validation = runBin(['validate', '.', '--format', 'json'], repo.dir);
      expect(validation.code).toBe(1);
      const errors = (JSON.parse(validation.stdout) as { summary: { errors: number; warnings: number } }).summary.errors;
      expect(errors).toBeGreaterThanOrEqual(2);

      const text = runBin(['gap', '--as-of', AS_OF], repo.dir);
      expect(text.code).toBe(1);
      expect(text.stderr).toMatch(new RegExp(`aims: the records have ${errors} validation errors?: run \`aims validate\``));
      expect(text.stdout).toMatch(/Readiness \d+\/100 \(computed on records with validation errors\)/);
      expect(text.stdout).toMatch(new RegExp(`Validation failed: ${errors} errors?,`));
      expect(text.stdout).toMatch(/run `aims validate`/);
      expect(text.stdout).toMatch(/◐ partial +6\.1\.2/);

      const md = runBin(['gap', '--as-of', AS_OF, '--format', 'markdown'], repo.dir).stdout;
      expect(md).toMatch(new RegExp(`\\*\\*Validation failed\\*\\* with ${errors} errors? `));

      const report = gapJson(repo.dir, [], 1);
      expect(report.validation.errors).toBe(errors);
      expect(report.readinessDetail.invalidRecords).toBe(true);
      expect(report.blockers.filter((b) => b.id === 'validation')).toEqual([
        { id: 'validation', message: expect.stringMatching(new RegExp(`^the records have ${errors} validation errors`)), file: expect.any(String), line: expect.any(Number), next: expect.any(String) },
      ]);
      // Even a readiness far above --fail-under does not turn invalid records green.
      expect(runBin(['gap', '--as-of', AS_OF, '--fail-under', '0'], repo.dir).code).toBe(1);
      expect(report.clauses).toHaveLength(32);
      expect(report.controls).toHaveLength(38);
      expect(clauseOf(report, '5.2').status).toBe('met');
      expect(clauseOf(report, '6.1.2').findings.map((f) => f.record)).toEqual(['RISK-1']);
    } finally {
      repo.cleanup();
    }
  });

  it.each([['text'], ['json'], ['markdown']])('a folder with no records is records/none and exit 1, with no readiness figure (%s)', (format) => {
    const repo = makeGitRepo();
    try {
      mkdirSync(path.join(repo.dir, 'aims'));
      const run = runBin(['gap', '.', '--as-of', AS_OF, '--format', format], repo.dir);
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^aims: no AIMS record found.*\(records\/none\)\n$/);
    } finally {
      repo.cleanup();
    }
  });
});

describe('blockers and the exit code', () => {
  let repo: { dir: string; cleanup: () => void };
  beforeAll(() => {
    repo = makeGitRepo({ copyFrom: ACME });
    rmSync(path.join(repo.dir, 'aims', 'audits'), { recursive: true });
    rmSync(path.join(repo.dir, 'aims', 'reviews'), { recursive: true });
    // Nonconformities that name the removed audit as their source would now be unknown ids (validation errors).
    const ncs = path.join(repo.dir, 'aims', 'nonconformities', 'nonconformities.yaml');
    writeFileSync(ncs, readFileSync(ncs, 'utf8').replaceAll('source: AUD-2026-01', 'source: Internal review of the records'));
    git(repo.dir, ['add', '-A']);
    git(repo.dir, ['commit', '-q', '-m', 'no audit, no review']);
  });
  afterAll(() => repo.cleanup());

  it('no internal audit and no management review are blockers', () => {
    const report = gapJson(repo.dir);
    expect(report.blockers.map((b) => b.id)).toEqual(expect.arrayContaining(['9.2.1', '9.3.1']));
    expect(report.blockers.find((b) => b.id === '9.2.1')?.message).toMatch(/no internal audit held as of 2026-11-26/);
    expect(report.phases.find((p) => p.id === 'evaluation')?.status).not.toBe('done');
  });

  it('--fail-on-blockers exits 1 and says why; without it the exit is 0', () => {
    const run = runBin(['gap', '--as-of', AS_OF, '--fail-on-blockers'], repo.dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/aims: \d+ certification blockers \(--fail-on-blockers\)/);
    expect(runBin(['gap', '--as-of', AS_OF], repo.dir).code).toBe(0);
  });

  it('--fail-under keeps its meaning: the score alone decides it, blockers or not', () => {
    const readiness = gapJson(repo.dir).readiness;
    expect(runBin(['gap', '--as-of', AS_OF, '--fail-under', String(readiness)], repo.dir).code).toBe(0);
    const below = runBin(['gap', '--as-of', AS_OF, '--fail-under', String(readiness + 1)], repo.dir);
    expect(below.code).toBe(1);
    expect(below.stderr).not.toMatch(/blocker/);
  });

  it('the missing audit and review cost two certification prerequisites in the score', () => {
    const acme = makeGitRepo({ copyFrom: ACME });
    try {
      const [before, after] = [gapJson(acme.dir), gapJson(repo.dir)];
      expect(after.readiness).toBeLessThan(before.readiness);
      // At least the two prerequisite items (4 points each) at the half credit a partial clause keeps.
      expect(before.readinessDetail.points - after.readinessDetail.points).toBeGreaterThanOrEqual(4);
    } finally {
      acme.cleanup();
    }
  }, 60_000);

  it('--fail-on-blockers exits 0 when there is none', () => {
    const complete = makeGitRepo({ copyFrom: ACME });
    try {
      // Clear Acme's two blockers: treat RISK-010 with a control, close NC-002's overdue action.
      const register = path.join(complete.dir, 'aims', 'risks', 'register.yaml');
      const nc = path.join(complete.dir, 'aims', 'nonconformities', 'nonconformities.yaml');
      const treated = readFileSync(register, 'utf8')
        .replace(/(id: RISK-010[\s\S]*?option: mitigate)/, '$1\n  controls: [A.6.2.6]')
        .replace(/(id: RISK-010[\s\S]*?)\nstatus: open/, '$1\nresidual: { likelihood: rare, impact: minor }\nstatus: open');
      writeFileSync(register, treated);
      writeFileSync(nc, readFileSync(nc, 'utf8').replace(/severity: major/g, 'severity: minor'));
      const report = gapJson(complete.dir);
      expect(report.blockers).toEqual([]);
      expect(report.phases.at(-1)?.status).toBe('done');
      expect(runBin(['gap', '--as-of', AS_OF, '--fail-on-blockers'], complete.dir).code).toBe(0);
    } finally {
      complete.cleanup();
    }
  });
});

describe('a fresh `aims init` scaffold', () => {
  let repo: { dir: string; cleanup: () => void };
  let scaffold: JsonGap;
  beforeAll(() => {
    repo = makeGitRepo();
    const init = runBin(['init', '.'], repo.dir);
    if (init.code !== 0) throw new Error(init.stderr);
    scaffold = gapJson(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('is where a consultant would put it: context begun, nothing else started', () => {
    expect(scaffold.phases.map((p) => [p.id, p.status])).toEqual([
      ['context', 'in-progress'],
      ['risk', 'not-started'],
      ['controls', 'not-started'],
      ['evaluation', 'not-started'],
      ['certification', 'not-started'],
    ]);
    expect(scaffold.phases[0]?.next.join('\n')).toMatch(/SCOPE-001: record `approved/);
    expect(scaffold.phases[2]?.next[0]).toMatch(/decide the 38 undecided controls/);
    expect(scaffold.blockers.map((b) => b.id).filter((id) => !id.startsWith('A.'))).toEqual(['4.3', '5.2', '6.1.2', '6.1.4', '9.2.1', '9.3.1']);
    expect(scaffold.blockers.filter((b) => b.id.startsWith('A.'))).toHaveLength(38);
    expect(scaffold.readiness).toBeLessThan(15);
  });

  it('text names each undecided control once, grouped by the file where it waits; --verbose lists each', () => {
    const text = runBin(['gap', '--as-of', AS_OF], repo.dir).stdout;
    expect(text).toMatch(/^ +A\.3\.2, A\.3\.3\n +→ uncomment and decide in aims\/controls\/a3-internal-organization\.yaml$/m);
    for (const id of ANNEX_A) expect(text.match(new RegExp(`\\b${id.replace(/\./g, '\\.')}\\b(?!\\.\\d)`, 'g')), id).toHaveLength(1);
    expect(text.split('\n').length).toBeLessThan(250);
    const verbose = runBin(['gap', '--as-of', AS_OF, '--verbose'], repo.dir).stdout;
    expect(verbose).toMatch(/A\.3\.2 AI roles and responsibilities has no SoA decision/);
    expect(verbose.split('\n').length).toBeGreaterThan(text.split('\n').length + 60);
  });

  it('excluding all 38 controls with `justification: n/a` does not raise readiness', () => {
    const excluded = makeGitRepo();
    try {
      runBin(['init', '.'], excluded.dir);
      const controls = path.join(excluded.dir, 'aims', 'controls');
      for (const file of readdirSync(controls)) rmSync(path.join(controls, file));
      writeFiles(excluded.dir, {
        'aims/controls/all.yaml': ANNEX_A.map((id) => `kind: control\nid: ${id}\ntitle: ${id}\napplicable: false\njustification: n/a\n`).join('---\n'),
      });
      const report = gapJson(excluded.dir);
      expect(report.readiness).toBeLessThanOrEqual(scaffold.readiness);
      expect(report.controls.every((c) => c.gap)).toBe(true);
      expect(new Set(report.blockers.filter((b) => b.id.startsWith('A.')).map((b) => b.id)).size).toBe(38);
    } finally {
      excluded.cleanup();
    }
  });
});
