import { accessSync, chmodSync, constants, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyseRepository } from '../../src/api/analyse.js';
import { git, makeGitRepo, tempDir } from '../helpers/git-repo.js';
import { yaml } from '../helpers/yaml.js';
import { AS_OF, clauseOf, commit, gapJson, head, htmlRows, ok, versionOf } from './helpers.js';

/**
 * Record history from git, end to end: staleness judged from the date of the last commit that
 * changed a record's file, renames followed, the history read in one `git log` walk.
 */

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

/** The organisation's own risk criteria, so clause 6.1.2 judges only the risks' review dates. */
const OWN_CRITERIA = 'risk:\n  acceptance: 6\n';

function repo(): string {
  const r = makeGitRepo();
  cleanups.push(r.cleanup);
  commit(r.dir, { 'aims.yaml': OWN_CRITERIA }, '2024-01-01T12:00:00Z');
  return r.dir;
}

const RISK = yaml`
  kind: risk
  id: RISK-7
  title: Forecast model drifts after an interest-rate shock and misleads treasury decisions
  owner: Dana Whitfield
  likelihood: unlikely
  impact: minor
`;

describe('staleness from git dates', () => {
  it('a risk without `updated` last committed 2025-01-01 is stale as of 2026-11-26: 6.1.2 partial, the finding names it', () => {
    const dir = repo();
    commit(dir, { 'aims/risks/drift.yaml': RISK }, '2025-01-01T12:00:00Z');
    const report = gapJson(dir, ['--as-of', AS_OF]);
    const c = clauseOf(report, '6.1.2');
    expect(c.status).toBe('partial');
    expect(c.findings).toEqual([
      {
        message: 'risk RISK-7: last review 2025-01-01 is older than the P6M risk cycle (due 2025-07-01)',
        record: 'RISK-7',
        file: 'aims/risks/drift.yaml',
        line: 1,
      },
    ]);
  });

  it('the same risk last committed 2026-10-01 is fresh: 6.1.2 met', () => {
    const dir = repo();
    commit(dir, { 'aims/risks/drift.yaml': RISK }, '2026-10-01T12:00:00Z');
    const c = clauseOf(gapJson(dir, ['--as-of', AS_OF]), '6.1.2');
    expect(c).toMatchObject({ status: 'met', findings: [] });
  });

  it('first committed 2025-01-01 and changed again 2026-10-01: the last change counts', () => {
    const dir = repo();
    commit(dir, { 'aims/risks/drift.yaml': RISK }, '2025-01-01T12:00:00Z');
    commit(dir, { 'aims/risks/drift.yaml': RISK.replace('impact: minor', 'impact: moderate') }, '2026-10-01T12:00:00Z');
    expect(clauseOf(gapJson(dir, ['--as-of', AS_OF]), '6.1.2').status).toBe('met');
  });

  it('the committer date is the change date: a backdated author date (GIT_AUTHOR_DATE) cannot hide when a change entered the repository', () => {
    const dir = repo();
    git(dir, ['config', 'commit.gpgsign', 'false']);
    mkdirSync(path.join(dir, 'aims'), { recursive: true });
    writeFileSync(path.join(dir, 'aims/risk.yaml'), RISK);
    git(dir, ['add', '-A']);
    // Claims to be authored 2025-01-01, but entered the repository 2026-10-01: dated 2026-10-01.
    git(dir, ['commit', '-q', '-m', 'old change', '--date', '2025-01-01T12:00:00Z'], '2026-10-01T12:00:00Z');
    const messages = clauseOf(gapJson(dir, ['--as-of', AS_OF]), '6.1.2').findings.map((f) => f.message);
    expect(messages.filter((m) => /last review/.test(m))).toEqual([]);
    // Judged as of a day before it was committed, the change does not exist yet.
    expect(clauseOf(gapJson(dir, ['--ref', 'HEAD', '--as-of', '2026-09-30']), '6.1.2').findings.map((f) => f.message)).toContainEqual(expect.stringMatching(/RISK-7: no last review date is known/));
  });

  it('an AIMS in a subfolder of a larger repository: paths and dates are the subfolder’s', () => {
    const dir = repo();
    commit(dir, { 'governance/aims.yaml': OWN_CRITERIA, 'governance/aims/risks/drift.yaml': RISK, 'README.md': 'monorepo\n' }, '2025-01-01T12:00:00Z');
    commit(dir, { 'README.md': 'monorepo, changed\n' }, '2026-10-01T12:00:00Z');
    const report = gapJson(path.join(dir, 'governance'), ['--as-of', AS_OF]);
    expect(clauseOf(report, '6.1.2').findings).toEqual([expect.objectContaining({ record: 'RISK-7', file: 'aims/risks/drift.yaml', message: expect.stringContaining('last review 2025-01-01') })]);
    // The same from another working directory, naming the root.
    const elsewhere = tempDir();
    cleanups.push(elsewhere.cleanup);
    expect(gapJson(elsewhere.dir, [path.join(dir, 'governance'), '--as-of', AS_OF])).toEqual(report);
  });

  it('a record file whose name has spaces and non-ASCII letters is dated by git', () => {
    const dir = repo();
    commit(dir, { 'aims/risks/crédit drift.yaml': RISK }, '2025-01-01T12:00:00Z');
    expect(clauseOf(gapJson(dir, ['--as-of', AS_OF]), '6.1.2').findings.map((f) => f.message)).toEqual([expect.stringContaining('last review 2025-01-01')]);
  });

  it('a record file whose name has a double quote is dated by git too', () => {
    const dir = repo();
    commit(dir, { 'aims/risks/drift "v2".yaml': RISK }, '2025-01-01T12:00:00Z');
    expect(clauseOf(gapJson(dir, ['--as-of', AS_OF]), '6.1.2').findings.map((f) => f.message)).toEqual([expect.stringContaining('last review 2025-01-01')]);
  });
});

describe('a renamed record file keeps its history', () => {
  it('its first commit date survives a `git mv`, and staleness uses the last change', async () => {
    const dir = repo();
    const first = commit(dir, { 'aims/risk-register.yaml': RISK }, '2025-01-01T12:00:00Z', 'add the risk');
    mkdirSync(path.join(dir, 'aims/risks'));
    git(dir, ['mv', 'aims/risk-register.yaml', 'aims/risks/drift.yaml'], '2025-06-01T12:00:00Z');
    git(dir, ['commit', '-q', '-m', 'move into risks/'], '2025-06-01T12:00:00Z');
    // Stale as of 2026-11-26 (last change 2025-06-01 at the latest) ...
    expect(clauseOf(gapJson(dir, ['--as-of', AS_OF]), '6.1.2').status).toBe('partial');
    // ... until the record is edited under its new name.
    const last = commit(dir, { 'aims/risks/drift.yaml': RISK.replace('impact: minor', 'impact: moderate') }, '2026-10-01T12:00:00Z', 'review');
    expect(clauseOf(gapJson(dir, ['--as-of', AS_OF]), '6.1.2')).toMatchObject({ status: 'met', findings: [] });

    const { gaps } = await analyseRepository(dir, { today: AS_OF });
    const doc = gaps.documents.find((d) => d.id === 'RISK-7');
    expect(doc).toMatchObject({ file: 'aims/risks/drift.yaml', firstCommitted: '2025-01-01', changedOn: '2026-10-01', version: last.slice(0, 7), changedBy: 'Test Author' });
    expect(first).not.toBe(last);
  });

  it('renamed twice, with edits along the way: the first commit is still the one that added it', async () => {
    const dir = repo();
    commit(dir, { 'aims/r.yaml': RISK }, '2025-01-01T12:00:00Z');
    commit(dir, { 'aims/r.yaml': null, 'aims/risks/r.yaml': RISK.replace('impact: minor', 'impact: moderate') }, '2025-03-01T12:00:00Z');
    commit(dir, { 'aims/risks/r.yaml': null, 'aims/risks/drift.yaml': RISK.replace('impact: minor', 'impact: major') }, '2025-05-01T12:00:00Z');
    const { gaps } = await analyseRepository(dir, { today: AS_OF });
    expect(gaps.documents.find((d) => d.id === 'RISK-7')).toMatchObject({ file: 'aims/risks/drift.yaml', firstCommitted: '2025-01-01', changedOn: '2025-05-01' });
  });

  it('the pack’s document control page shows the first commit date under the new name', () => {
    const dir = repo();
    commit(dir, { 'aims/risk-register.yaml': RISK }, '2025-01-01T12:00:00Z');
    mkdirSync(path.join(dir, 'aims/risks'));
    git(dir, ['mv', 'aims/risk-register.yaml', 'aims/risks/drift.yaml'], '2025-06-01T12:00:00Z');
    git(dir, ['commit', '-q', '-m', 'move'], '2025-06-01T12:00:00Z');
    commit(dir, { 'aims/risks/drift.yaml': RISK.replace('impact: minor', 'impact: moderate') }, '2026-10-01T12:00:00Z');
    const out = tempDir();
    cleanups.push(out.cleanup);
    ok(['report', 'pack', '--as-of', AS_OF, '--out', path.join(out.dir, 'pack')], dir, {}, { quiet: false });
    const rows = htmlRows(readFileSync(path.join(out.dir, 'pack', 'documents.html'), 'utf8'));
    // Record | Kind | File | Version | Committed | Authored | By | Signature | First committed | Approved | State
    expect(rows).toContainEqual(['RISK-7', 'risk', 'aims/risks/drift.yaml:1', versionOf(dir, 'aims/risks/drift.yaml'), '2026-10-01', '2026-10-01', 'Test Author', 'unsigned', '2025-01-01', '', '']);
  });

  it('a pure move (git mv, content unchanged) is not a review: the record stays as stale as before', () => {
    const dir = repo();
    commit(dir, { 'aims/risk-register.yaml': RISK }, '2025-01-01T12:00:00Z');
    mkdirSync(path.join(dir, 'aims/risks'));
    git(dir, ['mv', 'aims/risk-register.yaml', 'aims/risks/drift.yaml'], '2026-10-01T12:00:00Z');
    git(dir, ['commit', '-q', '-m', 'reorganise folders'], '2026-10-01T12:00:00Z');
    expect(clauseOf(gapJson(dir, ['--as-of', AS_OF]), '6.1.2').findings.map((f) => f.message)).toEqual([expect.stringContaining('last review 2025-01-01')]);
  });

  it('a file deleted and later re-added at the same path is dated from the re-add', async () => {
    const dir = repo();
    commit(dir, { 'aims/risks/drift.yaml': RISK }, '2024-06-01T12:00:00Z', 'add');
    commit(dir, { 'aims/risks/drift.yaml': null }, '2024-09-01T12:00:00Z', 'drop');
    commit(dir, { 'aims/risks/drift.yaml': RISK.replace('RISK-7', 'RISK-8') }, '2026-10-01T12:00:00Z', 'a new risk at the old path');
    const { gaps } = await analyseRepository(dir, { today: AS_OF });
    expect(gaps.documents.find((d) => d.id === 'RISK-8')).toMatchObject({ firstCommitted: '2026-10-01', changedOn: '2026-10-01' });
  });
});

/** The first executable `name` on PATH. */
function findOnPath(name: string): string {
  for (const folder of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const candidate = path.join(folder, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  throw new Error(`${name} is not on PATH`);
}

describe('one git log walk per run', () => {
  /** A `git` first on PATH that logs its arguments and runs the real git. */
  function loggingGit(): { env: Record<string, string>; calls: () => string[][] } {
    const bin = tempDir('aims-gitlog-');
    cleanups.push(bin.cleanup);
    const realGit = findOnPath('git');
    const log = path.join(bin.dir, 'calls.log');
    const script = path.join(bin.dir, 'git');
    writeFileSync(script, `#!/bin/sh\nprintf '%s\\036' "$@" >> '${log}'\nprintf '\\n' >> '${log}'\nexec '${realGit}' "$@"\n`);
    chmodSync(script, 0o755);
    writeFileSync(log, '');
    return {
      env: { PATH: `${bin.dir}${path.delimiter}${process.env['PATH'] ?? ''}` },
      calls: () =>
        readFileSync(log, 'utf8')
          .split('\n')
          .filter((l) => l !== '')
          .map((l) => l.split('\x1e').filter((a) => a !== '')),
    };
  }

  it('gap on 40 record files asks git for history once, not once per file', () => {
    const dir = repo();
    const files: Record<string, string> = {};
    for (let i = 1; i <= 40; i++) files[`aims/risks/risk-${i}.yaml`] = RISK.replace('RISK-7', `RISK-${i}`);
    commit(dir, files, '2025-01-01T12:00:00Z');
    commit(dir, { 'aims/risks/risk-3.yaml': RISK.replace('RISK-7', 'RISK-3').replace('minor', 'moderate') }, '2026-10-01T12:00:00Z');
    const spy = loggingGit();
    const report = gapJson(dir, ['--as-of', AS_OF], spy.env);
    // The spy really was used, and the judgement is right: 39 stale risks, RISK-3 fresh.
    const stale = clauseOf(report, '6.1.2').findings.filter((f) => /last review/.test(f.message));
    expect(stale.map((f) => f.record)).toHaveLength(39);
    expect(stale.map((f) => f.record)).not.toContain('RISK-3');
    const calls = spy.calls();
    const walks = calls.filter((args) => args.includes('log') && args.includes('--raw'));
    expect(walks).toHaveLength(1);
    // rev-parse, the revision, status, the trusted signers (git config), the history's shape
    // (rev-list: merges? how long?), the walk, HEAD's date (is --as-of before it?), and one
    // cat-file for the versions of the changed records.
    expect(calls.length).toBeLessThanOrEqual(8);
    expect(calls.filter((args) => args.includes('cat-file'))).toHaveLength(1);
  });

  it('report pack walks the history once too, and reads blobs in one process under --ref', () => {
    const dir = repo();
    const files: Record<string, string> = { 'evidence/a.md': 'a\n', 'evidence/b.md': 'b\n' };
    for (let i = 1; i <= 20; i++) files[`aims/risks/risk-${i}.yaml`] = `${RISK.replace('RISK-7', `RISK-${i}`)}evidence: [evidence/a.md, evidence/b.md]\n`;
    commit(dir, files, '2025-01-01T12:00:00Z');
    const out = tempDir();
    cleanups.push(out.cleanup);
    const spy = loggingGit();
    ok(['report', 'pack', '--ref', head(dir), '--out', path.join(out.dir, 'pack')], dir, spy.env, { quiet: false });
    const calls = spy.calls();
    expect(calls.filter((args) => args.includes('log') && args.includes('--raw'))).toHaveLength(1);
    // aims.yaml, the record files, the blank-evidence check, the evidence copies, and the per-record history walk: one process each.
    expect(calls.filter((args) => args.includes('cat-file')).length).toBeLessThanOrEqual(5);
    // Ten before per-record history, plus the trusted signers (git config), the history's shape (rev-list) and the cat-file of the record walk.
    expect(calls.length).toBeLessThanOrEqual(13);
  });
});
