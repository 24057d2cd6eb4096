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
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BOUNDS = { seconds: 10, megabytes: 500 };

/** The built binary (npm test and npm run bench build it first). */
const BIN = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

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
/** The clean repository citing a large recording too (the streaming cases make it), under a limit of 1 GiB. */
const WITH_RECORDING = { ...CLEAN, 'aims.yaml': 'organisation: Hostile Ltd\nmax_evidence_size: 1073741824\n', 'aims/systems/credit.yaml': SYSTEM(['evidence/model-card.md', 'evidence/recording.bin']) };
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Why a case cannot run here: a repository of another owner needs root to make (CI runs as root). */
export const foreignProblem = isRoot ? undefined : 'giving the repository another owner needs root (CI runs as root)';

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
 * @property {string[]} [writes]  paths the run may create, relative to the temporary folder (repo/…); everything else must stay as it was
 * @property {Record<string, string>} [env]  extra environment variables
 * @property {string} [skip]  why the case cannot run here
 * @property {boolean} [denies]  the case takes a permission away (chmod): run as an unprivileged user, since root reads anything
 * @property {boolean} [foreign]  the repository belongs to another user (chown, so it needs root); aims runs as the one running the corpus
 * @property {number} [maxMegabytes]  the test asserts the run's peak memory (max RSS) stays under this: streaming, not loading whole
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
    name: 'aims.yaml is a link to a file outside the repository (validate)',
    files: { ...CLEAN, 'aims.yaml': null },
    setup: (dir) => {
      writeFileSync(path.join(dir, '..', 'secret.yaml'), 'organisation: TOP-SECRET-VALUE\n');
      symlinkSync('../secret.yaml', path.join(dir, 'aims.yaml'));
    },
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims.yaml:1:1 file/not-a-file'],
    absent: [/TOP-SECRET-VALUE/],
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
    writes: ['repo/out-pack'],
  },
  {
    name: 'cited evidence over max_evidence_size',
    files: { ...CLEAN, 'aims.yaml': 'organisation: Hostile Ltd\nmax_evidence_size: 1000\n', 'evidence/model-card.md': 'x'.repeat(5000) },
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/systems/credit.yaml:8:5 evidence/unreadable'],
  },
  {
    name: 'a 200 MB evidence file is streamed into the pack and its archive (never loaded whole)',
    files: WITH_RECORDING,
    setup: writeRecording,
    args: ['report', 'pack', '--out', 'out-pack', '--zip'],
    exitCode: 0,
    stderr: [/2 evidence files among them/, /archive out-pack\.zip/],
    writes: ['repo/out-pack', 'repo/out-pack.zip'],
    maxMegabytes: 160,
  },
  {
    name: 'a 200 MB committed evidence blob is streamed from git into the pack (--ref; never loaded whole)',
    files: WITH_RECORDING,
    // Committed, then gone from the disk: only git holds it.
    setup: (dir) => {
      writeRecording(dir);
      commitAll(dir, 'a recording');
      rmSync(path.join(dir, 'evidence/recording.bin'));
    },
    args: ['report', 'pack', '--ref', 'HEAD', '--out', 'out-pack', '--zip'],
    exitCode: 0,
    stderr: [/2 evidence files among them/, /archive out-pack\.zip/],
    writes: ['repo/out-pack', 'repo/out-pack.zip'],
    maxMegabytes: 160,
  },
  {
    name: 'a committed evidence blob over max_evidence_size (validate --ref)',
    files: { ...CLEAN, 'aims.yaml': 'organisation: Hostile Ltd\nmax_evidence_size: 1000\n', 'evidence/model-card.md': 'x'.repeat(5000) },
    args: ['validate', '--ref', 'HEAD', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/systems/credit.yaml:8:5 evidence/unreadable'],
  },
  {
    name: 'a committed evidence blob over max_evidence_size (report pack --ref)',
    files: { ...CLEAN, 'aims.yaml': 'organisation: Hostile Ltd\nmax_evidence_size: 1000\n', 'evidence/model-card.md': 'x'.repeat(5000) },
    args: ['report', 'pack', '--ref', 'HEAD', '--out', 'out-pack'],
    exitCode: 1,
    stderr: [/^aims: the records have 1 validation error/m],
    writes: ['repo/out-pack'],
  },
  {
    name: 'committed evidence that is a link out, or a submodule (report pack --ref)',
    files: { ...CLEAN, 'aims/systems/credit.yaml': SYSTEM(['evidence/passwd.md', 'evidence/sub']) },
    setup: (dir) => {
      symlinkSync('/etc/passwd', path.join(dir, 'evidence/passwd.md'));
      const head = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: dir, encoding: 'utf8' }).stdout.trim();
      spawnSync('git', ['add', 'evidence/passwd.md'], { cwd: dir });
      spawnSync('git', ['update-index', '--add', '--cacheinfo', `160000,${head},evidence/sub`], { cwd: dir });
      commitAll(dir, 'a link and a submodule', { staged: true });
    },
    args: ['report', 'pack', '--ref', 'HEAD', '--out', 'out-pack'],
    exitCode: 1,
    stderr: [/^aims: the records have 2 validation errors/m],
    absent: [/root:x:0/],
    writes: ['repo/out-pack'],
  },
  {
    name: 'a committed "link" of 1 MB (--ref: a link longer than any path is not read, nor followed)',
    files: { ...CLEAN, 'aims/systems/credit.yaml': SYSTEM(['evidence/long-link.md']) },
    // No file system holds such a link (PATH_MAX), but git takes any blob as a link's text.
    setup: (dir) => {
      const text = `${'./'.repeat(MB / 2)}evidence/model-card.md`;
      const oid = spawnSync('git', ['hash-object', '-w', '--stdin'], { cwd: dir, input: text, encoding: 'utf8' }).stdout.trim();
      spawnSync('git', ['update-index', '--add', '--cacheinfo', `120000,${oid},evidence/long-link.md`], { cwd: dir });
      commitAll(dir, 'a long link', { staged: true });
    },
    args: ['validate', '--ref', 'HEAD', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/systems/credit.yaml:8:5 evidence/missing'],
  },
  {
    name: 'a committed aims.yaml of 6 MB (--ref)',
    files: { ...CLEAN, 'aims.yaml': `organisation: Big\nx-padding: "${'a'.repeat(6 * MB)}"\n` },
    args: ['validate', '--ref', 'HEAD', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims.yaml:1:1 file/too-large'],
  },
  {
    name: 'verify an archive holding a 200 MB entry (streamed, never read whole)',
    files: WITH_RECORDING,
    setup: (dir) => makeBigPack(dir),
    args: ['verify', 'out-pack.zip'],
    exitCode: 0,
    stdout: [/intact/],
    maxMegabytes: 160,
  },
  {
    name: 'verify a pack folder holding a 200 MB file (streamed, never read whole)',
    files: WITH_RECORDING,
    setup: (dir) => makeBigPack(dir),
    args: ['verify', 'out-pack'],
    exitCode: 0,
    stdout: [/intact/],
    maxMegabytes: 160,
  },
  {
    name: 'an unreadable folder outside the record globs is skipped',
    files: { ...CLEAN, 'private/notes.txt': 'x\n' },
    setup: (dir) => chmodSync(path.join(dir, 'private'), 0o000),
    args: ['validate', '--format', 'json'],
    exitCode: 0,
    diagnostics: [],
    denies: true,
  },
  {
    name: 'an unreadable folder that a negated glob excludes is never opened',
    files: { ...CLEAN, 'aims.yaml': 'records: ["aims/**/*.yaml", "!aims/private/**"]\n', 'aims/private/notes.yaml': 'kind: risk\n' },
    setup: (dir) => chmodSync(path.join(dir, 'aims/private'), 0o000),
    args: ['validate', '--format', 'json'],
    exitCode: 0,
    diagnostics: [],
    denies: true,
  },
  {
    name: 'an unreadable folder inside the record globs is an error there',
    files: { ...CLEAN, 'aims/locked/r.yaml': ROLE.replace('ROLE-001', 'ROLE-002') },
    setup: (dir) => chmodSync(path.join(dir, 'aims/locked'), 0o000),
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/locked:1:1 file/unreadable'],
    denies: true,
  },
  {
    name: 'an unreadable cited evidence file',
    files: CLEAN,
    setup: (dir) => chmodSync(path.join(dir, 'evidence/model-card.md'), 0o000),
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/systems/credit.yaml:8:5 evidence/unreadable'],
    denies: true,
  },
  {
    name: 'an unreadable record file',
    files: CLEAN,
    setup: (dir) => chmodSync(path.join(dir, 'aims/roles/owner.yaml'), 0o000),
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/roles/owner.yaml:1:1 file/unreadable'],
    denies: true,
  },
  {
    name: 'an unreadable cited evidence file (report pack)',
    files: CLEAN,
    setup: (dir) => chmodSync(path.join(dir, 'evidence/model-card.md'), 0o000),
    args: ['report', 'pack', '--out', 'out-pack'],
    exitCode: 1,
    stderr: [/^aims: the records have 1 validation error/m],
    absent: [/EACCES/],
    writes: ['repo/out-pack'],
    denies: true,
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
  {
    name: 'a risk scale of 4,000 levels',
    files: { ...CLEAN, 'aims.yaml': `risk:\n  likelihood: [${Array.from({ length: 4000 }, (_, i) => `l${i}`).join(', ')}]\n  impact: [${Array.from({ length: 4000 }, (_, i) => `i${i}`).join(', ')}]\n` },
    args: ['report', 'soa', '--format', 'html'],
    exitCode: 1,
    stdout: [/Statement of Applicability/],
    stderr: [/validation error/],
  },
  {
    name: 'a review cycle of a billion years',
    files: { ...CLEAN, 'aims.yaml': 'review_cycles:\n  policy: P999999999Y\n  risk: P11Y\n' },
    args: ['gap', '--as-of', '2026-06-01', '--format', 'json'],
    // Both cycles are refused as configuration errors (more than ten years), so gap exits 1.
    exitCode: 1,
    stdout: [/"readiness"/, /at most 10 years/],
  },
  {
    name: 'AIMS_THREADS=1000',
    files: { ...CLEAN, 'aims/risks/register.yaml': Array.from({ length: 8000 }, (_, i) => `---\nkind: risk\nid: RISK-${i}\ntitle: Risk ${i} for the thread test\nlikelihood: rare\nimpact: minor\n`).join('') },
    env: { AIMS_THREADS: '1000' },
    args: ['validate', '--format', 'json'],
    exitCode: 0,
    diagnostics: [],
  },
  // ------------------------------------------------------------ bounded parsing
  {
    name: '5 MB of [ on one line',
    files: { ...CLEAN, 'aims/deep.yaml': '['.repeat(5 * MB - 10) },
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/deep.yaml:1:65 yaml/too-deep'],
  },
  {
    name: '5 MB of {a: on one line',
    files: { ...CLEAN, 'aims/deep.yaml': 'kind: risk\nx: ' + '{a: '.repeat(1_300_000) },
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/deep.yaml:2:260 yaml/too-deep'],
  },
  {
    name: 'a duplicate key on a 4 MB line (once a quadratic regular expression)',
    files: { ...CLEAN, 'aims/dup.yaml': `kind: role\nid: ROLE-9\ntitle: T\nresponsibilities: [r]\ntitle${' '.repeat(4 * MB)}: again\n` },
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    includes: ['aims/dup.yaml:5:1 yaml/duplicate-key'],
  },
  {
    name: 'a 100 KB evidence path among 1,000 files (suggestion search)',
    files: { ...CLEAN, 'aims/systems/credit.yaml': SYSTEM([`evidence/${'a'.repeat(100_000)}`]) },
    setup: (dir) => {
      for (let i = 0; i < 1000; i++) writeFileSync(path.join(dir, `evidence/file-${i}.md`), 'x\n');
    },
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/systems/credit.yaml:8:5 evidence/missing'],
  },
  {
    name: 'a 1 MB value is not echoed whole',
    files: { ...CLEAN, 'aims/systems/credit.yaml': SYSTEM().replace('lifecycle: operation', `lifecycle: ${'x'.repeat(MB)}`) },
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    absent: [/x{1000}/],
  },
  {
    name: 'a block scalar of 200,000 lines is neither too complex nor empty',
    files: { ...CLEAN, 'aims/notes.yaml': `kind: role\nid: ROLE-3\ntitle: Notes\nresponsibilities: [r]\nx-notes: |\n${'  a line of notes\n'.repeat(200_000)}` },
    args: ['validate', '--format', 'json'],
    exitCode: 0,
    diagnostics: [],
  },
  {
    name: 'the earlier set: alias bomb, binary, invalid UTF-8, __proto__, a 6 MB record, a link out',
    files: {
      ...CLEAN,
      'aims/bomb.yaml': `kind: role\nid: R-B\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n`,
      'aims/binary.yaml': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]),
      'aims/latin1.yaml': new Uint8Array([...Buffer.from('kind: role\ntitle: Caf'), 0xe9, 0x0a]),
      'aims/proto.yaml': 'kind: role\nid: ROLE-P\ntitle: T\nresponsibilities: [r]\n__proto__:\n  polluted: true\n',
      'aims/huge.yaml': repeat('---\nkind: risk\nid: RISK-H\ntitle: Huge\nlikelihood: rare\nimpact: minor\n', 6 * MB),
    },
    setup: (dir) => symlinkSync('/etc/passwd', path.join(dir, 'aims/passwd.yaml')),
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/binary.yaml:1:1 file/binary', 'aims/bomb.yaml:1:1 yaml/alias-limit', 'aims/huge.yaml:1:1 file/too-large', 'aims/latin1.yaml:2:11 file/encoding', 'aims/passwd.yaml:1:1 file/not-a-file', 'aims/proto.yaml:5:1 schema/unknown-field'],
    absent: [/root:x:0/],
  },
  {
    name: 'complex and odd mapping keys are located where they are (not 1:1)',
    files: {
      ...CLEAN,
      'aims.yaml': 'organisation: Hostile Ltd\n? [a, b]\n: x\n',
      'aims/roles/owner.yaml': `${ROLE}? {a: 1}\n: x\n[c]: y\nnull: z\n`,
    },
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims.yaml:2:3 schema/unknown-field', 'aims/roles/owner.yaml:6:3 schema/unknown-field', 'aims/roles/owner.yaml:8:1 schema/unknown-field', 'aims/roles/owner.yaml:9:1 schema/unknown-field'],
  },
  // ------------------------------------------------------------ suppressions
  {
    name: 'suppressions naming a prototype property or an impossible date',
    files: { ...CLEAN, 'aims/roles/owner.yaml': `${ROLE}x-aims-ignore:\n  - { rule: toString, reason: r }\n  - { rule: __proto__, reason: r }\n  - { rule: evidence/missing, reason: r, until: 2099-02-30 }\n` },
    args: ['validate', '--format', 'json'],
    exitCode: 1,
    diagnostics: ['aims/roles/owner.yaml:7:13 suppression/invalid', 'aims/roles/owner.yaml:8:13 suppression/invalid', 'aims/roles/owner.yaml:9:49 suppression/invalid'],
  },
  // ------------------------------------------------------------ output that cannot be injected
  {
    name: 'escape sequences and newlines in values and file names (stylish)',
    files: {
      ...CLEAN,
      'aims/systems/credit.yaml': SYSTEM(['evidence/x\u001b]0;pwned\u0007\u001b[2J\n::error::forged']),
      'aims/x\u001b[31mred.yaml': 'kind: nonsense\n',
    },
    args: ['validate'],
    exitCode: 1,
    stdout: [/\\x1b\]0;pwned\\x07/],
    absent: [/\u001b/, /\u0007/, /^::error::forged/m],
  },
  {
    name: 'escape sequences in record values (diff text)',
    files: CLEAN,
    setup: (dir) => writeFileSync(path.join(dir, 'aims/roles/owner.yaml'), ROLE.replace('Model risk owner', '"Owner\\e[2J\\e]8;;https://evil\\e\\\\"')),
    args: ['diff', 'HEAD'],
    exitCode: 0,
    stdout: [/ROLE-001/],
    absent: [/\u001b/],
  },
  {
    name: 'escape sequences in a pack\'s file names (verify)',
    files: CLEAN,
    setup: (dir) => {
      // A real pack, then a file slipped into it whose name is an attack.
      const made = spawnSync(process.execPath, [BIN, 'report', 'pack', '--out', 'pack'], { cwd: dir, encoding: 'utf8' });
      if (made.status !== 0 && made.status !== 1) throw new Error(made.stderr);
      writeFileSync(path.join(dir, 'pack', 'x\u001b[2Jy\n::error::forged'), 'x');
    },
    args: ['verify', 'pack'],
    exitCode: 1,
    stdout: [/unlisted  x\\x1b\[2Jy\\n::error::forged/],
    absent: [/\u001b/, /^::error::forged/m],
  },
  {
    name: 'Markdown links and images in record text (gap and SoA Markdown)',
    files: {
      ...CLEAN,
      'aims/controls.yaml': 'kind: control\nid: A.2.2\ntitle: "AI policy [click](javascript:alert(1)) ![x](https://evil.example/p.png) <img src=x>"\nowner: ROLE-001\napplicable: true\njustification: "See [here](javascript:alert(1)) and ![t](https://evil.example/t.png)"\nstatus: planned\n',
    },
    args: ['report', 'soa'],
    exitCode: 0,
    stdout: [/\\\[here\\\]\(javascript/],
    absent: [/[^\\]\[here\]\(/, /!\[t\]\(/, /<img/],
  },
  // ------------------------------------------------------------ writes only where asked
  {
    name: 'report soa --out over a record file',
    files: CLEAN,
    args: ['report', 'soa', '--out', 'aims/roles/owner.yaml', '--force'],
    exitCode: 2,
    stderr: [/^aims: refusing to write aims\/roles\/owner\.yaml: it is a record file/],
  },
  {
    name: 'validate --output over a record file, and over aims.yaml',
    files: CLEAN,
    args: ['validate', '--format', 'json', '--output', 'aims/new-report.yaml', '--format', 'stylish', '--output', 'aims.yaml'],
    exitCode: 2,
    stderr: [/^aims: refusing to write aims\/new-report\.yaml: it is a record file/],
  },
  {
    name: 'report soa --out over an existing file without --force',
    files: { ...CLEAN, 'notes.md': '# my notes\n' },
    args: ['report', 'soa', '--out', 'notes.md'],
    exitCode: 2,
    stderr: [/^aims: notes\.md already exists\nhint: pass --force/],
  },
  {
    name: 'report soa --out over an existing file with --force',
    files: { ...CLEAN, 'notes.md': '# my notes\n' },
    args: ['report', 'soa', '--out', 'notes.md', '--force'],
    exitCode: 0,
    writes: ['repo/notes.md'],
  },
  {
    name: 'aims init through a symlinked .vscode folder',
    setup: (dir) => {
      mkdirSync(path.join(dir, '..', 'outside'));
      symlinkSync('../outside', path.join(dir, '.vscode'));
    },
    args: ['init', '--organisation', 'Hostile Ltd'],
    exitCode: 2,
    stderr: [/^aims: refusing to write \.vscode\/settings\.json: \.vscode is a symbolic link/],
  },
  {
    name: 'aims init through a symlinked .aims folder',
    setup: (dir) => {
      mkdirSync(path.join(dir, '..', 'outside'));
      symlinkSync('../outside', path.join(dir, '.aims'));
    },
    args: ['init', '--organisation', 'Hostile Ltd'],
    exitCode: 2,
    stderr: [/^aims: refusing to write \.aims\/[^:]+: \.aims is a symbolic link/],
  },
  {
    name: 'aims new through a symlinked aims/risks folder',
    files: CLEAN,
    setup: (dir) => {
      mkdirSync(path.join(dir, '..', 'outside'));
      symlinkSync('../../outside', path.join(dir, 'aims/risks'));
    },
    args: ['new', 'risk'],
    exitCode: 2,
    stderr: [/^aims: refusing to write aims\/risks\/[^:]+: aims\/risks is a symbolic link/],
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
    name: 'a repository with no commits is not called "not a git repository"',
    files: CLEAN,
    setup: (dir) => rmSync(path.join(dir, '.git'), { recursive: true, force: true }) || spawnSync('git', ['init', '-q', '-b', 'main'], { cwd: dir }),
    args: ['gap', '--as-of', '2026-06-01'],
    exitCode: 0,
    stdout: [/a git repository with no commits yet/],
    absent: [/not a git repository/],
  },
  {
    name: 'a repository owned by another user (git: "dubious ownership")',
    files: CLEAN,
    // Only the case's own (empty) settings: a safe.directory of the machine's would trust it.
    env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    foreign: true,
    args: ['report', 'pack', '--as-of', '2026-06-01', '--out', 'out-pack'],
    exitCode: 2,
    stderr: [/^aims: git refuses to read \S+: the repository is owned by another user \("dubious ownership"\)/, /^hint: if you trust this repository, run: git config --global --add safe\.directory /m],
    absent: [/not a git repository/],
  },
  {
    name: 'git is not installed',
    files: CLEAN,
    env: { PATH: '/nonexistent' },
    args: ['gap', '--as-of', '2026-06-01'],
    exitCode: 0,
    stdout: [/git is not installed/],
  },
  {
    name: 'file names in the Markdown format cannot break the table or link',
    files: { ...CLEAN, 'aims/x\n| [a](javascript:y) |.yaml': 'kind: nonsense\n' },
    args: ['validate', '--format', 'markdown'],
    exitCode: 1,
    stdout: [/`aims\/x \\\| \[a\]\(javascript:y\) \\\|\.yaml:1:7`/],
    absent: [/\n\| \[a\]/],
  },
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
    exitCode: 2,
    stderr: [/^aims: the output was closed before aims finished \(EPIPE\)\n$/],
  },
];

/** The 200 MB recording WITH_RECORDING cites. Sparse: cheap to make, but aims reads every byte of it. */
function writeRecording(dir) {
  writeFileSync(path.join(dir, 'evidence/recording.bin'), '');
  truncateSync(path.join(dir, 'evidence/recording.bin'), 200 * MB);
}

/** A pack (and its archive) of the case's repository holding a 200 MB evidence file, written by aims itself. */
function makeBigPack(dir) {
  writeRecording(dir);
  const made = spawnSync(process.execPath, [BIN, 'report', 'pack', '--out', 'out-pack', '--zip'], { cwd: dir, encoding: 'utf8' });
  if (made.status !== 0) throw new Error(`the pack was not made: ${made.stderr}`);
}

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
 * Commits what a case's setup made (links, large blobs), or with `staged` only what it put in
 * the index itself (entries no file stands for: a submodule, a crafted link).
 */
function commitAll(dir, message, { staged = false } = {}) {
  const env = { ...process.env, ...GIT_ENV, HOME: path.dirname(dir) };
  for (const args of [...(staged ? [] : [['add', '-A']]), ['commit', '-q', '--no-gpg-sign', '-m', message]]) {
    const result = spawnSync('git', args, { cwd: dir, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr}`);
  }
}

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
  if (c.denies && isRoot) {
    // The unprivileged user owns the case (so git trusts the repository) and may reach it.
    chmodSync(base, 0o755);
    const owned = spawnSync('chown', ['-R', 'nobody:nogroup', base], { encoding: 'utf8' });
    if (owned.status !== 0) throw new Error(`chown nobody failed: ${owned.stderr}`);
  }
  if (c.foreign && isRoot) {
    const owned = spawnSync('chown', ['-R', '12345:12345', dir], { encoding: 'utf8' });
    if (owned.status !== 0) throw new Error(`chown 12345 failed: ${owned.stderr}`);
  }
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
 * @param {{ bin: string, timeoutMs: number, nodeArgs?: string[], env?: Record<string, string>, prefix?: string[] }} options  `prefix`: the command that runs node as another user (`unprivileged`)
 * @returns {Promise<{ code: number | null, signal: string | null, stdout: string, stderr: string, seconds: number }>}
 */
export async function runCase(c, dir, options) {
  const { spawn } = await import('node:child_process');
  const { openSync, closeSync } = await import('node:fs');
  const fullFd = c.output === 'full' ? openSync('/dev/full', 'w') : undefined;
  const started = process.hrtime.bigint();
  const prefix = options.prefix ?? [];
  const command = [...prefix, process.execPath, ...(options.nodeArgs ?? []), options.bin, ...c.args];
  const child = spawn(command[0], command.slice(1), {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...(prefix.length > 0 ? { HOME: path.dirname(dir) } : {}), ...c.env, ...options.env },
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

const SETPRIV = ['setpriv', '--reuid=nobody', '--regid=nogroup', '--clear-groups'];

/**
 * How to run the binary where file modes deny: as is for an ordinary user; as root (CI runs as
 * root, and root reads a chmod 000 file) through `setpriv` as nobody, from a copy of the
 * installation that nobody can read when the checkout is not readable by others. A `problem`
 * says why that is impossible here; the tests fail on it in CI (CI=true) and skip elsewhere.
 * @param {string} bin
 * @returns {{ prefix: string[], bin: string, cleanup: () => void } | { problem: string }}
 */
export function unprivileged(bin) {
  if (!isRoot) return { prefix: [], bin, cleanup: () => {} };
  const works = (candidate) => spawnSync(SETPRIV[0], [...SETPRIV.slice(1), process.execPath, candidate, '--version'], { encoding: 'utf8' });
  const direct = works(bin);
  if (direct.error) return { problem: `running as root, and setpriv cannot be started (${direct.error.message}); install util-linux` };
  if (direct.status === 0) return { prefix: SETPRIV, bin, cleanup: () => {} };
  const install = path.resolve(path.dirname(bin), '../..');
  const copy = mkdtempSync(path.join(tmpdir(), 'aims-nobody-'));
  chmodSync(copy, 0o755);
  const cleanup = () => rmSync(copy, { recursive: true, force: true });
  try {
    // The benchmark's memory probe comes along, so the benchmark can measure these cases too.
    mkdirSync(path.join(copy, 'test/bench'), { recursive: true });
    for (const part of ['package.json', 'dist', 'schemas', 'templates', 'node_modules', 'test/bench/maxrss-hook.mjs']) cpSync(path.join(install, part), path.join(copy, part), { recursive: true, dereference: true });
  } catch (error) {
    cleanup();
    return { problem: `running as root, and the copy of aims for nobody failed: ${error.message}` };
  }
  const copied = path.join(copy, 'dist/cli/bin.js');
  const again = works(copied);
  if (again.status === 0) return { prefix: SETPRIV, bin: copied, cleanup };
  cleanup();
  return { problem: `running as root, and nobody cannot run aims (${(again.stderr || direct.stderr).trim().split('\n')[0]}); is ${process.execPath} readable by others?` };
}
