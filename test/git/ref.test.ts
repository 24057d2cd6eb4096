import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeGitRepo, tempDir, writeFiles } from '../helpers/git-repo.js';
import { runBin } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';
import {
  AS_OF,
  clauseOf,
  commit,
  controlOf,
  fingerprint,
  type GapJson,
  gapJson,
  gitState,
  ok,
  type PackManifest,
  parseJson,
  shortHash,
  type SoaJson,
} from './helpers.js';

/**
 * `--ref REV` on validate, gap and report: the AIMS as it was at a commit, read from git
 * objects, judged by default as of that commit's date, never touching the working tree.
 */

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

const CONTROLS_V1 = yaml`
  kind: control
  id: A.2.2
  title: AI policy
  owner: Dana Smith
  applicable: true
  justification: We build and run AI systems, so we need an AI policy.
  status: planned
  evidence: [evidence/policy.md]
  updated: 2026-03-01
`;
const CONTROLS_V2 = CONTROLS_V1.replace('status: planned', 'status: implemented').replace('updated: 2026-03-01', 'updated: 2026-06-15');

const BASE_FILES = {
  'aims.yaml': 'organisation: Ref Test Ltd\n',
  'aims/scope.yaml': yaml`
    kind: scope
    id: SCOPE-1
    title: AIMS scope
    statement: All AI used by Ref Test Ltd.
    approved: { by: Board, date: 2026-02-01 }
    updated: 2026-03-01
  `,
  'aims/controls.yaml': CONTROLS_V1,
  'aims/risks.yaml': yaml`
    kind: risk
    id: RISK-1
    title: Unfair credit decisions
    likelihood: unlikely
    impact: minor
    updated: 2026-03-01
  `,
  'evidence/policy.md': '# AI policy, version 1\n',
};

const BASELINE_DATE = '2026-03-01T10:00:00Z';
const V2_DATE = '2026-06-15T10:00:00Z';

/** Two commits: `baseline` (A.2.2 planned, policy v1), then `v2` (A.2.2 implemented, policy v2, organisation renamed). */
function scenario(): { dir: string; baseline: string; v2: string } {
  const r = makeGitRepo();
  cleanups.push(r.cleanup);
  const baseline = commit(r.dir, BASE_FILES, BASELINE_DATE, 'baseline');
  git(r.dir, ['tag', 'baseline', baseline]);
  git(r.dir, ['tag', '-a', '-m', 'audit day', 'audit-2026', baseline], BASELINE_DATE);
  const v2 = commit(r.dir, { 'aims/controls.yaml': CONTROLS_V2, 'evidence/policy.md': '# AI policy, version 2\n', 'aims.yaml': 'organisation: Ref Test Group\n' }, V2_DATE, 'v2');
  git(r.dir, ['tag', 'v2', v2]);
  return { dir: r.dir, baseline, v2 };
}

/** The report without one control, what is computed from all controls (score, journey, blockers) and the organisation (renamed in v2). */
function without(report: GapJson, controlId: string): Omit<GapJson, 'readiness'> {
  const { readiness: _readiness, ...rest } = report;
  for (const key of ['organisation', 'readinessDetail', 'phases', 'blockers']) delete (rest as Record<string, unknown>)[key];
  return { ...rest, controls: rest.controls.filter((c) => c.id !== controlId) };
}

describe('gap --ref', () => {
  let s: ReturnType<typeof scenario>;
  beforeAll(() => {
    s = scenario();
  });

  it('at an older commit differs from HEAD exactly by what changed between them', () => {
    const old = gapJson(s.dir, ['--ref', 'baseline', '--as-of', AS_OF]);
    const now = gapJson(s.dir, ['--as-of', AS_OF]);
    expect(old.asOf).toBe(AS_OF);
    expect(now.asOf).toBe(AS_OF);
    // A.2.2 went from planned (a gap) to implemented with evidence (no gap) ...
    expect(controlOf(old, 'A.2.2')).toMatchObject({ decision: 'applicable', status: 'planned', gap: true, findings: [expect.objectContaining({ message: 'A.2.2 is applicable but its status is planned' })] });
    expect(controlOf(now, 'A.2.2')).toMatchObject({ decision: 'applicable', status: 'implemented', gap: false, findings: [] });
    expect(now.readiness).toBeGreaterThan(old.readiness);
    // ... and nothing else in the report moved.
    expect(without(old, 'A.2.2')).toEqual(without(now, 'A.2.2'));
  });

  it('equals the report of a checkout of that commit', () => {
    const elsewhere = tempDir();
    cleanups.push(elsewhere.cleanup);
    const checkout = path.join(elsewhere.dir, 'checkout');
    git(elsewhere.dir, ['clone', '-q', s.dir, checkout]);
    git(checkout, ['checkout', '-q', s.baseline]);
    for (const asOf of [[], ['--as-of', AS_OF]]) {
      expect(gapJson(s.dir, ['--ref', 'baseline', ...asOf])).toEqual(gapJson(checkout, ['--as-of', '2026-03-01', ...asOf]));
    }
  });

  it('as-of defaults to the commit’s date, whatever names the commit', () => {
    for (const ref of ['baseline', 'audit-2026', s.baseline, s.baseline.slice(0, 10), 'HEAD~1', 'main~1']) {
      expect(gapJson(s.dir, ['--ref', ref]).asOf, ref).toBe('2026-03-01');
    }
    for (const ref of ['v2', 'HEAD', 'main']) expect(gapJson(s.dir, ['--ref', ref]).asOf, ref).toBe('2026-06-15');
  });

  it('as-of is the committer date of the commit, not its author date', () => {
    const r = makeGitRepo();
    cleanups.push(r.cleanup);
    writeFiles(r.dir, BASE_FILES);
    git(r.dir, ['add', '-A']);
    git(r.dir, ['commit', '-q', '-m', 'authored long before', '--date', '2025-05-05T10:00:00Z'], '2026-04-04T10:00:00Z');
    expect(gapJson(r.dir, ['--ref', 'HEAD']).asOf).toBe('2026-04-04');
  });

  it('--as-of overrides the commit’s date', () => {
    expect(gapJson(s.dir, ['--ref', 'baseline', '--as-of', '2027-01-31']).asOf).toBe('2027-01-31');
    const text = ok(['gap', '--ref', 'baseline', '--as-of', '2027-01-31'], s.dir).stdout;
    expect(text).toMatch(/as of 2027-01-31/);
  });

  it('reads history only up to the commit: a risk stale then and reviewed since is stale at the ref', () => {
    const r = makeGitRepo();
    cleanups.push(r.cleanup);
    const risk = 'kind: risk\nid: RISK-9\ntitle: Drift\nlikelihood: unlikely\nimpact: minor\n';
    commit(r.dir, { 'aims/risk.yaml': risk }, '2025-01-01T12:00:00Z');
    commit(r.dir, { 'aims/risk.yaml': risk.replace('Drift', 'Drift after rate changes') }, '2026-10-01T12:00:00Z');
    const reviews = (args: string[]): string[] => clauseOf(gapJson(r.dir, args), '6.1.2').findings.map((f) => f.message).filter((m) => /last review/.test(m));
    expect(reviews(['--as-of', AS_OF])).toEqual([]);
    expect(reviews(['--ref', 'HEAD~1', '--as-of', AS_OF])).toEqual([
      'risk RISK-9: last review 2025-01-01 is older than the P6M risk cycle (due 2025-07-01)',
    ]);
  });

  it('judges evidence by what the commit held, not by the disk', () => {
    const r = makeGitRepo();
    cleanups.push(r.cleanup);
    commit(r.dir, { 'aims/controls.yaml': CONTROLS_V2.replace('evidence/policy.md', 'evidence/proof.md') }, '2026-06-15T10:00:00Z');
    writeFiles(r.dir, { 'evidence/proof.md': 'written, never committed\n' });
    expect(controlOf(gapJson(r.dir, ['--as-of', AS_OF]), 'A.2.2').gap).toBe(false);
    expect(controlOf(gapJson(r.dir, ['--ref', 'HEAD', '--as-of', AS_OF]), 'A.2.2')).toMatchObject({
      gap: true,
      findings: [expect.objectContaining({ message: 'A.2.2 is marked implemented but no evidence of it exists' })],
    });
  });

  it('reads aims.yaml as the commit held it', () => {
    const r = makeGitRepo();
    cleanups.push(r.cleanup);
    const risk = 'kind: risk\nid: RISK-5\ntitle: Drift\nlikelihood: unlikely\nimpact: minor\nupdated: 2026-06-01\n';
    commit(r.dir, { 'aims/risk.yaml': risk, 'aims.yaml': 'risk:\n  acceptance: 2\n' }, '2026-06-01T12:00:00Z');
    commit(r.dir, { 'aims.yaml': 'risk:\n  acceptance: 6\n' }, '2026-07-01T12:00:00Z');
    // unlikely (2) × minor (2) = 4: above an acceptance of 2, within 6.
    const finding = /RISK-5 scores 4, above the acceptance level 2/;
    expect(clauseOf(gapJson(r.dir, ['--ref', 'HEAD~1', '--as-of', AS_OF]), '6.1.3').findings.map((f) => f.message)).toContainEqual(expect.stringMatching(finding));
    expect(clauseOf(gapJson(r.dir, ['--as-of', AS_OF]), '6.1.3').findings.map((f) => f.message)).not.toContainEqual(expect.stringMatching(finding));
  });
});

describe('validate --ref and report --ref', () => {
  let s: ReturnType<typeof scenario>;
  beforeAll(() => {
    s = scenario();
    // A branch whose last commit breaks a record; main stays valid.
    git(s.dir, ['checkout', '-q', '-b', 'broken']);
    commit(s.dir, { 'aims/risks.yaml': BASE_FILES['aims/risks.yaml'].replace('likelihood: unlikely', 'likelihood: extreme') }, '2026-07-01T10:00:00Z', 'oops');
    git(s.dir, ['checkout', '-q', 'main']);
  });

  it('validate --ref checks the records of that commit', () => {
    expect(runBin(['validate'], s.dir).code).toBe(0);
    const broken = runBin(['validate', '--ref', 'broken', '--format', 'json'], s.dir);
    expect(broken.code).toBe(1);
    const out = parseJson<{ diagnostics: { file: string; rule: string; severity: string }[] }>(broken.stdout);
    expect(out.diagnostics).toContainEqual(expect.objectContaining({ file: 'aims/risks.yaml', severity: 'error' }));
    expect(runBin(['validate', '--ref', 'baseline'], s.dir).code).toBe(0);
    expect(gapJson(s.dir, ['--ref', 'broken']).validation.errors).toBeGreaterThanOrEqual(1);
  });

  it('report soa --ref: the controls, organisation, commit and date of that commit', () => {
    const soa = parseJson<SoaJson>(ok(['report', 'soa', '--ref', 'baseline', '--format', 'json'], s.dir).stdout);
    expect(soa).toMatchObject({ organisation: 'Ref Test Ltd', asOf: '2026-03-01', commit: s.baseline, dirty: false });
    // The record carries its own `updated` date, so the SoA shows that date and no git version or author beside it.
    expect(soa.controls.find((c) => c.id === 'A.2.2')).toMatchObject({ status: 'planned', gap: true, version: '', changedBy: '', lastChanged: '2026-03-01' });
    const now = parseJson<SoaJson>(ok(['report', 'soa', '--format', 'json', '--as-of', AS_OF], s.dir).stdout);
    expect(now).toMatchObject({ organisation: 'Ref Test Group', asOf: AS_OF, commit: s.v2, dirty: false });
    expect(now.controls.find((c) => c.id === 'A.2.2')).toMatchObject({ status: 'implemented', gap: false, version: '', lastChanged: '2026-06-15' });

    const md = ok(['report', 'soa', '--ref', 'baseline', '--format', 'md'], s.dir).stdout;
    expect(md).toContain(`- **Commit:** ${shortHash(s.dir, 'baseline')}\n`);
    expect(md).toContain('- **As of:** 2026-03-01');
    expect(md).not.toContain('uncommitted');
  });

  it('report pack --ref: evidence as the commit held it, manifest naming that commit, clean, even with local edits', () => {
    writeFileSync(path.join(s.dir, 'evidence/policy.md'), '# AI policy, local draft\n');
    const out = tempDir();
    cleanups.push(out.cleanup);
    try {
      const pack = path.join(out.dir, 'pack');
      const run = ok(['report', 'pack', '--ref', 'baseline', '--out', pack], s.dir, {}, { quiet: false });
      expect(run.stderr).toContain(`as of 2026-03-01, commit ${shortHash(s.dir, 'baseline')};`);
      expect(readFileSync(path.join(pack, 'evidence/policy.md'), 'utf8')).toBe('# AI policy, version 1\n');
      const manifest = parseJson<PackManifest>(readFileSync(path.join(pack, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ commit: s.baseline, dirty: false, asOf: '2026-03-01' });
      expect(manifest.records).toEqual(
        ['aims/controls.yaml', 'aims/risks.yaml', 'aims/scope.yaml'].map((file) => ({ file, blob: git(s.dir, ['rev-parse', `baseline:${file}`]).trim() })),
      );
      const soa = readFileSync(path.join(pack, 'soa.md'), 'utf8');
      expect(soa).toMatch(/\| A\.2\.2 \| AI policy \| yes \|[^\n]*\| planned \|/);

      // The same pack from HEAD has version 2 of the evidence, and this one says so too.
      const headPack = path.join(out.dir, 'head');
      ok(['report', 'pack', '--ref', 'v2', '--out', headPack], s.dir, {}, { quiet: false });
      expect(readFileSync(path.join(headPack, 'evidence/policy.md'), 'utf8')).toBe('# AI policy, version 2\n');
      expect(parseJson<PackManifest>(readFileSync(path.join(headPack, 'manifest.json'), 'utf8'))).toMatchObject({ commit: s.v2, dirty: false });
    } finally {
      git(s.dir, ['checkout', '-q', '--', 'evidence/policy.md']);
    }
  });

  it('report pack --ref takes evidence from git even when it is gone from the disk', () => {
    const r = makeGitRepo();
    cleanups.push(r.cleanup);
    commit(r.dir, { 'aims/controls.yaml': CONTROLS_V2, 'evidence/policy.md': '# Policy as committed\n' }, V2_DATE);
    writeFiles(r.dir, { 'evidence/policy.md': null });
    const out = tempDir();
    cleanups.push(out.cleanup);
    const pack = path.join(out.dir, 'pack');
    ok(['report', 'pack', '--ref', 'HEAD', '--out', pack], r.dir, {}, { quiet: false });
    expect(readFileSync(path.join(pack, 'evidence/policy.md'), 'utf8')).toBe('# Policy as committed\n');
    expect(controlOf(gapJson(r.dir, ['--ref', 'HEAD']), 'A.2.2').gap).toBe(false);
    expect(controlOf(gapJson(r.dir), 'A.2.2').gap).toBe(true);
  });

  it('report pack --ref twice gives identical bytes', () => {
    const out = tempDir();
    cleanups.push(out.cleanup);
    ok(['report', 'pack', '--ref', 'baseline', '--out', path.join(out.dir, 'a')], s.dir, {}, { quiet: false });
    ok(['report', 'pack', '--ref', 'baseline', '--out', path.join(out.dir, 'b')], s.dir, {}, { quiet: false });
    const strip = (m: Map<string, string>): string[] => [...m.entries()].map(([p, f]) => `${p} ${f.split(' ').pop() ?? ''}`);
    expect(strip(fingerprint(path.join(out.dir, 'b')))).toEqual(strip(fingerprint(path.join(out.dir, 'a'))));
  });
});

describe('--ref never touches the working tree', () => {
  let s: ReturnType<typeof scenario>;
  beforeAll(() => {
    s = scenario();
  });

  const READS: string[][] = [
    ['validate', '--ref', 'baseline'],
    ['validate', '--ref', 'baseline', '--format', 'json'],
    ['gap', '--ref', 'baseline'],
    ['gap', '--ref', 'audit-2026', '--format', 'markdown', '--as-of', AS_OF],
    ['report', 'soa', '--ref', 'baseline', '--format', 'html'],
    ['report', 'soa', '--ref', 'baseline', '--format', 'csv'],
    ['diff', 'baseline', 'v2', '--format', 'json'],
  ];

  function expectUntouchedBy(commands: string[][], out: string, withGit: boolean, afterGitState?: () => void): void {
    // The test's own `git status` may rewrite the index's stat cache: ask git first, then fingerprint.
    gitState(s.dir);
    const state = gitState(s.dir);
    afterGitState?.();
    const files = fingerprint(s.dir, { withGit });
    for (const args of commands) {
      const run = runBin(args, s.dir);
      expect(run.code, `${args.join(' ')}: ${run.stderr}`).toBeLessThanOrEqual(1);
    }
    const packRun = runBin(['report', 'pack', '--ref', 'baseline', '--out', out, '--zip'], s.dir);
    expect(packRun.code, packRun.stderr).toBe(0);
    expect(fingerprint(s.dir, { withGit })).toEqual(files);
    expect(gitState(s.dir)).toEqual(state);
  }

  it('clean tree: every file (.git included) byte- and time-identical, status, HEAD, refs unchanged', () => {
    const out = tempDir();
    cleanups.push(out.cleanup);
    expectUntouchedBy(READS, path.join(out.dir, 'pack'), true);
  });

  it('with uncommitted, staged and untracked changes present too', () => {
    writeFiles(s.dir, {
      'aims/risks.yaml': BASE_FILES['aims/risks.yaml'].replace('impact: minor', 'impact: severe'),
      'evidence/untracked.md': 'not yet added\n',
      'aims/new-risk.yaml': 'kind: risk\nid: RISK-NEW\ntitle: New\nlikelihood: rare\nimpact: minor\n',
    });
    git(s.dir, ['add', 'aims/new-risk.yaml']);
    writeFileSync(path.join(s.dir, 'evidence/policy.md'), '# AI policy, edited and staged\n');
    git(s.dir, ['add', 'evidence/policy.md']);
    writeFileSync(path.join(s.dir, 'evidence/policy.md'), '# AI policy, edited again after staging\n');
    const out = tempDir();
    cleanups.push(out.cleanup);
    expectUntouchedBy(READS, path.join(out.dir, 'pack'), true);
    expect(git(s.dir, ['status', '--porcelain']).split('\n').filter(Boolean).sort()).toEqual(['?? evidence/untracked.md', 'A  aims/new-risk.yaml', 'MM evidence/policy.md', ' M aims/risks.yaml'].sort());
  });

  it('commands that also read the working tree (diff FROM, gap, report) leave every file, .git/index included, alone', () => {
    const out = tempDir();
    cleanups.push(out.cleanup);
    // A tracked file whose stat no longer matches the index: a plain `git status` would rewrite
    // .git/index to refresh its cache. aims asks git not to (GIT_OPTIONAL_LOCKS=0).
    const stale = (): void => { const t = new Date('2026-01-02T03:04:05Z'); utimesSync(path.join(s.dir, 'aims/risks.yaml'), t, t); };
    expectUntouchedBy([['diff', 'baseline'], ['diff', 'baseline', '--format', 'markdown'], ['gap'], ['report', 'soa'], ['report', 'pack', '--out', path.join(out.dir, 'p2')]], path.join(out.dir, 'pack'), true, stale);
  });

  it('a --ref that looks like an option is refused without writing anything', () => {
    const before = fingerprint(s.dir);
    const state = gitState(s.dir);
    for (const args of [
      ['gap', '--ref=--output=evil.txt'],
      ['validate', '--ref=--output=evil.txt'],
      ['report', 'soa', '--ref=--output=evil.txt'],
      ['diff', '--', '--output=evil.txt'],
      ['diff', 'baseline', '--output=evil.txt'],
    ]) {
      const run = runBin(args, s.dir);
      expect(existsSync(path.join(s.dir, 'evil.txt')), `${args.join(' ')} wrote evil.txt`).toBe(false);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/--output=evil\.txt/);
    }
    expect(fingerprint(s.dir)).toEqual(before);
    expect(gitState(s.dir)).toEqual(state);
  });
});

describe('--ref that cannot be read', () => {
  let s: ReturnType<typeof scenario>;
  beforeAll(() => {
    s = scenario();
  });

  const COMMANDS = (ref: string): string[][] => [
    ['validate', '--ref', ref],
    ['gap', '--ref', ref],
    ['report', 'soa', '--ref', ref],
    ['diff', ref],
    ['diff', 'baseline', ref],
  ];

  it('an unknown revision: exit 2, a clear message naming it, nothing on stdout', () => {
    for (const args of COMMANDS('no-such-tag')) {
      const run = runBin(args, s.dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout, args.join(' ')).toBe('');
      expect(run.stderr, args.join(' ')).toMatch(/^aims: unknown revision "no-such-tag"\n/);
      expect(run.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it('report pack with an unknown revision writes no pack', () => {
    const out = tempDir();
    cleanups.push(out.cleanup);
    const run = runBin(['report', 'pack', '--ref', 'no-such-tag', '--out', path.join(out.dir, 'pack')], s.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown revision "no-such-tag"/);
    expect(existsSync(path.join(out.dir, 'pack'))).toBe(false);
  });

  it('a revision that names a tree or a file, not a commit: exit 2, naming it', () => {
    for (const ref of ['HEAD:aims', 'baseline:aims/risks.yaml']) {
      const run = runBin(['gap', '--ref', ref], s.dir);
      expect(run.code, ref).toBe(2);
      expect(run.stderr, ref).toContain(`"${ref}"`);
      expect(run.stderr, ref).not.toMatch(/not in a git repository/);
    }
  });

  it('--ref outside a git repository: exit 2, saying so', () => {
    const plain = tempDir('aims-plain-');
    cleanups.push(plain.cleanup);
    writeFiles(plain.dir, BASE_FILES);
    for (const args of [...COMMANDS('HEAD').slice(0, 4)]) {
      const run = runBin(args, plain.dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr, args.join(' ')).toMatch(/not in a git repository/);
    }
  });

  it('--ref in a repository without commits: exit 2', () => {
    const empty = makeGitRepo();
    cleanups.push(empty.cleanup);
    writeFiles(empty.dir, BASE_FILES);
    const run = runBin(['gap', '--ref', 'HEAD'], empty.dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/HEAD/);
  });
});
