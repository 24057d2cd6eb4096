/**
 * `aims verify PACK` through the built binary: exit 0 only for an intact pack; every missing,
 * altered and unlisted file reported in its own category (text and JSON); "not a valid pack"
 * (exit 1, with the reason) for anything that is not a manifest aims wrote; the manifest's
 * checksum (--expect-sha256), SSH signatures (--allowed-signers, with throwaway keys), and
 * archives verified without unpacking.
 */
import { appendFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo.js';
import { type RunResult, runBin } from '../helpers/run.js';
import { spawnSync } from 'node:child_process';
import { AS_OF, makeSmallRepo, sha256, sshKey, STACK_FRAME, storeZip, unzip } from './helpers.js';

interface Verification {
  valid: boolean;
  problem?: string;
  manifestSha256: string | null;
  signature: { status: string; signer?: string };
  expectedSha256?: { expected: string; matches: boolean };
  ok: boolean;
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
  // Exit 1 only says the small repository has a validation error; the pack is written.
  if (result.code !== 0 && result.code !== 1) throw new Error(result.stderr);
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

function verify(dir: string, format: 'text' | 'json' = 'text', extra: string[] = []): RunResult {
  const result = runBin(['verify', dir, ...(format === 'json' ? ['--format', 'json'] : []), ...extra], path.dirname(dir));
  expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
  return result;
}

function verifyJson(dir: string, extra: string[] = []): { code: number; report: Verification } {
  const result = verify(dir, 'json', extra);
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
    ['an evidence copy changed', (d) => flipByte(path.join(d, 'evidence/policy.md'), 2), { altered: ['evidence/policy.md'] }],
    ['risks.html deleted', (d) => rmSync(path.join(d, 'risks.html')), { missing: ['risks.html'], altered: [], unlisted: [] }],
    ['the evidence folder deleted', (d) => rmSync(path.join(d, 'evidence'), { recursive: true }), { missing: ['evidence/policy.md'] }],
    ['extra.txt added', (d) => writeFileSync(path.join(d, 'extra.txt'), 'x'), { unlisted: ['extra.txt'], missing: [], altered: [] }],
    ['a file added in a new folder', (d) => {
      mkdirSync(path.join(d, 'sub/dir'), { recursive: true });
      writeFileSync(path.join(d, 'sub/dir/x.html'), 'x');
    }, { unlisted: ['sub/dir/x.html'] }],
    ['a hidden file added', (d) => writeFileSync(path.join(d, '.hidden'), 'x'), { unlisted: ['.hidden'] }],
    ['a symbolic link added', (d) => symlinkSync('/etc/hostname', path.join(d, 'link.txt')), { unlisted: ['link.txt'] }],
    ['a symbolic link to a folder of the pack added', (d) => symlinkSync('evidence', path.join(d, 'alias')), { unlisted: ['alias'] }],
    ['a file added under node_modules/', (d) => {
      mkdirSync(path.join(d, 'node_modules'));
      writeFileSync(path.join(d, 'node_modules/x.js'), 'x');
    }, { unlisted: ['node_modules/x.js'] }],
    ['a file added under .git/', (d) => {
      mkdirSync(path.join(d, '.git'));
      writeFileSync(path.join(d, '.git/config'), 'x');
    }, { unlisted: ['.git/config'] }],
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

  it('a folder without manifest.json: not a valid pack, exit 1, no stack trace', () => {
    const dir = copy();
    rmSync(path.join(dir, 'manifest.json'));
    const result = verify(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/not a valid pack: it has no manifest\.json/);
    expect(verifyJson(dir)).toMatchObject({ code: 1, report: { valid: false, intact: false, ok: false } });
  });

  it('an empty folder: not a valid pack, exit 1', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const result = verify(t.dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/not a valid pack/);
  });

  const INVALID: [string, (m: Record<string, unknown> & { files: { path: string }[] }) => unknown, RegExp][] = [
    ['an empty manifest {"files":[]}', () => ({ files: [] }), /does not match the pack manifest schema/],
    ['a manifest with no files list', (m) => ({ ...m, files: undefined }), /schema/],
    ['a manifest of another generator', (m) => ({ ...m, generator: 'other' }), /schema/],
    ['a manifest with an unknown field', (m) => ({ ...m, extra: true }), /schema/],
    ['a file entry with a malformed checksum', (m) => ({ ...m, files: m.files.map((f, i) => (i === 0 ? { ...f, sha256: 'abc' } : f)) }), /schema/],
    ['a manifest without index.html', (m) => ({ ...m, files: m.files.filter((f) => f.path !== 'index.html') }), /does not list index\.html/],
    ['a manifest listing a path out of the pack', (m) => ({ ...m, files: [...m.files, { path: '../x', bytes: 0, sha256: '0'.repeat(64) }] }), /not a plain path/],
    ['a manifest listing itself', (m) => ({ ...m, files: [...m.files, { path: 'manifest.json', bytes: 0, sha256: '0'.repeat(64) }] }), /cannot checksum/],
    ['a manifest listing a file twice', (m) => ({ ...m, files: [...m.files, m.files[0]] }), /twice/],
    ['a manifest listing a .git folder', (m) => ({ ...m, files: [...m.files, { path: '.git/config', bytes: 0, sha256: '0'.repeat(64) }] }), /\.git/],
  ];

  it.each(INVALID)('%s: not a valid pack, exit 1 with the reason', (_what, change, reason) => {
    const dir = copy();
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Record<string, unknown> & { files: { path: string }[] };
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(change(manifest)));
    const result = verify(dir);
    expect(result.code, result.stdout + result.stderr).toBe(1);
    expect(result.stdout).toMatch(/not a valid pack/);
    expect(result.stdout).toMatch(reason);
    expect(result.stderr).not.toMatch(/internal error/);
    const { report } = verifyJson(dir);
    expect(report).toMatchObject({ valid: false, ok: false });
  });

  it('a manifest.json that is not JSON: not a valid pack, exit 1', () => {
    const dir = copy();
    writeFileSync(path.join(dir, 'manifest.json'), '{ not json');
    const result = verify(dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/not a valid pack: manifest\.json is not valid JSON/);
  });

  it('a folder or file that does not exist: exit 2, "no such folder or file"', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const result = verify(path.join(t.dir, 'nope'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no such folder or file/);
  });
});

describe('aims verify: the manifest checksum sent separately', () => {
  it('always prints the SHA-256 of manifest.json', () => {
    const dir = copy();
    const text = verify(dir);
    expect(text.stdout).toContain(`manifest.json sha256 ${sha256(readFileSync(path.join(dir, 'manifest.json')))}`);
    expect(verifyJson(dir).report.manifestSha256).toBe(sha256(readFileSync(path.join(dir, 'manifest.json'))));
  });

  it('a re-hashed manifest passes the file checks, but --expect-sha256 with the checksum sent separately fails it', () => {
    const dir = copy();
    const sent = sha256(readFileSync(path.join(dir, 'manifest.json')));
    // The dishonest edit: change a page and update its manifest entry to match.
    const page = path.join(dir, 'index.html');
    writeFileSync(page, readFileSync(page, 'utf8').replace(/<\/h1>/, ' (edited)</h1>'));
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { files: { path: string; bytes: number; sha256: string }[] };
    const bytes = readFileSync(page);
    manifest.files = manifest.files.map((f) => (f.path === 'index.html' ? { ...f, bytes: bytes.length, sha256: sha256(bytes) } : f));
    writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');

    expect(verify(dir).code, 'the files match the new manifest').toBe(0);
    const checked = verify(dir, 'text', ['--expect-sha256', sent]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toMatch(/DIFFERENT from the one sent separately/);
    const { code, report } = verifyJson(dir, ['--expect-sha256', sent.toUpperCase()]);
    expect(code).toBe(1);
    expect(report).toMatchObject({ intact: true, ok: false, expectedSha256: { expected: sent, matches: false } });
  });

  it('the right checksum: exit 0, and says it matches', () => {
    const dir = copy();
    const result = verify(dir, 'text', ['--expect-sha256', sha256(readFileSync(path.join(dir, 'manifest.json')))]);
    expect(result.code, result.stdout).toBe(0);
    expect(result.stdout).toMatch(/checksum: matches/);
  });

  it('a malformed --expect-sha256: exit 2', () => {
    const result = verify(copy(), 'text', ['--expect-sha256', 'abc']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--expect-sha256/);
  });
});

describe('aims verify: archives, read without unpacking', () => {
  let built = '';
  beforeAll(() => {
    const t = tempDir('aims-verify-zip-');
    cleanups.push(t.cleanup);
    const repo = makeSmallRepo();
    cleanups.push(repo.cleanup);
    const result = runBin(['report', 'pack', repo.dir, '--out', path.join(t.dir, 'pack'), '--as-of', AS_OF, '--zip'], repo.dir);
    if (result.code !== 0 && result.code !== 1) throw new Error(result.stderr); // 1: the small repository has a validation error
    built = path.join(t.dir, 'pack.zip');
  });

  /** A fresh copy of the archive, alone in its folder, to tamper with. */
  function archive(): { zip: string; parent: string } {
    const t = tempDir('aims-verify-zip-');
    cleanups.push(t.cleanup);
    cpSync(built, path.join(t.dir, 'pack.zip'));
    return { zip: path.join(t.dir, 'pack.zip'), parent: t.dir };
  }

  it('an intact archive: exit 0, and nothing is unpacked', () => {
    const { zip, parent } = archive();
    const result = verify(zip);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/intact/);
    expect(result.stdout).toContain(`manifest.json sha256 ${sha256(unzip(readFileSync(zip)).get('pack/manifest.json') as Buffer)}`);
    expect(readdirSync(parent)).toEqual(['pack.zip']);
  });

  it('a byte changed inside a deflated entry: not a valid pack (the archive is damaged), exit 1', () => {
    const { zip } = archive();
    const bytes = readFileSync(zip);
    bytes[200] = (bytes[200] ?? 0) ^ 0xff;
    writeFileSync(zip, bytes);
    const result = verify(zip);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/not a valid pack: the archive is damaged/);
  });

  it('a truncated archive: not a valid pack, exit 1', () => {
    const { zip } = archive();
    writeFileSync(zip, readFileSync(zip).subarray(0, 1000));
    const result = verify(zip);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/not a valid pack/);
  });

  it('re-packed with a changed page (CRCs correct), an added file and a removed one: each reported, exit 1', () => {
    const { zip } = archive();
    const entries = unzip(readFileSync(zip));
    entries.set('pack/soa.html', Buffer.concat([entries.get('pack/soa.html') as Buffer, Buffer.from('<!-- edited -->')]));
    entries.set('pack/extra.txt', Buffer.from('added'));
    entries.delete('pack/risks.html');
    writeFileSync(zip, storeZip(entries));
    const { code, report } = verifyJson(zip);
    expect(code).toBe(1);
    expect(report).toMatchObject({ valid: true, intact: false, altered: ['soa.html'], unlisted: ['extra.txt'], missing: ['risks.html'] });
  });
});

describe('aims verify: SSH signatures', () => {
  let keys = '';
  let alice = { key: '', publicKey: '' };
  let mallory = { key: '', publicKey: '' };
  let repo = '';
  beforeAll(() => {
    const t = tempDir('aims-keys-');
    cleanups.push(t.cleanup);
    keys = t.dir;
    alice = sshKey(keys, 'alice');
    mallory = sshKey(keys, 'mallory');
    writeFileSync(path.join(keys, 'allowed_signers'), `alice@example.com ${alice.publicKey}\n`);
    writeFileSync(path.join(keys, 'mallory_only'), `mallory@example.com ${mallory.publicKey}\n`);
    const r = makeSmallRepo();
    cleanups.push(r.cleanup);
    repo = r.dir;
  });

  // Each signed pack is written once; every test gets its own copy to tamper with.
  const written = new Map<string, string>();
  function signedPack(key: string, extra: string[] = []): string {
    const id = JSON.stringify([key, extra]);
    let master = written.get(id);
    if (master === undefined) {
      const m = tempDir('aims-signed-');
      cleanups.push(m.cleanup);
      const result = runBin(['report', 'pack', repo, '--out', path.join(m.dir, 'pack'), '--as-of', AS_OF, '--sign', key, ...extra], repo);
      if (result.code !== 0 && result.code !== 1) throw new Error(result.stderr); // 1: the small repository has a validation error
      written.set(id, (master = m.dir));
    }
    const t = tempDir('aims-signed-');
    cleanups.push(t.cleanup);
    cpSync(master, t.dir, { recursive: true });
    return path.join(t.dir, 'pack');
  }

  it('report pack --sign writes manifest.json.sig, an SSH signature of manifest.json in the aims-pack namespace', () => {
    const out = signedPack(alice.key);
    const sig = readFileSync(path.join(out, 'manifest.json.sig'), 'utf8');
    expect(sig).toMatch(/^-----BEGIN SSH SIGNATURE-----/);
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).not.toContain('manifest.json.sig');
    // ssh-keygen itself accepts it, as an auditor without aims would check it.
    const check = spawnSync('ssh-keygen', ['-Y', 'verify', '-f', path.join(keys, 'allowed_signers'), '-I', 'alice@example.com', '-n', 'aims-pack', '-s', path.join(out, 'manifest.json.sig')], {
      input: readFileSync(path.join(out, 'manifest.json')),
    });
    expect(check.status, check.stderr.toString()).toBe(0);
  });

  it('a good signature by an allowed signer: exit 0, naming the signer', () => {
    const out = signedPack(alice.key);
    const result = verify(out, 'text', ['--allowed-signers', path.join(keys, 'allowed_signers')]);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/signature: good, signed by alice@example\.com/);
    expect(verifyJson(out, ['--allowed-signers', path.join(keys, 'allowed_signers')]).report.signature).toMatchObject({ status: 'good', signer: 'alice@example.com' });
  });

  it('a signed pack checked without --allowed-signers: intact, and says the signature was not checked', () => {
    const out = signedPack(alice.key);
    const result = verify(out);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/signature: present .* not checked/);
  });

  it('a tampered (re-hashed) manifest under a good signature: BAD signature, exit 1', () => {
    const out = signedPack(alice.key);
    const file = path.join(out, 'manifest.json');
    writeFileSync(file, readFileSync(file, 'utf8').replace(`"asOf": "${AS_OF}"`, '"asOf": "2026-01-01"'));
    const result = verify(out, 'text', ['--allowed-signers', path.join(keys, 'allowed_signers')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/signature: BAD/);
  });

  it('signed by a key that is not allowed: exit 1, not by an allowed signer', () => {
    const out = signedPack(mallory.key);
    const result = verify(out, 'text', ['--allowed-signers', path.join(keys, 'allowed_signers')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/signature: NOT by an allowed signer/);
    expect(result.stdout).not.toMatch(/alice/);
  });

  it('a signature copied from another pack: BAD, exit 1', () => {
    const out = signedPack(alice.key);
    const other = signedPack(alice.key, ['--as-of', '2026-06-01']);
    cpSync(path.join(other, 'manifest.json.sig'), path.join(out, 'manifest.json.sig'));
    expect(verify(out, 'text', ['--allowed-signers', path.join(keys, 'allowed_signers')]).code).toBe(1);
  });

  it('an unsigned pack with --allowed-signers: UNSIGNED, exit 1', () => {
    const out = signedPack(alice.key);
    rmSync(path.join(out, 'manifest.json.sig'));
    const result = verify(out, 'text', ['--allowed-signers', path.join(keys, 'allowed_signers')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/UNSIGNED/);
  });

  it('a signed archive is checked inside the archive', () => {
    const out = signedPack(alice.key, ['--zip']);
    rmSync(out, { recursive: true });
    const good = verify(`${out}.zip`, 'text', ['--allowed-signers', path.join(keys, 'allowed_signers')]);
    expect(good.code, good.stdout).toBe(0);
    expect(good.stdout).toMatch(/signed by alice@example\.com/);
    expect(verify(`${out}.zip`, 'text', ['--allowed-signers', path.join(keys, 'mallory_only')]).code).toBe(1);
  });

  it('--allowed-signers naming no file: exit 2', () => {
    const out = signedPack(alice.key);
    const result = verify(out, 'text', ['--allowed-signers', path.join(keys, 'nope')]);
    expect(result.code).toBe(2);
  });

  it('--sign with a key that does not exist: exit 2, no pack written', () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const result = runBin(['report', 'pack', repo, '--out', path.join(t.dir, 'pack'), '--sign', path.join(keys, 'nope')], repo);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/could not sign/);
    expect(existsSync(path.join(t.dir, 'pack'))).toBe(false);
    expect(readdirSync(t.dir)).toEqual([]);
  });
});
