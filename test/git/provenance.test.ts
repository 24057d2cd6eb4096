import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { git, makeGitRepo, tempDir, writeFiles } from '../helpers/git-repo.js';
import { runBin } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';
import { sshKey } from '../report/helpers.js';
import { AS_OF, clauseOf, commit, gapJson, type GapJson, ok, parseJson } from './helpers.js';

/**
 * Provenance an auditee cannot forge, end to end: the repository's own git configuration runs
 * nothing, a repository owned by someone else is refused as such, names cannot pose as
 * versions or dates, backdated author dates are flagged, and signed commits are required
 * where aims.yaml says so, verified against the user's keys, never the repository's.
 */

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function repo(): string {
  const r = makeGitRepo();
  cleanups.push(r.cleanup);
  return r.dir;
}

function scratch(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

/** A HOME with its own (empty unless given) global git config, and no system config: nothing of this machine's git setup leaks in. */
function home(gitconfig = ''): Record<string, string> {
  const dir = scratch();
  writeFileSync(path.join(dir, '.gitconfig'), gitconfig);
  return { HOME: dir, GIT_CONFIG_GLOBAL: path.join(dir, '.gitconfig'), GIT_CONFIG_NOSYSTEM: '1', XDG_CONFIG_HOME: path.join(dir, '.config') };
}

function policy(statement: string): string {
  return yaml`
    kind: policy
    id: POL-1
    title: AI policy
    statements: ['${statement}']
    approved: { by: Board of Directors, date: 2026-01-10 }
    updated: 2026-01-10
  `;
}

const POLICY_FILE = 'aims/policies/ai-policy.yaml';

function findings753(dir: string, env: Record<string, string> = {}): { message: string; record: string | null }[] {
  return clauseOf(gapJson(dir, ['--as-of', AS_OF], env), '7.5.3').findings;
}

describe("the repository's git configuration runs nothing", () => {
  it('a core.fsmonitor command in .git/config does not run during validate, gap, report soa, report pack or diff', () => {
    const dir = repo();
    commit(dir, { [POLICY_FILE]: policy('We assess every AI system.') }, '2026-01-10T09:00:00Z');
    commit(dir, { [POLICY_FILE]: policy('We assess every AI system, yearly.') }, '2026-03-01T09:00:00Z');
    const marker = path.join(scratch(), 'fsmonitor-ran');
    const hook = path.join(scratch(), 'fsmonitor.sh');
    writeFileSync(hook, `#!/bin/sh\ntouch '${marker}'\nexit 1\n`);
    chmodSync(hook, 0o755);
    git(dir, ['config', 'core.fsmonitor', hook]);
    // The trap works: plain git runs it.
    git(dir, ['status', '--porcelain']);
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);
    const out = scratch();
    const runs = [
      ['validate'],
      ['gap', '--as-of', AS_OF],
      ['report', 'soa', '--as-of', AS_OF],
      ['report', 'pack', '--as-of', AS_OF, '--out', path.join(out, 'pack')],
      ['diff', 'HEAD~1'],
    ];
    for (const args of runs) {
      const run = runBin(args, dir);
      expect([0, 1], `aims ${args.join(' ')}: ${run.stderr}`).toContain(run.code);
      expect(existsSync(marker), `aims ${args.join(' ')} ran the repository's fsmonitor`).toBe(false);
    }
  });
});

describe('dubious ownership', () => {
  const root = process.getuid?.() === 0;
  // Changing a folder's owner needs root. CI runs as root, so there the test always runs.
  it.skipIf(!root && process.env['CI'] === undefined)('a repository owned by another user is reported as such, with the safe.directory hint, exit 2, and no pack is written', () => {
    if (!root) throw new Error('this test needs root to give the repository another owner (CI runs as root)');
    const dir = repo();
    commit(dir, { [POLICY_FILE]: policy('We assess every AI system.') }, '2026-01-10T09:00:00Z');
    execFileSync('chown', ['-R', '12345:12345', dir]);
    try {
      const env = home();
      const gap = runBin(['gap', '--as-of', AS_OF], dir, env);
      expect(gap.code).toBe(2);
      expect(gap.stderr).toContain('dubious ownership');
      expect(gap.stderr).toContain(`git config --global --add safe.directory ${dir}`);
      expect(gap.stderr).not.toMatch(/not a git repository|\n\s+at /);
      const out = path.join(scratch(), 'pack');
      const pack = runBin(['report', 'pack', '--as-of', AS_OF, '--out', out], dir, env);
      expect(pack.code).toBe(2);
      expect(pack.stderr).toContain('dubious ownership');
      expect(existsSync(out)).toBe(false);
      // Trusted as the hint says, it is read.
      const trusted = home(`[safe]\n\tdirectory = ${dir}\n`);
      expect(runBin(['gap', '--as-of', AS_OF], dir, trusted).code).toBe(0);
    } finally {
      execFileSync('chown', ['-R', `${process.getuid?.() ?? 0}:${process.getgid?.() ?? 0}`, dir]);
    }
  });
});

describe('names and dates git history cannot forge', () => {
  it('an author name with control characters and fake fields does not forge the version, date or author of an edit', () => {
    const dir = repo();
    commit(dir, { [POLICY_FILE]: policy('We assess every AI system.') }, '2026-01-10T09:00:00Z');
    const fakeCommit = 'f'.repeat(40);
    // What older parsers split on (\x1e, \x1f, tabs), a fake commit, date and author, and a fake change line.
    const forged = `Mallory\x1e${fakeCommit}\x1f2026-01-05T00:00:00+00:00\x1fBoard\tM\t${POLICY_FILE}`;
    writeFiles(dir, { [POLICY_FILE]: policy('We assess no AI system.') });
    git(dir, ['add', '-A'], '2026-03-01T09:00:00Z');
    execFileSync('git', ['commit', '-q', '-m', 'quiet edit'], {
      cwd: dir,
      env: { ...process.env, HOME: dir, GIT_CONFIG_NOSYSTEM: '1', GIT_AUTHOR_NAME: forged, GIT_AUTHOR_EMAIL: 'm@example.com', GIT_COMMITTER_NAME: forged, GIT_COMMITTER_EMAIL: 'm@example.com', GIT_AUTHOR_DATE: '2026-03-01T09:00:00Z', GIT_COMMITTER_DATE: '2026-03-01T09:00:00Z' },
    });
    const edit = git(dir, ['rev-parse', 'HEAD']).trim();
    const author = git(dir, ['log', '-1', '--format=%an']).trim();
    expect(author).toContain('\x1f'); // git kept the control characters
    const reapproval = findings753(dir).filter((f) => /awaits re-approval/.test(f.message));
    expect(reapproval).toHaveLength(1);
    expect(reapproval[0]?.message).toContain(`was changed on 2026-03-01 (version ${edit.slice(0, 7)}, by `);
    expect(reapproval[0]?.message).not.toContain(`version ${fakeCommit.slice(0, 7)}`);
  });

  it('a backdated author date (GIT_AUTHOR_DATE far before the commit date) is flagged under 7.5.3, naming the commit; the change is dated by its commit date', () => {
    const dir = repo();
    commit(dir, { [POLICY_FILE]: policy('We assess every AI system.') }, '2026-01-10T09:00:00Z');
    writeFiles(dir, { [POLICY_FILE]: policy('We assess every AI system, except chatbots.') });
    git(dir, ['add', '-A'], '2026-06-01T09:00:00Z');
    git(dir, ['commit', '-q', '-m', 'backdated edit', '--date', '2026-01-09T09:00:00Z'], '2026-06-01T09:00:00Z');
    const edit = git(dir, ['rev-parse', '--short=7', 'HEAD']).trim();
    const messages = findings753(dir).map((f) => f.message);
    expect(messages).toContainEqual(`commit ${edit} (last change of POL-1) claims to be authored on 2026-01-09 but entered the repository on 2026-06-01: its author date is backdated; aims dates the change by when it was committed`);
    // The backdating hides nothing: the edit is after the approval by its commit date.
    expect(messages).toContainEqual(expect.stringMatching(/^policy POL-1 was changed on 2026-06-01 .* after its approval on 2026-01-10/));
  });

  it('an author date a few days before the commit date (a rebase, a review) is not flagged', () => {
    const dir = repo();
    writeFiles(dir, { [POLICY_FILE]: policy('We assess every AI system.') });
    git(dir, ['add', '-A'], '2026-01-10T09:00:00Z');
    git(dir, ['commit', '-q', '-m', 'reviewed for a week', '--date', '2026-01-03T09:00:00Z'], '2026-01-10T09:00:00Z');
    expect(findings753(dir).map((f) => f.message)).not.toContainEqual(expect.stringContaining('backdated'));
  });
});

describe('approvals.require_signed_commits', () => {
  const SIGNED = 'approvals:\n  require_signed_commits: true\n';

  /** A repository whose approved policy was last changed in a commit signed with a fresh SSH key; the key's allowed-signers line. */
  function signedRepo(): { dir: string; allowed: string } {
    const dir = repo();
    const keys = scratch();
    const { key, publicKey } = sshKey(keys, 'signer');
    git(dir, ['config', 'gpg.format', 'ssh']);
    git(dir, ['config', 'user.signingkey', key]);
    writeFiles(dir, { 'aims.yaml': SIGNED, [POLICY_FILE]: policy('We assess every AI system.') });
    git(dir, ['add', '-A'], '2026-01-10T09:00:00Z');
    git(dir, ['commit', '-q', '-S', '-m', 'approved policy, signed'], '2026-01-10T09:00:00Z');
    return { dir, allowed: `author@example.com namespaces="git" ${publicKey}\n` };
  }

  it('an approved policy last changed in an unsigned commit is a 7.5.3 finding; without the setting it is not', () => {
    const dir = repo();
    commit(dir, { 'aims.yaml': SIGNED, [POLICY_FILE]: policy('We assess every AI system.') }, '2026-01-10T09:00:00Z');
    const signedOnly = findings753(dir).filter((f) => /good-signed/.test(f.message));
    expect(signedOnly).toEqual([
      expect.objectContaining({
        record: 'POL-1',
        message: expect.stringMatching(/^policy POL-1 is approved, but its last change \(version [0-9a-f]{7}, by Test Author, 2026-01-10\) is not in a good-signed commit \(unsigned\); aims.yaml requires signed commits for approved records$/),
      }),
    ]);
    commit(dir, { 'aims.yaml': 'approvals:\n  require_signed_commits: false\n' }, '2026-01-11T09:00:00Z');
    expect(findings753(dir).filter((f) => /good-signed/.test(f.message))).toEqual([]);
  });

  it('signed with a key the user trusts (their global allowed signers): no finding, and document control says "good"', () => {
    const { dir, allowed } = signedRepo();
    const signers = path.join(scratch(), 'allowed_signers');
    writeFileSync(signers, allowed);
    const env = home(`[gpg "ssh"]\n\tallowedSignersFile = ${signers}\n`);
    expect(findings753(dir, env).filter((f) => /good-signed/.test(f.message))).toEqual([]);
    const out = path.join(scratch(), 'pack');
    ok(['report', 'pack', '--as-of', AS_OF, '--out', out], dir, env, { quiet: false });
    expect(readFileSync(path.join(out, 'documents.html'), 'utf8')).toMatch(/<td>good<br><span class="muted">author@example.com<\/span><\/td>/);
  });

  it("the repository's own .git/config cannot vouch for its signatures: a key trusted only there does not count", () => {
    const { dir, allowed } = signedRepo();
    mkdirSync(path.join(dir, '.git', 'trust'), { recursive: true });
    writeFileSync(path.join(dir, '.git', 'trust', 'allowed_signers'), allowed);
    git(dir, ['config', 'gpg.ssh.allowedSignersFile', path.join(dir, '.git', 'trust', 'allowed_signers')]);
    // Plain git, reading the repository's config, calls it good ...
    expect(git(dir, ['log', '-1', '--format=%G?']).trim()).toBe('G');
    // ... aims does not.
    const report = parseJson<GapJson>(runBin(['gap', '--format', 'json', '--as-of', AS_OF], dir, home()).stdout);
    expect(clauseOf(report, '7.5.3').findings.filter((f) => /good-signed/.test(f.message)).map((f) => f.record)).toEqual(['POL-1']);
  });
});
