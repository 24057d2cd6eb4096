/**
 * `--cache`, warm: an unchanged file's outcome (its diagnostics after the cross-record rules
 * and suppressions) is reused only while the world it was judged in is the same. Each case
 * changes something outside file A (another record file, an evidence file, the date) that
 * changes what is true of A: the warm run must say what a run without the cache says, and that
 * must differ from what was true before (so the case shows something).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { aRecord, stream } from '../helpers/engine.js';
import { type FileTree, tempDir, writeFiles } from '../helpers/git-repo.js';
import { runMain } from '../helpers/run.js';

let dirs: { cleanup: () => void }[] = [];
afterEach(() => {
  for (const d of dirs) d.cleanup();
  dirs = [];
});

const ROLE = aRecord('role', 'ROLE-DPO', 'title: Data Protection Officer\nholder: Ada Lovelace');
const SYSTEM = aRecord('system', 'SYS-1');

interface Case {
  name: string;
  files: FileTree;
  /** The change, made outside aims/a.yaml. */
  change: (dir: string) => void;
  /** The day of the second run (default: the first run's). */
  later?: Date;
}

const edit = (rel: string, from: RegExp | string, to: string) => (dir: string) => {
  const file = path.join(dir, rel);
  writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
};

const CASES: Case[] = [
  {
    name: 'a missing system is added in another file',
    files: { 'aims/a.yaml': aRecord('risk', 'R-1', 'systems: [SYS-2]'), 'aims/b.yaml': SYSTEM },
    change: edit('aims/b.yaml', 'id: SYS-1', 'id: SYS-2'),
  },
  {
    name: 'another file takes the same id',
    files: { 'aims/a.yaml': aRecord('risk', 'R-1'), 'aims/b.yaml': aRecord('risk', 'R-2') },
    change: edit('aims/b.yaml', 'id: R-2', 'id: R-1'),
  },
  {
    name: 'the record a reference names changes kind',
    files: { 'aims/a.yaml': aRecord('risk', 'R-1', 'systems: [SYS-1]'), 'aims/b.yaml': SYSTEM },
    change: (dir) => writeFileSync(path.join(dir, 'aims/b.yaml'), aRecord('role', 'SYS-1')),
  },
  {
    name: 'the other copy of a duplicate id moves down its file (the message names its line)',
    files: { 'aims/a.yaml': aRecord('risk', 'R-1'), 'aims/b.yaml': aRecord('risk', 'R-1') },
    change: edit('aims/b.yaml', /^/, '# a comment\n# and another\n'),
  },
  {
    name: "a role's title changes in another file (an owner written as the title)",
    files: { 'aims/a.yaml': aRecord('risk', 'R-1', 'owner: Data Protection Officer'), 'aims/b.yaml': ROLE },
    change: edit('aims/b.yaml', 'title: Data Protection Officer', 'title: Privacy Lead'),
  },
  {
    name: "a role's holder changes in another file (an owner written as the person)",
    files: { 'aims/a.yaml': aRecord('risk', 'R-1', 'owner: Head of Data'), 'aims/b.yaml': ROLE },
    change: edit('aims/b.yaml', 'holder: Ada Lovelace', 'holder: Head of Data'),
  },
  {
    name: 'an SoA entry waits commented out in another file',
    files: { 'aims/a.yaml': aRecord('risk', 'R-1', 'treatment:\n  option: mitigate\n  controls: [A.6.2.4]'), 'aims/b.yaml': SYSTEM },
    change: edit('aims/b.yaml', /$/, '\n# id: A.6.2.4\n'),
  },
  {
    name: 'an id of a kind appears elsewhere, so a soft reference now looks like one',
    files: { 'aims/a.yaml': aRecord('risk', 'R-1', 'owner: TEAM-OPS'), 'aims/b.yaml': SYSTEM },
    change: (dir) => writeFileSync(path.join(dir, 'aims/b.yaml'), stream(SYSTEM, aRecord('role', 'TEAM-DATA'))),
  },
  {
    name: 'cited evidence is deleted',
    files: { 'aims/a.yaml': aRecord('policy', 'POL-1', 'evidence: [evidence/policy.md]'), 'evidence/policy.md': '# Policy\nApproved.\n' },
    change: (dir) => rmSync(path.join(dir, 'evidence/policy.md')),
  },
  {
    name: 'cited evidence is emptied',
    files: { 'aims/a.yaml': aRecord('policy', 'POL-1', 'evidence: [evidence/policy.md]'), 'evidence/policy.md': '# Policy\nApproved.\n' },
    change: (dir) => writeFileSync(path.join(dir, 'evidence/policy.md'), '  \n'),
  },
  {
    name: 'missing evidence appears',
    files: { 'aims/a.yaml': aRecord('policy', 'POL-1', 'evidence: [evidence/policy.md]'), 'evidence/other.md': 'x\n' },
    change: (dir) => writeFileSync(path.join(dir, 'evidence/policy.md'), '# Policy\n'),
  },
  {
    name: 'a file near a missing path appears (did you mean)',
    files: { 'aims/a.yaml': aRecord('policy', 'POL-1', 'evidence: [evidence/polcy.md]'), 'evidence/other.md': 'x\n' },
    change: (dir) => writeFileSync(path.join(dir, 'evidence/policy.md'), '# Policy\n'),
  },
  {
    name: 'a suppression expires with the date',
    files: { 'aims/a.yaml': aRecord('risk', 'R-1', 'systems: [SYS-9]\nx-aims-ignore:\n  - rule: ref/unknown-id\n    reason: the system is being registered\n    until: 2026-12-31'), 'aims/b.yaml': SYSTEM },
    change: () => undefined,
    later: new Date('2027-01-02T12:00:00Z'),
  },
  {
    name: 'a date stops being in the future',
    files: { 'aims/a.yaml': aRecord('risk', 'R-1', 'updated: 2026-12-20'), 'aims/b.yaml': SYSTEM },
    change: () => undefined,
    later: new Date('2026-12-21T12:00:00Z'),
  },
];

describe('aims validate --cache reuses an unchanged file only in the same world', () => {
  it.each(CASES)('$name', async ({ files, change, later }) => {
    const repo = tempDir('aims-cache-world-');
    const home = tempDir('aims-cache-world-home-');
    dirs.push(repo, home);
    writeFiles(repo.dir, files);
    const run = (cache: boolean, now?: Date) =>
      runMain(['validate', repo.dir, '--format', 'json', ...(cache ? ['--cache'] : [])], repo.dir, { XDG_CACHE_HOME: home.dir }, now ? { now } : {});
    const before = await run(true);
    change(repo.dir);
    const warm = await run(true, later);
    const fresh = await run(false, later);
    expect(warm.stderr).toBe('');
    expect(warm.stdout).toBe(fresh.stdout);
    expect(fresh.stdout, 'the change makes a difference').not.toBe(before.stdout);
  });
});
