import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PathKind } from '../../../src/model/snapshot.js';
import { indexFiles, pathKind } from '../../../src/workspace/file-index.js';
import { isInside } from '../../../src/model/inside.js';

// Every folder the index opens is recorded, to prove which ones it never opens.
const opened = vi.hoisted(() => [] as string[]);
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return { ...actual, readdir: (dir: string, options: { withFileTypes: true }) => (opened.push(dir), actual.readdir(dir, options)) };
});

let root: string;
let outside: string;

function write(rel: string, content = 'x'): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'aims-index-'));
  opened.length = 0;
  outside = mkdtempSync(path.join(tmpdir(), 'aims-outside-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('indexFiles', () => {
  it('lists files and folders with repository-relative, forward-slash paths', async () => {
    write('aims/risks/r1.yaml');
    write('evidence/policy.md');
    write('README.md');
    const index = await indexFiles(root);
    expect(Object.fromEntries([...index].sort())).toEqual({
      'README.md': 'file',
      aims: 'dir',
      'aims/risks': 'dir',
      'aims/risks/r1.yaml': 'file',
      evidence: 'dir',
      'evidence/policy.md': 'file',
    });
  });

  it('skips .git and node_modules at any depth', async () => {
    write('.git/config');
    write('node_modules/pkg/index.js');
    write('sub/.git/HEAD');
    write('sub/node_modules/x.yaml');
    write('sub/kept.md');
    write('.github/workflows/ci.yaml');
    const index = await indexFiles(root);
    expect([...index.keys()].sort()).toEqual(['.github', '.github/workflows', '.github/workflows/ci.yaml', 'sub', 'sub/kept.md']);
  });

  it('classifies a link to a file or folder inside the root as what it points to, and walks a linked folder', async () => {
    write('evidence/policy.md');
    symlinkSync(path.join(root, 'evidence/policy.md'), path.join(root, 'current-policy.md'));
    symlinkSync('evidence', path.join(root, 'docs'));
    const index = await indexFiles(root);
    expect(index.get('current-policy.md')).toBe<PathKind>('file');
    expect(index.get('docs')).toBe<PathKind>('dir');
    expect(index.get('docs/policy.md')).toBe<PathKind>('file');
  });

  it('ends on a link loop inside the root', async () => {
    write('a/b/file.md');
    symlinkSync('..', path.join(root, 'a/b/up'));
    symlinkSync('.', path.join(root, 'self'));
    const index = await indexFiles(root);
    expect(index.get('a/b/file.md')).toBe<PathKind>('file');
    expect(index.get('self')).toBe<PathKind>('dir');
    expect([...index.keys()].length).toBeLessThan(20);
  });

  it('marks a link to a file outside the root as link-outside', async () => {
    writeFileSync(path.join(outside, 'secret.md'), 'secret');
    symlinkSync(path.join(outside, 'secret.md'), path.join(root, 'secret.md'));
    symlinkSync(outside, path.join(root, 'shared'));
    symlinkSync('../' + path.basename(outside) + '/secret.md', path.join(root, 'relative.md'));
    const index = await indexFiles(root);
    expect(index.get('secret.md')).toBe<PathKind>('link-outside');
    expect(index.get('shared')).toBe<PathKind>('link-outside');
    expect(index.get('relative.md')).toBe<PathKind>('link-outside');
    expect(index.has('shared/secret.md')).toBe(false);
  });

  it('marks a broken link, and a link loop, as link-broken', async () => {
    symlinkSync(path.join(root, 'nowhere.md'), path.join(root, 'broken.md'));
    symlinkSync('loop-b', path.join(root, 'loop-a'));
    symlinkSync('loop-a', path.join(root, 'loop-b'));
    const index = await indexFiles(root);
    expect(index.get('broken.md')).toBe<PathKind>('link-broken');
    expect(index.get('loop-a')).toBe<PathKind>('link-broken');
  });

  it('classifies links correctly when the root itself is reached through a link', async () => {
    write('evidence/a.md');
    symlinkSync(path.join(root, 'evidence/a.md'), path.join(root, 'a-link.md'));
    const alias = path.join(outside, 'root-alias');
    symlinkSync(root, alias);
    const index = await indexFiles(alias);
    expect(index.get('a-link.md')).toBe<PathKind>('file');
    expect(index.get('evidence/a.md')).toBe<PathKind>('file');
  });

  it('treats a link to a file whose name starts with ".." as inside', async () => {
    write('..notes.md');
    symlinkSync(path.join(root, '..notes.md'), path.join(root, 'notes-link.md'));
    const index = await indexFiles(root);
    expect(index.get('notes-link.md')).toBe<PathKind>('file');
  });
});

describe('indexFiles with base folders', () => {
  it('lists only the base folders, and never opens a folder outside them however large', async () => {
    write('aims/risks/r1.yaml');
    write('aims/scope.yaml');
    write('governance/policy.yaml');
    for (let i = 0; i < 2000; i++) write(`huge/f${i}.md`);
    write('huge/deeper/x.yaml');
    const index = await indexFiles(root, { bases: ['aims', 'governance/policy.yaml'] });
    expect(Object.fromEntries([...index].sort())).toEqual({
      aims: 'dir',
      'aims/risks': 'dir',
      'aims/risks/r1.yaml': 'file',
      'aims/scope.yaml': 'file',
      'governance/policy.yaml': 'file',
    });
    expect(opened.map((dir) => path.relative(root, dir)).sort()).toEqual(['aims', 'aims/risks']);
  });

  it('lists a base once when another base holds it, and walks the root for a glob with no fixed folder', async () => {
    write('aims/risks/r1.yaml');
    write('other/x.md');
    const nested = await indexFiles(root, { bases: ['aims/risks', 'aims', 'aims/'] });
    expect(opened.map((dir) => path.relative(root, dir)).sort()).toEqual(['aims', 'aims/risks']);
    expect(nested.has('other/x.md')).toBe(false);
    const whole = await indexFiles(root, { bases: ['aims', ''] });
    expect(whole.get('other/x.md')).toBe<PathKind>('file');
  });

  it('does not list a base that is missing or that climbs out of the root', async () => {
    writeFileSync(path.join(outside, 'secret.yaml'), 'kind: risk\n');
    const relative = path.relative(root, outside);
    const index = await indexFiles(root, { bases: ['missing', relative, `aims/../${relative}`] });
    expect(index.size).toBe(0);
    expect(opened).toEqual([]);
  });

  it('refuses a base folder that is a link out of the root, and does not list it', async () => {
    writeFileSync(path.join(outside, 'secret.yaml'), 'kind: risk\n');
    mkdirSync(path.join(outside, 'sub'));
    symlinkSync(outside, path.join(root, 'aims'));
    mkdirSync(path.join(root, 'gov'));
    symlinkSync(outside, path.join(root, 'gov/linked'));
    const index = await indexFiles(root, { bases: ['aims', 'gov/linked/sub'] });
    expect(index.get('aims')).toBe<PathKind>('link-outside');
    expect(index.get('gov/linked/sub')).toBe<PathKind>('link-outside');
    expect(index.has('aims/secret.yaml')).toBe(false);
    expect(opened).toEqual([]);
  });

  it('never opens a folder that a negated glob excludes whole, nor a base inside it', async () => {
    write('aims/r.yaml');
    write('aims/drafts/d.yaml');
    write('aims/drafts/deep/e.yaml');
    const index = await indexFiles(root, { bases: ['aims', 'aims/drafts/deep'], excluded: ['aims/drafts'] });
    expect([...index.keys()].sort()).toEqual(['aims', 'aims/r.yaml']);
    expect(opened.map((dir) => path.relative(root, dir))).toEqual(['aims']);
  });

  it('walks a base folder that is a link inside the root', async () => {
    write('real/r.yaml');
    symlinkSync('real', path.join(root, 'aims'));
    const index = await indexFiles(root, { bases: ['aims'] });
    expect(index.get('aims')).toBe<PathKind>('dir');
    expect(index.get('aims/r.yaml')).toBe<PathKind>('file');
    expect(index.has('real/r.yaml')).toBe(false);
  });
});

describe('isInside', () => {
  it('accepts the root and paths below it, and rejects paths beside or above it', () => {
    expect(isInside('/repo', '/repo')).toBe(true);
    expect(isInside('/repo', '/repo/a/b.md')).toBe(true);
    expect(isInside('/repo', '/repo/..notes.md')).toBe(true);
    expect(isInside('/repo', '/repository/x')).toBe(false);
    expect(isInside('/repo', '/x')).toBe(false);
    expect(isInside('/repo/a', '/repo')).toBe(false);
  });
});

describe('pathKind', () => {
  it('tells a folder, a file and a missing path apart', async () => {
    write('f.txt');
    expect(await pathKind(root)).toBe('dir');
    expect(await pathKind(path.join(root, 'f.txt'))).toBe('file');
    expect(await pathKind(path.join(root, 'missing'))).toBe('missing');
  });
});
