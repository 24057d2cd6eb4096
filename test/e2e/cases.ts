/**
 * ONE table of end-to-end cases. main.test.ts replays it in-process through main() with a fake
 * Io; bin.test.ts replays it through the built binary inside a fresh temporary git repository.
 * Both runners assert the same things, so a case means the same in both worlds.
 */
import { appendFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { FileTree } from '../helpers/git-repo.js';
import type { EnvOverrides, RunResult } from '../helpers/run.js';

export interface E2eCase {
  name: string;
  /** The repository's files (committed in the binary run). */
  files?: FileTree;
  /** What files cannot say: symbolic links, directories, generated large files. Runs after `files`. */
  setup?: (dir: string) => void;
  args: string[];
  /** Working directory, relative to the repository (default: the repository root). */
  cwd?: string;
  env?: EnvOverrides;
  exitCode: 0 | 1 | 2;
  /**
   * For `--format json` runs: the exact diagnostics, in output order, as
   * `file:line:column severity rule`.
   */
  diagnostics?: string[];
  /** For `--format json` runs: the expected summary counts (any subset). */
  summary?: Partial<Record<'files' | 'records' | 'errors' | 'warnings', number>>;
  /** Each must match stdout / stderr. */
  stdout?: RegExp[];
  stderr?: RegExp[];
  /** Whether stderr may be non-empty (default: only when the exit code is 2). */
  stderrAllowed?: boolean;
  /** Extra assertions on the result, with the repository directory. */
  check?: (result: RunResult, dir: string) => void;
}

const json = ['--format', 'json'];

const SYSTEM = `kind: system
id: SYS-001
title: Credit scoring model
owner: ROLE-001
description: Scores loan applications.
lifecycle: operation
evidence:
  - evidence/model-card.md
`;
const ROLE = `kind: role
id: ROLE-001
title: Model risk owner
responsibilities:
  - Owns the credit model.
`;
const CLEAN: FileTree = {
  'aims.yaml': 'organisation: E2E Ltd\n',
  'aims/systems/credit.yaml': SYSTEM,
  'aims/roles/owner.yml': ROLE,
  'evidence/model-card.md': '# Model card\n',
};

/** One line per risk document, repeated to `bytes`: a realistic stream, only bigger. */
export function bigRiskStream(bytes: number): string {
  const doc = (i: number): string => `---\nkind: risk\nid: RISK-${i}\ntitle: Generated risk number ${i} with a padded title\nlikelihood: rare\nimpact: minor\n`;
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const d = doc(i);
    parts.push(d);
    size += d.length;
  }
  return parts.join('');
}

const BILLION_LAUGHS = `kind: system
id: SYS-BOMB
title: Billion laughs
description: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]
i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]
lifecycle: operation
`;

/** A real 1×1 PNG, renamed .yaml. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC',
  'base64',
);

export const cases: E2eCase[] = [
  // ---------------------------------------------------------------- exit codes
  {
    name: 'clean repository: exit 0, stylish success line',
    files: CLEAN,
    args: ['validate'],
    exitCode: 0,
    stdout: [/^✔ 2 records in 2 files: no problems\n$/],
  },
  {
    name: 'clean repository, explicit root, json',
    files: CLEAN,
    args: ['validate', '.', ...json],
    exitCode: 0,
    diagnostics: [],
    summary: { files: 2, records: 2, errors: 0, warnings: 0 },
  },
  {
    name: 'root given relative to a sub-folder',
    files: CLEAN,
    cwd: 'aims/systems',
    args: ['validate', '../..', ...json],
    exitCode: 0,
    diagnostics: [],
    summary: { records: 2 },
  },
  {
    name: 'errors: exit 1',
    files: { ...CLEAN, 'aims/systems/credit.yaml': SYSTEM.replace('lifecycle: operation', 'lifecycle: production') },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/systems/credit.yaml:6:12 error schema/enum'],
    summary: { errors: 1, warnings: 0 },
  },
  {
    name: 'warnings alone: exit 0',
    files: { ...CLEAN, 'aims/todo.yaml': '# to do\n' },
    args: ['validate', ...json],
    exitCode: 0,
    diagnostics: ['aims/todo.yaml:1:1 warning file/empty'],
    summary: { errors: 0, warnings: 1 },
  },
  {
    name: '--max-warnings 0 with a warning: exit 1',
    files: { ...CLEAN, 'aims/todo.yaml': '# to do\n' },
    args: ['validate', ...json, '--max-warnings', '0'],
    exitCode: 1,
    diagnostics: ['aims/todo.yaml:1:1 warning file/empty'],
    stderrAllowed: true,
    stderr: [/1 warnings?, more than --max-warnings 0/],
  },
  {
    name: '--max-warnings 1 with a warning: exit 0',
    files: { ...CLEAN, 'aims/todo.yaml': '# to do\n' },
    args: ['validate', '--max-warnings', '1'],
    exitCode: 0,
    stdout: [/warning/, /⚠ 1 warning, no errors/],
  },
  {
    name: 'usage: unknown flag → 2',
    files: CLEAN,
    args: ['validate', '--bogus'],
    exitCode: 2,
    stderr: [/unknown option '--bogus'/],
  },
  {
    name: 'usage: unknown format → 2',
    files: CLEAN,
    args: ['validate', '--format', 'xml'],
    exitCode: 2,
    stderr: [/xml/],
  },
  {
    name: 'usage: missing root → 2',
    files: CLEAN,
    args: ['validate', 'no-such-folder'],
    exitCode: 2,
    stderr: [/no such directory/],
  },
  {
    name: 'usage: root is a file → 2',
    files: CLEAN,
    args: ['validate', 'aims/systems/credit.yaml'],
    exitCode: 2,
    stderr: [/not a directory/],
  },
  {
    name: 'usage: --max-warnings abc → 2',
    files: CLEAN,
    args: ['validate', '--max-warnings', 'abc'],
    exitCode: 2,
    stderr: [/--max-warnings/],
  },
  {
    name: 'usage: --max-warnings -1 → 2',
    files: CLEAN,
    args: ['validate', '--max-warnings=-1'],
    exitCode: 2,
    stderr: [/--max-warnings/],
  },
  {
    name: 'usage: unknown command → 2',
    files: CLEAN,
    args: ['frobnicate'],
    exitCode: 2,
    stderr: [/unknown command/],
  },
  {
    name: 'usage: no arguments prints help → 2',
    files: CLEAN,
    args: [],
    exitCode: 2,
    stdout: [/Usage: aims/],
  },
  {
    name: '--help → 0',
    files: CLEAN,
    args: ['validate', '--help'],
    exitCode: 0,
    stdout: [/Usage: aims validate/, /--format/, /--max-warnings/],
  },
  {
    name: '--version → 0',
    files: CLEAN,
    args: ['--version'],
    exitCode: 0,
    stdout: [/^\d+\.\d+\.\d+\n$/],
  },
  {
    name: 'bad aims.yaml (schema error) → 1 with a diagnostic at its line',
    files: { ...CLEAN, 'aims.yaml': '# config\norganisation: E2E Ltd\nrisk:\n  acceptance: high\nrecrods: []\n' },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims.yaml:4:15 error schema/type', 'aims.yaml:5:1 error schema/unknown-field'],
    summary: { records: 2 },
  },
  {
    name: 'aims.yaml that is not YAML → 1 with a syntax diagnostic',
    files: { ...CLEAN, 'aims.yaml': 'organisation: "unterminated\n' },
    args: ['validate', ...json],
    exitCode: 1,
    summary: { records: 2 },
    check: (result) => expectOnlyFile(result, 'aims.yaml', 'yaml/syntax'),
  },
  // ---------------------------------------------------------------- discovery
  {
    name: 'zero records matched → records/none, exit 1',
    files: { 'README.md': '# nothing here\n', 'docs/x.yaml': 'kind: system\n' },
    args: ['validate', ...json],
    exitCode: 1,
    // docs/ is outside the globs' base folder (aims/), so it is not looked at.
    diagnostics: ['.:1:1 error records/none'],
    summary: { files: 0, records: 0 },
  },
  {
    name: 'zero records matched by custom globs → records/none at `records` in aims.yaml',
    files: { 'aims.yaml': 'organisation: X\nrecords: ["governance/**/*.yml"]\n', 'aims/system.yaml': SYSTEM },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims.yaml:2:1 error records/none'],
  },
  {
    name: 'CI workflows and docs YAML are not records',
    files: {
      ...CLEAN,
      '.github/workflows/ci.yml': 'on: [push\njobs: {\n',
      'docs/x.yaml': 'kind: sytem\nid: SYS-001\n',
      'aims/notes.md': 'kind: [\n',
    },
    args: ['validate', ...json],
    exitCode: 0,
    diagnostics: [],
    summary: { files: 2, records: 2 },
  },
  {
    name: 'custom records globs in aims.yaml',
    files: {
      'aims.yaml': 'records:\n  - "governance/**/*.yml"\n  - "extra/*.yaml"\n',
      'governance/a/b/system.yml': SYSTEM.replace(/evidence:\n.*\n/, ''),
      'extra/role.yaml': ROLE,
      'extra/deeper/ignored.yaml': 'kind: nonsense\n',
      'aims/ignored.yaml': 'kind: nonsense\n',
    },
    args: ['validate', ...json],
    exitCode: 0,
    diagnostics: [],
    summary: { files: 2, records: 2 },
  },
  {
    name: 'multi-document stream: an error in the 3rd document is located in the file',
    files: {
      ...CLEAN,
      'aims/risks.yaml': [
        'kind: risk\nid: RISK-001\ntitle: One\nlikelihood: rare\nimpact: minor\n',
        '# two\nkind: risk\nid: RISK-002\ntitle: Two\nlikelihood: rare\nimpact: minor\n',
        'kind: risk\nid: RISK-003\ntitle: Three\nlikelihood: rare\nimpact: catastrophic\nsystems: [SYS-001, SYS-002]\n',
      ].join('---\n'),
    },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/risks.yaml:18:9 error risk/off-scale', 'aims/risks.yaml:19:20 error ref/unknown-id'],
    summary: { files: 3, records: 5 },
  },
  // ---------------------------------------------------------------- hostile inputs
  {
    name: 'hostile: YAML alias bomb (billion laughs)',
    files: { ...CLEAN, 'aims/bomb.yaml': BILLION_LAUGHS },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/bomb.yaml:1:1 error yaml/alias-limit'],
  },
  {
    name: 'hostile: binary file (a PNG renamed .yaml)',
    files: { ...CLEAN, 'aims/diagram.yaml': PNG },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/diagram.yaml:1:1 error file/binary'],
  },
  {
    name: 'hostile: 100k nested [',
    files: { ...CLEAN, 'aims/deep.yaml': '['.repeat(100_000) },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/deep.yaml:1:65 error yaml/too-deep'],
  },
  {
    name: 'hostile: 100k nested block sequences in a mapping',
    files: { ...CLEAN, 'aims/deep.yaml': 'kind: risk\nx:\n' + '- '.repeat(100_000) + 'x\n' },
    args: ['validate', ...json],
    exitCode: 1,
    check: (result) => expectOnlyFile(result, 'aims/deep.yaml', 'yaml/too-deep'),
  },
  {
    name: 'hostile: a record file over the default 5 MB limit is refused',
    files: CLEAN,
    setup: (dir) => writeFileSync(path.join(dir, 'aims/huge.yaml'), bigRiskStream(6 * 1024 * 1024)),
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/huge.yaml:1:1 error file/too-large'],
    summary: { files: 3, records: 2 },
  },
  {
    name: 'hostile: a custom max_file_size',
    files: { ...CLEAN, 'aims.yaml': 'max_file_size: 1000\n', 'aims/register.yaml': bigRiskStream(2000) },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/register.yaml:1:1 error file/too-large'],
    check: (result) => {
      const message = (JSON.parse(result.stdout) as { diagnostics: { message: string }[] }).diagnostics[0]?.message ?? '';
      if (!/1000 bytes|1\.0 KB/.test(message)) throw new Error(`the limit is not in the message: ${message}`);
    },
  },
  {
    name: 'hostile: invalid UTF-8 is an error with its line and column',
    files: { ...CLEAN, 'aims/latin1.yaml': Buffer.from('kind: role\nid: ROLE-009\ntitle: Caf\xe9\nresponsibilities: [r]\n', 'latin1') },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/latin1.yaml:3:11 error file/encoding'],
  },
  {
    name: 'hostile: __proto__ and constructor keys are unknown fields, no pollution',
    files: {
      ...CLEAN,
      'aims/proto.yaml': 'kind: role\nid: ROLE-002\ntitle: T\nresponsibilities: [r]\n__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n',
    },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/proto.yaml:5:1 error schema/unknown-field', 'aims/proto.yaml:7:1 error schema/unknown-field'],
    check: () => {
      if ('polluted' in {} || 'polluted' in Object.prototype) throw new Error('Object.prototype was polluted');
    },
  },
  {
    name: 'hostile: an empty file is a warning',
    files: { ...CLEAN, 'aims/empty.yaml': '' },
    args: ['validate', ...json],
    exitCode: 0,
    diagnostics: ['aims/empty.yaml:1:1 warning file/empty'],
  },
  {
    name: 'hostile: a directory whose name ends in .yaml',
    files: CLEAN,
    setup: (dir) => {
      mkdirSync(path.join(dir, 'aims/folder.yaml'));
      writeFileSync(path.join(dir, 'aims/folder.yaml/note.txt'), 'not a record\n');
    },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/folder.yaml:1:1 error file/not-a-file'],
  },
  {
    name: 'hostile: UTF-8 BOM and CRLF line endings are fine',
    files: {
      ...CLEAN,
      'aims.yaml': '\ufefforganisation: E2E Ltd\r\n',
      'aims/roles/owner.yml': '\ufeff' + ROLE.replace(/\n/g, '\r\n'),
      'aims/systems/credit.yaml': SYSTEM.replace(/\n/g, '\r\n'),
    },
    args: ['validate', ...json],
    exitCode: 0,
    diagnostics: [],
  },
  {
    name: 'hostile: positions stay right in a CRLF file',
    files: {
      ...CLEAN,
      'aims/systems/credit.yaml': SYSTEM.replace('lifecycle: operation', 'lifecycle: live').replace(/\n/g, '\r\n'),
      'aims/roles/owner.yml': '\ufeff' + ROLE.replace('title:', 'titel:').replace(/\n/g, '\r\n'),
    },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/roles/owner.yml:3:1 error schema/unknown-field', 'aims/systems/credit.yaml:6:12 error schema/enum'],
  },
  {
    name: 'hostile: evidence paths that leave the repository (symlink, ../, absolute)',
    files: {
      ...CLEAN,
      'evidence/inside.md': '# inside\n',
      'aims/systems/credit.yaml': SYSTEM.replace(
        '  - evidence/model-card.md\n',
        [
          '  - evidence/model-card.md',
          '  - evidence/outside',
          '  - evidence/outside-dir/anything.md',
          '  - evidence/inside-link.md',
          '  - ../secret.txt',
          '  - evidence/../../secret.txt',
          '  - /etc/passwd',
          '  - evidence/broken-link.md',
          '',
        ].join('\n'),
      ),
    },
    setup: (dir) => {
      symlinkSync(process.execPath, path.join(dir, 'evidence/outside'));
      symlinkSync(path.dirname(dir), path.join(dir, 'evidence/outside-dir'));
      symlinkSync('inside.md', path.join(dir, 'evidence/inside-link.md'));
      symlinkSync('no-such-target.md', path.join(dir, 'evidence/broken-link.md'));
    },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: [
      'aims/systems/credit.yaml:9:5 error evidence/outside',
      'aims/systems/credit.yaml:10:5 error evidence/outside',
      'aims/systems/credit.yaml:12:5 error evidence/outside',
      'aims/systems/credit.yaml:13:5 error evidence/outside',
      'aims/systems/credit.yaml:14:5 error evidence/outside',
      'aims/systems/credit.yaml:15:5 error evidence/missing',
    ],
  },
  {
    name: "hostile: git's own files are never evidence (named, or through a link inside the repository)",
    files: {
      ...CLEAN,
      'aims/systems/credit.yaml': SYSTEM.replace('  - evidence/model-card.md\n', ['  - evidence/model-card.md', '  - .git/config', '  - evidence/git-config.md', ''].join('\n')),
    },
    setup: (dir) => {
      // Appended: in a git repository (the binary's cases) .git/config is git's own.
      mkdirSync(path.join(dir, '.git'), { recursive: true });
      appendFileSync(path.join(dir, '.git/config'), '[remote "origin"]\n\turl = https://token@example.com/r.git\n');
      symlinkSync('../.git/config', path.join(dir, 'evidence/git-config.md'));
    },
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/systems/credit.yaml:9:5 error evidence/missing', 'aims/systems/credit.yaml:10:5 error evidence/missing'],
  },
  {
    name: 'hostile: a record file that is a link pointing outside is not read',
    files: CLEAN,
    setup: (dir) => symlinkSync(process.execPath, path.join(dir, 'aims/linked.yaml')),
    args: ['validate', ...json],
    exitCode: 1,
    diagnostics: ['aims/linked.yaml:1:1 error file/not-a-file'],
  },
  // ---------------------------------------------------------------- stylish output
  {
    name: 'stylish groups diagnostics by file, repo-relative',
    files: {
      ...CLEAN,
      'aims/systems/credit.yaml': SYSTEM.replace('lifecycle: operation', 'lifecycle: live').replace('title:', 'titel:'),
      'aims/todo.yaml': '',
    },
    args: ['validate'],
    exitCode: 1,
    stdout: [
      /^aims\/systems\/credit\.yaml\n {2}3:1 +error +.*schema\/unknown-field\n {2}6:12 +error +.*schema\/enum\n\naims\/todo\.yaml\n {2}1:1 +warning +.*file\/empty\n\n✖ 3 problems \(2 errors, 1 warning\); checked 2 records in 3 files\n$/,
    ],
  },
];

/** Every diagnostic of a JSON run is in `file`, with `rule`, and there is at least one. */
function expectOnlyFile(result: RunResult, file: string, rule: string): void {
  const output = JSON.parse(result.stdout) as { diagnostics: { file: string; rule: string }[] };
  if (output.diagnostics.length === 0) throw new Error('no diagnostic');
  for (const d of output.diagnostics) {
    if (d.file !== file || d.rule !== rule) throw new Error(`unexpected diagnostic ${JSON.stringify(d)}`);
  }
}
