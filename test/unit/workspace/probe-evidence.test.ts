import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PathKind } from '../../../src/model/snapshot.js';
import { MAX_DEPTH, MAX_LISTED_NAMES, probeEvidencePaths, signatureOf } from '../../../src/workspace/probe-evidence.js';

let root: string;
let outside: string;

function write(rel: string, content = 'x'): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

const probe = (rels: string[], limit = 1000): Record<string, PathKind | undefined> => Object.fromEntries(probeEvidencePaths(root, rels, limit).kinds);

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'aims-probe-'));
  outside = mkdtempSync(path.join(tmpdir(), 'aims-outside-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('probeEvidencePaths', () => {
  it('says what each cited path is: a file, a folder, a special file, or nothing', () => {
    write('evidence/policy.md');
    write('docs/deep/er/card.md');
    expect(spawnSync('mkfifo', [path.join(root, 'evidence/pipe')]).status).toBe(0);
    const found = probe(['evidence/policy.md', 'docs/deep/er/card.md', 'docs', 'evidence/pipe', 'evidence/policy.md/inner']);
    expect(found).toMatchObject({ 'evidence/policy.md': 'file', 'docs/deep/er/card.md': 'file', docs: 'dir', 'evidence/pipe': 'special' });
    expect(found['evidence/policy.md/inner']).toBeUndefined();
  });

  it('never finds git\'s own files, named or reached through a link inside the root, nor lists .git for "did you mean"', () => {
    write('.git/config', '[remote "origin"]\n\turl = https://token@example.com/r.git\n');
    write('.git/HEAD', 'ref: refs/heads/main\n');
    mkdirSync(path.join(root, 'evidence'));
    symlinkSync('../.git/config', path.join(root, 'evidence/config.md'));
    symlinkSync('../.git', path.join(root, 'evidence/git'));
    const found = probe(['.git/config', '.GIT/HEAD', 'evidence/config.md', 'evidence/git/HEAD', 'missing.md']);
    for (const rel of ['.git/config', '.GIT/HEAD', 'evidence/config.md', 'evidence/git/HEAD']) expect(found[rel], rel).toBeUndefined();
    expect(Object.keys(found).filter((rel) => rel.toLowerCase().includes('.git')).sort()).toEqual(['.GIT/HEAD', '.git/config']);
  });

  it('calls a file over the size limit unreadable, and one at the limit a file', () => {
    write('evidence/big.md', 'x'.repeat(11));
    write('evidence/edge.md', 'x'.repeat(10));
    expect(probe(['evidence/big.md', 'evidence/edge.md'], 10)).toMatchObject({ 'evidence/big.md': 'unreadable', 'evidence/edge.md': 'file' });
  });

  it('does not count a file reached through a link out of the root, at the end or on the way', () => {
    writeFileSync(path.join(outside, 'secret.md'), 'secret');
    mkdirSync(path.join(outside, 'sub'));
    writeFileSync(path.join(outside, 'sub/inner.md'), 'secret');
    write('evidence/keep.md');
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'evidence/leak.md'));
    symlinkSync(outside, path.join(root, 'shared'));
    symlinkSync(`../${path.relative(root, outside)}/sub`, path.join(root, 'evidence/relative'));
    const found = probe(['evidence/leak.md', 'shared/secret.md', 'shared/sub/inner.md', 'evidence/relative/inner.md', 'shared/nothing.md']);
    expect(found['evidence/leak.md']).toBe('link-outside');
    // A path through a link out is not there; the link is, as link-outside, so the evidence rule calls it outside.
    expect(found['shared']).toBe('link-outside');
    expect(found['evidence/relative']).toBe('link-outside');
    for (const rel of ['shared/secret.md', 'shared/sub/inner.md', 'evidence/relative/inner.md', 'shared/nothing.md']) expect(found[rel], rel).toBeUndefined();
    // Nothing of the outside folder was listed for suggestions.
    expect(Object.keys(found).filter((k) => k.startsWith('shared/') && found[k] !== undefined)).toEqual([]);
  });

  it('follows a link that stays inside the root', () => {
    write('evidence/real/policy-v2.md');
    symlinkSync('real/policy-v2.md', path.join(root, 'evidence/current.md'));
    symlinkSync('real', path.join(root, 'evidence/alias'));
    symlinkSync('nowhere.md', path.join(root, 'evidence/broken.md'));
    expect(probe(['evidence/current.md', 'evidence/alias/policy-v2.md', 'evidence/broken.md'])).toMatchObject({
      'evidence/current.md': 'file',
      'evidence/alias/policy-v2.md': 'file',
      'evidence/broken.md': 'link-broken',
    });
  });

  it('lists the folder of a missing file for suggestions, at most MAX_LISTED_NAMES names of it', () => {
    for (let i = 0; i < MAX_LISTED_NAMES + 500; i++) write(`evidence/f${i}.md`);
    write('other/elsewhere.md');
    const found = probe(['evidence/polcy.md']);
    expect(found['evidence/polcy.md']).toBeUndefined();
    const listed = Object.keys(found).filter((k) => k !== 'evidence/polcy.md');
    expect(listed.length).toBe(MAX_LISTED_NAMES);
    expect(listed.every((k) => k.startsWith('evidence/f') && found[k] === 'file')).toBe(true);
  });

  it(`takes a path deeper than ${MAX_DEPTH} names as missing without a look`, () => {
    const shallow = `${'d/'.repeat(MAX_DEPTH - 1)}policy.md`;
    const deep = `${'d/'.repeat(MAX_DEPTH)}policy.md`;
    write(shallow);
    write(deep);
    const found = probe([shallow, deep]);
    expect(found[shallow]).toBe('file');
    expect(deep in found && found[deep]).toBeUndefined();
  });

  it('takes a path through too many links (a link to . repeated) as missing', () => {
    write('evidence/policy.md');
    symlinkSync('.', path.join(root, 'evidence/again'));
    const looped = `evidence/${'again/'.repeat(50)}policy.md`;
    expect(probe([looped])[looped]).toBeUndefined();
    expect(probe([`evidence/${'again/'.repeat(5)}policy.md`])).toMatchObject({ [`evidence/${'again/'.repeat(5)}policy.md`]: 'file' });
  });

  it('calls a name too long for the file system missing, not unreadable', () => {
    write('evidence/policy.md');
    const long = `evidence/${'a'.repeat(100_000)}`;
    expect(probe([long])[long]).toBeUndefined();
  });

  it('lists the nearest existing folder, one level, when the folder of a missing file is missing too', () => {
    write('evidence/policy/2026.md');
    write('evidence/notes.md');
    expect(probe(['evidence/polcy/deeper/2026.md'])).toEqual({ 'evidence/polcy/deeper/2026.md': undefined, 'evidence/policy': 'dir', 'evidence/notes.md': 'file' });
  });

  it('lets what was probed win over a listed name', () => {
    write('evidence/a.md', 'x'.repeat(50));
    const found = probeEvidencePaths(root, ['evidence/missing.md', 'evidence/a.md'], 10);
    expect(found.kinds.get('evidence/a.md')).toBe('unreadable');
  });

  it('tells the blank files among those it opened', () => {
    write('evidence/empty.md', '');
    write('evidence/spaces.md', ' \n\t\n');
    write('evidence/full.md', '# Minutes\n');
    const found = probeEvidencePaths(root, ['evidence/empty.md', 'evidence/spaces.md', 'evidence/full.md', 'evidence/none.md'], 1000);
    expect([...found.blank].sort()).toEqual(['evidence/empty.md', 'evidence/spaces.md']);
  });

  it('reads a large file until something shows: megabytes of blanks are blank, a late word is not', () => {
    const blanks = ' \n'.repeat(1024 * 1024); // 2 MB, past any first look
    write('evidence/blank-big.md', blanks);
    write('evidence/late-word.md', `${blanks}signed\n`);
    write('evidence/nbsp.md', `${blanks}\u00a0\u3000\n`); // Unicode spaces show nothing either, split across reads or not
    const found = probeEvidencePaths(root, ['evidence/blank-big.md', 'evidence/late-word.md', 'evidence/nbsp.md'], 10 * 1024 * 1024);
    expect([...found.blank].sort()).toEqual(['evidence/blank-big.md', 'evidence/nbsp.md']);
  });
});

describe('probeEvidencePaths with what --cache remembers of each file', () => {
  const later = () => Date.now() + 60_000;
  const memo = (known: [string, [string, boolean]][] = [], now = later()) => ({ known: new Map(known), seen: new Map<string, [string, boolean]>(), now });
  const signature = (rel: string) => signatureOf(statSync(path.join(root, rel)));

  it('remembers each readable file by its signature, and tells it again from the signature alone (a lie there shows through)', () => {
    write('evidence/a.md', 'shows something');
    write('evidence/blank.md', '   \n');
    const first = memo();
    expect([...probeEvidencePaths(root, ['evidence/a.md', 'evidence/blank.md'], 1000, first).blank]).toEqual(['evidence/blank.md']);
    expect(first.seen).toEqual(new Map([['evidence/a.md', [signature('evidence/a.md'), false]], ['evidence/blank.md', [signature('evidence/blank.md'), true]]]));
    // The memo is believed while the file is as it was: this is what it saves, and why it is signed with the cache.
    const lie = memo([['evidence/a.md', [signature('evidence/a.md'), true]]]);
    expect(probeEvidencePaths(root, ['evidence/a.md'], 1000, lie).blank.has('evidence/a.md')).toBe(true);
  });

  it('reads a file again once it was written or its permissions changed', () => {
    write('evidence/a.md', '    ');
    const before = signature('evidence/a.md');
    const known: [string, [string, boolean]][] = [['evidence/a.md', [before, true]]];
    writeFileSync(path.join(root, 'evidence/a.md'), 'text');
    expect(signature('evidence/a.md')).not.toBe(before);
    expect(probeEvidencePaths(root, ['evidence/a.md'], 1000, memo(known)).blank.has('evidence/a.md')).toBe(false);
    write('evidence/b.md', '    ');
    const b = signature('evidence/b.md');
    chmodSync(path.join(root, 'evidence/b.md'), 0o600);
    expect(signature('evidence/b.md')).not.toBe(b);
    writeFileSync(path.join(root, 'evidence/b.md'), 'text!');
    chmodSync(path.join(root, 'evidence/b.md'), 0o644);
    expect(probeEvidencePaths(root, ['evidence/b.md'], 1000, memo([['evidence/b.md', [b, true]]])).blank.has('evidence/b.md')).toBe(false);
  });

  it('does not remember a file changed a moment ago (its times may not move on its next change), nor one it could not read', () => {
    write('evidence/fresh.md', 'x');
    write('evidence/large.md', 'x'.repeat(2000));
    const now = memo([], Date.now());
    probeEvidencePaths(root, ['evidence/fresh.md'], 1000, now);
    expect(now.seen.size).toBe(0);
    const settled = memo();
    expect(probeEvidencePaths(root, ['evidence/large.md'], 1000, settled).kinds.get('evidence/large.md')).toBe('unreadable');
    expect(settled.seen.has('evidence/large.md')).toBe(false);
  });
});
