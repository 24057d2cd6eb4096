import { readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeGitRepo, tempDir, writeFiles } from '../helpers/git-repo.js';
import { runBin } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';
import { AS_OF, clauseOf, commit, gapJson, noteLines, ok, type PackManifest, parseJson, type SoaJson } from './helpers.js';

/**
 * Honest degradation: outside a git repository, without git, and in a shallow clone, aims
 * works from `updated` dates, says once that history was not used, and never treats every
 * record as changed on the day of the clone.
 */

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

const FRESH_RISK = yaml`
  kind: risk
  id: RISK-FRESH
  title: Reviewed recently
  owner: Dana Whitfield
  likelihood: unlikely
  impact: minor
  updated: 2026-10-01
`;
const UNDATED_RISK = yaml`
  kind: risk
  id: RISK-UNDATED
  title: Never given an updated date
  owner: Dana Whitfield
  likelihood: unlikely
  impact: minor
`;
const UNDATED_CONTROL = yaml`
  kind: control
  id: A.2.2
  title: AI policy
  applicable: true
  justification: Needed.
  status: implemented
  evidence: [evidence/policy.md]
`;
const APPROVED_POLICY = yaml`
  kind: policy
  id: POL-1
  title: AI policy
  statements: [We assess every AI system.]
  approved: { by: Board, date: 2026-01-10 }
`;
const FILES = {
  // The organisation's own risk criteria, so 6.1.2 judges only the risks' dates.
  'aims.yaml': 'risk:\n  acceptance: 6\n',
  'aims/risks/fresh.yaml': FRESH_RISK,
  'aims/risks/undated.yaml': UNDATED_RISK,
  'aims/controls.yaml': UNDATED_CONTROL,
  'aims/policy.yaml': APPROVED_POLICY,
  'evidence/policy.md': '# Policy\n',
};

const NOT_A_REPOSITORY = 'Note: not a git repository: review dates come from `updated` fields only';
const NO_GIT = 'Note: git is not installed: review dates come from `updated` fields only';
const NO_DATE = /^risk RISK-UNDATED: no last review date is known/;

/** Judged purely from `updated`: the fresh risk passes, the undated one has no known date. */
function expectJudgedFromUpdated(dir: string, env: Record<string, string> = {}): void {
  const c = clauseOf(gapJson(dir, ['--as-of', AS_OF], env), '6.1.2');
  expect(c.findings.map((f) => f.record)).toEqual(['RISK-UNDATED']);
  expect(c.findings[0]?.message).toMatch(NO_DATE);
}

describe('outside a git repository', () => {
  let dir: string;
  beforeAll(() => {
    const plain = tempDir('aims-plain-');
    cleanups.push(plain.cleanup);
    dir = plain.dir;
    writeFiles(dir, FILES);
  });

  it('gap text has exactly one note that history was not used, and nothing on stderr', () => {
    const run = runBin(['gap', '--as-of', AS_OF], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(noteLines(run.stdout)).toEqual([NOT_A_REPOSITORY]);
    const md = runBin(['gap', '--as-of', AS_OF, '--format', 'markdown'], dir).stdout;
    expect(md.split('\n').filter((l) => /not a git repository/.test(l))).toHaveLength(1);
  });

  it('still works from `updated`', () => {
    expectJudgedFromUpdated(dir);
  });

  it('validate works and says nothing about git', () => {
    const run = runBin(['validate'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout + run.stderr).not.toMatch(/git/i);
  });

  it('reports say there is no commit; the pack’s manifest has no commit, and blob ids still computed', () => {
    const soa = parseJson<SoaJson>(ok(['report', 'soa', '--format', 'json', '--as-of', AS_OF], dir).stdout);
    expect(soa).toMatchObject({ commit: null, dirty: false });
    expect(soa.controls.find((c) => c.id === 'A.2.2')).toMatchObject({ version: '', changedBy: '', lastChanged: '' });
    expect(ok(['report', 'soa', '--format', 'md', '--as-of', AS_OF], dir).stdout).toContain('- **Commit:** none (not a git repository)\n');
    const out = tempDir();
    cleanups.push(out.cleanup);
    const pack = path.join(out.dir, 'pack');
    ok(['report', 'pack', '--as-of', AS_OF, '--out', pack], dir, {}, { quiet: false });
    const manifest = parseJson<PackManifest>(readFileSync(path.join(pack, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ commit: null, dirty: false });
    expect(manifest.records).toEqual(
      ['aims/controls.yaml', 'aims/policy.yaml', 'aims/risks/fresh.yaml', 'aims/risks/undated.yaml'].map((file) => ({ file, blob: git(dir, ['hash-object', file]).trim() })),
    );
    const documents = readFileSync(path.join(pack, 'documents.html'), 'utf8');
    expect(documents.match(/not a git repository: review dates come from/g)).toHaveLength(1);
  });

  it('diff needs history: exit 2 with a message', () => {
    const run = runBin(['diff', 'HEAD'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not in a git repository/);
  });
});

describe('in a shallow clone', () => {
  let clone: string;
  beforeAll(() => {
    const source = makeGitRepo();
    cleanups.push(source.cleanup);
    // Everything committed long ago; policy approved, then edited (would await re-approval with full history).
    commit(source.dir, FILES, '2025-01-01T12:00:00Z', 'records');
    commit(source.dir, { 'aims/policy.yaml': APPROVED_POLICY.replace('We assess every AI system.', 'We assess every AI system, yearly.') }, '2026-03-01T12:00:00Z', 'edit policy');
    commit(source.dir, { 'README.md': 'tip\n' }, '2026-11-20T12:00:00Z', 'unrelated tip commit');
    const target = tempDir('aims-shallow-');
    cleanups.push(target.cleanup);
    clone = path.join(target.dir, 'clone');
    git(target.dir, ['clone', '-q', '--depth', '1', `file://${source.dir}`, clone]);
    expect(git(clone, ['rev-parse', '--is-shallow-repository']).trim()).toBe('true');
  });

  it('gap text has exactly one note, naming the fix (fetch-depth: 0)', () => {
    const run = runBin(['gap', '--as-of', AS_OF], clone);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const notes = noteLines(run.stdout);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatch(/shallow/);
    expect(notes[0]).toContain('fetch-depth: 0');
  });

  it('a risk without `updated` is not judged fresh from the clone date: it has no date known', () => {
    // With the clone's only commit (2026-11-20) as its date, it would pass; it must not.
    expectJudgedFromUpdated(clone);
  });

  it('no record is flagged for re-approval from a history that is not there', () => {
    expect(clauseOf(gapJson(clone, ['--as-of', AS_OF]), '7.5.3').findings.filter((f) => /re-approval/.test(f.message))).toEqual([]);
  });

  it('the SoA does not date every record to the clone’s commit either', () => {
    const soa = parseJson<SoaJson>(ok(['report', 'soa', '--format', 'json', '--as-of', AS_OF], clone).stdout);
    const a22 = soa.controls.find((c) => c.id === 'A.2.2');
    expect(a22?.version).toBe('');
    expect(a22?.lastChanged).toBe('');
  });

  it('the pack still names the commit, and its notes say the history was not used', () => {
    const out = tempDir();
    cleanups.push(out.cleanup);
    const pack = path.join(out.dir, 'pack');
    ok(['report', 'pack', '--as-of', AS_OF, '--out', pack], clone, {}, { quiet: false });
    const manifest = parseJson<PackManifest>(readFileSync(path.join(pack, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ commit: git(clone, ['rev-parse', 'HEAD']).trim(), dirty: false });
    const documents = readFileSync(path.join(pack, 'documents.html'), 'utf8');
    expect(documents.match(/fetch-depth: 0/g)).toHaveLength(1);
    expect(documents).not.toContain('2026-11-20');
  });

  it('gap --ref in the shallow clone: the same single note', () => {
    const run = runBin(['gap', '--ref', 'HEAD', '--as-of', AS_OF], clone);
    expect(run.code).toBe(0);
    expect(noteLines(run.stdout)).toEqual([expect.stringContaining('fetch-depth: 0')]);
    expectJudgedFromUpdated(clone);
  });
});

describe('without git installed', () => {
  let dir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    // A PATH holding only node: `git` cannot be found.
    const bin = tempDir('aims-nogit-');
    cleanups.push(bin.cleanup);
    symlinkSync(process.execPath, path.join(bin.dir, 'node'));
    env = { PATH: bin.dir };
    // A real repository, so "not a git repository" would be the wrong excuse.
    const r = makeGitRepo();
    cleanups.push(r.cleanup);
    dir = r.dir;
    commit(dir, FILES, '2025-01-01T12:00:00Z');
  });

  it('gap still works, with exactly one note that git is missing, and nothing on stderr', () => {
    const run = runBin(['gap', '--as-of', AS_OF], dir, env);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(noteLines(run.stdout)).toEqual([NO_GIT]);
  });

  it('judges from `updated` only', () => {
    expectJudgedFromUpdated(dir, env);
  });

  it('validate and report soa work', () => {
    expect(runBin(['validate'], dir, env).code).toBe(0);
    const soa = runBin(['report', 'soa', '--format', 'json', '--as-of', AS_OF], dir, env);
    expect(soa.code).toBe(0);
    expect(parseJson<SoaJson>(soa.stdout)).toMatchObject({ commit: null, dirty: false });
  });

  it('the SoA does not claim the folder is not a git repository', () => {
    const md = runBin(['report', 'soa', '--format', 'md', '--as-of', AS_OF], dir, env).stdout;
    expect(md).toMatch(/- \*\*Commit:\*\* /);
    expect(md).not.toContain('not a git repository');
  });

  it('--ref and diff: exit 2, saying git is not installed', () => {
    for (const args of [['gap', '--ref', 'HEAD'], ['validate', '--ref', 'HEAD'], ['diff', 'HEAD']]) {
      const run = runBin(args, dir, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/git is not installed/);
    }
  });
});
