import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATALOGUE_FILE, readCatalogueText, readSchemas } from '../../src/assets.js';
import { loadCatalogue } from '../../src/validate/load-catalogue.js';
import { createSchemaRegistry } from '../../src/validate/schema-registry.js';
import { makeGitRepo } from '../helpers/git-repo.js';
import { parseJsonOutput } from '../helpers/json-output.js';
import { yaml } from '../helpers/yaml.js';
import { aims, repoWith, scaffold } from './helpers.js';

/**
 * `aims import soa|risks`: a consultant's SoA (XLSX) and risk register (CSV), generated here,
 * become records that validate clean and that `aims gap` judges. 38 Annex A rows with mixed
 * decisions, organisation controls, one row whose title contradicts its id, risks on a
 * custom three-level scale.
 */

const catalogue = loadCatalogue(CATALOGUE_FILE, readCatalogueText(), createSchemaRegistry(readSchemas()));
const controls = catalogue.entries.filter((e) => e.kind === 'control');
const CONTRADICTING = 'A.5.2';

const SOA_HEADER = ['Ref', 'Control name', 'Applicable?', 'Justification', 'Status', 'Owner', 'Maps to'];
function soaRows(): string[][] {
  const rows = controls.map((c, i): string[] => {
    if (c.id === CONTRADICTING) return [c.id, 'Internal audit', 'Yes', 'We audit the AIMS every year.', 'Implemented', 'Head of Audit', ''];
    if (i % 6 === 5) return [c.id, c.title, 'No', `We do not do what ${c.id} covers: no such activity in scope.`, '', '', ''];
    return [c.id, c.title, 'Yes', `Needed to treat our AI risks (${c.id}).`, ['Implemented', 'In progress', 'Planned', 'Not started'][i % 4] ?? '', 'CISO', ''];
  });
  rows.push(['ORG-01', 'Board oversight of AI', 'Yes', 'The board steers the AIMS.', 'Implemented', 'CEO', 'A.2.2; A.3.2']);
  rows.push(['ORG-02', 'Model inventory tooling', 'Yes', 'We keep every model in one inventory.', 'Partial', 'CTO', 'A.4.2, A.9.9']);
  rows.push(['ORG-03', 'Vendor due diligence', 'Yes', 'Every AI vendor is assessed.', 'Planned', 'Procurement', 'A.10.3']);
  return rows;
}

const RISK_HEADER = ['Risk ID', 'Risk', 'Likelihood', 'Impact', 'Owner', 'Treatment', 'Controls', 'Status'];
const RISK_ROWS = [
  ['R-01', 'Biased credit decisions', 'High', 'high', 'CRO', 'Reduce', 'A.6.2.4; ORG-02', 'Open'],
  ['R-02', 'Chatbot gives wrong fee information', 'Medium', '2', 'COO', 'Mitigate', 'A.8.2', 'treating'],
  ['R-03', 'Vendor model withdrawn', 'low', 'Medium', 'CTO', 'Accept', '', 'accepted'],
  ['R-04', 'Data leak through prompts', 'Very high', 'High', 'CISO', 'Mitigate', 'A.7.4', 'Open'],
];

async function writeXlsx(file: string, header: string[], rows: string[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('SoA');
  sheet.addRow(header);
  for (const r of rows) sheet.addRow(r);
  await workbook.xlsx.writeFile(file);
}

function csv(rows: string[][]): string {
  return rows.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\r\n') + '\r\n';
}

const AIMS_YAML = yaml`
  organisation: Import Test Ltd
  risk:
    likelihood: [low, medium, high]
    impact: [low, medium, high]
    acceptance: 3
`;

describe('aims import', () => {
  let repo: { dir: string; cleanup: () => void };
  beforeAll(async () => {
    repo = repoWith({ 'aims.yaml': AIMS_YAML, 'aims/systems/credit.yaml': yaml`
      kind: system
      id: SYS-CREDIT
      title: Credit model
      description: Scores applications
      lifecycle: operation
    ` });
    await writeXlsx(path.join(repo.dir, 'soa.xlsx'), SOA_HEADER, soaRows());
    writeFileSync(path.join(repo.dir, 'soa.csv'), '\uFEFF' + csv([SOA_HEADER, ...soaRows()]));
    writeFileSync(path.join(repo.dir, 'risks.csv'), csv([RISK_HEADER, ...RISK_ROWS]));
    await writeXlsx(path.join(repo.dir, 'risks.xlsx'), RISK_HEADER, RISK_ROWS);
  });
  afterAll(() => repo.cleanup());

  it('--dry-run shows the plan, lists the contradicting row with both meanings, and writes nothing', async () => {
    const result = await aims(repo.dir, 'import', 'soa', 'soa.xlsx', '--dry-run');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/would write 40 controls to aims\/controls\/imported-soa\.yaml/);
    expect(result.stdout).toMatch(/row 12 \(A\.5\.2\): not imported: `A\.5\.2` is AI system impact assessment process in Annex A; your title "Internal audit" matches no Annex A control/);
    expect(result.stdout).toMatch(/ORG-02\): A\.9\.9 is not Annex A control: left out of annex_a/);
    expect(result.stdout).toMatch(/still undecided: 1 Annex A control \(A\.5\.2\)/);
    expect(existsSync(path.join(repo.dir, 'aims/controls/imported-soa.yaml'))).toBe(false);
  });

  it('imports the XLSX SoA and the CSV risk register on a custom scale: validated clean, gap computed', async () => {
    const soa = await aims(repo.dir, 'import', 'soa', 'soa.xlsx');
    expect(soa.code, soa.stdout + soa.stderr).toBe(1); // one row left out
    expect(soa.stderr).toBe('');
    const written = readFileSync(path.join(repo.dir, 'aims/controls/imported-soa.yaml'), 'utf8');
    expect(written).toMatch(/^kind: control\nid: A\.2\.2\n/m);
    expect(written).not.toMatch(/id: A\.5\.2/);
    expect(written).toMatch(/id: ORG-01\ntitle: Board oversight of AI\napplicable: true\njustification: The board steers the AIMS\.\nstatus: implemented\nowner: CEO\nannex_a:\n {2}- A\.2\.2\n {2}- A\.3\.2/);

    const risks = await aims(repo.dir, 'import', 'risks', 'risks.csv');
    expect(risks.stdout).toMatch(/wrote 3 risks/);
    expect(risks.stdout).toMatch(/row 5 \(R-04\): not imported: likelihood "Very high" is not on the likelihood scale in aims\.yaml \(low, medium, high\)/);
    const register = readFileSync(path.join(repo.dir, 'aims/risks/imported-risks.yaml'), 'utf8');
    expect(register).toMatch(/id: R-01\ntitle: Biased credit decisions\nlikelihood: high\nimpact: high/);
    expect(register).toMatch(/id: R-02\ntitle: Chatbot gives wrong fee information\nlikelihood: medium\nimpact: medium/);
    expect(register).toMatch(/treatment:\n {2}option: mitigate\n {2}controls:\n {4}- A\.6\.2\.4\n {4}- ORG-02/);

    const validation = parseJsonOutput((await aims(repo.dir, 'validate', '--format', 'json')).stdout);
    expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(validation.summary.records).toBe(1 + 40 + 3);

    const gap = await aims(repo.dir, 'gap', '--format', 'json', '--as-of', '2026-11-26');
    expect(gap.code).toBe(0);
    const report = JSON.parse(gap.stdout) as { controls: { id: string; decision: string; status: string }[] };
    const decisions = Object.fromEntries(report.controls.map((c) => [c.id, `${c.decision} ${c.status}`]));
    expect(decisions['A.5.2']).toBe('undecided undecided');
    expect(decisions['A.2.3']).toBe('applicable partial');
    expect(Object.values(decisions).filter((d) => d.startsWith('excluded'))).toHaveLength(controls.filter((_, i) => i % 6 === 5).length);
  });

  it('never overwrites: a second import of the same sheet refuses, and existing records are listed, not rewritten', async () => {
    const before = readFileSync(path.join(repo.dir, 'aims/controls/imported-soa.yaml'), 'utf8');
    const again = await aims(repo.dir, 'import', 'soa', 'soa.csv', '--out', 'aims/controls/second.yaml');
    expect(again.stdout).toMatch(/row 2 \(A\.2\.2\): not imported: a record with the id A\.2\.2 already exists/);
    expect(again.stdout).toMatch(/would write|wrote 0 controls/);
    expect(existsSync(path.join(repo.dir, 'aims/controls/second.yaml'))).toBe(false);
    const clash = await aims(repo.dir, 'import', 'risks', 'risks.xlsx');
    expect(clash.code).toBe(1);
    expect(readFileSync(path.join(repo.dir, 'aims/controls/imported-soa.yaml'), 'utf8')).toBe(before);
  });

  it('writes only where aims reads records: --out outside the records globs, in .git or outside the repository is refused before anything is printed or written', async () => {
    for (const out of ['notes/imported.yaml', '.git/imported.yaml', '../escape.yaml', 'aims/../../escape.yaml']) {
      const refused = await aims(repo.dir, 'import', 'risks', 'risks.csv', '--out', out);
      expect(refused.code, out).toBe(2);
      expect(refused.stdout, out).toBe('');
      expect(refused.stderr, out).toMatch(/is not where this AIMS keeps records \(records in aims\.yaml: aims\/\*\*\/\*\.yaml/);
      expect(existsSync(path.resolve(repo.dir, out)), out).toBe(false);
    }
  });

  it('a sheet whose records would make a file over max_file_size writes nothing (validate would not read it)', async () => {
    const other = makeGitRepo({ commits: [{ message: 'AIMS', files: { 'aims.yaml': `${AIMS_YAML}max_file_size: 4096\n` } }] });
    try {
      writeFileSync(path.join(other.dir, 'big.csv'), csv([['Risk ID', 'Risk', 'Likelihood', 'Impact'], ['R-1', 'x'.repeat(5000), 'low', 'low']]));
      const result = await aims(other.dir, 'import', 'risks', 'big.csv');
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/aims\/risks\/imported-risks\.yaml:1: error: file is .*, over the 4\.0 KB limit.* \[file\/too-large\]/);
      expect(existsSync(path.join(other.dir, 'aims/risks/imported-risks.yaml'))).toBe(false);
    } finally {
      other.cleanup();
    }
  });

  it('reads columns named by flags or a mapping file, and stops on a column that is not there', async () => {
    const other = repoWith({ 'aims.yaml': AIMS_YAML, 'register.csv': csv([['Code', 'What could go wrong', 'P', 'I'], ['X-1', 'Drift', '3', '1']]), 'map.yaml': 'columns:\n  id: Code\n  title: What could go wrong\n' });
    try {
      const result = await aims(other.dir, 'import', 'risks', 'register.csv', '--map', 'map.yaml', '--column', 'likelihood=P', '--column', 'impact=I');
      expect(result.code, result.stdout + result.stderr).toBe(0);
      expect(readFileSync(path.join(other.dir, 'aims/risks/imported-risks.yaml'), 'utf8')).toMatch(/id: X-1\ntitle: Drift\nlikelihood: high\nimpact: low/);
      const missing = await aims(other.dir, 'import', 'risks', 'register.csv', '--column', 'likelihood=Chance', '--dry-run');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/column "Chance" \(for likelihood\) is not in the header row/);
    } finally {
      other.cleanup();
    }
  });

  it('checks the records with the AIMS before writing: a row naming an unknown role writes nothing and names the row and column', async () => {
    const other = makeGitRepo({
      commits: [
        {
          message: 'AIMS',
          files: {
            'aims.yaml': AIMS_YAML,
            'aims/roles.yaml': 'kind: role\nid: ROLE-CISO\ntitle: Chief Information Security Officer\nresponsibilities: [Security of the AIMS]\n',
          },
        },
      ],
    });
    try {
      const header = ['Ref', 'Control name', 'Applicable?', 'Justification', 'Owner'];
      const rows = [
        ['A.2.2', 'AI policy', 'Yes', 'We need a policy.', 'ROLE-CISO'],
        ['A.2.3', 'Alignment with other organizational policies', 'Yes', 'Policies must agree.', 'ROLE-CRO'],
      ];
      writeFileSync(path.join(other.dir, 'bad.csv'), csv([header, ...rows]));
      const dry = await aims(other.dir, 'import', 'soa', 'bad.csv', '--dry-run');
      const run = await aims(other.dir, 'import', 'soa', 'bad.csv');
      for (const result of [dry, run]) {
        expect(result.code, result.stdout + result.stderr).toBe(1);
        expect(result.stdout).toMatch(/row 3 \(A\.2\.3\), column "Owner": error: no role record has the id `ROLE-CRO`.*\[ref\/unknown-id\]/);
        expect(result.stdout).not.toMatch(/row 2 \(A\.2\.2\).*error/);
      }
      expect(run.stdout).toMatch(/did not write 2 controls/);
      expect(run.stdout).toMatch(/1 error in the records of this sheet: nothing was written/);
      expect(existsSync(path.join(other.dir, 'aims/controls/imported-soa.yaml'))).toBe(false);

      // A risk that names an Annex A control the SoA has no record for: also an error, also nothing written.
      writeFileSync(path.join(other.dir, 'risks.csv'), csv([RISK_HEADER, ['R-01', 'Biased credit decisions', 'High', 'high', 'ROLE-CISO', 'Reduce', 'A.6.2.4', 'Open']]));
      const risks = await aims(other.dir, 'import', 'risks', 'risks.csv');
      expect(risks.code).toBe(1);
      expect(risks.stdout).toMatch(/row 2 \(R-01\), column "Controls": error: `A\.6\.2\.4` is an Annex A control, but the Statement of Applicability has no record for it yet/);
      expect(existsSync(path.join(other.dir, 'aims/risks/imported-risks.yaml'))).toBe(false);

      // The same sheet with the role fixed: written, and aims validate finds no error.
      writeFileSync(path.join(other.dir, 'good.csv'), csv([header, ...rows.map((r) => r.map((c) => (c === 'ROLE-CRO' ? 'ROLE-CISO' : c)))]));
      const good = await aims(other.dir, 'import', 'soa', 'good.csv');
      expect(good.code, good.stdout).toBe(0);
      expect(good.stdout).toMatch(/wrote 2 controls/);
      expect(readFileSync(path.join(other.dir, 'aims/controls/imported-soa.yaml'), 'utf8')).toMatch(/id: A\.2\.3\n[^]*owner: ROLE-CISO/);
      const validation = parseJsonOutput((await aims(other.dir, 'validate', '--format', 'json')).stdout);
      expect(validation.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    } finally {
      other.cleanup();
    }
  });

  it('onto an aims init scaffold: names the file where the imported controls still wait commented out, to delete them there', async () => {
    const repo = await scaffold();
    try {
      writeFileSync(path.join(repo.dir, 'soa.csv'), csv([['Ref', 'Control name', 'Applicable?', 'Justification'], ['A.2.2', 'AI policy', 'Yes', 'We need one.'], ['A.2.3', 'Alignment with other organizational policies', 'No', 'Nothing to align yet.']]));
      const result = await aims(repo.dir, 'import', 'soa', 'soa.csv');
      expect(result.code, result.stdout).toBe(0);
      expect(result.stdout).toMatch(/A\.2\.2, A\.2\.3 also wait commented out in aims\/controls\/a2-[\w-]+\.yaml \(as aims init wrote them\): delete those entries there/);
    } finally {
      repo.cleanup();
    }
  });

  it.each(['csv', 'xlsx'] as const)('%s: a second row with the same id is listed naming both rows and not written', async (format) => {
    const other = repoWith({ 'aims.yaml': AIMS_YAML });
    try {
      const rows = [
        ['R-01', 'Biased credit decisions', 'high', 'high', 'Dana Smith', '', '', 'open'],
        ['R-02', 'Model drift', 'low', 'low', 'Dana Smith', '', '', 'open'],
        ['R-01', 'Prompt injection', 'medium', 'high', 'Dana Smith', '', '', 'open'],
        ['R-01', 'Vendor withdraws the model', 'low', 'medium', 'Dana Smith', '', '', 'open'],
      ];
      const file = path.join(other.dir, `register.${format}`);
      if (format === 'csv') writeFileSync(file, csv([RISK_HEADER, ...rows]));
      else await writeXlsx(file, RISK_HEADER, rows);
      const result = await aims(other.dir, 'import', 'risks', `register.${format}`);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/wrote 2 risks to aims\/risks\/imported-risks\.yaml: R-01, R-02\n/);
      expect(result.stdout).toMatch(/row 4 \(R-01\): not imported: row 2 has the same id R-01: only row 2 is read/);
      expect(result.stdout).toMatch(/row 5 \(R-01\): not imported: row 2 has the same id R-01/);
      const written = readFileSync(path.join(other.dir, 'aims/risks/imported-risks.yaml'), 'utf8');
      expect(written).toMatch(/title: Biased credit decisions/);
      expect(written).not.toMatch(/Prompt injection|Vendor withdraws/);
    } finally {
      other.cleanup();
    }
  });

  it('bounds hostile spreadsheets: an XLSX that inflates past 100 MB, too many columns, a FIFO, a huge mapping file', async () => {
    const other = repoWith({ 'aims.yaml': AIMS_YAML });
    try {
      // A ZIP whose one entry declares 200 MB: refused before anything is inflated.
      writeFileSync(path.join(other.dir, 'bomb.xlsx'), zipDeclaring('xl/worksheets/sheet1.xml', Buffer.from('<x/>'), 200 * 1024 * 1024));
      const bomb = await aims(other.dir, 'import', 'soa', 'bomb.xlsx', '--dry-run');
      expect(bomb.code).toBe(2);
      expect(bomb.stderr).toMatch(/bomb\.xlsx is not a readable XLSX file \(its entries inflate to more than 104857600 bytes\)/);
      writeFileSync(path.join(other.dir, 'wide.csv'), csv([Array.from({ length: 600 }, (_, i) => `C${i}`), ['A.2.2']]));
      const wide = await aims(other.dir, 'import', 'soa', 'wide.csv', '--dry-run');
      expect(wide.code).toBe(2);
      expect(wide.stderr).toMatch(/wide\.csv has more than 500 columns/);
      execFileSync('mkfifo', [path.join(other.dir, 'pipe.csv')]);
      const fifo = await aims(other.dir, 'import', 'soa', 'pipe.csv', '--dry-run');
      expect(fifo.code).toBe(2);
      expect(fifo.stderr).toMatch(/pipe\.csv is not a file/);
      writeFileSync(path.join(other.dir, 'risks.csv'), csv([RISK_HEADER, ...RISK_ROWS]));
      writeFileSync(path.join(other.dir, 'map.yaml'), 'columns:\n  id: Risk ID\n' + '#'.repeat(100 * 1024) + '\n');
      const map = await aims(other.dir, 'import', 'risks', 'risks.csv', '--map', 'map.yaml', '--dry-run');
      expect(map.code).toBe(2);
      expect(map.stderr).toMatch(/cannot read the mapping file/);
      expect(existsSync(path.join(other.dir, 'aims/risks/imported-risks.yaml'))).toBe(false);
    } finally {
      other.cleanup();
    }
  });
});

/** A one-entry ZIP archive (deflated) whose directory declares `declared` uncompressed bytes. */
function zipDeclaring(name: string, data: Buffer, declared: number): Buffer {
  const body = deflateRawSync(data);
  const nameBytes = Buffer.from(name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc32(data) >>> 0, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc32(data) >>> 0, 16);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  central.writeUInt32LE(0, 42);
  const centralStart = local.length + nameBytes.length + body.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralStart, 16);
  return Buffer.concat([local, nameBytes, body, central, nameBytes, end]);
}
