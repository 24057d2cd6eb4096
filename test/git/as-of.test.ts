import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, makeGitRepo, tempDir, writeFiles } from '../helpers/git-repo.js';
import { runBin, runMain } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';
import { clauseOf, commit, type DiffJson, gapJson, type GapJson, ok, parseJson, shortHash } from './helpers.js';

/**
 * As of a date means as of that date: what is dated or committed later does not exist for
 * the judgement. Records dated later are left out centrally (every clause sees the same
 * past), a planned audit never counts, an --as-of before the last commit judges the last
 * commit made by then, aims diff judges both sides as of one date, and the same commit and
 * date give the same bytes whatever the branch or route.
 */

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function repo(): string {
  const r = makeGitRepo();
  cleanups.push(r.cleanup);
  return r.dir;
}

const POLICY = (approved: string): string => yaml`
  kind: policy
  id: POL-1
  title: AI policy
  statements: [We assess every AI system before use.]
  approved: { by: Board of Directors, date: ${approved} }
  updated: ${approved}
`;

const AUDIT = (id: string, date: string, extra = ''): string => yaml`
  kind: audit
  id: ${id}
  title: Internal audit ${id}
  date: ${date}
  auditor: Jane Smith (Internal Audit)
  independent: true
  scope: ["9.2", "A.6.2.4"]
  ${extra}
`;

const REVIEW = (date: string): string => yaml`
  kind: review
  id: MR-1
  title: Management review
  date: ${date}
  attendees: [CEO, AI governance lead]
  inputs: [Audit results]
  decisions: [Keep the AI policy]
`;

describe('records dated after the as-of date do not exist yet', () => {
  it('an as-of date before the audit, the review and the policy approval: 9.2.1, 9.3.1 and 5.2 are not met; on a later date they are', () => {
    const dir = repo();
    commit(dir, { 'aims/policy.yaml': POLICY('2026-06-12'), 'aims/audit.yaml': AUDIT('AUD-1', '2026-06-10'), 'aims/review.yaml': REVIEW('2026-06-14') }, '2026-06-15T10:00:00Z');
    // --ref keeps the commit's tree; the dates inside it decide what existed on 2026-03-01.
    const before = gapJson(dir, ['--ref', 'HEAD', '--as-of', '2026-03-01']);
    expect(before.asOf).toBe('2026-03-01');
    expect(clauseOf(before, '9.2.1').findings.map((f) => f.message).join('\n')).not.toMatch(/AUD-1/);
    expect(clauseOf(before, '9.2.1').status).not.toBe('met');
    expect(clauseOf(before, '9.3.1').status).not.toBe('met');
    expect(clauseOf(before, '5.2').findings.some((f) => f.record === 'POL-1' && /not approved|approval/.test(f.message))).toBe(true);
    const after = gapJson(dir, ['--as-of', '2026-07-01']);
    expect(clauseOf(after, '5.2').findings.filter((f) => /not approved/.test(f.message))).toEqual([]);
    // Before, nothing had taken place; after, the audit and the review are judged on their merits.
    const absent = (r: GapJson, id: string): boolean => clauseOf(r, id).findings.some((f) => f.record === null && /no (internal audit|management review)/.test(f.message));
    expect([absent(before, '9.2.1'), absent(before, '9.3.1')]).toEqual([true, true]);
    expect([absent(after, '9.2.1'), absent(after, '9.3.1')]).toEqual([false, false]);
  });

  it('outside git too: a folder judged as of a date before its audit does not count the audit', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    writeFiles(t.dir, { 'aims/audit.yaml': AUDIT('AUD-1', '2026-06-10') });
    const at = async (asOf: string): Promise<GapJson> => parseJson<GapJson>((await runMain(['gap', '--format', 'json', '--as-of', asOf], t.dir)).stdout);
    expect(clauseOf(await at('2026-03-01'), '9.2.1').findings.some((f) => f.record === 'AUD-1')).toBe(false);
    expect(clauseOf(await at('2026-07-01'), '9.2.1').findings.every((f) => f.record !== null || !/no internal audit/.test(f.message))).toBe(true);
  });

  it('a planned audit next year does not make a stale real audit current', () => {
    const dir = repo();
    commit(dir, { 'aims/audits/2025.yaml': AUDIT('AUD-2025', '2025-06-10'), 'aims/audits/2027.yaml': AUDIT('AUD-2027', '2027-03-01', 'status: planned') }, '2026-11-01T10:00:00Z');
    const c = clauseOf(gapJson(dir, ['--as-of', '2026-11-26']), '9.2.1');
    expect(c.status).not.toBe('met');
    expect(c.findings.some((f) => f.record === 'AUD-2025' && /older than the P12M audit cycle/.test(f.message))).toBe(true);
    expect(c.findings.some((f) => f.record === 'AUD-2027')).toBe(false);
    // The planned audit is still part of the programme in the pack.
    const t = tempDir();
    cleanups.push(t.cleanup);
    ok(['report', 'pack', '--out', path.join(t.dir, 'pack'), '--as-of', '2026-11-26'], dir, {}, { quiet: false });
    expect(readFileSync(path.join(t.dir, 'pack', 'audits.html'), 'utf8')).toContain('AUD-2027');
  });
});

describe('--as-of before the last commit judges the last commit made by then', () => {
  it('says which commit on stderr, and judges exactly what --ref of that commit judges', () => {
    const dir = repo();
    const first = commit(dir, { 'aims/policy.yaml': POLICY('2026-01-10') }, '2026-01-10T10:00:00Z');
    commit(dir, { 'aims/policy.yaml': POLICY('2026-01-10').replace('before use.', 'before use, and yearly.'), 'aims/audit.yaml': AUDIT('AUD-1', '2026-02-01') }, '2026-05-01T10:00:00Z');
    writeFiles(dir, { 'aims/review.yaml': REVIEW('2026-02-01') }); // uncommitted: today's state, not March's
    const run = runBin(['gap', '--format', 'json', '--as-of', '2026-03-01'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`aims: judged commit ${shortHash(dir, first)} (committed 2026-01-10), the last one on or before 2026-03-01; later commits and uncommitted changes are not part of the judgement\n`);
    expect(run.stdout).toBe(ok(['gap', '--format', 'json', '--ref', first, '--as-of', '2026-03-01'], dir).stdout);
    expect(clauseOf(parseJson<GapJson>(run.stdout), '9.2.1').findings.some((f) => f.record === 'AUD-1')).toBe(false);
  });

  it('an as-of date before the first commit is a usage error (exit 2), not an empty judgement', () => {
    const dir = repo();
    commit(dir, { 'aims/policy.yaml': POLICY('2026-01-10') }, '2026-01-10T10:00:00Z');
    const run = runBin(['gap', '--as-of', '2025-12-31'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nothing was committed on or before 2025-12-31/);
  });
});

describe('aims diff judges both sides as of one date', () => {
  it('defaults to the later side\'s date, takes --as-of, and says the date in JSON and text', () => {
    const dir = repo();
    commit(dir, { 'aims/audit.yaml': AUDIT('AUD-1', '2026-01-10') }, '2026-01-10T10:00:00Z', 'v1');
    git(dir, ['tag', 'v1']);
    commit(dir, { 'aims/review.yaml': REVIEW('2026-06-01') }, '2026-06-02T10:00:00Z', 'v2');
    git(dir, ['tag', 'v2']);
    const json = parseJson<DiffJson & { asOf: string }>(ok(['diff', 'v1', 'v2', '--format', 'json'], dir).stdout);
    expect(json.asOf).toBe('2026-06-02');
    // 9.2.1 did not move by the calendar: the audit is equally old on both sides.
    expect(json.gap.clauses.find((c) => c.id === '9.2.1')).toBeUndefined();
    const fixed = parseJson<DiffJson & { asOf: string }>(ok(['diff', 'v1', 'v2', '--format', 'json', '--as-of', '2026-11-26'], dir).stdout);
    expect(fixed.asOf).toBe('2026-11-26');
    expect(ok(['diff', 'v1', 'v2', '--as-of', '2026-11-26'], dir).stdout).toContain('Both judged as of 2026-11-26');
  });
});

describe('reproducible output', () => {
  function listFiles(root: string, rel = ''): string[] {
    return readdirSync(path.join(root, rel)).flatMap((name) => {
      const child = rel ? `${rel}/${name}` : name;
      return statSync(path.join(root, child)).isDirectory() ? listFiles(root, child) : [child];
    });
  }
  function bytesOf(root: string): Map<string, string> {
    return new Map(listFiles(root).sort().map((f) => [f, readFileSync(path.join(root, f)).toString('base64')]));
  }

  it('the same commit and as-of date give byte-identical packs and reports on two branches and through --ref', () => {
    const dir = repo();
    commit(dir, { 'aims/policy.yaml': POLICY('2026-01-10'), 'aims/audit.yaml': AUDIT('AUD-1', '2026-02-01'), 'evidence/audit-report.md': 'Audit report: no major findings.\n' }, '2026-02-01T10:00:00Z');
    const out = tempDir();
    cleanups.push(out.cleanup);
    const pack = (name: string, args: string[]): Map<string, string> => {
      ok(['report', 'pack', '--out', path.join(out.dir, name), '--as-of', '2026-03-01', ...args], dir, {}, { quiet: false });
      return bytesOf(path.join(out.dir, name));
    };
    const onMain = pack('main', []);
    const soaMain = ok(['report', 'soa', '--format', 'html', '--as-of', '2026-03-01'], dir).stdout;
    git(dir, ['checkout', '-q', '-b', 'release/2026-audit']);
    const onBranch = pack('branch', []);
    const soaBranch = ok(['report', 'soa', '--format', 'html', '--as-of', '2026-03-01'], dir).stdout;
    git(dir, ['checkout', '-q', '--detach']);
    const viaRef = pack('ref', ['--ref', 'main']);
    expect(onMain.size).toBeGreaterThan(5);
    expect(onBranch).toEqual(onMain);
    expect(viaRef).toEqual(onMain);
    expect(soaBranch).toBe(soaMain);
    expect(ok(['report', 'soa', '--format', 'html', '--as-of', '2026-03-01', '--ref', 'main'], dir).stdout).toBe(soaMain);
  });
});
