import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { git, makeGitRepo, tempDir, writeFiles } from '../helpers/git-repo.js';
import { yaml } from '../helpers/yaml.js';
import { AS_OF, clauseOf, commit, gapJson, htmlRows, ok, type PackManifest, parseJson, shortHash, type SoaJson, versionOf } from './helpers.js';

/**
 * Document control (clause 7.5) from git, and provenance: record versions and authors in the
 * SoA and the pack, approved records edited since their approval flagged under 7.5.3, the
 * commit and its cleanliness stated in every report, record blob ids in the pack manifest.
 */

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function repo(): string {
  const r = makeGitRepo();
  cleanups.push(r.cleanup);
  return r.dir;
}

function policy(statement: string, approvedOn = '2026-01-10', id = 'POL-1'): string {
  return yaml`
    kind: policy
    id: ${id}
    title: AI policy
    statements: ['${statement}']
    approved: { by: Board of Directors, date: ${approvedOn} }
    updated: ${approvedOn}
  `;
}

const REAPPROVAL = /awaits re-approval/;

function reapprovalFindings(dir: string, args: string[] = ['--as-of', AS_OF]): { message: string; record: string | null; file: string | null }[] {
  return clauseOf(gapJson(dir, args), '7.5.3').findings.filter((f) => REAPPROVAL.test(f.message));
}

describe('re-approval (7.5.3)', () => {
  it('a policy approved 2026-01-10 and edited in a commit of 2026-03-01 awaits re-approval: 7.5.3 names it', () => {
    const dir = repo();
    commit(dir, { 'aims/policies/ai-policy.yaml': policy('We assess every AI system.') }, '2026-01-10T09:00:00Z', 'approved policy');
    const edit = commit(dir, { 'aims/policies/ai-policy.yaml': policy('We assess every AI system before use, and yearly.') }, '2026-03-01T09:00:00Z', 'edit');
    const report = gapJson(dir, ['--as-of', AS_OF]);
    const c = clauseOf(report, '7.5.3');
    expect(c.status).not.toBe('met');
    expect(c.findings.filter((f) => REAPPROVAL.test(f.message))).toEqual([
      {
        message: `policy POL-1 was changed on 2026-03-01 (version ${edit.slice(0, 7)}, by Test Author) after its approval on 2026-01-10: it awaits re-approval`,
        record: 'POL-1',
        file: 'aims/policies/ai-policy.yaml',
        line: 1,
      },
    ]);
    const text = ok(['gap', '--as-of', AS_OF], dir).stdout;
    expect(text).toContain('policy POL-1 was changed on 2026-03-01');
    expect(text).toContain('have the change approved and update `approved.date`');
  });

  it('a policy committed once (imported) after its approval date is not flagged', () => {
    const dir = repo();
    commit(dir, { 'aims/policies/ai-policy.yaml': policy('We assess every AI system.') }, '2026-03-01T09:00:00Z', 'import');
    expect(reapprovalFindings(dir)).toEqual([]);
    expect(clauseOf(gapJson(dir, ['--as-of', AS_OF]), '7.5.3').findings.map((f) => f.record)).not.toContain('POL-1');
  });

  it('edits on the approval day itself are part of the approved version', () => {
    const dir = repo();
    commit(dir, { 'aims/policies/ai-policy.yaml': policy('Draft.') }, '2026-01-05T09:00:00Z', 'draft');
    commit(dir, { 'aims/policies/ai-policy.yaml': policy('We assess every AI system.') }, '2026-01-10T17:00:00Z', 'as approved');
    expect(reapprovalFindings(dir)).toEqual([]);
  });

  it('recording the re-approval on the day of the approval clears the flag', () => {
    const dir = repo();
    commit(dir, { 'aims/policies/ai-policy.yaml': policy('We assess every AI system.') }, '2026-01-10T09:00:00Z');
    commit(dir, { 'aims/policies/ai-policy.yaml': policy('We assess every AI system, yearly.') }, '2026-03-01T09:00:00Z');
    expect(reapprovalFindings(dir)).toHaveLength(1);
    commit(dir, { 'aims/policies/ai-policy.yaml': policy('We assess every AI system, yearly.', '2026-03-20') }, '2026-03-20T15:00:00Z', 'board re-approved');
    expect(reapprovalFindings(dir)).toEqual([]);
  });

  it('recording the re-approval in a commit a few days after the board met clears the flag too', () => {
    const dir = repo();
    commit(dir, { 'aims/policies/ai-policy.yaml': policy('We assess every AI system.') }, '2026-01-10T09:00:00Z');
    commit(dir, { 'aims/policies/ai-policy.yaml': policy('We assess every AI system, yearly.') }, '2026-03-01T09:00:00Z');
    // The board approved on 2026-03-20; the secretary records it in git on 2026-03-23, as the finding's advice says.
    commit(dir, { 'aims/policies/ai-policy.yaml': policy('We assess every AI system, yearly.', '2026-03-20') }, '2026-03-23T09:00:00Z', 'record re-approval');
    expect(reapprovalFindings(dir)).toEqual([]);
  });

  it('a pure move of an approved policy (git mv) is not an edit', () => {
    const dir = repo();
    commit(dir, { 'aims/policy.yaml': policy('We assess every AI system.') }, '2026-01-10T09:00:00Z');
    writeFiles(dir, { 'aims/policies/.keep': '' });
    git(dir, ['mv', 'aims/policy.yaml', 'aims/policies/ai-policy.yaml'], '2026-03-01T09:00:00Z');
    git(dir, ['add', '-A'], '2026-03-01T09:00:00Z');
    git(dir, ['commit', '-q', '-m', 'reorganise'], '2026-03-01T09:00:00Z');
    expect(reapprovalFindings(dir)).toEqual([]);
  });

  it('scopes and assessments with an approval are controlled too; records without one never are', () => {
    const dir = repo();
    const files = {
      'aims/scope.yaml': yaml`
        kind: scope
        id: SCOPE-1
        title: Scope
        statement: All our AI.
        approved: { by: Board, date: 2026-01-10 }
      `,
      'aims/controls.yaml': yaml`
        kind: control
        id: A.2.2
        title: AI policy
        applicable: true
        justification: Needed.
        status: planned
      `,
    };
    commit(dir, files, '2026-01-10T09:00:00Z');
    commit(dir, { 'aims/scope.yaml': files['aims/scope.yaml'].replace('All our AI.', 'All our AI, in the UK.'), 'aims/controls.yaml': files['aims/controls.yaml'].replace('planned', 'partial') }, '2026-02-01T09:00:00Z');
    expect(reapprovalFindings(dir).map((f) => f.record)).toEqual(['SCOPE-1']);
  });

  it('under --ref, judged by the history up to that commit', () => {
    const dir = repo();
    commit(dir, { 'aims/policies/ai-policy.yaml': policy('We assess every AI system.') }, '2026-01-10T09:00:00Z');
    commit(dir, { 'aims/policies/ai-policy.yaml': policy('We assess every AI system, yearly.') }, '2026-03-01T09:00:00Z');
    expect(reapprovalFindings(dir, ['--ref', 'HEAD~1', '--as-of', AS_OF])).toEqual([]);
    expect(reapprovalFindings(dir, ['--ref', 'HEAD', '--as-of', AS_OF]).map((f) => f.record)).toEqual(['POL-1']);
  });
});

const CONTROLS = yaml`
  kind: control
  id: A.2.2
  title: AI policy
  owner: Dana Smith
  applicable: true
  justification: We build AI systems.
  status: implemented
  evidence: [evidence/policy.md]
  ---
  kind: control
  id: A.10.4
  title: Customers
  applicable: false
  justification: We supply no AI system to customers.
`;
const ORG_CONTROL = yaml`
  kind: control
  id: CTL-1
  title: Our monitoring
  applicable: true
  justification: Our own.
  status: planned
`;

describe('versions in the SoA and the pack', () => {
  let dir: string;
  let packDir: string;

  beforeAll(() => {
    dir = repo();
    commit(dir, { 'aims.yaml': 'organisation: Versions Ltd\n', 'aims/controls.yaml': CONTROLS, 'aims/own.yaml': ORG_CONTROL, 'evidence/policy.md': '# Policy\n', 'aims/policies/ai-policy.yaml': policy('We assess every AI system.') }, '2026-01-10T09:00:00Z');
    writeFiles(dir, { 'aims/own.yaml': ORG_CONTROL.replace('planned', 'partial'), 'aims/policies/ai-policy.yaml': policy('We assess every AI system, yearly.') });
    git(dir, ['add', '-A'], '2026-03-01T09:00:00Z');
    // git() sets the author through the environment; this commit is by someone else.
    git(dir, ['commit', '-q', '-m', 'edits', '--author', 'Pat Editor <pat@example.com>'], '2026-03-01T09:00:00Z');
    const out = tempDir();
    cleanups.push(out.cleanup);
    packDir = path.join(out.dir, 'pack');
    ok(['report', 'pack', '--as-of', AS_OF, '--out', packDir], dir, {}, { quiet: false });
  });

  it('SoA JSON: each control’s version is the short hash of the last commit that changed its file, with its author', () => {
    const soa = parseJson<SoaJson>(ok(['report', 'soa', '--format', 'json', '--as-of', AS_OF], dir).stdout);
    const row = (id: string) => soa.controls.find((c) => c.id === id);
    expect(row('A.2.2')).toMatchObject({ version: versionOf(dir, 'aims/controls.yaml'), changedBy: 'Test Author', lastChanged: '2026-01-10' });
    expect(row('A.10.4')).toMatchObject({ version: versionOf(dir, 'aims/controls.yaml'), changedBy: 'Test Author' });
    expect(row('CTL-1')).toMatchObject({ version: versionOf(dir, 'aims/own.yaml'), changedBy: 'Pat Editor', lastChanged: '2026-03-01' });
    expect(row('A.2.3')).toMatchObject({ version: '', changedBy: '', lastChanged: '' }); // no record, nothing to version
    expect(versionOf(dir, 'aims/controls.yaml')).not.toBe(versionOf(dir, 'aims/own.yaml'));
  });

  it('SoA Markdown has a Version column with the short hash', () => {
    const md = ok(['report', 'soa', '--format', 'md', '--as-of', AS_OF], dir).stdout;
    const header = md.split('\n').find((l) => l.startsWith('| Control |')) ?? '';
    const columns = header.split('|').map((c) => c.trim());
    const versionColumn = columns.indexOf('Version');
    expect(versionColumn).toBeGreaterThan(0);
    const cells = (id: string): string[] => (md.split('\n').find((l) => l.startsWith(`| ${id} `)) ?? '').split('|').map((c) => c.trim());
    expect(cells('A.2.2')[versionColumn]).toBe(versionOf(dir, 'aims/controls.yaml'));
    expect(cells('CTL-1 (organisation)')[versionColumn]).toBe(versionOf(dir, 'aims/own.yaml'));
  });

  it('SoA HTML shows the version and who made it', () => {
    const html = ok(['report', 'soa', '--format', 'html', '--as-of', AS_OF], dir).stdout;
    const rows = htmlRows(html);
    const a22 = rows.find((r) => r[0] === 'A.2.2');
    expect(a22?.[10]).toBe(`${versionOf(dir, 'aims/controls.yaml')} Test Author`);
    const own = rows.find((r) => r[0]?.startsWith('CTL-1'));
    expect(own?.[10]).toBe(`${versionOf(dir, 'aims/own.yaml')} Pat Editor`);
  });

  it('the pack’s documents.html lists every record with its version, change, author, first commit, approval and the flag', () => {
    const rows = htmlRows(readFileSync(path.join(packDir, 'documents.html'), 'utf8'));
    // Record | Kind | File | Version | Committed | Authored | By | Signature | First committed | Approved | State
    expect(rows).toEqual([
      ['A.2.2', 'control', 'aims/controls.yaml:1', versionOf(dir, 'aims/controls.yaml'), '2026-01-10', '2026-01-10', 'Test Author', 'unsigned', '2026-01-10', '', ''],
      ['A.10.4', 'control', 'aims/controls.yaml:10', versionOf(dir, 'aims/controls.yaml'), '2026-01-10', '2026-01-10', 'Test Author', 'unsigned', '2026-01-10', '', ''],
      ['CTL-1', 'control', 'aims/own.yaml:1', versionOf(dir, 'aims/own.yaml'), '2026-03-01', '2026-03-01', 'Pat Editor', 'unsigned', '2026-01-10', '', ''],
      ['POL-1', 'policy', 'aims/policies/ai-policy.yaml:1', versionOf(dir, 'aims/policies/ai-policy.yaml'), '2026-03-01', '2026-03-01', 'Pat Editor', 'unsigned', '2026-01-10', '2026-01-10', 'awaiting re-approval'],
    ]);
    expect(readFileSync(path.join(packDir, 'documents.html'), 'utf8')).toMatch(/<tr class="gap">\s*<td class="id">POL-1<\/td>/);
  });

  it('the pack’s gap report carries the 7.5.3 finding', () => {
    expect(readFileSync(path.join(packDir, 'gap.md'), 'utf8')).toMatch(/policy POL-1 was changed on 2026-03-01 \(version [0-9a-f]{7}, by Pat Editor\) after its approval on 2026-01-10: it awaits re-approval/);
  });
});

describe('provenance', () => {
  let dir: string;
  beforeAll(() => {
    dir = repo();
    commit(dir, { 'aims/controls.yaml': CONTROLS, 'aims/own.yaml': ORG_CONTROL, 'evidence/policy.md': '# Policy\n' }, '2026-01-10T09:00:00Z');
  });

  function soaMd(): string {
    return ok(['report', 'soa', '--format', 'md', '--as-of', AS_OF], dir).stdout;
  }

  it('a clean tree: the SoA names the short hash, without "uncommitted"', () => {
    const short = shortHash(dir);
    const md = soaMd();
    expect(md).toContain(`- **Commit:** ${short}\n`);
    expect(md).toContain(`_Generated by aims `);
    expect(md).toContain(`from commit ${short}, as of ${AS_OF}._`);
    expect(md).not.toMatch(/uncommitted/);
    const html = ok(['report', 'soa', '--format', 'html', '--as-of', AS_OF], dir).stdout;
    expect(html).toContain(`<dt>Commit</dt><dd><span class="id">${short}</span></dd>`);
    expect(parseJson<SoaJson>(ok(['report', 'soa', '--format', 'json', '--as-of', AS_OF], dir).stdout)).toMatchObject({ commit: git(dir, ['rev-parse', 'HEAD']).trim(), dirty: false });
  });

  it('with a modified record, the SoA says "(uncommitted changes)" in every format', () => {
    const file = path.join(dir, 'aims/own.yaml');
    writeFileSync(file, ORG_CONTROL.replace('planned', 'partial'));
    try {
      const short = shortHash(dir);
      expect(soaMd()).toContain(`- **Commit:** ${short} (uncommitted changes)\n`);
      const html = ok(['report', 'soa', '--format', 'html', '--as-of', AS_OF], dir).stdout;
      expect(html).toContain(`<span class="id">${short} (uncommitted changes)</span>`);
      expect(parseJson<SoaJson>(ok(['report', 'soa', '--format', 'json', '--as-of', AS_OF], dir).stdout)).toMatchObject({ dirty: true });
    } finally {
      git(dir, ['checkout', '-q', '--', 'aims/own.yaml']);
    }
    expect(soaMd()).not.toMatch(/uncommitted/);
  });

  it('an untracked evidence file counts as an uncommitted change (it could end up in a pack)', () => {
    writeFiles(dir, { 'evidence/new-scan.md': 'not yet committed\n' });
    try {
      expect(soaMd()).toContain(`(uncommitted changes)`);
    } finally {
      writeFiles(dir, { 'evidence/new-scan.md': null });
    }
  });

  it('the pack manifest lists every record file with its git blob id, equal to `git hash-object`, dirty ones included', () => {
    writeFiles(dir, { 'aims/own.yaml': ORG_CONTROL.replace('planned', 'partial'), 'aims/extra.yaml': 'kind: role\nid: ROLE-1\ntitle: Lead\nresponsibilities: [Run it]\n' });
    const out = tempDir();
    cleanups.push(out.cleanup);
    try {
      const pack = path.join(out.dir, 'pack');
      const run = ok(['report', 'pack', '--as-of', AS_OF, '--out', pack], dir, {}, { quiet: false });
      expect(run.stderr).toContain(`commit ${shortHash(dir)} (uncommitted changes);`);
      const manifest = parseJson<PackManifest>(readFileSync(path.join(pack, 'manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ commit: git(dir, ['rev-parse', 'HEAD']).trim(), dirty: true });
      const files = ['aims/controls.yaml', 'aims/extra.yaml', 'aims/own.yaml'];
      expect(manifest.records).toEqual(files.map((file) => ({ file, blob: git(dir, ['hash-object', file]).trim() })));
      // The modified file's blob is the bytes on disk, not HEAD's.
      expect(manifest.records.find((r) => r.file === 'aims/own.yaml')?.blob).not.toBe(git(dir, ['rev-parse', 'HEAD:aims/own.yaml']).trim());
    } finally {
      writeFiles(dir, { 'aims/extra.yaml': null });
      git(dir, ['checkout', '-q', '--', 'aims/own.yaml']);
    }
  });

  it('a clean pack: manifest commit is HEAD, dirty false, and every blob is the committed one', () => {
    const out = tempDir();
    cleanups.push(out.cleanup);
    const pack = path.join(out.dir, 'pack');
    ok(['report', 'pack', '--as-of', AS_OF, '--out', pack], dir, {}, { quiet: false });
    const manifest = parseJson<PackManifest>(readFileSync(path.join(pack, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ commit: git(dir, ['rev-parse', 'HEAD']).trim(), dirty: false });
    expect(manifest.records).toEqual(['aims/controls.yaml', 'aims/own.yaml'].map((file) => ({ file, blob: git(dir, ['rev-parse', `HEAD:${file}`]).trim() })));
  });
});
