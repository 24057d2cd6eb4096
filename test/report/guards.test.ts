/**
 * The pack's integrity and safety guards, each checked by something independent of aims, so
 * that deleting or weakening the guard fails a test: `unzip -t` re-computes every CRC-32 and
 * size of the archive, `sha256sum` re-computes every checksum that the manifest and the
 * evidence page print, and a spreadsheet's formula prefixes are looked for in soa.csv.
 * unzip and sha256sum are Debian tools that .ci/run installs; without them these tests fail.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo.js';
import { runBin } from '../helpers/run.js';
import { AS_OF, decodeEntities, makeSmallRepo, parseCsv } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function scratch(): string {
  const t = tempDir('aims-guards-');
  cleanups.push(t.cleanup);
  return t.dir;
}

/** SHA-256 of a file as coreutils' sha256sum computes it. */
function sha256sum(file: string): string {
  const result = spawnSync('sha256sum', ['--', file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`sha256sum failed: ${result.error?.message ?? result.stderr}`);
  return result.stdout.split(' ')[0] ?? '';
}

const FORMULAS = ['=HYPERLINK("https://attacker.test","x")', '+1+cmd', '-2+3', '@SUM(A1:A9)'];

describe('soa.csv neutralises spreadsheet formulas', () => {
  let rows: string[][] = [];
  beforeAll(() => {
    // Each formula lands in a different column: justification, implementation, owner.
    const controls = FORMULAS.map((formula, i) =>
      [
        'kind: control',
        `id: A.${['3.3', '4.2', '6.1.2', '8.2'][i] ?? ''}`,
        `title: Control ${i}`,
        `owner: '${formula.replace(/'/g, "''")}'`,
        'applicable: true',
        `justification: '${formula.replace(/'/g, "''")}'`,
        'status: partial',
        `implementation: '${formula.replace(/'/g, "''")}'`,
      ].join('\n'),
    ).join('\n---\n');
    const repo = makeSmallRepo({ 'aims/formulas.yaml': controls + '\n' });
    cleanups.push(repo.cleanup);
    const out = path.join(scratch(), 'soa.csv');
    const result = runBin(['report', 'soa', '--format', 'csv', '--out', out, '--as-of', AS_OF], repo.dir);
    expect(result.code, result.stderr).not.toBe(2);
    rows = parseCsv(readFileSync(out, 'utf8').replace(/^\uFEFF/, ''));
  });

  it('prefixes every field that would start a formula with an apostrophe', () => {
    const cells = rows.flat();
    for (const formula of FORMULAS) {
      expect(cells.filter((c) => c === `'${formula}`).length, formula).toBeGreaterThanOrEqual(2);
      expect(cells, formula).not.toContain(formula);
    }
  });

  it('leaves no field starting with = + - or @', () => {
    expect(rows.flat().filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });
});

describe('the pack and its archive, checked by independent tools', () => {
  let pack = '';
  let zip = '';
  let repo = '';
  beforeAll(() => {
    const r = makeSmallRepo();
    cleanups.push(r.cleanup);
    repo = r.dir;
    const parent = scratch();
    pack = path.join(parent, 'pack');
    const result = runBin(['report', 'pack', '--out', pack, '--zip', '--as-of', AS_OF], repo);
    expect(result.code, result.stderr).not.toBe(2);
    zip = `${pack}.zip`;
  });

  it('unzip -t finds every CRC-32 and size right', () => {
    const result = spawnSync('unzip', ['-t', zip], { encoding: 'utf8' });
    expect(result.error, 'unzip is needed (Debian package unzip; .ci/run installs it)').toBeUndefined();
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/No errors detected/);
  });

  it('unzip -t notices a corrupted entry (so the check above can fail)', () => {
    const bytes = readFileSync(zip);
    // Flip one byte of the first entry's data, just past its local header and name.
    const nameLength = bytes.readUInt16LE(26);
    const extraLength = bytes.readUInt16LE(28);
    const at = 30 + nameLength + extraLength;
    bytes[at] = (bytes[at] ?? 0) ^ 0xff;
    const broken = path.join(scratch(), 'broken.zip');
    writeFileSync(broken, bytes);
    const result = spawnSync('unzip', ['-t', broken], { encoding: 'utf8' });
    expect(result.status).not.toBe(0);
  });

  it('every manifest checksum and size is what sha256sum and the file system say', () => {
    const manifest = JSON.parse(readFileSync(path.join(pack, 'manifest.json'), 'utf8')) as { files: { path: string; bytes: number; sha256: string }[] };
    expect(manifest.files.length).toBeGreaterThan(5);
    for (const f of manifest.files) {
      expect(f.path, f.path).not.toMatch(/^\/|(^|\/)\.\.(\/|$)/);
      const file = path.join(pack, f.path);
      expect(sha256sum(file), f.path).toBe(f.sha256);
      expect(readFileSync(file).length, f.path).toBe(f.bytes);
    }
  });

  it('the evidence page prints each file\'s sha256sum, equal to the original in the repository', () => {
    const page = decodeEntities(readFileSync(path.join(pack, 'evidence.html'), 'utf8'));
    const manifest = JSON.parse(readFileSync(path.join(pack, 'manifest.json'), 'utf8')) as { evidence: { path: string; source: string }[] };
    expect(manifest.evidence.length).toBeGreaterThan(0);
    for (const e of manifest.evidence) {
      const sum = sha256sum(path.join(repo, e.source));
      expect(sha256sum(path.join(pack, e.path)), e.path).toBe(sum);
      const row = page.split('<tr>').find((r) => r.includes(`>${e.source}<`));
      expect(row, e.source).toBeDefined();
      expect(row, e.source).toContain(sum);
    }
  });
});
