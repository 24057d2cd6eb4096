import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseLog, readHistoryWalk, walkRanges, type WalkSplit } from '../../src/workspace/git.js';
import type { LogCommit } from '../../src/model/snapshot.js';
import { git, makeGitRepo, tempDir, writeFiles } from '../helpers/git-repo.js';

/**
 * The walk of history is read faster than one plain `git log -- .` (in ranges by several git
 * processes at once, and at the root of the repository without the pathspec `.`), yet it must
 * say exactly what that one walk says: the same commits, in the same order, with the same
 * changes. Each repository here has what could tell them apart: empty commits, renames,
 * deletions, a commit dated before its parent, a subfolder root, merges, a shallow clone.
 */

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

const FORMAT = '--format=%H%x00%cI%x00%aI%x00%G?%x00%GS%x00%an';

/** The walk as it always was: one `git log` with the pathspec `.`. */
function plainWalk(dir: string, commit = 'HEAD', paths: string[] = ['.']): LogCommit[] {
  return parseLog(git(dir, ['log', '-z', '--raw', '--no-abbrev', '--no-ext-diff', '--no-textconv', '--no-color', '--root', '-M', '--relative', FORMAT, commit, '--', ...paths]));
}

function head(dir: string): string {
  return git(dir, ['rev-parse', 'HEAD']).trim();
}

/** Splits from none to more parts than there are commits. */
const SPLITS: WalkSplit[] = [
  { parts: 1, minCommits: 1 },
  { parts: 2, minCommits: 1 },
  { parts: 3, minCommits: 1 },
  { parts: 4, minCommits: 2 },
  { parts: 50, minCommits: 1 },
];

/** A line of commits with everything a walk must keep apart. */
function linearRepo(): string {
  const repo = makeGitRepo({
    commits: [
      { files: {}, message: 'empty root', date: '2025-01-01T09:00:00Z' },
      { files: { 'aims.yaml': 'risk:\n  acceptance: 6\n', 'aims/risks/a.yaml': 'kind: risk\nid: RISK-1\n' }, date: '2025-01-02T09:00:00Z' },
      { files: { 'aims/risks/b.yaml': 'kind: risk\nid: RISK-2\n', 'evidence/log.md': 'a log\n' }, date: '2025-01-03T09:00:00Z' },
      { files: {}, message: 'empty', date: '2025-01-04T09:00:00Z' },
      { files: { 'aims/risks/a.yaml': 'kind: risk\nid: RISK-1\ntitle: edited\n' }, date: '2025-01-05T09:00:00Z' },
      { files: { 'aims/risks/b.yaml': null, 'aims/risks/moved/b.yaml': 'kind: risk\nid: RISK-2\n' }, message: 'pure rename', date: '2025-01-06T09:00:00Z' },
      // Dated before its parent: a walk in date order would put it elsewhere.
      { files: { 'evidence/log.md': 'a longer log\n' }, date: '2024-06-01T09:00:00Z' },
      { files: {}, message: 'empty again', date: '2025-01-08T09:00:00Z' },
      { files: { 'aims/risks/a.yaml': null }, message: 'delete', date: '2025-01-09T09:00:00Z' },
      { files: { 'aims/risks/a.yaml': 'kind: risk\nid: RISK-1\ntitle: back\n' }, message: 're-add', date: '2025-01-10T09:00:00Z' },
      { files: { 'aims/risks/moved/b.yaml': null, 'aims/risks/c.yaml': 'kind: risk\nid: RISK-2\ntitle: renamed and edited, with enough text to stay similar\n' }, date: '2025-01-11T09:00:00Z' },
      { files: {}, message: 'empty head', date: '2025-01-12T09:00:00Z' },
    ],
  });
  cleanups.push(repo.cleanup);
  return repo.dir;
}

describe('the walk of history, read in parts', () => {
  it('at the root of a repository without merges: the same commits, order and changes as `git log -- .`, however it is split', async () => {
    const dir = linearRepo();
    const plain = plainWalk(dir);
    // What could differ is there: commits that change nothing (which the walk without `.` leaves out itself), a rename.
    expect(Number(git(dir, ['rev-list', '--count', 'HEAD']).trim())).toBeGreaterThan(plain.length);
    expect(plain.some((c) => c.changes.some((x) => x.status.startsWith('R')))).toBe(true);
    for (const split of SPLITS) expect(await readHistoryWalk(dir, head(dir), split), JSON.stringify(split)).toEqual(plain);
    expect(await readHistoryWalk(dir, head(dir))).toEqual(plain);
  });

  it('from an older commit, the walk starts there', async () => {
    const dir = linearRepo();
    const older = git(dir, ['rev-parse', 'HEAD~4']).trim();
    for (const split of SPLITS) expect(await readHistoryWalk(dir, older, split)).toEqual(plainWalk(dir, older));
  });

  it('an AIMS in a subfolder of the repository: only its files, paths relative to it, as `git log -- .` there', async () => {
    const dir = linearRepo();
    const root = path.join(dir, 'aims');
    const plain = plainWalk(root);
    expect(plain.length).toBeGreaterThan(0);
    expect(plain.flatMap((c) => c.changes.map((x) => x.path))).not.toContain('evidence/log.md');
    for (const split of SPLITS) expect(await readHistoryWalk(root, head(dir), split)).toEqual(plain);
  });

  it('with a merge, the walk is git’s simplified one: a side branch that a merge discarded is not walked', async () => {
    const dir = linearRepo();
    git(dir, ['checkout', '-q', '-b', 'side', 'HEAD~3']);
    writeFiles(dir, { 'aims/risks/side.yaml': 'kind: risk\nid: RISK-9\n' });
    git(dir, ['add', '-A'], '2025-02-01T09:00:00Z');
    git(dir, ['commit', '-q', '-m', 'side'], '2025-02-01T09:00:00Z');
    git(dir, ['checkout', '-q', 'main']);
    git(dir, ['merge', '-q', '-s', 'ours', '-m', 'discard side', 'side'], '2025-02-02T09:00:00Z');
    const plain = plainWalk(dir);
    // Without `.`, git would walk the side branch too: this history is one where leaving it out would change the answer.
    expect(plainWalk(dir, 'HEAD', []).length).toBeGreaterThan(plain.length);
    expect(plain.flatMap((c) => c.changes.map((x) => x.path))).not.toContain('aims/risks/side.yaml');
    for (const split of SPLITS) expect(await readHistoryWalk(dir, head(dir), split)).toEqual(plain);
  });

  it('a shallow clone: walked as `git log -- .` walks it, down to its graft', async () => {
    const dir = linearRepo();
    const clone = tempDir('aims-shallow-');
    cleanups.push(clone.cleanup);
    git(clone.dir, ['clone', '-q', '--depth', '4', `file://${dir}`, 'c']);
    const root = path.join(clone.dir, 'c');
    const plain = plainWalk(root);
    expect(plain.length).toBeLessThan(plainWalk(dir).length);
    for (const split of SPLITS) expect(await readHistoryWalk(root, head(root), split)).toEqual(plain);
  });
});

describe('walkRanges', () => {
  const C = 'c'.repeat(40);

  it('cuts a line of commits into ranges, newest first, each ending where the next begins', () => {
    expect(walkRanges(C, 10, { parts: 3, minCommits: 1 })).toEqual([[`${C}~4..${C}`], [`${C}~8..${C}~4`], [`${C}~8`]]);
    expect(walkRanges(C, 5000, { parts: 2, minCommits: 1000 })).toEqual([[`${C}~2500..${C}`], [`${C}~2500`]]);
  });

  it('does not cut a short line, nor into more parts than it has commits or than minCommits allows', () => {
    expect(walkRanges(C, 999, { parts: 2, minCommits: 1000 })).toEqual([[C]]);
    expect(walkRanges(C, 1, { parts: 4, minCommits: 1 })).toEqual([[C]]);
    expect(walkRanges(C, 2, { parts: 4, minCommits: 1 })).toEqual([[`${C}~1..${C}`], [`${C}~1`]]);
    expect(walkRanges(C, 3000, { parts: 4, minCommits: 1000 })).toHaveLength(3);
  });
});
