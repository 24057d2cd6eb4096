/**
 * Templates are code the report runs, and the repository's are untrusted: a repository template
 * that lies about readiness is disclosed on every page, in manifest.json and by aims verify, and
 * is gone with --builtin-templates; templates are read only from inside the repository, are
 * size-limited, render under a budget, cannot log to the terminal; a missing --templates folder
 * is a usage error.
 */
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir, type FileTree } from '../helpers/git-repo.js';
import { PROJECT_ROOT, type RunResult, runBin } from '../helpers/run.js';
import { AS_OF, expectReportExit, makeSmallRepo, readTree, sha256, STACK_FRAME } from './helpers.js';

const cleanups: (() => void)[] = [];
afterAll(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function scratch(): string {
  const t = tempDir('aims-templates-');
  cleanups.push(t.cleanup);
  return t.dir;
}

function repoWith(files: FileTree): string {
  const repo = makeSmallRepo(files);
  cleanups.push(repo.cleanup);
  return repo.dir;
}

function pack(root: string, out: string, extra: string[] = []): RunResult {
  const result = runBin(['report', 'pack', root, '--out', out, '--as-of', AS_OF, ...extra], root);
  expect(result.stdout + result.stderr).not.toMatch(STACK_FRAME);
  expect(result.stderr).not.toMatch(/internal error/);
  return result;
}

/** A page template that claims full readiness whatever the records say. */
const LYING_INDEX = '{{> head}}\n<h1>Readiness 100/100</h1>\n{{> footer}}\n';
const NOTICE = /Rendered with custom templates/;

describe('a repository template lying about readiness', () => {
  const root = repoWith({ 'templates/index.html.hbs': LYING_INDEX });

  it('is recorded in manifest.json with its path and SHA-256', () => {
    const out = path.join(scratch(), 'pack');
    expectReportExit(pack(root, out));
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { templates: unknown };
    expect(manifest.templates).toEqual([{ name: 'index.html.hbs', path: 'templates/index.html.hbs', sha256: sha256(Buffer.from(LYING_INDEX)) }]);
  });

  it('every page of the pack says it was rendered with custom templates, soa.md too', () => {
    const out = path.join(scratch(), 'pack');
    const result = pack(root, out);
    expect(result.stderr).toMatch(/rendered with 1 custom template \(templates\/index\.html\.hbs\)/);
    const pages = [...readTree(out)].filter(([p]) => p.endsWith('.html') || p === 'soa.md');
    expect(pages.length).toBeGreaterThan(5);
    for (const [page, bytes] of pages) expect(bytes.toString('utf8'), page).toMatch(NOTICE);
  });

  it('aims verify names it', () => {
    const out = path.join(scratch(), 'pack');
    pack(root, out);
    const result = runBin(['verify', out], root);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/rendered with 1 custom template: templates\/index\.html\.hbs/);
  });

  it('a custom footer cannot drop the notice', () => {
    const footerRoot = repoWith({ 'templates/index.html.hbs': LYING_INDEX, 'templates/partials/footer.hbs': '</body></html>\n' });
    const out = path.join(scratch(), 'pack');
    expectReportExit(pack(footerRoot, out));
    for (const [page, bytes] of readTree(out)) if (page.endsWith('.html')) expect(bytes.toString('utf8'), page).toMatch(NOTICE);
  });

  it('--builtin-templates ignores it: the real readiness, no notice, no templates in the manifest', () => {
    const out = path.join(scratch(), 'pack');
    const result = pack(root, out, ['--builtin-templates']);
    expectReportExit(result);
    const index = readFileSync(path.join(out, 'index.html'), 'utf8');
    expect(index).not.toContain('Readiness 100/100');
    const score = /readiness (\d+)\/100/.exec(result.stderr)?.[1];
    expect(score).toBeDefined();
    expect(score).not.toBe('100');
    expect(index).toContain(`${score}/100`);
    for (const [page, bytes] of readTree(out)) expect(bytes.toString('utf8'), page).not.toMatch(NOTICE);
    expect((JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as { templates: unknown[] }).templates).toEqual([]);
    expect(runBin(['verify', out], root).stdout).toMatch(/templates: aims's built-in templates only/);
  });

  it('report soa discloses it too, and --builtin-templates ignores it', () => {
    const soaRoot = repoWith({ 'templates/soa.html.hbs': '{{> head}}<p>All controls implemented.</p>{{> footer}}\n' });
    const custom = runBin(['report', 'soa', soaRoot, '--format', 'html', '--as-of', AS_OF], soaRoot);
    expectReportExit(custom);
    expect(custom.stdout).toMatch(NOTICE);
    const builtin = runBin(['report', 'soa', soaRoot, '--format', 'html', '--as-of', AS_OF, '--builtin-templates'], soaRoot);
    expectReportExit(builtin);
    expect(builtin.stdout).not.toMatch(NOTICE);
    expect(builtin.stdout).not.toContain('All controls implemented.');
  });
});

describe('templates are read only from inside the repository', () => {
  const MARKER = 'OUTSIDE-TEMPLATE-MARKER';

  function outsideTemplates(): string {
    const dir = scratch();
    mkdirSync(path.join(dir, 'partials'), { recursive: true });
    writeFileSync(path.join(dir, 'index.html.hbs'), `{{> head}}${MARKER}{{> footer}}\n`);
    return dir;
  }

  function refused(root: string, reason: RegExp): void {
    const parent = scratch();
    const result = pack(root, path.join(parent, 'pack'));
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toMatch(reason);
    expect(readdirSync(parent)).toEqual([]);
  }

  it('templates: in aims.yaml pointing out of the repository: exit 2, nothing written', () => {
    const outside = outsideTemplates();
    const root = repoWith({});
    writeFileSync(path.join(root, 'aims.yaml'), `organisation: Tiny\ntemplates: ${path.relative(root, outside).split(path.sep).join('/')}\n`);
    refused(root, /leads outside/);
  });

  it('templates: / (the whole file system): exit 2', () => {
    refused(repoWith({ 'aims.yaml': 'organisation: Tiny\ntemplates: /\n' }), /leads outside/);
  });

  it('a committed templates link out of the repository: exit 2', () => {
    const root = repoWith({});
    symlinkSync(outsideTemplates(), path.join(root, 'templates'));
    refused(root, /leads outside/);
  });

  it('a template file that links out of the repository: exit 2', () => {
    const root = repoWith({});
    mkdirSync(path.join(root, 'templates'));
    symlinkSync(path.join(outsideTemplates(), 'index.html.hbs'), path.join(root, 'templates', 'index.html.hbs'));
    refused(root, /link out of/);
  });

  it('a template linking to another file inside the repository is used (and disclosed)', () => {
    const root = repoWith({ 'design/index.html.hbs': `{{> head}}INSIDE-LINK{{> footer}}\n` });
    mkdirSync(path.join(root, 'templates'));
    symlinkSync('../design/index.html.hbs', path.join(root, 'templates', 'index.html.hbs'));
    const out = path.join(scratch(), 'pack');
    expectReportExit(pack(root, out));
    expect(readFileSync(path.join(out, 'index.html'), 'utf8')).toContain('INSIDE-LINK');
  });

  it('--templates naming a folder that does not exist: exit 2', () => {
    const root = repoWith({});
    const parent = scratch();
    const result = pack(root, path.join(parent, 'pack'), ['--templates', path.join(parent, 'nope')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--templates .*no such folder/);
    expect(readdirSync(parent)).toEqual([]);
    expect(runBin(['report', 'soa', root, '--templates', path.join(parent, 'nope')], root).code).toBe(2);
  });
});

describe('templates are contained', () => {
  it('a template over the size limit: exit 2', () => {
    const root = repoWith({ 'templates/index.html.hbs': `{{> head}}${'x'.repeat(300 * 1024)}{{> footer}}\n` });
    const parent = scratch();
    const result = pack(root, path.join(parent, 'pack'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/at most \d+ bytes/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('nested loops that would run for minutes end in a clear error: exit 2, nothing written', () => {
    const loop = '{{#each soa.rows}}{{#each @root.soa.rows}}{{#each @root.soa.rows}}{{#each @root.soa.rows}}{{#each @root.soa.rows}}xxxxxxxx{{/each}}{{/each}}{{/each}}{{/each}}{{/each}}';
    const root = repoWith({ 'templates/partials/footer.hbs': loop });
    const parent = scratch();
    const result = pack(root, path.join(parent, 'pack'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/rendering stopped: .*over \d+ loop iterations/);
    expect(result.stderr).toMatch(/--builtin-templates/);
    expect(readdirSync(parent)).toEqual([]);
  });

  it('{{log}} is disabled: exit 2, and nothing reaches the terminal', () => {
    const root = repoWith({ 'templates/index.html.hbs': '{{log "LOGGED-BY-TEMPLATE" level="error"}}\n' });
    const result = pack(root, path.join(scratch(), 'pack'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/log helper is disabled/);
    expect(result.stdout + result.stderr).not.toContain('LOGGED-BY-TEMPLATE');
  });
});

describe('the template contract version', () => {
  it('a template reads `modelVersion` 2 with the fields version 2 added, and the README documents that version', () => {
    const soaRoot = repoWith({ 'templates/soa.html.hbs': '<p>model {{modelVersion}}: {{readinessDetail.possible}} points, {{phases.length}} phases, {{blockers.length}} blockers</p>\n' });
    const run = runBin(['report', 'soa', soaRoot, '--format', 'html', '--as-of', AS_OF], soaRoot);
    expectReportExit(run);
    expect(run.stdout).toMatch(/model 2: \d+ points, 5 phases, \d+ blockers/);
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(readme).toMatch(/Every template receives this data \(`modelVersion` 2;/);
  });
});
