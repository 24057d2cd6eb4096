import { afterAll, describe, expect, it } from 'vitest';
import { makeGitRepo } from '../helpers/git-repo.js';
import { runBin } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';
import { AS_OF, clauseOf, commit, controlOf, gapJson, ok, parseJson, type SoaJson } from './helpers.js';

/**
 * Evidence counts only when it shows something: a file with content that is not a record, an
 * https URL that is not a placeholder; it ages with review_cycles.control; and an Annex A
 * control borrows evidence only from an organisation control that is in force and evidenced.
 * Each case in a temporary git repository with dated commits.
 */

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function repo(): string {
  const r = makeGitRepo();
  cleanups.push(r.cleanup);
  return r.dir;
}

function control(id: string, fields: string): string {
  return yaml`
    kind: control
    id: ${id}
    title: Control ${id}
    applicable: true
    justification: Needed for our AI systems.
  ` + fields + '\n';
}

const REPORT = '# Validation report\n\nThe model was validated on the 2026 hold-out set; accuracy 0.91.\n';

function validateJson(dir: string): { rule: string; file: string; severity: string }[] {
  const run = runBin(['validate', '--format', 'json'], dir);
  return parseJson<{ diagnostics: { rule: string; file: string; severity: string }[] }>(run.stdout).diagnostics;
}

describe('evidence with substance', () => {
  it('a 0-byte evidence file and a whitespace-only one: validate warns evidence/empty, gap does not accept them', () => {
    const dir = repo();
    commit(
      dir,
      {
        'evidence/empty.pdf': '',
        'evidence/blank.md': '  \n\t\n',
        'evidence/report.md': REPORT,
        'aims/controls/a624.yaml': control('A.6.2.4', 'status: implemented\nevidence: [evidence/empty.pdf]'),
        'aims/controls/a625.yaml': control('A.6.2.5', 'status: implemented\nevidence: [evidence/blank.md]'),
        'aims/controls/a626.yaml': control('A.6.2.6', 'status: implemented\nevidence: [evidence/report.md]'),
      },
      '2026-10-01T10:00:00Z',
    );
    const warnings = validateJson(dir).filter((d) => d.rule === 'evidence/empty');
    expect(warnings.map((d) => [d.file, d.severity])).toEqual([
      ['aims/controls/a624.yaml', 'warning'],
      ['aims/controls/a625.yaml', 'warning'],
    ]);
    const report = gapJson(dir, ['--as-of', AS_OF]);
    expect(controlOf(report, 'A.6.2.4').gap).toBe(true);
    expect(controlOf(report, 'A.6.2.4').findings[0]?.message).toMatch(/marked implemented but no evidence of it exists/);
    expect(controlOf(report, 'A.6.2.5').gap).toBe(true);
    expect(controlOf(report, 'A.6.2.6').gap).toBe(false);
  });

  it('megabytes of whitespace are blank too, on disk and at --ref; a word after them is not', () => {
    const dir = repo();
    const blanks = ' \n'.repeat(1024 * 1024); // 2 MB, past the first look
    commit(
      dir,
      {
        'evidence/blank-big.md': blanks,
        'evidence/late-word.md': `${blanks}Signed by the board.\n`,
        'aims/controls/a624.yaml': control('A.6.2.4', 'status: implemented\nevidence: [evidence/blank-big.md]'),
        'aims/controls/a625.yaml': control('A.6.2.5', 'status: implemented\nevidence: [evidence/late-word.md]'),
      },
      '2026-10-01T10:00:00Z',
    );
    for (const args of [[], ['--ref', 'HEAD']]) {
      const run = runBin(['validate', '--format', 'json', ...args], dir);
      const empty = parseJson<{ diagnostics: { rule: string; file: string }[] }>(run.stdout).diagnostics.filter((d) => d.rule === 'evidence/empty');
      expect(empty.map((d) => d.file), args.join(' ')).toEqual(['aims/controls/a624.yaml']);
      const report = gapJson(dir, ['--as-of', AS_OF, ...args]);
      expect(controlOf(report, 'A.6.2.4').gap, args.join(' ')).toBe(true);
      expect(controlOf(report, 'A.6.2.5').gap, args.join(' ')).toBe(false);
    }
  });

  it('a placeholder URL (https://example.com) is warned about and is not evidence; a real https URL is', () => {
    const dir = repo();
    commit(
      dir,
      {
        'aims/controls/a624.yaml': control('A.6.2.4', 'status: implemented\nupdated: 2026-10-01\nevidence: ["https://example.com"]'),
        'aims/controls/a625.yaml': control('A.6.2.5', 'status: implemented\nupdated: 2026-10-01\nevidence: ["https://wiki.northwind-ai.eu/validation"]'),
      },
      '2026-10-01T10:00:00Z',
    );
    expect(validateJson(dir).filter((d) => d.rule === 'evidence/placeholder-url').map((d) => d.file)).toEqual(['aims/controls/a624.yaml']);
    const report = gapJson(dir, ['--as-of', AS_OF]);
    expect(controlOf(report, 'A.6.2.4').gap).toBe(true);
    expect(controlOf(report, 'A.6.2.5').gap).toBe(false);
  });

  it('a record citing its own YAML file: evidence/self, and a clause it cites stays unmet', () => {
    const dir = repo();
    const policy = yaml`
      kind: policy
      id: POL-COMMS
      title: Communication policy
      statements: [We tell users when they talk to an AI system.]
      clauses: ["7.4"]
      evidence: [aims/policies/comms.yaml]
      updated: 2026-10-01
    `;
    commit(dir, { 'aims/policies/comms.yaml': policy }, '2026-10-01T10:00:00Z');
    expect(validateJson(dir).filter((d) => d.rule === 'evidence/self').map((d) => d.file)).toEqual(['aims/policies/comms.yaml']);
    const c = clauseOf(gapJson(dir, ['--as-of', AS_OF]), '7.4');
    expect(c.status).not.toBe('met');
    // With real evidence instead, the citation is no longer the problem.
    commit(dir, { 'evidence/comms-plan.md': REPORT, 'aims/policies/comms.yaml': policy.replace('[aims/policies/comms.yaml]', '[evidence/comms-plan.md]') }, '2026-10-02T10:00:00Z');
    expect(validateJson(dir).filter((d) => d.rule === 'evidence/self')).toEqual([]);
  });
});

describe('evidence ages (review_cycles.control, default P12M)', () => {
  it('evidence last committed in 2019 on an implemented control is stale: "last evidenced 2019-05-01"', () => {
    const dir = repo();
    commit(dir, { 'evidence/validation-2019.md': REPORT }, '2019-05-01T10:00:00Z', 'old evidence');
    commit(dir, { 'aims/controls/a624.yaml': control('A.6.2.4', 'status: implemented\nevidence: [evidence/validation-2019.md]') }, '2026-10-01T10:00:00Z');
    const c = controlOf(gapJson(dir, ['--as-of', AS_OF]), 'A.6.2.4');
    expect(c.gap).toBe(true);
    expect(c.findings.map((f) => f.message)).toEqual(['A.6.2.4 is implemented: last evidenced 2019-05-01, older than the P12M control cycle (due 2020-05-01)']);
    // A current `updated` (the control was checked) or fresh evidence makes it current again.
    commit(dir, { 'aims/controls/a624.yaml': control('A.6.2.4', 'status: implemented\nupdated: 2026-09-30\nevidence: [evidence/validation-2019.md]') }, '2026-10-02T10:00:00Z');
    expect(controlOf(gapJson(dir, ['--as-of', AS_OF]), 'A.6.2.4').gap).toBe(false);
  });

  it('review_cycles.control is configurable', () => {
    const dir = repo();
    commit(dir, { 'evidence/validation.md': REPORT }, '2025-06-01T10:00:00Z');
    commit(dir, { 'aims/controls/a624.yaml': control('A.6.2.4', 'status: implemented\nevidence: [evidence/validation.md]') }, '2025-06-02T10:00:00Z');
    expect(controlOf(gapJson(dir, ['--as-of', AS_OF]), 'A.6.2.4').gap).toBe(true);
    commit(dir, { 'aims.yaml': 'review_cycles: { control: P24M }\n' }, '2025-06-03T10:00:00Z');
    expect(controlOf(gapJson(dir, ['--as-of', AS_OF]), 'A.6.2.4').gap).toBe(false);
  });
});

describe('borrowed evidence: only from an organisation control in force', () => {
  const orgControl = (status: string, applicable = true): string => yaml`
    kind: control
    id: CTL-VALIDATION
    title: Model validation before release
    applicable: ${applicable}
    justification: Our release process.
    status: ${status}
    annex_a: [A.6.2.4]
    evidence: [evidence/report.md]
    updated: 2026-10-01
  `;

  it('an Annex A control served only by a not-started organisation control is not evidenced, and the finding says why', () => {
    const dir = repo();
    commit(
      dir,
      {
        'evidence/report.md': REPORT,
        'aims/controls/a624.yaml': control('A.6.2.4', 'status: implemented\nupdated: 2026-10-01'),
        'aims/controls/org.yaml': orgControl('not-started'),
      },
      '2026-10-01T10:00:00Z',
    );
    const c = controlOf(gapJson(dir, ['--as-of', AS_OF]), 'A.6.2.4');
    expect(c.gap).toBe(true);
    expect(c.findings[0]?.message).toBe('A.6.2.4 is marked implemented but no evidence of it exists (CTL-VALIDATION lists it but is not-started)');
  });

  it('an organisation control that is not applicable lends nothing either', () => {
    const dir = repo();
    commit(
      dir,
      {
        'evidence/report.md': REPORT,
        'aims/controls/a624.yaml': control('A.6.2.4', 'status: implemented\nupdated: 2026-10-01'),
        'aims/controls/org.yaml': orgControl('implemented', false),
      },
      '2026-10-01T10:00:00Z',
    );
    expect(controlOf(gapJson(dir, ['--as-of', AS_OF]), 'A.6.2.4').findings[0]?.message).toMatch(/CTL-VALIDATION lists it but is not applicable/);
  });

  it('an implemented, evidenced organisation control lends its evidence, and the SoA (json, csv, md, html) names it', () => {
    const dir = repo();
    commit(
      dir,
      {
        'evidence/report.md': REPORT,
        'aims/controls/a624.yaml': control('A.6.2.4', 'status: implemented\nupdated: 2026-10-01'),
        'aims/controls/org.yaml': orgControl('implemented'),
      },
      '2026-10-01T10:00:00Z',
    );
    const report = gapJson(dir, ['--as-of', AS_OF]) as unknown as { controls: { id: string; gap: boolean; evidenceFrom: string[] }[] };
    const c = report.controls.find((x) => x.id === 'A.6.2.4');
    expect(c).toMatchObject({ gap: false, evidenceFrom: ['CTL-VALIDATION'] });
    const soa = parseJson<Omit<SoaJson, "controls"> & { controls: { id: string; evidenceVia: string[] }[] }>(ok(['report', 'soa', '--format', 'json', '--as-of', AS_OF], dir).stdout);
    expect(soa.controls.find((r) => r.id === 'A.6.2.4')?.evidenceVia).toEqual(['CTL-VALIDATION']);
    const csv = ok(['report', 'soa', '--format', 'csv', '--as-of', AS_OF], dir).stdout;
    expect(csv.split('\r\n').find((l) => l.startsWith('"A.6.2.4"'))).toContain('"via CTL-VALIDATION"');
    const md = ok(['report', 'soa', '--format', 'md', '--as-of', AS_OF], dir).stdout;
    expect(md.split('\n').find((l) => l.startsWith('| A.6.2.4 '))).toContain('via CTL-VALIDATION');
    const html = ok(['report', 'soa', '--format', 'html', '--as-of', AS_OF], dir).stdout;
    expect(html).toMatch(/via<\/span> <span class="id">CTL-VALIDATION<\/span>/);
  });
});
