/**
 * `aims report pack` through the built binary: the manifest against the files, evidence copies
 * and who cites them, determinism (folders and archives), where it may and may not write,
 * hostile record text and ids, links out of the repository, and template overrides.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { treeSnapshot } from '../e2e/assert-case.js';
import { git, makeGitRepo, tempDir, writeFiles, type FileTree } from '../helpers/git-repo.js';
import { PROJECT_ROOT, type RunResult, runBin } from '../helpers/run.js';
import {
  ACME,
  AS_OF,
  AWKWARD_EVIDENCE,
  brokenLocalLinks,
  decodeEntities,
  expectReportExit,
  HOSTILE,
  htmlSoaTable,
  IMG,
  listPaths,
  makeSmallRepo,
  readTree,
  SCRIPT,
  sha256,
  STACK_FRAME,
  unzip,
} from './helpers.js';

interface Manifest {
  generator: string;
  format: number;
  aimsVersion: string;
  organisation: string;
  asOf: string;
  commit: string | null;
  dirty: boolean;
  files: { path: string; bytes: number; sha256: string }[];
  evidence: { path: string; source: string; records: string[]; controls: string[] }[];
  urls: { url: string; records: string[] }[];
}

/** The pages the issue asks for. */
const REQUIRED_FILES = [
  'index.html',
  'soa.html',
  'soa.md',
  'soa.csv',
  'gap.html',
  'gap.md',
  'risks.html',
  'systems.html',
  'assessments.html',
  'nonconformities.html',
  'audits.html',
  'manifest.json',
];

const cleanups: (() => void)[] = [];
afterAll(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function scratch(): string {
  const t = tempDir('aims-pack-');
  cleanups.push(t.cleanup);
  return t.dir;
}

function pack(root: string, out: string, extra: string[] = []): RunResult {
  const result = runBin(['report', 'pack', root, '--out', out, '--as-of', AS_OF, ...extra], root);
  expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
  return result;
}

/** A pack was written: exit 0, or 1 when the records have validation errors (the small repository has one), which stderr then says. */
function packOk(root: string, out: string, extra: string[] = []): RunResult {
  const result = pack(root, out, extra);
  expectReportExit(result);
  return result;
}

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/** Nothing but `expected` in `parent`: no temporary or old sibling left behind. */
function expectOnly(parent: string, expected: string[]): void {
  expect(readdirSync(parent).sort()).toEqual([...expected].sort());
}

function htmlPages(dir: string): [string, string][] {
  return [...readTree(dir)].filter(([p]) => p.endsWith('.html')).map(([p, b]) => [p, b.toString('utf8')]);
}

describe('aims report pack: the Acme example', () => {
  let root = '';
  let one = '';
  let two = '';
  let files = new Map<string, Buffer>();
  let manifest: Manifest;
  beforeAll(() => {
    const repo = makeGitRepo({ copyFrom: ACME });
    cleanups.push(repo.cleanup);
    root = repo.dir;
    const parent = scratch();
    one = path.join(parent, 'one');
    two = path.join(parent, 'two');
    mkdirSync(one);
    mkdirSync(two);
    packOk(root, path.join(one, 'pack'), ['--zip']);
    packOk(root, path.join(two, 'pack'), ['--zip']);
    files = readTree(path.join(one, 'pack'));
    manifest = manifestOf(path.join(one, 'pack'));
  }, 60_000);

  it('holds every page the issue asks for', () => {
    for (const file of REQUIRED_FILES) expect(files.has(file), file).toBe(true);
  });

  it('manifest.json lists every other file with its byte count and SHA-256', () => {
    const listed = manifest.files.map((f) => f.path);
    expect(listed).toEqual([...files.keys()].filter((p) => p !== 'manifest.json').sort());
    expect(listed).not.toContain('manifest.json');
    for (const entry of manifest.files) {
      const bytes = files.get(entry.path);
      expect(bytes, entry.path).toBeDefined();
      expect(entry.bytes, entry.path).toBe(bytes?.length);
      expect(entry.sha256, entry.path).toBe(sha256(bytes ?? Buffer.alloc(0)));
    }
  });

  it('manifest.json names the commit, as-of date and aims version', () => {
    const version = (JSON.parse(readFileSync(path.join(PROJECT_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    expect(manifest).toMatchObject({ generator: 'aims', asOf: AS_OF, aimsVersion: version, organisation: 'Acme Lending Ltd', dirty: false });
    expect(manifest.commit).toBe(git(root, ['rev-parse', 'HEAD']).trim());
  });

  it('copies every cited evidence file byte for byte, with the records and controls that cite it', () => {
    expect(manifest.evidence.length).toBeGreaterThan(10);
    const packed = [...files.keys()].filter((p) => p.startsWith('evidence/')).sort();
    expect(manifest.evidence.map((e) => e.path).sort()).toEqual(packed);
    for (const e of manifest.evidence) {
      // The repository path, kept once: evidence/policy.md stays evidence/policy.md, docs/x.pdf becomes evidence/docs/x.pdf.
      expect(e.path).toBe(e.source.startsWith('evidence/') ? e.source : `evidence/${e.source}`);
      expect(files.get(e.path)?.equals(readFileSync(path.join(root, e.source))), e.source).toBe(true);
      expect(e.records.length, e.source).toBeGreaterThan(0);
    }
    // Cross-check with the SoA: every file a control cites names that control.
    const soa = JSON.parse(runBin(['report', 'soa', root, '--format', 'json', '--as-of', AS_OF], root).stdout) as {
      controls: { id: string; evidence: string[] }[];
    };
    let checked = 0;
    for (const control of soa.controls) {
      for (const source of control.evidence.filter((e) => !e.startsWith('https://'))) {
        const entry = manifest.evidence.find((e) => e.source === source);
        expect(entry, `${control.id} cites ${source}`).toBeDefined();
        expect(entry?.records, source).toContain(control.id);
        expect(entry?.controls, source).toContain(control.id);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(10);
  });

  it('lists cited web addresses without fetching or copying them', () => {
    expect(manifest.urls.length).toBeGreaterThan(0);
    const evidencePage = decodeEntities(files.get('evidence.html')?.toString('utf8') ?? '');
    for (const { url, records } of manifest.urls) {
      expect(url).toMatch(/^https:\/\//);
      expect(records.length).toBeGreaterThan(0);
      expect(evidencePage).toContain(url);
      const host = new URL(url).host;
      expect([...files.keys()].filter((p) => p.includes(host)), url).toEqual([]);
    }
  });

  it('index.html links to every page, and every page carries the organisation, as-of date and commit', () => {
    const index = files.get('index.html')?.toString('utf8') ?? '';
    const short = git(root, ['rev-parse', '--short', 'HEAD']).trim();
    for (const page of [...files.keys()].filter((p) => p.endsWith('.html') && p !== 'index.html')) {
      expect(index, page).toContain(`href="${page}"`);
    }
    for (const [page, html] of htmlPages(path.join(one, 'pack'))) {
      expect(html, page).toContain('Acme Lending Ltd');
      expect(html, page).toContain(AS_OF);
      expect(html, page).toContain(short);
    }
  });

  it('risks.html has inline SVG heat maps before and after treatment', () => {
    const risks = files.get('risks.html')?.toString('utf8') ?? '';
    expect(risks.match(/<svg[\s>]/g)).toHaveLength(2);
    expect(risks).toContain('Before treatment');
    expect(risks).toContain('After treatment');
  });

  it('every local link and source in every page resolves to a file in the pack', () => {
    expect(brokenLocalLinks(path.join(one, 'pack'))).toEqual([]);
  });

  it('two runs into different folders give byte-identical packs', () => {
    const other = readTree(path.join(two, 'pack'));
    expect([...other.keys()]).toEqual([...files.keys()]);
    for (const [p, bytes] of files) expect(other.get(p)?.equals(bytes), p).toBe(true);
  });

  it('--zip archives are byte-identical across runs and hold exactly the pack', () => {
    const a = readFileSync(path.join(one, 'pack.zip'));
    const b = readFileSync(path.join(two, 'pack.zip'));
    expect(sha256(a)).toBe(sha256(b));
    const entries = unzip(a);
    expect([...entries.keys()].sort()).toEqual([...files.keys()].map((p) => `pack/${p}`).sort());
    for (const [p, bytes] of files) expect(entries.get(`pack/${p}`)?.equals(bytes), p).toBe(true);
  });

  it('leaves no temporary sibling behind', () => {
    expectOnly(one, ['pack', 'pack.zip']);
    expectOnly(two, ['pack', 'pack.zip']);
  });

  it('aims verify says it is intact', () => {
    const result = runBin(['verify', path.join(one, 'pack')], root);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('does not change the repository', () => {
    expect(git(root, ['status', '--porcelain', '--ignored', '--untracked-files=all'])).toBe('');
  });
});

describe('aims report pack: where it writes', () => {
  let root = '';
  let fresh = new Map<string, Buffer>();
  beforeAll(() => {
    const repo = makeSmallRepo();
    cleanups.push(repo.cleanup);
    root = repo.dir;
    const parent = scratch();
    packOk(root, path.join(parent, 'pack'));
    fresh = readTree(path.join(parent, 'pack'));
  });

  it('an absent folder is created, with its parents', () => {
    const parent = scratch();
    const out = path.join(parent, 'a', 'b', 'pack');
    packOk(root, out);
    expect(readTree(out).size).toBe(fresh.size);
    expectOnly(path.join(parent, 'a', 'b'), ['pack']);
  });

  it('an empty folder is used', () => {
    const parent = scratch();
    mkdirSync(path.join(parent, 'pack'));
    packOk(root, path.join(parent, 'pack'));
    expect(readTree(path.join(parent, 'pack')).size).toBe(fresh.size);
    expectOnly(parent, ['pack']);
  });

  it('a relative --out is taken from the working directory', () => {
    const parent = scratch();
    const result = runBin(['report', 'pack', root, '--out', 'rel-pack', '--as-of', AS_OF], parent);
    expectReportExit(result);
    expectOnly(parent, ['rel-pack']);
  });

  it('refuses a non-empty folder with exit 2 and writes nothing', () => {
    const parent = scratch();
    writeFiles(parent, { 'pack/notes.txt': 'mine\n' });
    const before = treeSnapshot(parent);
    const result = pack(root, path.join(parent, 'pack'), ['--zip']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not empty/);
    expect(result.stderr).toMatch(/--force/);
    expect(treeSnapshot(parent)).toEqual(before);
    expectOnly(parent, ['pack']);
  });

  it('refuses a file in the way with exit 2', () => {
    const parent = scratch();
    writeFiles(parent, { pack: 'a file\n' });
    const before = treeSnapshot(parent);
    expect(pack(root, path.join(parent, 'pack')).code).toBe(2);
    expect(treeSnapshot(parent)).toEqual(before);
  });

  it('--force refuses a folder that aims did not make', () => {
    const parent = scratch();
    writeFiles(parent, { 'pack/notes.txt': 'mine\n', 'pack/sub/more.txt': 'more\n' });
    const before = treeSnapshot(parent);
    const result = pack(root, path.join(parent, 'pack'), ['--force']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/not an aims evidence pack/);
    expect(treeSnapshot(parent)).toEqual(before);
    expectOnly(parent, ['pack']);
  });

  it('--force refuses a folder whose manifest.json is not an aims manifest', () => {
    const parent = scratch();
    writeFiles(parent, { 'pack/manifest.json': '{"files": []}\n', 'pack/keep.txt': 'keep\n' });
    const before = treeSnapshot(parent);
    expect(pack(root, path.join(parent, 'pack'), ['--force']).code).toBe(2);
    expect(treeSnapshot(parent)).toEqual(before);
  });

  it('--force replaces a pack aims made: the result equals a fresh pack, stale files gone', () => {
    const parent = scratch();
    const out = path.join(parent, 'pack');
    // An earlier pack of another repository: its many evidence copies are listed in its manifest.
    const acme = makeGitRepo({ copyFrom: ACME });
    cleanups.push(acme.cleanup);
    packOk(acme.dir, out, ['--as-of', '2026-06-01']);
    expect(readTree(out).size).toBeGreaterThan(fresh.size);
    const refused = pack(root, out);
    expect(refused.code).toBe(2);
    packOk(root, out, ['--force']);
    const replaced = readTree(out);
    expect([...replaced.keys()]).toEqual([...fresh.keys()]);
    for (const [p, bytes] of fresh) expect(replaced.get(p)?.equals(bytes), p).toBe(true);
    expectOnly(parent, ['pack']);
  });

  it('--zip --force replaces an archive aims made', () => {
    const parent = scratch();
    const out = path.join(parent, 'pack');
    packOk(root, out, ['--zip']);
    const first = readFileSync(`${out}.zip`);
    packOk(root, out, ['--zip', '--force']);
    expect(readFileSync(`${out}.zip`).equals(first)).toBe(true);
    expectOnly(parent, ['pack', 'pack.zip']);
  });

  it('--zip refuses an archive it did not make, before writing anything', () => {
    const parent = scratch();
    writeFiles(parent, { 'pack.zip': 'not an aims archive\n' });
    const before = treeSnapshot(parent);
    const result = pack(root, path.join(parent, 'pack'), ['--zip']);
    expect(result.code).toBe(2);
    expect(treeSnapshot(parent), 'a refused run must leave no pack folder behind').toEqual(before);
  });

  it('a pack written inside the repository does not change the next pack (same records, commit and as-of date)', () => {
    const repo = makeSmallRepo();
    try {
      const first = runBin(['report', 'pack', '--out', 'audit-pack', '--as-of', AS_OF], repo.dir);
      expectReportExit(first);
      const before = readTree(path.join(repo.dir, 'audit-pack'));
      const second = runBin(['report', 'pack', '--out', 'audit-pack', '--as-of', AS_OF, '--force'], repo.dir);
      expectReportExit(second);
      const after = readTree(path.join(repo.dir, 'audit-pack'));
      expect([...after.keys()]).toEqual([...before.keys()]);
      for (const [p, bytes] of before) expect(after.get(p)?.toString('utf8'), p).toBe(bytes.toString('utf8'));
    } finally {
      repo.cleanup();
    }
  });
});

describe('aims report pack: hostile records and links out of the repository', () => {
  const SECRET = 'TOP SECRET: outside the repository';
  const SCOPE_SCRIPT = '<script>alert("scope")</script>';
  let root = '';
  let parent = '';
  let out = '';
  let files = new Map<string, Buffer>();
  let result: RunResult;
  let beforeParent: string[] = [];
  let beforeRepo: Record<string, string> = {};
  const EVIL = '/tmp/aims-evil';

  beforeAll(() => {
    const outside = scratch();
    writeFiles(outside, { 'secret.txt': `${SECRET}\n`, 'dir/secret.txt': `${SECRET}\n` });
    const extra: FileTree = {
      ...HOSTILE,
      'aims/scope.yaml': `kind: scope\nid: SCOPE-1\ntitle: Scope\nstatement: '${SCOPE_SCRIPT} scope'\nsystems: []\n`,
      'aims/links.yaml': [
        'kind: system',
        'id: SYS-LINKS',
        'title: Links',
        'description: Cites evidence through links.',
        'lifecycle: operation',
        'evidence:',
        '  - evidence/leak.md',
        '  - evidence/outdir/secret.txt',
        '  - evidence/inside-link.md',
        '',
      ].join('\n'),
    };
    const repo = makeSmallRepo(extra);
    cleanups.push(repo.cleanup);
    root = repo.dir;
    symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'evidence/leak.md'));
    symlinkSync(path.join(outside, 'dir'), path.join(root, 'evidence/outdir'));
    symlinkSync('policy.md', path.join(root, 'evidence/inside-link.md'));
    git(root, ['add', '-A']);
    git(root, ['commit', '-q', '-m', 'links']);
    parent = scratch();
    out = path.join(parent, 'a', 'b', 'pack');
    mkdirSync(path.dirname(out), { recursive: true });
    expect(existsSync(EVIL)).toBe(false);
    beforeParent = listPaths(parent);
    beforeRepo = treeSnapshot(root);
    result = pack(root, out);
    files = readTree(out);
  });

  it('still builds the pack (validation errors do not stop a report, but make it exit 1)', () => {
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/validation errors?.*aims validate lists them/);
    expect(files.has('manifest.json')).toBe(true);
  });

  it('writes nothing outside the pack, whatever the record ids (../../x)', () => {
    const added = listPaths(parent).filter((p) => !beforeParent.includes(p));
    expect(added.filter((p) => p !== 'a/b/pack' && !p.startsWith('a/b/pack/'))).toEqual([]);
    expect(existsSync(EVIL)).toBe(false);
    expect(treeSnapshot(root)).toEqual(beforeRepo);
    expect([...files.keys()].filter((p) => p.split('/').includes('..'))).toEqual([]);
  });

  it('no raw `<script>alert(1)` (the risk title) in any file of the pack', () => {
    for (const [p, bytes] of files) {
      if (p.startsWith('evidence/')) continue;
      expect(bytes.toString('utf8').includes(SCRIPT), p).toBe(false);
    }
    // It is there, as text.
    expect(decodeEntities(files.get('risks.html')?.toString('utf8') ?? '')).toContain(SCRIPT);
  });

  it('every HTML page shows the hostile scope statement as text, and no page has a script or img element', () => {
    const pages = htmlPages(out);
    expect(pages.length).toBeGreaterThanOrEqual(9);
    for (const [page, html] of pages) {
      expect(html, page).not.toMatch(/<script/i);
      expect(html, page).not.toMatch(/<img/i);
      expect(decodeEntities(html), page).toContain(SCOPE_SCRIPT);
    }
  });

  it('soa.html shows the attribute-breaking justification as text', () => {
    const html = files.get('soa.html')?.toString('utf8') ?? '';
    const { header, rows } = htmlSoaTable(html);
    const row = rows.find((r) => r[0] === 'A.6.2.4');
    expect(row?.[header.indexOf('Justification')]).toBe(IMG);
    expect(html).not.toContain(IMG);
    expect(html).not.toContain('onerror=alert');
  });

  it('the Markdown files carry no raw HTML from the records (viewers would render it)', () => {
    for (const file of ['soa.md', 'gap.md']) {
      const md = files.get(file)?.toString('utf8') ?? '';
      expect(md, file).not.toMatch(/<script/i);
      expect(md, file).not.toMatch(/<img/i);
    }
  });

  it('soa.csv keeps the record text as data', () => {
    const csv = files.get('soa.csv')?.toString('utf8') ?? '';
    expect(csv).toContain(`"${IMG.replace(/"/g, '""')}"`);
  });

  it('does not copy evidence reached through a link out of the repository', () => {
    for (const [p, bytes] of files) expect(bytes.toString('utf8').includes(SECRET), p).toBe(false);
    const sources = manifestOf(out).evidence.map((e) => e.source);
    expect(sources).not.toContain('evidence/leak.md');
    expect(sources).not.toContain('evidence/outdir/secret.txt');
    expect([...files.keys()].filter((p) => /leak|outdir|\.\./.test(p))).toEqual([]);
  });

  it('copies evidence through a link that stays inside the repository', () => {
    expect(files.get('evidence/inside-link.md')?.toString('utf8')).toBe('# AI policy\n');
  });

  it('maps each evidence file to the records and controls that cite it (a record whose id is invalid by its file)', () => {
    const policy = manifestOf(out).evidence.find((e) => e.source === 'evidence/policy.md');
    expect(policy?.records).toEqual(['A.2.2', 'A.6.2.4', 'aims/hostile.yaml']);
    expect(policy?.controls).toEqual(expect.arrayContaining(['A.2.2', 'A.6.2.4']));
    expect(manifestOf(out).evidence.find((e) => e.source === AWKWARD_EVIDENCE)).toMatchObject({ records: ['A.6.2.4'], controls: ['A.6.2.4'] });
    expect(manifestOf(out).urls).toEqual([{ url: 'https://intranet.northwind-ai.eu/policy', records: ['A.2.2'] }]);
  });

  it('copies an evidence file with an awkward name', () => {
    expect(files.get(AWKWARD_EVIDENCE)?.toString('utf8')).toBe('minutes\n');
  });

  it('every local link resolves to a file in the pack, awkward names included', () => {
    expect(brokenLocalLinks(out)).toEqual([]);
  });

  it('aims verify says it is intact', () => {
    expect(runBin(['verify', out], root).code).toBe(0);
  });
});

describe('aims report pack: templates', () => {
  const REPO_FOOTER = '<footer>REPO-FOOTER {{organisation}}</footer>\n</body>\n</html>\n';
  const DIR_FOOTER = '<footer>DIR-FOOTER {{organisation}}</footer>\n</body>\n</html>\n';
  const REPO_STYLES = '<style>/* REPO-STYLES */ body { color: #111; }</style>\n';

  function repoWith(templates: FileTree): string {
    const repo = makeSmallRepo(templates);
    cleanups.push(repo.cleanup);
    return repo.dir;
  }

  it('a partial in templates/ beside aims.yaml is used on every page and by report soa', () => {
    const root = repoWith({ 'templates/partials/footer.hbs': REPO_FOOTER });
    const out = path.join(scratch(), 'pack');
    packOk(root, out);
    for (const [page, html] of htmlPages(out)) {
      expect(html, page).toContain('REPO-FOOTER Tiny Lending, &quot;Small&quot; Ltd');
      expect(html, page).not.toContain('Generated by aims');
    }
    const soa = runBin(['report', 'soa', root, '--format', 'html', '--as-of', AS_OF], root);
    expectReportExit(soa);
    expect(soa.stdout).toContain('REPO-FOOTER');
  });

  it('--templates DIR wins over templates/, which still fills in what DIR lacks', () => {
    const root = repoWith({ 'templates/partials/footer.hbs': REPO_FOOTER, 'templates/partials/styles.hbs': REPO_STYLES });
    const dir = scratch();
    writeFiles(dir, { 'partials/footer.hbs': DIR_FOOTER });
    const out = path.join(scratch(), 'pack');
    packOk(root, out, ['--templates', dir]);
    for (const [page, html] of htmlPages(out)) {
      expect(html, page).toContain('DIR-FOOTER');
      expect(html, page).not.toContain('REPO-FOOTER');
      expect(html, page).toContain('REPO-STYLES');
    }
  });

  const BROKEN: [string, FileTree, string][] = [
    ['a page template', { 'templates/soa.html.hbs': '{{> head}}\n{{#each soa.rows}}<p>{{id}}</p>\n' }, 'templates/soa.html.hbs'],
    ['a partial', { 'templates/partials/footer.hbs': '<footer>{{#each notes}}{{this}}\n</footer>\n' }, 'templates/partials/footer.hbs'],
    ['a page template naming an unknown field', { 'templates/gap.html.hbs': '{{> head}}{{no_such_field}}{{> footer}}\n' }, 'templates/gap.html.hbs'],
    ['a partial naming an unknown field', { 'templates/partials/footer.hbs': '<footer>{{no_such_field}}</footer></body></html>\n' }, 'templates/partials/footer.hbs'],
  ];

  it.each(BROKEN)('a broken user template (%s): exit 2 naming the file, no stack trace, nothing written', (_what, templates, file) => {
    const root = repoWith(templates);
    const parent = scratch();
    const result = pack(root, path.join(parent, 'pack'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(path.join(root, file));
    expect(result.stderr).not.toMatch(/internal error/i);
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expectOnly(parent, []);
  });

  it('a broken template given with --templates: exit 2 naming that file', () => {
    const root = repoWith({});
    const dir = scratch();
    writeFiles(dir, { 'index.html.hbs': '{{#if organisation}}unclosed\n' });
    const parent = scratch();
    const result = pack(root, path.join(parent, 'pack'), ['--templates', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(path.join(dir, 'index.html.hbs'));
    expect(result.stderr).not.toMatch(/internal error/i);
    expectOnly(parent, []);
  });

  it('report soa with a broken user template: exit 2 naming the file', () => {
    const root = repoWith({ 'templates/soa.html.hbs': '{{#each soa.rows}}\n' });
    const result = runBin(['report', 'soa', root, '--format', 'html', '--as-of', AS_OF], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(path.join(root, 'templates/soa.html.hbs'));
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(result.stdout).toBe('');
  });
});
