/**
 * Writing packs safely: --force replaces only a folder that is exactly an earlier pack, never the
 * repository or a folder holding it; temporary folders go away when aims is interrupted, and
 * those of a killed run are removed by the next; under --ref, evidence links are read through
 * to their file inside the commit's tree, and links out of it are not followed.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, watch, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { treeSnapshot } from '../e2e/assert-case.js';
import { git, makeGitRepo, tempDir } from '../helpers/git-repo.js';
import { BIN, type RunResult, runBin } from '../helpers/run.js';
import { AS_OF, expectReportExit, makeSmallRepo, readTree, sha256, STACK_FRAME } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function scratch(): string {
  const t = tempDir('aims-safety-');
  cleanups.push(t.cleanup);
  return t.dir;
}

function smallRepo(): string {
  const repo = makeSmallRepo();
  cleanups.push(repo.cleanup);
  return repo.dir;
}

function pack(root: string, out: string, extra: string[] = []): RunResult {
  const result = runBin(['report', 'pack', root, '--out', out, '--as-of', AS_OF, ...extra], root);
  expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
  return result;
}

describe('--force', () => {
  it('on the repository root with a manifest.json saying "generator": "aims": refused, the repository untouched', () => {
    const root = smallRepo();
    writeFileSync(path.join(root, 'manifest.json'), '{"generator": "aims", "files": []}\n');
    const before = treeSnapshot(root);
    const result = pack(root, root, ['--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/is the repository itself; refusing/);
    expect(treeSnapshot(root)).toEqual(before);
    expect(existsSync(path.join(root, '.git', 'HEAD'))).toBe(true);
    expect(git(root, ['log', '--oneline'])).toMatch(/records/);
  });

  it('on a folder holding the repository: refused, nothing changed', () => {
    const parent = scratch();
    const root = path.join(parent, 'repo');
    mkdirSync(root);
    const seed = smallRepo();
    git(parent, ['clone', '-q', seed, root]);
    // Make the parent look like an earlier pack, manifest and all.
    const earlier = path.join(scratch(), 'pack');
    expectReportExit(pack(root, earlier));
    for (const [p, bytes] of readTree(earlier)) {
      mkdirSync(path.dirname(path.join(parent, p)), { recursive: true });
      writeFileSync(path.join(parent, p), bytes);
    }
    const before = treeSnapshot(parent);
    const result = pack(root, parent, ['--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/holds the repository/);
    expect(treeSnapshot(parent)).toEqual(before);
  });

  it('on a folder whose crafted manifest lists every file, .git included: refused', () => {
    const root = smallRepo();
    const target = makeGitRepo({ commits: [{ files: { 'notes.txt': 'precious\n' } }] });
    cleanups.push(target.cleanup);
    const earlier = path.join(scratch(), 'pack');
    expectReportExit(pack(root, earlier));
    const manifest = JSON.parse(readFileSync(path.join(earlier, 'manifest.json'), 'utf8')) as { files: { path: string; bytes: number; sha256: string }[] };
    for (const [p, bytes] of readTree(earlier)) if (p !== 'manifest.json') writeFileSync(path.join(target.dir, p.replace(/\//g, '_')), bytes);
    manifest.files = [...readTree(target.dir)].map(([p, bytes]) => ({ path: p, bytes: bytes.length, sha256: sha256(bytes) }));
    manifest.files.push({ path: 'index.html', bytes: 0, sha256: sha256(Buffer.alloc(0)) });
    writeFileSync(path.join(target.dir, 'index.html'), '');
    writeFileSync(path.join(target.dir, 'manifest.json'), JSON.stringify(manifest));
    const before = treeSnapshot(target.dir);
    const result = pack(root, target.dir, ['--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/refusing to replace it/);
    expect(treeSnapshot(target.dir)).toEqual(before);
    expect(readFileSync(path.join(target.dir, 'notes.txt'), 'utf8')).toBe('precious\n');
  });

  it('on an earlier pack with a file its manifest does not list: refused, nothing changed', () => {
    const root = smallRepo();
    const parent = scratch();
    const out = path.join(parent, 'pack');
    expectReportExit(pack(root, out));
    writeFileSync(path.join(out, 'my-notes.txt'), 'not part of the pack\n');
    const before = treeSnapshot(parent);
    const result = pack(root, out, ['--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/does not list \(my-notes\.txt\)/);
    expect(treeSnapshot(parent)).toEqual(before);
  });
});

describe('temporary folders', () => {
  it('those of a killed run (recognisably named, their process gone) are removed by the next run; a live run\'s are kept', () => {
    const root = smallRepo();
    const parent = scratch();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    const stale = `.pack.aims-tmp-${dead}-0123abcd`;
    const staleZip = `.pack.zip.aims-tmp-${dead}-0123abcd`;
    const live = `.other.aims-tmp-${process.pid}-89abcdef`;
    const unrelated = '.pack.aims-tmp-notes';
    for (const name of [stale, live, unrelated]) {
      mkdirSync(path.join(parent, name));
      writeFileSync(path.join(parent, name, 'big.bin'), Buffer.alloc(1024));
    }
    writeFileSync(path.join(parent, staleZip), 'partial archive');
    expectReportExit(pack(root, path.join(parent, 'pack')));
    expect(readdirSync(parent).sort()).toEqual([live, unrelated, 'pack'].sort());
  });

  it.each(['SIGTERM', 'SIGINT'] as const)('%s while the pack is being written (with --zip): exit 2 with one line, no temporary folder, and neither the pack nor the archive', async (signal) => {
    // Enough evidence files that writing them takes a while.
    const files: Record<string, string> = {};
    const cited: string[] = [];
    for (let i = 0; i < 3000; i++) {
      files[`evidence/bulk/file-${i}.md`] = `evidence ${i}\n`;
      cited.push(`  - evidence/bulk/file-${i}.md`);
    }
    const repo = makeSmallRepo({ ...files, 'aims/bulk.yaml': ['kind: control', 'id: CTL-BULK', 'title: Bulk', 'applicable: true', 'justification: Many files.', 'status: implemented', 'evidence:', ...cited, ''].join('\n') });
    cleanups.push(repo.cleanup);
    // The signal is timed from the moment the temporary folder appears (writing has begun), at
    // a share of how long writing took in a whole run measured here, and again at other shares
    // until one lands before aims has finished: a fast machine cannot make the test pass without
    // interrupting anything, since only a signal aims handled gives exit 2 and this line.
    const whole = await packRun(repo.dir, scratch(), signal, undefined);
    // 1: the small repository has a validation error; the pack is written all the same.
    expect([0, 1], whole.stderr).toContain(whole.status.code);
    const writing = whole.ended - (whole.tempSeen ?? whole.ended);
    let run = whole;
    let parent = '';
    for (const share of [0.5, 0.3, 0.7, 0.15, 0.85, 0]) {
      parent = scratch();
      run = await packRun(repo.dir, parent, signal, Math.round(writing * share));
      if (run.status.code === 2) break; // aims handled it before it had finished
      // Too late: the run ended as a whole run does, or the signal reached Node as it exited, after the pack and archive were complete.
      if (run.status.signal !== null) expect(readdirSync(parent).sort(), `killed by ${signal} with the output not complete`).toEqual(['pack', 'pack.zip']);
      else expect(run.status.code).toBe(whole.status.code);
    }
    expect(run.sentAfterTemp, 'the signal must have been sent while the pack was being written').toBe(true);
    expect(run.status).toEqual({ code: 2, signal: null });
    expect(run.stderr).toBe(`aims: interrupted by ${signal}; stopped before finishing (nothing half-written was left behind)\n`);
    expect(readdirSync(parent)).toEqual([]);
  }, 120_000);
});

interface PackRun {
  status: { code: number | null; signal: NodeJS.Signals | null };
  stderr: string;
  /** When the temporary folder appeared and when aims ended (ms since the start). */
  tempSeen?: number;
  ended: number;
  /** The signal was sent, after the temporary folder had appeared. */
  sentAfterTemp: boolean;
}

/** `aims report pack --zip` into `parent`, sending `signal` `delay` ms after its temporary folder appears (never, when undefined). */
async function packRun(repo: string, parent: string, signal: NodeJS.Signals, delay: number | undefined): Promise<PackRun> {
  const started = Date.now();
  const child = spawn(process.execPath, [BIN, 'report', 'pack', repo, '--out', path.join(parent, 'pack'), '--as-of', AS_OF, '--zip'], { cwd: repo, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  let tempSeen: number | undefined;
  let sentAfterTemp = false;
  let timer: NodeJS.Timeout | undefined;
  const watcher = watch(parent, (_event, name) => {
    if (tempSeen !== undefined || !name?.includes('.aims-tmp-')) return;
    tempSeen = Date.now() - started;
    if (delay !== undefined) timer = setTimeout(() => (sentAfterTemp = child.kill(signal)), delay);
  });
  const status = await new Promise<PackRun['status']>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig })));
  const ended = Date.now() - started;
  watcher.close();
  clearTimeout(timer);
  return { status, stderr, ended, sentAfterTemp, ...(tempSeen !== undefined ? { tempSeen } : {}) };
}

describe('--ref evidence links', () => {
  it('a link to a file inside the commit is copied as that file; a link out of the tree is not followed', () => {
    const outside = scratch();
    writeFileSync(path.join(outside, 'secret.txt'), 'OUTSIDE SECRET\n');
    const repo = makeSmallRepo({
      'evidence/real/policy-v2.md': '# The real policy, version 2\n',
      'aims/links.yaml': [
        'kind: control',
        'id: CTL-LINK',
        'title: Linked evidence',
        'applicable: true',
        'justification: Evidence behind links.',
        'status: implemented',
        'evidence:',
        '  - evidence/current.md',
        '  - evidence/chain.md',
        '  - evidence/outside.txt',
        '',
      ].join('\n'),
    });
    cleanups.push(repo.cleanup);
    symlinkSync('real/policy-v2.md', path.join(repo.dir, 'evidence/current.md'));
    symlinkSync('current.md', path.join(repo.dir, 'evidence/chain.md'));
    symlinkSync(path.join(outside, 'secret.txt'), path.join(repo.dir, 'evidence/outside.txt'));
    git(repo.dir, ['add', '-A']);
    git(repo.dir, ['commit', '-q', '-m', 'links']);

    const worktree = path.join(scratch(), 'pack');
    const atRef = path.join(scratch(), 'pack');
    expectReportExit(pack(repo.dir, worktree));
    const result = pack(repo.dir, atRef, ['--ref', 'HEAD']);
    expectReportExit(result);
    const copied = readTree(atRef);
    expect(copied.get('evidence/current.md')?.toString('utf8')).toBe('# The real policy, version 2\n');
    expect(copied.get('evidence/chain.md')?.toString('utf8')).toBe('# The real policy, version 2\n');
    expect(copied.has('evidence/outside.txt')).toBe(false);
    for (const [, bytes] of copied) expect(bytes.toString('utf8')).not.toContain('OUTSIDE SECRET');
    // Exactly as in the working tree.
    const fromTree = readTree(worktree);
    expect([...copied.keys()].filter((p) => p.startsWith('evidence/'))).toEqual([...fromTree.keys()].filter((p) => p.startsWith('evidence/')));
  });
});

describe('evidence links in a pack', () => {
  it('only evidence the pack holds is a link: an invalid path (../x) or a missing file is plain text, never a link out of the pack', () => {
    const repo = makeSmallRepo({
      'evidence/real.md': '# Real evidence\n',
      'aims/links.yaml': ['kind: control', 'id: CTL-LINKS', 'title: Links', 'applicable: true', 'justification: Evidence links.', 'status: implemented', 'evidence:', '  - ../../etc/passwd', '  - evidence/real.md', '  - evidence/missing.md', ''].join('\n'),
    });
    cleanups.push(repo.cleanup);
    const out = path.join(scratch(), 'pack');
    pack(repo.dir, out);
    const soa = readFileSync(path.join(out, 'soa.html'), 'utf8');
    // Every link that is not a page of the pack or a web address leads to a file in the pack.
    const links = [...soa.matchAll(/href="([^"]*)"/g)].map((m) => m[1] ?? '').filter((href) => !/^(https:|#|[a-z-]+\.html$)/.test(href));
    expect(links).toContain('evidence/real.md');
    for (const href of links) expect(existsSync(path.join(out, decodeURIComponent(href))) && !href.includes('..'), href).toBe(true);
    expect(soa).toContain('<code>../../etc/passwd</code>');
    expect(soa).toContain('<code>evidence/missing.md</code>');
  });
});
