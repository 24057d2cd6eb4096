/**
 * `aims report soa` through the built binary, in temporary git repositories: the Acme example
 * and a small repository with decided, excluded and undecided controls. Every format is read
 * back into rows the same way, so the four formats are held to one standard.
 */
import { appendFileSync, cpSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitStatus, treeSnapshot } from '../e2e/assert-case.js';
import { git, makeGitRepo, tempDir } from '../helpers/git-repo.js';
import { runBin } from '../helpers/run.js';
import {
  ACME,
  annexAIds,
  AS_OF,
  decodeEntities,
  expectReportExit,
  EXCLUSION_JUSTIFICATION,
  htmlSoaTable,
  makeSmallRepo,
  markdownTable,
  ORGANISATION,
  parseCsv,
  SCOPE_STATEMENT,
  SEED_DATE,
  STACK_FRAME,
  TRICKY_JUSTIFICATION,
} from './helpers.js';

const FORMATS = ['md', 'html', 'csv', 'json'] as const;
type Format = (typeof FORMATS)[number];

/** Columns the issue asks for, in this order (other columns may stand between them). */
const CSV_COLUMNS = ['Control', 'Title', 'Applicable', 'Justification', 'Status', 'Owner', 'Linked risks', 'Evidence', 'Last changed', 'Gap', 'Gap reason'];
const TABLE_COLUMNS = ['Control', 'Title', 'Applicable', 'Justification', 'Status', 'Owner', 'Linked risks', 'Evidence', 'Last changed', 'Gap'];

/** `names` appear in `header` in this order. */
function expectColumns(header: readonly string[], names: readonly string[]): void {
  const positions = names.map((n) => header.indexOf(n));
  expect(positions.every((p) => p >= 0), `columns ${JSON.stringify(header)} lack one of ${JSON.stringify(names)}`).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b));
}

/** A cell by column name. */
function cell(header: readonly string[], row: readonly string[], name: string): string {
  return row[header.indexOf(name)] ?? '';
}

/** One SoA row as every format can show it. */
interface Row {
  id: string;
  applicable: string;
  justification: string;
  status: string;
  risks: string[];
  lastChanged: string;
  gap: boolean;
}

interface JsonSoa {
  organisation: string;
  scope: string;
  asOf: string;
  commit: string | null;
  dirty: boolean;
  controls: {
    id: string;
    title: string;
    source: string;
    applicable: string;
    justification: string;
    status: string;
    owner: string;
    risks: string[];
    evidence: string[];
    lastChanged: string;
    gap: boolean;
    gapReason: string;
  }[];
}

const list = (s: string): string[] => (s.trim() === '' ? [] : s.split(/[;,]\s*/).map((x) => x.trim()));
const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

function rowsOf(format: Format, text: string): Row[] {
  switch (format) {
    case 'json':
      return (JSON.parse(text) as JsonSoa).controls.map((c) => ({
        id: c.id,
        applicable: c.applicable,
        justification: squash(c.justification),
        status: c.status,
        risks: c.risks,
        lastChanged: c.lastChanged,
        gap: c.gap,
      }));
    case 'csv': {
      const [header = [], ...rows] = parseCsv(text);
      expectColumns(header, CSV_COLUMNS);
      return rows.map((r) => {
        expect(r).toHaveLength(header.length);
        const get = (name: string): string => cell(header, r, name);
        return {
          id: get('Control'),
          applicable: get('Applicable'),
          justification: squash(get('Justification')),
          status: get('Status'),
          risks: list(get('Linked risks')),
          lastChanged: get('Last changed'),
          gap: get('Gap') === 'yes',
        };
      });
    }
    case 'md':
    case 'html': {
      const { header, rows } = format === 'md' ? markdownTable(text) : htmlSoaTable(text);
      expectColumns(header, TABLE_COLUMNS);
      return rows.map((r) => {
        expect(r).toHaveLength(header.length);
        const get = (name: string): string => cell(header, r, name);
        const justification = get('Justification');
        const gap = get('Gap');
        return {
          id: get('Control').split(' ')[0] ?? '',
          applicable: get('Applicable'),
          // The HTML page says "none recorded" for an empty justification.
          justification: format === 'html' && justification === 'none recorded' ? '' : squash(justification),
          status: get('Status'),
          risks: list(get('Linked risks')),
          lastChanged: get('Last changed'),
          gap: gap !== 'no' && gap !== 'no gap',
        };
      });
    }
  }
}

function soa(root: string, format: Format, extra: string[] = []): string {
  const result = runBin(['report', 'soa', root, '--format', format, '--as-of', AS_OF, ...extra], root);
  expect(result.stderr).not.toMatch(STACK_FRAME);
  expectReportExit(result);
  return result.stdout;
}

const cleanups: (() => void)[] = [];
afterAll(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

describe('aims report soa: the Acme example', () => {
  let root = '';
  let json: JsonSoa;
  const outputs = new Map<Format, string>();
  beforeAll(() => {
    const repo = makeGitRepo({ copyFrom: ACME });
    cleanups.push(repo.cleanup);
    root = repo.dir;
    for (const format of FORMATS) outputs.set(format, soa(root, format));
    json = JSON.parse(outputs.get('json') ?? '') as JsonSoa;
  }, 60_000);

  it.each(FORMATS)('%s: the 38 Annex A controls in catalogue order, then the organisation controls by id', (format) => {
    const rows = rowsOf(format, outputs.get(format) ?? '');
    const annex = annexAIds();
    expect(annex).toHaveLength(38);
    const own = json.controls.filter((c) => c.source === 'organisation').map((c) => c.id);
    expect(own.length).toBeGreaterThan(0);
    expect(own).toEqual([...own].sort());
    expect(rows.map((r) => r.id)).toEqual([...annex, ...own]);
    // Every format says the same about every row.
    expect(rows).toEqual(rowsOf('json', JSON.stringify(json)));
  });

  it('json: the controls source says which are Annex A', () => {
    expect(json.controls.slice(0, 38).every((c) => c.source === 'annex-a')).toBe(true);
    expect(json.controls.slice(38).every((c) => c.source === 'organisation')).toBe(true);
  });

  it('the gap flag and reason are the judgement of aims gap', () => {
    const gap = runBin(['gap', root, '--format', 'json', '--as-of', AS_OF], root);
    const judged = JSON.parse(gap.stdout) as { controls: { id: string; gap: boolean; findings: { message: string }[] }[] };
    expect(judged.controls.map((c) => c.id)).toEqual(annexAIds());
    for (const [index, control] of judged.controls.entries()) {
      const row = json.controls[index];
      expect(row?.id).toBe(control.id);
      expect(row?.gap, control.id).toBe(control.gap);
      expect(row?.gapReason, control.id).toBe(control.findings.map((f) => f.message).join('; '));
    }
    expect(judged.controls.some((c) => c.gap)).toBe(true);
  });
});

describe('aims report soa: decided, excluded and undecided controls', () => {
  let root = '';
  let short = '';
  const outputs = new Map<Format, string>();
  beforeAll(() => {
    const repo = makeSmallRepo();
    cleanups.push(repo.cleanup);
    root = repo.dir;
    short = git(root, ['rev-parse', '--short', 'HEAD']).trim();
    for (const format of FORMATS) outputs.set(format, soa(root, format));
  }, 60_000);
  const out = (format: Format): string => outputs.get(format) ?? '';
  const row = (format: Format, id: string): Row => {
    const found = rowsOf(format, out(format)).find((r) => r.id === id);
    if (!found) throw new Error(`no row ${id} in ${format}`);
    return found;
  };

  it.each(FORMATS)('%s: 38 Annex A rows in catalogue order, then CTL-A and CTL-B', (format) => {
    expect(rowsOf(format, out(format)).map((r) => r.id)).toEqual([...annexAIds(), 'CTL-A', 'CTL-B']);
  });

  it.each(FORMATS)('%s: the excluded control carries its justification', (format) => {
    expect(row(format, 'A.10.4')).toMatchObject({ applicable: 'no', justification: EXCLUSION_JUSTIFICATION, gap: false });
    expect(row(format, 'A.10.4').status).toMatch(/not applicable/);
  });

  it.each(FORMATS)('%s: undecided controls appear as rows that say undecided, with a gap', (format) => {
    // A.2.3 has no record at all; A.5.5 has one without `applicable`.
    for (const id of ['A.2.3', 'A.5.5']) {
      expect(row(format, id), id).toMatchObject({ applicable: 'undecided', status: 'undecided', gap: true });
    }
    const undecided = rowsOf(format, out(format)).filter((r) => r.applicable === 'undecided');
    expect(undecided).toHaveLength(36);
  });

  it.each(FORMATS)('%s: linked risks come from risk treatments and from the control itself', (format) => {
    expect(row(format, 'A.2.2').risks).toEqual(['RISK-1']); // RISK-1's treatment names A.2.2
    expect(row(format, 'CTL-B').risks).toEqual(['RISK-1']); // ... and CTL-B
    expect(row(format, 'CTL-A').risks).toEqual(['RISK-2']); // CTL-A lists RISK-2 itself
    expect(row(format, 'A.2.3').risks).toEqual([]);
  });

  it.each(FORMATS)('%s: last changed is `updated`, else the date git last changed the file', (format) => {
    expect(row(format, 'A.2.2').lastChanged).toBe('2026-03-01');
    expect(row(format, 'A.10.4').lastChanged).toBe(SEED_DATE);
    expect(row(format, 'A.2.3').lastChanged).toBe('');
  });

  it.each(FORMATS)('%s: a justification with commas, quotes and a line break survives', (format) => {
    expect(row(format, 'A.2.2').justification).toBe(squash(TRICKY_JUSTIFICATION));
  });

  it('csv: RFC 4180 with a header row, quoted fields, CRLF record ends, the line break kept inside its field', () => {
    const text = out('csv');
    const rows = parseCsv(text);
    const header = rows[0] ?? [];
    expectColumns(header, CSV_COLUMNS);
    expect(rows).toHaveLength(1 + 38 + 2);
    const a22 = rows.find((r) => r[0] === 'A.2.2') ?? [];
    expect(cell(header, a22, 'Justification')).toBe(TRICKY_JUSTIFICATION);
    expect(cell(header, a22, 'Evidence')).toBe('evidence/policy.md; https://intranet.northwind-ai.eu/policy');
    expect(text.endsWith('\r\n')).toBe(true);
    const undecided = rows.find((r) => r[0] === 'A.2.3') ?? [];
    expect(cell(header, undecided, 'Applicable')).toBe('undecided');
    expect(cell(header, undecided, 'Gap reason')).toMatch(/no SoA decision/);
    // Every field is quoted (the parser also accepts unquoted ones).
    for (const line of text.replace(/^\uFEFF/, '').split('\r\n').filter((l) => l !== '')) expect(line.startsWith('"'), line).toBe(true);
  });

  it('the parser in this test rejects what RFC 4180 does not allow', () => {
    expect(parseCsv('a,"b,c"\r\n"d""e","f\r\ng"\r\n')).toEqual([
      ['a', 'b,c'],
      ['d"e', 'f\r\ng'],
    ]);
    expect(() => parseCsv('a,b\nc,d\r\n')).toThrow(/CRLF/);
    expect(() => parseCsv('a,"b"c\r\n')).toThrow();
    expect(() => parseCsv('a,"b\r\n')).toThrow(/unterminated/);
    expect(() => parseCsv('a,b')).toThrow(/CRLF/);
  });

  it('json: the gap reasons are those of aims gap', () => {
    const soaJson = JSON.parse(out('json')) as JsonSoa;
    const gap = JSON.parse(runBin(['gap', root, '--format', 'json', '--as-of', AS_OF], root).stdout) as {
      controls: { id: string; gap: boolean; findings: { message: string }[] }[];
    };
    for (const control of gap.controls) {
      const r = soaJson.controls.find((c) => c.id === control.id);
      expect(r?.gap, control.id).toBe(control.gap);
      expect(r?.gapReason, control.id).toBe(control.findings.map((f) => f.message).join('; '));
    }
  });

  it.each(['md', 'html'] as const)('%s: the header names organisation, scope, as-of date and short commit', (format) => {
    const text = format === 'html' ? decodeEntities(out(format)) : out(format);
    const head = text.slice(0, text.indexOf(format === 'md' ? '| Control' : '<table'));
    expect(head).toContain(ORGANISATION);
    expect(head).toContain(SCOPE_STATEMENT);
    expect(head).toContain(AS_OF);
    expect(head).toContain(short);
    expect(text).not.toContain('uncommitted changes');
  });

  it('json: the header fields', () => {
    const soaJson = JSON.parse(out('json')) as JsonSoa;
    expect(soaJson).toMatchObject({ organisation: ORGANISATION, scope: SCOPE_STATEMENT, asOf: AS_OF, dirty: false });
    expect(soaJson.commit?.startsWith(short)).toBe(true);
  });

  it('says "(uncommitted changes)" after the commit once a file is modified', () => {
    const repo = makeSmallRepo();
    try {
      const shortHash = git(repo.dir, ['rev-parse', '--short', 'HEAD']).trim();
      appendFileSync(path.join(repo.dir, 'aims/risks.yaml'), '# edited\n');
      for (const format of ['md', 'html'] as const) {
        expect(soa(repo.dir, format), format).toContain(`${shortHash} (uncommitted changes)`);
      }
      expect(JSON.parse(soa(repo.dir, 'json'))).toMatchObject({ dirty: true });
    } finally {
      repo.cleanup();
    }
  });

  it('says "not a git repository" outside git', () => {
    const plain = tempDir();
    try {
      cpSync(root, plain.dir, { recursive: true, filter: (src) => path.basename(src) !== '.git' });
      expect(soa(plain.dir, 'md')).toContain('not a git repository');
    } finally {
      plain.cleanup();
    }
  });

  it.each(FORMATS)('%s --out writes that file, prints nothing on stdout, and changes nothing else', (format) => {
    const repo = makeSmallRepo();
    try {
      const expected = soa(repo.dir, format);
      const before = treeSnapshot(repo.dir);
      expect(gitStatus(repo.dir)).toBe('');
      const file = `reports/soa.${format}`;
      const result = runBin(['report', 'soa', '--format', format, '--as-of', AS_OF, '--out', file], repo.dir);
      expectReportExit(result);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(file);
      expect(readFileSync(path.join(repo.dir, file), 'utf8')).toBe(expected);
      const after = treeSnapshot(repo.dir);
      expect(Object.keys(after).filter((p) => !(p in before)).sort()).toEqual(['reports', file]);
      for (const [p, v] of Object.entries(before)) expect(after[p], p).toBe(v);
      expect(gitStatus(repo.dir)).toBe(`?? ${file}\n`);
    } finally {
      repo.cleanup();
    }
  });
});

describe('aims report soa: an organisation control mapped to an undecided Annex A control', () => {
  // CTL-C maps to A.2.3 (no SoA record) and to A.10.4 (excluded): the mapping is shown and, for
  // the undecided control only, offered as the suggested decision, which never decides it.
  const outputs = new Map<Format, string>();
  beforeAll(() => {
    const repo = makeSmallRepo({
      'aims/org-controls.yaml': 'kind: control\nid: CTL-C\ntitle: Policy alignment board\napplicable: true\njustification: Our own.\nstatus: implemented\nannex_a: [A.2.3, A.10.4]\n',
    });
    cleanups.push(repo.cleanup);
    for (const format of FORMATS) outputs.set(format, soa(repo.dir, format));
  }, 60_000);
  const SUGGESTION = 'applicable (mapped from CTL-C)';

  it('json and csv: the mapping and the suggestion are their own fields; the control stays undecided, with a gap', () => {
    const json = JSON.parse(outputs.get('json') ?? '') as { controls: { id: string; applicable: string; status: string; gap: boolean; mapping: string[]; suggested: string }[] };
    const byId = (id: string) => json.controls.find((c) => c.id === id);
    expect(byId('A.2.3')).toMatchObject({ applicable: 'undecided', status: 'undecided', gap: true, mapping: ['CTL-C'], suggested: SUGGESTION });
    expect(byId('A.10.4')).toMatchObject({ applicable: 'no', mapping: ['CTL-C'], suggested: '' });
    expect(byId('CTL-C')).toMatchObject({ mapping: ['A.2.3', 'A.10.4'], suggested: '' });
    expect(json.controls.filter((c) => c.applicable === 'undecided')).toHaveLength(36);
    const [header = [], ...rows] = parseCsv(outputs.get('csv') ?? '');
    const a23 = rows.find((r) => r[0] === 'A.2.3') ?? [];
    expect(cell(header, a23, 'Applicable')).toBe('undecided');
    expect(cell(header, a23, 'Status')).toBe('undecided');
    expect(cell(header, a23, 'Gap')).toBe('yes');
    expect(cell(header, a23, 'Annex A mapping')).toBe('CTL-C');
    expect(cell(header, a23, 'Suggested decision')).toBe(SUGGESTION);
  });

  it.each(['md', 'html'] as const)('%s: the row says undecided and shows the suggestion beside it; the summary still counts it undecided', (format) => {
    const text = outputs.get(format) ?? '';
    const { header, rows } = format === 'md' ? markdownTable(text) : htmlSoaTable(text);
    const a23 = rows.find((r) => cell(header, r, 'Control') === 'A.2.3') ?? [];
    expect(cell(header, a23, 'Applicable')).toBe(format === 'md' ? `undecided (suggested: ${SUGGESTION})` : `undecided suggested: ${SUGGESTION}`);
    expect(cell(header, a23, 'Status')).toBe('undecided');
    expect(cell(header, a23, 'Annex A mapping')).toBe('CTL-C');
    expect(cell(header, a23, 'Gap')).toMatch(/^(\*\*gap:\*\*|gap) /);
    expect(format === 'html' ? decodeEntities(text) : text).toMatch(/\b36 undecided\b/);
  });
});

describe('aims report soa: usage errors', () => {
  let root = '';
  beforeAll(() => {
    const repo = makeSmallRepo();
    cleanups.push(repo.cleanup);
    root = repo.dir;
  });

  it.each([
    ['an unknown format', ['--format', 'xml']],
    ['an invalid --as-of date', ['--as-of', '2026-13-45']],
    ['a folder as --out', ['--out', 'aims']],
  ])('%s: exit 2, one short message, nothing written', (_what, args) => {
    const before = treeSnapshot(root);
    const result = runBin(['report', 'soa', ...args], root);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toBe('');
    expect(result.stderr).not.toMatch(STACK_FRAME);
    expect(treeSnapshot(root)).toEqual(before);
  });

  it('report pack without --out: exit 2', () => {
    const before = treeSnapshot(root);
    const result = runBin(['report', 'pack'], root);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--out/);
    expect(treeSnapshot(root)).toEqual(before);
  });
});
