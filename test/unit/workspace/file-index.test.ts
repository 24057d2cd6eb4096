import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PathKind } from '../../../src/model/snapshot.js';
import { indexFiles, pathKind } from '../../../src/workspace/file-index.js';
import { isInside } from '../../../src/model/inside.js';

let root: string;
let outside: string;

function write(rel: string, content = 'x'): void {
  const file = path.join(root, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'aims-index-'));
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
