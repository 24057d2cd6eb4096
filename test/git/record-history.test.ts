import { afterAll, describe, expect, it } from 'vitest';
import { analyseRepository } from '../../src/api/analyse.js';
import { makeGitRepo } from '../helpers/git-repo.js';
import { yaml } from '../helpers/yaml.js';
import { AS_OF, clauseOf, commit, gapJson, type GapJson, ok, parseJson, type SoaJson } from './helpers.js';

/**
 * History per record, not per file, end to end in temporary repositories: a commit changes a
 * record only when that record's own content changed, so one record edited in a stream of
 * several is dated, versioned and flagged alone; commits after the as-of date do not count.
 */

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

function repo(): string {
  const r = makeGitRepo();
  cleanups.push(r.cleanup);
  // The organisation's own risk criteria, so clause 6.1.2 judges only the risks' review dates.
  commit(r.dir, { 'aims.yaml': 'risk:\n  acceptance: 6\n' }, '2024-01-01T12:00:00Z');
  return r.dir;
}

const risk = (id: string, title: string): string => yaml`
  kind: risk
  id: ${id}
  title: ${title}
  owner: Dana Whitfield
  likelihood: unlikely
  impact: minor
`;

const TITLE_1 = 'Credit model drfits after a rate shock and misprices loans';
const TITLE_7 = 'Chatbot gives customers wrong fee information';
const STREAM = `${risk('RISK-001', TITLE_1)}---\n${risk('RISK-007', TITLE_7)}`;

function policy(id: string, statement: string): string {
  return yaml`
    kind: policy
    id: ${id}
    title: Policy ${id}
    statements: ['${statement}']
    approved: { by: Board of Directors, date: 2026-01-10 }
    updated: 2026-01-10
  `;
}

async function documentOf(dir: string, id: string, options: { asOf?: string; ref?: string } = {}) {
  const { gaps } = await analyseRepository(dir, { today: AS_OF, asOf: options.asOf ?? AS_OF, ...(options.ref ? { ref: options.ref } : {}) });
  return gaps.documents.find((d) => d.id === id);
}

function staleRisks(dir: string, args: string[] = ['--as-of', AS_OF]): (string | null)[] {
  return clauseOf(gapJson(dir, args), '6.1.2')
    .findings.filter((f) => /last review/.test(f.message))
    .map((f) => f.record);
}

describe('per-record history', () => {
  it('a typo fixed in RISK-001 does not review RISK-007 in the same file: RISK-007 stays stale, with its own version', async () => {
    const dir = repo();
    const added = commit(dir, { 'aims/risks/register.yaml': STREAM }, '2025-01-01T12:00:00Z', 'risk register');
    const typo = commit(dir, { 'aims/risks/register.yaml': STREAM.replace('drfits', 'drifts') }, '2026-10-01T12:00:00Z', 'typo in RISK-001');
    expect(staleRisks(dir)).toEqual(['RISK-007']);
    expect(await documentOf(dir, 'RISK-001')).toMatchObject({ version: typo.slice(0, 7), changedOn: '2026-10-01' });
    expect(await documentOf(dir, 'RISK-007')).toMatchObject({ version: added.slice(0, 7), changedOn: '2025-01-01', firstCommitted: '2025-01-01', perFile: false });
  });

  it('a record dated by its own `updated` is not followed record by record: document control says its version is its file’s', async () => {
    const dir = repo();
    commit(dir, { 'aims/risks/register.yaml': `${STREAM}---\n${risk('RISK-009', 'Vendor model changes without notice')}updated: 2026-11-01\n` }, '2025-01-01T12:00:00Z');
    const typo = commit(dir, { 'aims/risks/register.yaml': `${STREAM.replace('drfits', 'drifts')}---\n${risk('RISK-009', 'Vendor model changes without notice')}updated: 2026-11-01\n` }, '2026-10-01T12:00:00Z');
    expect(await documentOf(dir, 'RISK-009')).toMatchObject({ version: typo.slice(0, 7), perFile: true });
    expect(await documentOf(dir, 'RISK-001')).toMatchObject({ version: typo.slice(0, 7), perFile: false });
    expect(staleRisks(dir)).toEqual(['RISK-007']);
  });

  it('reformatting a stream and adding comments reviews nothing', () => {
    const dir = repo();
    commit(dir, { 'aims/risks/register.yaml': STREAM }, '2025-01-01T12:00:00Z');
    const reformatted = `# Risk register, reviewed by the CRO\n${STREAM.replace(/^title: (.*)$/gm, 'title: "$1"  # wording agreed')}`;
    commit(dir, { 'aims/risks/register.yaml': reformatted }, '2026-10-01T12:00:00Z', 'reformat');
    expect(staleRisks(dir)).toEqual(['RISK-001', 'RISK-007']);
  });

  it('splitting a stream into one file per record (records moved, not changed) reviews nothing', () => {
    const dir = repo();
    commit(dir, { 'aims/risks/register.yaml': STREAM }, '2025-01-01T12:00:00Z');
    commit(dir, { 'aims/risks/register.yaml': risk('RISK-001', TITLE_1), 'aims/risks/chatbot.yaml': risk('RISK-007', TITLE_7) }, '2026-10-01T12:00:00Z', 'split');
    expect(staleRisks(dir).sort()).toEqual(['RISK-001', 'RISK-007']);
  });

  it('editing one policy of a file flags only that policy under 7.5.3, with its version', () => {
    const dir = repo();
    const both = `${policy('POL-1', 'We assess every AI system.')}---\n${policy('POL-2', 'We tell customers when they talk to AI.')}`;
    commit(dir, { 'aims/policies.yaml': both }, '2026-01-10T09:00:00Z', 'approved policies');
    const edit = commit(dir, { 'aims/policies.yaml': both.replace('We assess every AI system.', 'We assess every AI system before use.') }, '2026-03-01T09:00:00Z', 'edit POL-1');
    const findings = clauseOf(gapJson(dir, ['--as-of', AS_OF]), '7.5.3').findings.filter((f) => /awaits re-approval/.test(f.message));
    expect(findings.map((f) => f.record)).toEqual(['POL-1']);
    expect(findings[0]?.message).toContain(`version ${edit.slice(0, 7)}`);
  });

  it('an edit committed after the as-of date does not count: not under --ref with an earlier --as-of, not pinned to that date', async () => {
    const dir = repo();
    const both = `${policy('POL-1', 'We assess every AI system.')}---\n${policy('POL-2', 'We tell customers when they talk to AI.')}`;
    const approved = commit(dir, { 'aims/policies.yaml': both }, '2026-01-10T09:00:00Z', 'approved policies');
    commit(dir, { 'aims/policies.yaml': both.replace('We assess every AI system.', 'We assess every AI system before use.') }, '2026-10-01T09:00:00Z', 'edit POL-1');
    const flagged = (args: string[]): (string | null)[] =>
      // Pinned to an earlier commit, aims says which on stderr: allowed here.
      clauseOf(parseJson<GapJson>(ok(['gap', '--format', 'json', ...args], dir, {}, { quiet: false }).stdout), '7.5.3')
        .findings.filter((f) => /awaits re-approval/.test(f.message))
        .map((f) => f.record);
    expect(flagged(['--as-of', AS_OF])).toEqual(['POL-1']);
    expect(flagged(['--as-of', '2026-09-30'])).toEqual([]);
    // The tree holds the edit, but the edit entered the repository after the as-of date.
    expect(flagged(['--ref', 'HEAD', '--as-of', '2026-09-30'])).toEqual([]);
    expect(await documentOf(dir, 'POL-1', { ref: 'HEAD', asOf: '2026-09-30' })).toMatchObject({ version: approved.slice(0, 7), changedOn: '2026-01-10', awaitingReapproval: false });
  });

  it('an old version larger than max_file_size is not read into memory: the record is dated by its file, and the report says so', () => {
    const dir = repo();
    commit(dir, { 'aims.yaml': 'risk:\n  acceptance: 6\nmax_file_size: 4096\n' }, '2024-06-01T12:00:00Z');
    commit(dir, { 'aims/risks/r.yaml': `${risk('RISK-001', TITLE_1)}# ${'padding '.repeat(1000)}\n` }, '2025-01-01T12:00:00Z');
    commit(dir, { 'aims/risks/r.yaml': risk('RISK-001', TITLE_1) }, '2026-10-01T12:00:00Z', 'comment dropped');
    // Only a comment went, but the old version cannot be compared: the file's date is used, with a note.
    expect(staleRisks(dir)).toEqual([]);
    expect(ok(['gap', '--as-of', AS_OF], dir).stdout).toContain('1 record is dated by the last change of its file, which may be later than the record\'s own: git history was too long to follow, or an old version was larger than max_file_size');
  });

  it('the SoA dates, versions and credits each control of a shared file by its own last change', () => {
    const dir = repo();
    const controls = yaml`
      kind: control
      id: A.2.2
      title: AI policy
      applicable: true
      justification: We build AI systems.
      status: planned
      ---
      kind: control
      id: A.10.4
      title: Customers
      applicable: false
      justification: We supply no AI system to customers.
    `;
    const first = commit(dir, { 'aims/controls.yaml': controls }, '2026-01-10T09:00:00Z');
    const second = commit(dir, { 'aims/controls.yaml': controls.replace('status: planned', 'status: partial') }, '2026-03-01T09:00:00Z');
    const soa = parseJson<SoaJson>(ok(['report', 'soa', '--format', 'json', '--as-of', AS_OF], dir).stdout);
    expect(soa.controls.find((c) => c.id === 'A.2.2')).toMatchObject({ version: second.slice(0, 7), lastChanged: '2026-03-01' });
    expect(soa.controls.find((c) => c.id === 'A.10.4')).toMatchObject({ version: first.slice(0, 7), lastChanged: '2026-01-10' });
  });
});
