/**
 * `aims verify DIR` through the built binary: exit 0 only for an intact pack; every missing,
 * altered and unlisted file reported in its own category (text and JSON); exit 2 for a folder
 * that is not a pack.
 */
import { appendFileSync, cpSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo.js';
import { type RunResult, runBin } from '../helpers/run.js';
import { AS_OF, makeSmallRepo, STACK_FRAME } from './helpers.js';

interface Verification {
  checked: number;
  missing: string[];
  altered: string[];
  unlisted: string[];
  commit: string | null;
  asOf: string;
  intact: boolean;
}

const cleanups: (() => void)[] = [];
afterAll(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

let original = '';
let commit = '';

beforeAll(() => {
  const repo = makeSmallRepo();
  cleanups.push(repo.cleanup);
  const scratch = tempDir('aims-verify-');
  cleanups.push(scratch.cleanup);
  original = path.join(scratch.dir, 'pack');
  const result = runBin(['report', 'pack', repo.dir, '--out', original, '--as-of', AS_OF], repo.dir);
  if (result.code !== 0) throw new Error(result.stderr);
  commit = (JSON.parse(readFileSync(path.join(original, 'manifest.json'), 'utf8')) as { commit: string }).commit;
});

/** A fresh copy of the pack to tamper with. */
function copy(): string {
  const t = tempDir('aims-verify-copy-');
  cleanups.push(t.cleanup);
  const dir = path.join(t.dir, 'pack');
  cpSync(original, dir, { recursive: true });
  return dir;
}

function verify(dir: string, format: 'text' | 'json' = 'text'): RunResult {
  const result = runBin(['verify', dir, ...(format === 'json' ? ['--format', 'json'] : [])], path.dirname(dir));
  expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
  return result;
}

function verifyJson(dir: string): { code: number; report: Verification } {
  const result = verify(dir, 'json');
  return { code: result.code, report: JSON.parse(result.stdout) as Verification };
}

/** Changes one byte of a file, keeping its size. */
function flipByte(file: string, at = 100): void {
  const bytes = readFileSync(file);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  writeFileSync(file, bytes);
}

describe('aims verify', () => {
  it('an intact pack: exit 0', () => {
    const dir = copy();
    const text = verify(dir);
    expect(text.code, text.stdout + text.stderr).toBe(0);
    expect(text.stdout).toMatch(/intact/);
    expect(text.stdout).not.toMatch(/missing|altered|unlisted/);
    const { code, report } = verifyJson(dir);
    expect(code).toBe(0);
    expect(report).toMatchObject({ intact: true, missing: [], altered: [], unlisted: [], commit, asOf: AS_OF });
    expect(report.checked).toBeGreaterThan(10);
  });

  it('a changed byte, a deleted file and an added file: exit 1, each in its category', () => {
    const dir = copy();
    flipByte(path.join(dir, 'soa.html'));
    rmSync(path.join(dir, 'risks.html'));
    writeFileSync(path.join(dir, 'extra.txt'), 'added after the pack was made\n');

    const text = verify(dir);
    expect(text.code).toBe(1);
    const lines = text.stdout.split('\n');
    expect(lines).toContain('altered   soa.html');
    expect(lines).toContain('missing   risks.html');
    expect(lines).toContain('unlisted  extra.txt');
    expect(text.stdout).toMatch(/NOT intact/);

    const { code, report } = verifyJson(dir);
    expect(code).toBe(1);
    expect(report).toMatchObject({ intact: false, altered: ['soa.html'], missing: ['risks.html'], unlisted: ['extra.txt'] });
  });

  const TAMPER: [string, (dir: string) => void, Partial<Verification>][] = [
    ['one byte of soa.html changed (same size)', (d) => flipByte(path.join(d, 'soa.html')), { altered: ['soa.html'], missing: [], unlisted: [] }],
    ['a line appended to soa.csv', (d) => appendFileSync(path.join(d, 'soa.csv'), '"x"\r\n'), { altered: ['soa.csv'], missing: [], unlisted: [] }],
    ['an evidence copy changed', (d) => flipByte(path.join(d, 'evidence/evidence/policy.md'), 2), { altered: ['evidence/evidence/policy.md'] }],
    ['risks.html deleted', (d) => rmSync(path.join(d, 'risks.html')), { missing: ['risks.html'], altered: [], unlisted: [] }],
    ['the evidence folder deleted', (d) => rmSync(path.join(d, 'evidence'), { recursive: true }), { missing: ['evidence/evidence/policy.md'] }],
    ['extra.txt added', (d) => writeFileSync(path.join(d, 'extra.txt'), 'x'), { unlisted: ['extra.txt'], missing: [], altered: [] }],
    ['a file added in a new folder', (d) => (mkdirSync(path.join(d, 'sub/dir'), { recursive: true }), writeFileSync(path.join(d, 'sub/dir/x.html'), 'x')), { unlisted: ['sub/dir/x.html'] }],
    ['a hidden file added', (d) => writeFileSync(path.join(d, '.hidden'), 'x'), { unlisted: ['.hidden'] }],
    ['a symbolic link added', (d) => symlinkSync('/etc/hostname', path.join(d, 'link.txt')), { unlisted: ['link.txt'] }],
    ['a symbolic link to a folder of the pack added', (d) => symlinkSync('evidence', path.join(d, 'alias')), { unlisted: ['alias'] }],
    ['a file added under node_modules/', (d) => (mkdirSync(path.join(d, 'node_modules')), writeFileSync(path.join(d, 'node_modules/x.js'), 'x')), { unlisted: ['node_modules/x.js'] }],
    ['a file added under .git/', (d) => (mkdirSync(path.join(d, '.git')), writeFileSync(path.join(d, '.git/config'), 'x')), { unlisted: ['.git/config'] }],
  ];

  it.each(TAMPER)('%s: exit 1 and reported', (_what, tamper, expected) => {
    const dir = copy();
    tamper(dir);
    const { code, report } = verifyJson(dir);
    expect(report).toMatchObject({ intact: false, ...expected });
    expect(code).toBe(1);
    const text = verify(dir);
    expect(text.code).toBe(1);
    for (const p of expected.altered ?? []) expect(text.stdout).toContain(`altered   ${p}`);
    for (const p of expected.missing ?? []) expect(text.stdout).toContain(`missing   ${p}`);
    for (const p of expected.unlisted ?? []) expect(text.stdout).toContain(`unlisted  ${p}`);
  });

  it('a folder without manifest.json: exit 2, no stack trace', () => {
    const dir = copy();
    rmSync(path.join(dir, 'manifest.json'));
    const result = verify(dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/manifest\.json/);
    expect(verify(dir, 'json').code).toBe(2);
  });

  it('an empty folder: exit 2', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    expect(verify(t.dir).code).toBe(2);
  });

  it('a manifest.json that is not JSON, or has no files list: exit 2', () => {
    const dir = copy();
    writeFileSync(path.join(dir, 'manifest.json'), '{ not json');
    expect(verify(dir).code).toBe(2);
    writeFileSync(path.join(dir, 'manifest.json'), '{"generator": "aims"}\n');
    expect(verify(dir).code).toBe(2);
  });

  it('a folder that does not exist: exit 2', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    expect(verify(path.join(t.dir, 'nope')).code).toBe(2);
  });
});
