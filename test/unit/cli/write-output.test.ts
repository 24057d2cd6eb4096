/**
 * cli/write-output.ts is the only code that writes files. Each guard here has a test that
 * fails when the guard is removed: nothing lands outside the output folder, a half-written
 * pack never appears, a folder or archive aims did not make is never replaced, and
 * generated files never overwrite existing ones.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { insideOutput, writeFileOutput, writeNewFiles } from '../../../src/cli/write-output.js';
import { checkArchiveOutput, writePack } from '../../../src/cli/write-pack.js';
import { ZIP_COMMENT } from '../../../src/api/report.js';
import { tempDir } from '../../helpers/git-repo.js';

let cleanups: (() => void)[] = [];
afterEach(() => {
  cleanups.forEach((c) => c());
  cleanups = [];
});

function scratch(): string {
  const t = tempDir('aims-write-');
  cleanups.push(t.cleanup);
  return t.dir;
}

const bytes = (s: string): Uint8Array => Buffer.from(s, 'utf8');
/** The repository a pack is made from: elsewhere, so that no refusal here is about it. */
const REPO = '/nonexistent-aims-repository';

describe('insideOutput', () => {
  it('joins a relative path below the folder', () => {
    const dir = scratch();
    expect(insideOutput(dir, 'evidence/policy/a.pdf')).toBe(path.join(dir, 'evidence', 'policy', 'a.pdf'));
  });

  for (const hostile of ['../escape.txt', 'a/../../escape.txt', '/etc/passwd', '', 'a//b', 'a/./../../b', '..']) {
    it(`refuses ${JSON.stringify(hostile)}`, () => {
      expect(() => insideOutput(scratch(), hostile)).toThrow(/outside the output folder/);
    });
  }
});

describe('writePack', () => {
  it('writes every file and leaves no temporary sibling', async () => {
    const parent = scratch();
    const out = path.join(parent, 'pack');
    await writePack(out, new Map([['index.html', bytes('<p>')], ['evidence/a/b.txt', bytes('b')]]), { force: false, repo: REPO });
    expect(readFileSync(path.join(out, 'evidence/a/b.txt'), 'utf8')).toBe('b');
    expect(readdirSync(parent)).toEqual(['pack']);
  });

  it('writes nothing at all when one path would leave the folder', async () => {
    const parent = scratch();
    const out = path.join(parent, 'pack');
    const files = new Map([['a.txt', bytes('a')], ['../escaped.txt', bytes('x')]]);
    await expect(writePack(out, files, { force: false, repo: REPO })).rejects.toThrow(/outside the output folder/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('refuses a non-empty folder without --force, and keeps it as it was', async () => {
    const out = scratch();
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    await expect(writePack(out, new Map([['index.html', bytes('<p>')]]), { force: false, repo: REPO })).rejects.toThrow(/not empty/);
    expect(readdirSync(out)).toEqual(['notes.txt']);
  });

  it('refuses, even with --force, a folder that is not an aims pack', async () => {
    const out = scratch();
    writeFileSync(path.join(out, 'notes.txt'), 'mine');
    await expect(writePack(out, new Map([['index.html', bytes('<p>')]]), { force: true, repo: REPO })).rejects.toThrow();
    expect(readFileSync(path.join(out, 'notes.txt'), 'utf8')).toBe('mine');
  });
});

describe('writeFileOutput', () => {
  it('writes a new file, creating its folder', async () => {
    const file = path.join(scratch(), 'sub', 'soa.md');
    await writeFileOutput(file, '# SoA\n', { force: false });
    expect(readFileSync(file, 'utf8')).toBe('# SoA\n');
  });

  it('refuses a folder as the target', async () => {
    const dir = scratch();
    mkdirSync(path.join(dir, 'soa.md'));
    await expect(writeFileOutput(path.join(dir, 'soa.md'), 'x', { force: true })).rejects.toThrow(/is a folder/);
  });

  it('never replaces an archive that aims did not make, even with --force', async () => {
    const file = path.join(scratch(), 'pack.zip');
    writeFileSync(file, 'someone else\'s zip');
    await expect(checkArchiveOutput(file, { force: true })).rejects.toThrow(/not an archive made by aims/);
    expect(readFileSync(file, 'utf8')).toBe('someone else\'s zip');
  });

  it('lets --force replace an archive that aims made, and nothing without --force', async () => {
    const file = path.join(scratch(), 'pack.zip');
    writeFileSync(file, `zip bytes${ZIP_COMMENT}`);
    await expect(checkArchiveOutput(file, { force: true })).resolves.toBeUndefined();
    await expect(checkArchiveOutput(file, { force: false })).rejects.toThrow(/already exists/);
  });
});

describe('writeNewFiles', () => {
  it('lists existing files and writes nothing without --force', async () => {
    const root = scratch();
    writeFileSync(path.join(root, 'aims.yaml'), 'mine\n');
    const result = await writeNewFiles(root, new Map([['aims.yaml', 'theirs\n'], ['aims/scope.yaml', 'new\n']]), { force: false });
    expect(result).toEqual({ written: [], existing: ['aims.yaml'] });
    expect(existsSync(path.join(root, 'aims/scope.yaml'))).toBe(false);
  });

  it('with --force writes only the missing files and never replaces one', async () => {
    const root = scratch();
    writeFileSync(path.join(root, 'aims.yaml'), 'mine\n');
    const result = await writeNewFiles(root, new Map([['aims.yaml', 'theirs\n'], ['aims/scope.yaml', 'new\n']]), { force: true });
    expect(result.written).toEqual(['aims/scope.yaml']);
    expect(readFileSync(path.join(root, 'aims.yaml'), 'utf8')).toBe('mine\n');
  });

  it('refuses a path outside the root', async () => {
    await expect(writeNewFiles(scratch(), new Map([['../x.yaml', 'x']]), { force: false })).rejects.toThrow(/outside the output folder/);
  });
});
