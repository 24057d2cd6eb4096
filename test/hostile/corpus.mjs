/**
 * The hostile corpus: repositories a hostile contributor could commit, each built by
 * `buildCase` in a fresh temporary git repository. hostile.test.ts runs every case through the
 * built binary and asserts its diagnostic or one-line error, its exit code, and that nothing
 * was written; `npm run bench -- --hostile` (hostile-bench.mjs) runs the same cases and
 * reports time and peak memory against the bounds (10 s, 500 MB).
 *
 * Plain JavaScript so that both the TypeScript tests and the benchmark script import it.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BOUNDS = { seconds: 10, megabytes: 500 };

const ROLE = 'kind: role\nid: ROLE-001\ntitle: Model risk owner\nresponsibilities:\n  - Owns the credit model.\n';
const SYSTEM = (evidence = ['evidence/model-card.md']) =>
  `kind: system\nid: SYS-001\ntitle: Credit scoring model\nowner: ROLE-001\ndescription: Scores loan applications.\nlifecycle: operation\nevidence:\n${evidence.map((e) => `  - ${JSON.stringify(e)}\n`).join('')}`;
const CLEAN = {
  'aims.yaml': 'organisation: Hostile Ltd\n',
  'aims/roles/owner.yaml': ROLE,
  'aims/systems/credit.yaml': SYSTEM(),
  'evidence/model-card.md': '# Model card\n',
};
const MB = 1024 * 1024;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** `count` records of `per` risks each would be slow to write; one long line is what the attacks use. */
const repeat = (text, bytes) => text.repeat(Math.ceil(bytes / text.length));

/**
 * @typedef {object} HostileCase
 * @property {string} name
 * @property {Record<string, string | Uint8Array>} [files]  written and committed
 * @property {(dir: string) => void} [setup]  what files cannot say: links, FIFOs, modes (after the commit)
 * @property {string[]} args
 * @property {0 | 1 | 2} exitCode
 * @property {string[]} [diagnostics]  `--format json` runs: every diagnostic as `file:line:column rule`, in order
 * @property {string[]} [includes]  `--format json` runs: diagnostics that must be among them
 * @property {RegExp[]} [stdout]
 * @property {RegExp[]} [stderr]
 * @property {RegExp[]} [absent]  must match neither stdout nor stderr
 * @property {'full' | 'closed'} [output]  stdout is /dev/full, or a pipe closed before aims writes
 * @property {string[]} [writes]  paths the run may create (everything else must stay as it was)
 * @property {string} [skip]  why the case cannot run here (for example: root ignores file modes)
 */

/** @type {HostileCase[]} */
export const hostileCases = [
  // ------------------------------------------------------------ the reading policy
  {
    name: 'aims.yaml is a link to /dev/zero',
    files: { ...CLEAN, 'aims.yaml': null },
    setup: (dir) => symlinkSync('/dev/zero', path.join(dir, 'aims.yaml')),
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims.yaml:1:1 file/not-a-file'],
  },
  {
    name: 'aims.yaml is a link to /dev/stdin',
    files: { ...CLEAN, 'aims.yaml': null },
    setup: (dir) => symlinkSync('/dev/stdin', path.join(dir, 'aims.yaml')),
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims.yaml:1:1 file/not-a-file'],
  },
  {
    name: 'aims.yaml is a link to a file outside the repository',
    files: { ...CLEAN, 'aims.yaml': null },
    setup: (dir) => {
      writeFileSync(path.join(dir, '..', `${path.basename(dir)}-secret.yaml`), 'organisation: TOP-SECRET-VALUE\n');
      symlinkSync(`../${path.basename(dir)}-secret.yaml`, path.join(dir, 'aims.yaml'));
    },
    args: ['report', 'soa'],
    exitCode: 1,
    absent: [/TOP-SECRET-VALUE/],
    stderr: [/validation error/],
  },
  {
    name: 'aims.yaml is a FIFO',
    files: { ...CLEAN, 'aims.yaml': null },
    setup: (dir) => mkfifo(path.join(dir, 'aims.yaml')),
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims.yaml:1:1 file/not-a-file'],
  },
  {
    name: 'aims.yaml of 6 MB',
    files: { ...CLEAN, 'aims.yaml': `organisation: Big\nx-padding: "${'a'.repeat(6 * MB)}"\n` },
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims.yaml:1:1 file/too-large'],
  },
  {
    name: 'a record file that is a FIFO',
    files: CLEAN,
    setup: (dir) => mkfifo(path.join(dir, 'aims/pipe.yaml')),
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/pipe.yaml:1:1 file/not-a-file'],
  },
  {
    name: 'a record file that links to /dev/zero',
    files: CLEAN,
    setup: (dir) => symlinkSync('/dev/zero', path.join(dir, 'aims/zero.yaml')),
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/zero.yaml:1:1 file/not-a-file'],
  },
  {
    name: 'cited evidence that is a FIFO (validate)',
    files: { ...CLEAN, 'aims/systems/credit.yaml': SYSTEM(['evidence/pipe.md']) },
    setup: (dir) => mkfifo(path.join(dir, 'evidence/pipe.md')),
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/systems/credit.yaml:8:5 evidence/not-a-file'],
  },
  {
    name: 'cited evidence that links to a FIFO (report pack)',
    files: { ...CLEAN, 'aims/systems/credit.yaml': SYSTEM(['evidence/card.md']) },
    setup: (dir) => {
      mkfifo(path.join(dir, 'evidence/pipe'));
      symlinkSync('pipe', path.join(dir, 'evidence/card.md'));
    },
    args: ['report', 'pack', '--out', 'out-pack'],
    exitCode: 1,
    stderr: [/validation error/],
    writes: ['out-pack'],
  },
  {
    name: 'cited evidence over max_evidence_size',
    files: { ...CLEAN, 'aims.yaml': 'organisation: Hostile Ltd\nmax_evidence_size: 1000\n', 'evidence/model-card.md': 'x'.repeat(5000) },
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/systems/credit.yaml:8:5 evidence/unreadable'],
  },
  {
    name: 'an unreadable folder outside the record globs is skipped',
    files: { ...CLEAN, 'private/notes.txt': 'x\n' },
    setup: (dir) => chmodSync(path.join(dir, 'private'), 0o000),
    args: ['validate', '--format', 'json'],
    exitCode: 0,
    diagnostics: [],
    skip: isRoot ? 'root reads any folder' : undefined,
  },
  {
    name: 'an unreadable folder inside the record globs is an error there',
    files: { ...CLEAN, 'aims/locked/r.yaml': ROLE.replace('ROLE-001', 'ROLE-002') },
    setup: (dir) => chmodSync(path.join(dir, 'aims/locked'), 0o000),
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/locked:1:1 file/unreadable'],
    skip: isRoot ? 'root reads any folder' : undefined,
  },
  {
    name: 'an unreadable cited evidence file',
    files: CLEAN,
    setup: (dir) => chmodSync(path.join(dir, 'evidence/model-card.md'), 0o000),
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/systems/credit.yaml:8:5 evidence/unreadable'],
    skip: isRoot ? 'root reads any file' : undefined,
  },
  // ------------------------------------------------------------ configuration
  {
    name: 'a negated glob subtracts (it is not ORed in)',
    files: { ...CLEAN, 'aims.yaml': 'records: ["aims/**/*.yaml", "!aims/drafts/**"]\n', 'aims/drafts/broken.yaml': 'kind: nonsense\n' },
    args: ['validate', '--format', 'json'],
    exitCode: 0,
    diagnostics: [],
  },
  {
    name: 'node_modules is read when a glob names it',
    files: { ...CLEAN, 'aims.yaml': 'records: ["aims/**/*.yaml", "vendor/node_modules/aims/*.yaml"]\n', 'vendor/node_modules/aims/x.yaml': 'kind: nonsense\n' },
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['vendor/node_modules/aims/x.yaml:1:7 record/unknown-kind'],
  },
  // ------------------------------------------------------------ exit codes
  {
    name: 'diff exits 1 when the later side has validation errors',
    files: CLEAN,
    setup: (dir) => writeFileSync(path.join(dir, 'aims/systems/credit.yaml'), SYSTEM().replace('lifecycle: operation', 'lifecycle: live')),
    args: ['diff', 'HEAD'],
    exitCode: 1,
    stdout: [/SYS-001/],
    stderr: [/^aims: the records have 1 validation error \(exit 1\); aims validate lists them\n$/],
  },
  // ------------------------------------------------------------ the environment
  {
    name: 'standard output is a full disk (/dev/full)',
    files: CLEAN,
    args: ['validate'],
    output: 'full',
    exitCode: 2,
    stderr: [/^aims: cannot write the output: no space left on the device \(ENOSPC\)\n$/],
  },
  {
    name: 'standard output is closed early (aims gap | head -c 0)',
    files: CLEAN,
    args: ['gap', '--as-of', '2026-06-01'],
    output: 'closed',
    exitCode: 0,
  },
];

/** A FIFO at `file` (mkfifo(1); the corpus runs on POSIX systems). */
function mkfifo(file) {
  const result = spawnSync('mkfifo', [file]);
  if (result.status !== 0) throw new Error(`mkfifo ${file} failed: ${result.stderr}`);
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Hostile Contributor',
  GIT_AUTHOR_EMAIL: 'hostile@example.com',
  GIT_COMMITTER_NAME: 'Hostile Contributor',
  GIT_COMMITTER_EMAIL: 'hostile@example.com',
  GIT_AUTHOR_DATE: '2026-03-02T09:30:00Z',
  GIT_COMMITTER_DATE: '2026-03-02T09:30:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
};

/**
 * Builds a case in a new temporary folder: `<tmp>/repo` is the repository (files committed,
 * then the setup), so a case may put files beside it, "outside the repository".
 * @param {HostileCase} c
 * @returns {{ dir: string, cleanup: () => void }}
 */
export function buildCase(c) {
  const base = mkdtempSync(path.join(tmpdir(), 'aims-hostile-'));
  const dir = path.join(base, 'repo');
  mkdirSync(dir);
  for (const [rel, content] of Object.entries(c.files ?? {})) {
    if (content === null) continue;
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), content);
  }
  const git = (...args) => spawnSync('git', args, { cwd: dir, env: { ...process.env, ...GIT_ENV, HOME: base }, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '--allow-empty', '--no-gpg-sign', '-m', 'records');
  c.setup?.(dir);
  const cleanup = () => {
    // Give back what a case took away, or rm cannot walk in.
    spawnSync('chmod', ['-R', 'u+rwX', base]);
    rmSync(base, { recursive: true, force: true });
  };
  return { dir, cleanup };
}

/**
 * Runs `node <bin> ...c.args` in `dir` as CI would (no colour), with the case's output
 * arrangement; `nodeArgs` go before the script (the benchmark's memory probe).
 * @param {HostileCase} c
 * @param {string} dir
 * @param {{ bin: string, timeoutMs: number, nodeArgs?: string[], env?: Record<string, string> }} options
 * @returns {Promise<{ code: number | null, signal: string | null, stdout: string, stderr: string, seconds: number }>}
 */
export async function runCase(c, dir, options) {
  const { spawn } = await import('node:child_process');
  const { openSync, closeSync } = await import('node:fs');
  const fullFd = c.output === 'full' ? openSync('/dev/full', 'w') : undefined;
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.bin, ...c.args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...options.env },
    stdio: ['ignore', fullFd ?? 'pipe', 'pipe'],
  });
  if (fullFd !== undefined) closeSync(fullFd);
  let stdout = '';
  let stderr = '';
  if (c.output === 'closed') child.stdout?.destroy();
  else child.stdout?.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  const [code, signal] = await new Promise((resolve) => child.on('close', (code, signal) => resolve([code, signal])));
  clearTimeout(timer);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return { code, signal, stdout, stderr, seconds };
}
