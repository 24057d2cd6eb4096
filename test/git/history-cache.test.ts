import { createHmac } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readGitFacts } from '../../src/workspace/git.js';
import { git, makeGitRepo, tempDir } from '../helpers/git-repo.js';
import { runMain } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';
import { AS_OF, commit } from './helpers.js';

/**
 * `aims gap --cache` keeps the walk of git history (by the commit it starts from) and the record
 * histories found on it (by everything they are worked out from) beside the checks cache. A
 * warm run must give the very bytes a run without the cache gives, after a new commit, at
 * another --as-of date, and with the cache damaged; signatures are never taken from the cache.
 */

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

const policy = (statement: string, approved: string) => yaml`
  kind: policy
  id: POL-001
  title: AI policy
  statements: ['${statement}']
  approved: { by: Board of Directors, date: ${approved} }
`;

const risk = (id: string, title: string) => yaml`
  kind: risk
  id: ${id}
  title: ${title}
  owner: Dana Whitfield
  likelihood: unlikely
  impact: minor
`;

/** A repository whose gap report depends on per-record history: a policy changed after approval, risks in one file edited apart. */
function repository(): { dir: string; cache: string; home: string } {
  const r = makeGitRepo();
  const home = tempDir('aims-history-cache-home-');
  const scratch = tempDir('aims-history-cache-');
  cleanups.push(r.cleanup, home.cleanup, scratch.cleanup);
  commit(r.dir, { 'aims.yaml': 'risk:\n  acceptance: 6\n', 'aims/policy.yaml': policy('We govern AI.', '2025-01-10') }, '2025-01-10T12:00:00Z');
  commit(r.dir, { 'aims/risks.yaml': `${risk('RISK-001', 'Model drift')}---\n${risk('RISK-002', 'Wrong fee answers')}` }, '2025-02-01T12:00:00Z');
  commit(r.dir, { 'aims/policy.yaml': policy('We govern every AI system.', '2025-01-10') }, '2025-06-01T12:00:00Z');
  commit(r.dir, { 'aims/risks.yaml': `${risk('RISK-001', 'Model drift after a rate shock')}---\n${risk('RISK-002', 'Wrong fee answers')}` }, '2026-03-01T12:00:00Z');
  return { dir: r.dir, cache: path.join(scratch.dir, 'checks.json'), home: home.dir };
}

function gapRunner(repo: { dir: string; cache: string; home: string }) {
  return (asOf: string, ...args: string[]) =>
    runMain(['gap', repo.dir, '--as-of', asOf, '--format', 'json', '-v', ...args], repo.dir, { XDG_CACHE_HOME: repo.home });
}

describe('aims gap --cache: history', () => {
  it('a warm run gives the same bytes as a run without the cache: again, after a new commit, and at another --as-of date', async () => {
    const repo = repository();
    const gap = gapRunner(repo);
    const cached = ['--cache', '--cache-location', repo.cache];
    const plain = await gap(AS_OF);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/awaits re-approval/);
    expect(await gap(AS_OF, ...cached)).toEqual(plain);
    expect(existsSync(`${repo.cache}.history`)).toBe(true);
    expect(await gap(AS_OF, ...cached)).toEqual(plain);

    // Another as-of date: the record histories are worked out again (commits after it do not count).
    expect(await gap('2025-12-31', ...cached)).toEqual(await gap('2025-12-31'));

    // A new commit re-approves the policy: HEAD moved, so the stored walk is not used.
    commit(repo.dir, { 'aims/policy.yaml': policy('We govern every AI system.', '2026-04-01') }, '2026-04-01T12:00:00Z');
    const after = await gap(AS_OF);
    expect(after.stdout).not.toBe(plain.stdout);
    expect(await gap(AS_OF, ...cached)).toEqual(after);
    expect(await gap(AS_OF, ...cached)).toEqual(after);
  });

  it('a shallow clone\'s walk is not kept: once deepened, the same HEAD walks its whole history again (an edit after approval is not hidden)', async () => {
    const origin = repository();
    const clone = tempDir('aims-history-cache-clone-');
    cleanups.push(clone.cleanup);
    git(clone.dir, ['clone', '-q', '--depth', '1', `file://${origin.dir}`, 'repo']);
    const repo = { ...origin, dir: path.join(clone.dir, 'repo') };
    const gap = gapRunner(repo);
    const cached = ['--cache', '--cache-location', repo.cache];
    expect((await gap(AS_OF, ...cached)).stdout).not.toMatch(/awaits re-approval/);
    git(repo.dir, ['fetch', '-q', '--unshallow']);
    const plain = await gap(AS_OF);
    expect(plain.stdout).toMatch(/awaits re-approval/);
    expect(await gap(AS_OF, ...cached)).toEqual(plain);
  });

  it('replace refs in the audited repository rewrite nothing aims judges: the edit after approval stays found, with and without the cache', async () => {
    const repo = repository();
    const gap = gapRunner(repo);
    const cached = ['--cache', '--cache-location', repo.cache];
    const plain = await gap(AS_OF);
    expect(plain.stdout).toMatch(/awaits re-approval/);
    // The last commit grafted onto the first: the policy's edit (the commit between) vanishes from `git log`.
    git(repo.dir, ['replace', '--graft', 'HEAD', 'HEAD~3']);
    expect(await gap(AS_OF)).toEqual(plain);
    expect(await gap(AS_OF, ...cached)).toEqual(plain);
  });

  it('uses what it stored: a record history signed with the user secret is believed (which is why the signature is what guards it)', async () => {
    const repo = repository();
    const gap = gapRunner(repo);
    const cached = ['--cache', '--cache-location', repo.cache];
    await gap(AS_OF, ...cached);
    const file = `${repo.cache}.history`;
    const text = readFileSync(file, 'utf8');
    const newline = text.indexOf('\n');
    const header = JSON.parse(text.slice(0, newline)) as { format: string; key: string; mac: string; index: number };
    const body = JSON.parse(text.slice(newline + 1)) as { log: { commit: string }[]; records: { byKey: [string, string, boolean, string | null][] } };
    // The policy's last change moved back to its first commit, when it was approved: no longer awaiting re-approval.
    const first = body.log[body.log.length - 1]?.commit as string;
    body.records.byKey = body.records.byKey.map(([key, commitId, added, approved]) => (key.includes('POL-001') ? [key, first, true, null] : [key, commitId, added, approved]));
    const forged = JSON.stringify(body);
    const secret = Buffer.from(readFileSync(path.join(repo.home, 'aims/cache-secret'), 'utf8'), 'hex');
    const mac = createHmac('sha256', secret).update(header.key).update('\n').update(forged).digest('hex');
    writeFileSync(file, `${JSON.stringify({ ...header, mac, index: Buffer.byteLength(forged) })}\n${forged}`);
    // The run's output is kept too (gap-memo.ts) and would answer first, the inputs being the same.
    rmSync(`${repo.cache}.gap`);
    const believed = await gap(AS_OF, ...cached);
    expect(believed.stdout).not.toMatch(/awaits re-approval/);
    expect((await gap(AS_OF)).stdout).toMatch(/awaits re-approval/);
  });

  it('a damaged or foreign history cache is ignored with a one-line warning, never a different report', async () => {
    const repo = repository();
    const gap = gapRunner(repo);
    const cached = ['--cache', '--cache-location', repo.cache];
    const plain = await gap(AS_OF);
    await gap(AS_OF, ...cached);
    const file = `${repo.cache}.history`;
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace(/"signature":"N"/, '"signature":"G"'));
    const damaged = await gap(AS_OF, ...cached);
    expect(damaged.stdout).toBe(plain.stdout);
    expect(damaged.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^aims: warning: the cache .*\.history was not written by aims for this user, or was changed since; ignoring it$/)]);
    // Rewritten: the next run is clean again.
    expect(await gap(AS_OF, ...cached)).toEqual(plain);
  });

  it('signatures are asked of git again: a stored walk cannot make a commit signed', async () => {
    const repo = repository();
    const forged: string[] = [];
    const facts = await readGitFacts(repo.dir, {
      history: true,
      logCache: {
        get: () => undefined,
        set: () => undefined,
      },
    });
    const stored = (facts.log ?? []).map((c) => ({ ...c, signature: 'G', signer: 'Mallory <m@example.com>' }));
    expect(stored.length).toBe(4);
    const again = await readGitFacts(repo.dir, {
      history: true,
      logCache: {
        get: (head) => (head === facts.revision?.commit ? stored : undefined),
        set: (head) => forged.push(head),
      },
    });
    expect(again.log?.map((c) => [c.signature, c.signer])).toEqual(facts.log?.map(() => ['N', '']));
    expect(again.history).toEqual(facts.history);
    expect(forged).toEqual([]);
  });
});
