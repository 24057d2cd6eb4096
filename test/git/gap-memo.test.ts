import { createHmac } from 'node:crypto';
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as Assets from '../../src/assets.js';
import { git, makeGitRepo, tempDir } from '../helpers/git-repo.js';
import { type EnvOverrides, PROJECT_ROOT, runMain } from '../helpers/run.js';
import { AS_OF } from './helpers.js';

/**
 * `aims gap --cache` keeps the output of its last run (`<cache>.gap`) and prints it again when
 * every input is as it was. A hit must print the bytes a run without the cache prints; any
 * change of an input must be seen. To tell a hit from a miss that happens to print the same,
 * the stored output is replaced by a forgery signed with the user's secret: a run that prints
 * the forgery used the memo.
 */

// Another aims version or other schemas, switched on by the tests below (the engine itself stays as built).
const assets = vi.hoisted(() => ({ version: '', schema: '' }));
vi.mock('../../src/assets.js', async (importOriginal) => {
  const actual = await importOriginal<typeof Assets>();
  return {
    ...actual,
    packageVersion: () => `${actual.packageVersion()}${assets.version}`,
    readSchemaTexts: () => new Map([...actual.readSchemaTexts()].map(([name, text], i) => [name, i === 0 ? `${text}${assets.schema}` : text])),
  };
});

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

const ACME = path.join(PROJECT_ROOT, 'examples/acme');
const EVIDENCE = 'evidence/policy/ai-policy-signed.md';
const FORGED = 'FORGED REPORT\n';

interface Repo {
  dir: string;
  cache: string;
  home: string;
}

/** examples/acme as a git repository (or a plain folder), with a cache and a user cache folder outside it. */
function acme(options: { git: boolean } = { git: true }): Repo {
  const home = tempDir('aims-gap-memo-home-');
  const scratch = tempDir('aims-gap-memo-');
  cleanups.push(home.cleanup, scratch.cleanup);
  let dir: string;
  if (options.git) {
    const r = makeGitRepo({ copyFrom: ACME });
    cleanups.push(r.cleanup);
    dir = r.dir;
  } else {
    const plain = tempDir('aims-gap-memo-plain-');
    cleanups.push(plain.cleanup);
    cpSync(ACME, plain.dir, { recursive: true });
    dir = plain.dir;
  }
  return { dir, cache: path.join(scratch.dir, 'checks.json'), home: home.dir };
}

interface RunOptions {
  cached?: boolean;
  /** The clock (ISO date-time). */
  now?: string;
  env?: EnvOverrides;
  tty?: boolean;
}

function runner(repo: Repo) {
  return (args: string[] = [], options: RunOptions = {}) =>
    runMain(['gap', repo.dir, '--as-of', AS_OF, ...args, ...(options.cached === false ? [] : ['--cache', '--cache-location', repo.cache])], repo.dir, { XDG_CACHE_HOME: repo.home, ...options.env }, {
      ...(options.now !== undefined ? { now: new Date(options.now) } : {}),
      ...(options.tty !== undefined ? { tty: options.tty } : {}),
    });
}

/** Rewrites a file of the repository. */
function edit(repo: Repo, rel: string, change: (text: string) => string): void {
  const file = path.join(repo.dir, rel);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

/** Replaces the stored output with FORGED, signed as aims would sign it (under `key`, default the key it has). */
function forge(repo: Repo, key?: (stored: string) => string): void {
  const file = `${repo.cache}.gap`;
  const text = readFileSync(file, 'utf8');
  const newline = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, newline)) as { format: string; key: string; mac: string };
  const body = JSON.parse(text.slice(newline + 1)) as { output: { stdout: string } };
  body.output.stdout = FORGED;
  const forged = JSON.stringify(body);
  const headerKey = key ? key(header.key) : header.key;
  const secret = Buffer.from(readFileSync(path.join(repo.home, 'aims/cache-secret'), 'utf8'), 'hex');
  const mac = createHmac('sha256', secret).update(headerKey).update('\n').update(forged).digest('hex');
  writeFileSync(file, `${JSON.stringify({ ...header, key: headerKey, mac, index: Buffer.byteLength(forged) })}\n${forged}`);
}

/** After a cached run: forge the memo, and check that the same run now prints the forgery (the memo is used when nothing changed). */
async function forgeAndConfirm(repo: Repo, args: string[] = []): Promise<void> {
  const gap = runner(repo);
  forge(repo);
  expect((await gap(args)).stdout).toBe(FORGED);
}

/** A cached run after a change: not the forgery, and what a run without the cache says. */
async function expectFresh(repo: Repo, args: string[] = [], options: RunOptions = {}): Promise<string> {
  const gap = runner(repo);
  const cached = await gap(args, options);
  expect(cached.stdout).not.toBe(FORGED);
  expect(cached).toEqual(await gap(args, { ...options, cached: false }));
  return cached.stdout;
}

describe('aims gap --cache: the last output kept', () => {
  it('a hit prints the bytes of a run without the cache and exits the same, in every format, with and without -v', async () => {
    const repo = acme();
    const gap = runner(repo);
    const memo = `${repo.cache}.gap`;
    for (const args of [[], ['-v'], ['--format', 'json'], ['--format', 'json', '-v'], ['--format', 'markdown'], ['--format', 'markdown', '-v'], ['--fail-under', '99'], ['--color']]) {
      const plain = await gap(args, { cached: false });
      expect(await gap(args)).toEqual(plain);
      // A hit writes nothing: the memo file is the one the run before wrote.
      const written = statSync(memo).ino;
      expect(await gap(args)).toEqual(plain);
      expect(statSync(memo).ino).toBe(written);
    }
    expect((await gap(['--fail-under', '99'])).code).toBe(1);
  });

  it('outside git: is not used after a record or aims.yaml is edited', async () => {
    const repo = acme({ git: false });
    const gap = runner(repo);
    await gap();
    await forgeAndConfirm(repo);
    edit(repo, 'aims/policies/ai-policy.yaml', (text) => text.replace('title:', 'title: Revised'));
    await expectFresh(repo);
    await forgeAndConfirm(repo);
    // A comment only: the same records, but aims.yaml's text is part of the key.
    edit(repo, 'aims.yaml', (text) => `${text}# reviewed\n`);
    await expectFresh(repo);
    await forgeAndConfirm(repo);
    edit(repo, 'aims.yaml', (text) => text.replace('acceptance: 6', 'acceptance: 8'));
    await expectFresh(repo);
  });

  it('is used when nothing changed, and is not used after a new commit or an uncommitted change', async () => {
    const repo = acme();
    const gap = runner(repo);
    await gap();
    await forgeAndConfirm(repo);

    edit(repo, 'aims/policies/ai-policy.yaml', (text) => text.replace('title:', 'title: Revised'));
    await expectFresh(repo);
    git(repo.dir, ['commit', '-qam', 'revise the policy'], '2026-02-01T10:00:00Z');
    await expectFresh(repo);
    await forgeAndConfirm(repo);

    // A commit that changes no file still moves HEAD.
    git(repo.dir, ['commit', '-q', '--allow-empty', '-m', 'nothing'], '2026-03-01T10:00:00Z');
    await expectFresh(repo);
    await forgeAndConfirm(repo);

    // A file no record reads, left uncommitted.
    writeFileSync(path.join(repo.dir, 'notes.txt'), 'draft\n');
    await expectFresh(repo);
  });

  it('is not used for another --as-of date, another today, another format, or colour turned on by the terminal', async () => {
    const repo = acme();
    const gap = runner(repo);
    await gap();
    await forgeAndConfirm(repo);
    await expectFresh(repo, ['--as-of', '2026-11-20']);
    await gap();
    await forgeAndConfirm(repo);
    await expectFresh(repo, [], { now: '2026-11-27T12:00:00Z' });
    await gap();
    await forgeAndConfirm(repo);
    await expectFresh(repo, ['--format', 'json']);
    await forgeAndConfirm(repo, ['--format', 'json']);
    await expectFresh(repo, ['--format', 'json', '-v']);
    await gap();
    await forgeAndConfirm(repo);
    // No --color: a terminal without NO_COLOR turns it on.
    expect(await expectFresh(repo, [], { tty: true, env: { NO_COLOR: undefined } })).toContain('\u001b[');
  });

  it('outside git: is not used after cited evidence is emptied, deleted or created', async () => {
    const repo = acme({ git: false });
    const gap = runner(repo);
    const evidence = path.join(repo.dir, EVIDENCE);
    const text = readFileSync(evidence, 'utf8');
    const original = (await gap(['-v'])).stdout;
    await forgeAndConfirm(repo, ['-v']);
    // Blank evidence shows nothing: the answer changes.
    writeFileSync(evidence, '  \n');
    expect(await expectFresh(repo, ['-v'])).not.toBe(original);
    await forgeAndConfirm(repo, ['-v']);
    writeFileSync(evidence, '');
    // Emptied again (blank before and after): the same answer, so the memo may stand.
    await forgeAndConfirm(repo, ['-v']);
    cpSync(path.join(ACME, EVIDENCE), evidence);
    await expectFresh(repo, ['-v']);
    await forgeAndConfirm(repo, ['-v']);
    writeFileSync(evidence, text.replace(/./, 'X'));
    // Still a file, still not blank: gap reads nothing else of evidence (the pack, which hashes it, keeps no memo).
    await forgeAndConfirm(repo, ['-v']);
    rmSync(evidence);
    expect(await expectFresh(repo, ['-v'])).not.toBe(original);
    await forgeAndConfirm(repo, ['-v']);
    writeFileSync(evidence, text);
    await expectFresh(repo, ['-v']);
  });

  it('at a past commit (--as-of before the last commit, or --ref): the same bytes and note; another commit is not the stored one; the working tree does not count', async () => {
    const repo = acme();
    edit(repo, 'aims/policies/ai-policy.yaml', (text) => text.replace('title:', 'title: Revised'));
    git(repo.dir, ['commit', '-qam', 'revise the policy'], '2026-06-01T10:00:00Z');
    const gap = runner(repo);
    const memo = `${repo.cache}.gap`;
    const past = ['--as-of', '2026-03-01'];
    const plain = await gap(past, { cached: false });
    expect(plain.stderr).toMatch(/^aims: judged commit [0-9a-f]{7} \(committed 2026-01-15\)/);
    expect(await gap(past)).toEqual(plain);
    const written = statSync(memo).ino;
    expect(await gap(past)).toEqual(plain);
    expect(statSync(memo).ino).toBe(written);
    await forgeAndConfirm(repo, past);
    // Judged as committed then: a change in the working tree now is not part of it.
    writeFileSync(path.join(repo.dir, 'notes.txt'), 'draft\n');
    expect((await gap(past)).stdout).toBe(FORGED);
    await expectFresh(repo, ['--as-of', '2026-02-01']);

    const ref = ['--ref', 'HEAD', '--format', 'json'];
    await gap(ref);
    await forgeAndConfirm(repo, ref);
    // HEAD names another commit once one more is made, even one with the same files.
    git(repo.dir, ['commit', '-q', '--allow-empty', '-m', 'nothing'], '2026-07-01T10:00:00Z');
    await expectFresh(repo, ref);
  });

  it('is not used by another aims version or with other schemas', async () => {
    const repo = acme();
    const gap = runner(repo);
    await gap();
    await forgeAndConfirm(repo);
    assets.version = '-next';
    try {
      await expectFresh(repo);
    } finally {
      assets.version = '';
    }
    await gap();
    await forgeAndConfirm(repo);
    assets.schema = ' ';
    try {
      await expectFresh(repo);
    } finally {
      assets.schema = '';
    }
  });

  it('a damaged, changed or foreign memo is ignored with a one-line warning, and written again', async () => {
    const repo = acme();
    const gap = runner(repo);
    const memo = `${repo.cache}.gap`;
    const plain = await gap([], { cached: false });
    await gap();
    writeFileSync(memo, readFileSync(memo, 'utf8').replace('"code":0', '"code":1'));
    const changed = await gap();
    expect(changed.stdout).toBe(plain.stdout);
    expect(changed.code).toBe(plain.code);
    expect(changed.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^aims: warning: the cache .*\.gap was not written by aims for this user, or was changed since; ignoring it$/)]);
    expect(await gap()).toEqual(plain);
    writeFileSync(memo, 'not a cache\n');
    const damaged = await gap();
    expect(damaged.stdout).toBe(plain.stdout);
    expect(damaged.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^aims: warning: the cache .*\.gap is not an aims cache or is damaged; ignoring it$/)]);
    expect(await gap()).toEqual(plain);
    // Written by someone else: the same body under another user's secret.
    forge(repo);
    writeFileSync(path.join(repo.home, 'aims/cache-secret'), 'f'.repeat(64));
    const foreign = await gap();
    expect(foreign.stdout).toBe(plain.stdout);
    // Every cache file fails its check now; the first says so, on one line.
    expect(foreign.stderr.trim().split('\n')).toEqual([expect.stringMatching(/was not written by aims for this user/)]);
  });

  it('is kept beside the cache asked for, never in the repository; by default in the git-ignored cache folder', async () => {
    const repo = acme();
    const gap = runner(repo);
    await gap();
    expect(existsSync(`${repo.cache}.gap`)).toBe(true);
    expect(git(repo.dir, ['status', '--porcelain'])).toBe('');
    await runMain(['gap', repo.dir, '--as-of', AS_OF, '--cache'], repo.dir, { XDG_CACHE_HOME: repo.home });
    expect(existsSync(path.join(repo.dir, '.aims/cache/checks.json.gap'))).toBe(true);
    expect(git(repo.dir, ['status', '--porcelain'])).toBe('');
  });
});
