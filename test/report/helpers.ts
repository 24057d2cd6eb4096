/**
 * Shared by the report tests: a small repository with decided, excluded and undecided controls,
 * an RFC 4180 parser, the catalogue's Annex A order, a reader for whole folders, a minimal ZIP
 * reader, and a few HTML helpers. Nothing here imports src/: the tests see aims as a user does.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { crc32, inflateRawSync } from 'node:zlib';
import { expect } from 'vitest';
import { type FileTree, makeGitRepo } from '../helpers/git-repo.js';
import { PROJECT_ROOT, runBin } from '../helpers/run.js';

export const AS_OF = '2026-11-26';
export const ACME = path.join(PROJECT_ROOT, 'examples', 'acme');
/** The date of makeGitRepo's seed commit (git()'s default date). */
export const SEED_DATE = '2026-01-15';

/** A stack frame as Node prints it. */
export const STACK_FRAME = /^ {4}at /m;

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

let annexA: string[] | undefined;

/** The 38 Annex A control ids in catalogue order, as `aims catalog --format json` lists them. */
export function annexAIds(): string[] {
  if (annexA) return annexA;
  const result = runBin(['catalog', '--format', 'json'], PROJECT_ROOT);
  if (result.code !== 0) throw new Error(`aims catalog failed: ${result.stderr}`);
  const entries = JSON.parse(result.stdout) as { id: string; kind: string }[];
  annexA = entries.filter((e) => e.kind === 'control').map((e) => e.id);
  return annexA;
}

/** Text with every awkward CSV character: comma, double quote, and a line break. */
export const TRICKY_JUSTIFICATION = 'We build models, "in house", for credit.\nSecond line, still the same field.';
export const EXCLUSION_JUSTIFICATION = 'We supply no AI system to customers, so this control does not apply.';
export const ORGANISATION = 'Tiny Lending, "Small" Ltd';
export const SCOPE_STATEMENT = 'All AI used by Tiny Lending in the UK, for credit decisions.';

/**
 * A small repository: A.2.2 applicable (tricky justification, one file and one URL as evidence,
 * treated risk RISK-1), A.10.4 excluded with a justification and no `updated` (so git dates it),
 * A.5.5 written without `applicable` (undecided), every other Annex A control without a record
 * (undecided), and two organisation controls (CTL-B listed before CTL-A in the file).
 */
export const SMALL_REPO: FileTree = {
  'aims.yaml': `organisation: '${ORGANISATION}'\n`,
  'aims/scope.yaml': `kind: scope\nid: SCOPE-1\ntitle: Scope\nstatement: ${SCOPE_STATEMENT}\nsystems: []\n`,
  'aims/controls.yaml': [
    'kind: control',
    'id: A.2.2',
    'title: AI policy',
    'owner: Dana Smith',
    'applicable: true',
    'justification: |-',
    ...TRICKY_JUSTIFICATION.split('\n').map((l) => `  ${l}`),
    'status: implemented',
    'evidence:',
    '  - evidence/policy.md',
    '  - https://intranet.northwind-ai.eu/policy',
    'updated: 2026-03-01',
    '---',
    'kind: control',
    'id: A.10.4',
    'title: Customers',
    'owner: Dana Smith',
    'applicable: false',
    `justification: ${EXCLUSION_JUSTIFICATION}`,
    '---',
    'kind: control',
    'id: A.5.5',
    'title: Societal impacts',
    'justification: Still being discussed.',
    '---',
    'kind: control',
    'id: CTL-B',
    'title: Second organisation control',
    'applicable: true',
    'justification: Our own, second.',
    'status: planned',
    '---',
    'kind: control',
    'id: CTL-A',
    'title: First organisation control',
    'applicable: true',
    'justification: Our own, first.',
    'status: implemented',
    'risks: [RISK-2]',
    '',
  ].join('\n'),
  'aims/risks.yaml': [
    'kind: risk',
    'id: RISK-1',
    'title: Unfair credit decisions',
    'likelihood: possible',
    'impact: major',
    'treatment:',
    '  option: mitigate',
    '  controls: [A.2.2, CTL-B]',
    '---',
    'kind: risk',
    'id: RISK-2',
    'title: Model drift',
    'likelihood: unlikely',
    'impact: minor',
    '',
  ].join('\n'),
  'evidence/policy.md': '# AI policy\n',
};

export function makeSmallRepo(extra: FileTree = {}): { dir: string; cleanup: () => void } {
  return makeGitRepo({ commits: [{ files: { ...SMALL_REPO, ...extra }, message: 'records' }] });
}

/**
 * RFC 4180: fields separated by commas, optionally quoted; inside quotes, `""` is a quote and
 * commas and line breaks are data; records end with CRLF. A leading UTF-8 BOM is dropped.
 * Throws on anything malformed (a bare LF record end, a quote inside an unquoted field, text
 * after a closing quote, an unterminated quote, a missing final CRLF).
 */
export function parseCsv(text: string): string[][] {
  let i = text.startsWith('\uFEFF') ? 1 : 0;
  const rows: string[][] = [];
  let row: string[] = [];
  const fail = (what: string): never => {
    throw new Error(`CSV: ${what} at offset ${i}: ${JSON.stringify(text.slice(Math.max(0, i - 20), i + 20))}`);
  };
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) fail('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else {
            i++;
            break;
          }
        } else {
          field += text.charAt(i++);
        }
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r' && text[i] !== '\n') {
        if (text[i] === '"') fail('quote in an unquoted field');
        field += text.charAt(i++);
      }
    }
    row.push(field);
    if (text[i] === ',') {
      i++;
      if (i >= text.length) fail('a comma ends the file');
    } else if (text.startsWith('\r\n', i)) {
      i += 2;
      rows.push(row);
      row = [];
    } else if (i >= text.length) {
      fail('the last record has no CRLF');
    } else {
      fail('expected a comma or CRLF after a field');
    }
  }
  return rows;
}

/** Every file under `dir` (links not followed), path → bytes, paths with `/`, sorted. */
export function readTree(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const child = rel === '' ? name : `${rel}/${name}`;
      const stat = lstatSync(path.join(dir, child));
      if (stat.isDirectory()) walk(child);
      else out.set(child, readFileSync(path.join(dir, child)));
    }
  };
  walk('');
  return out;
}

/** Every path under `dir` (files, folders, links; .git skipped), for "nothing else was written". */
export function listPaths(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      if (name === '.git') continue;
      const child = rel === '' ? name : `${rel}/${name}`;
      out.push(child);
      const stat = lstatSync(path.join(dir, child));
      if (stat.isDirectory()) walk(child);
    }
  };
  walk('');
  return out;
}

/** The entries of a ZIP archive (stored or deflated), name → bytes, read from the central directory. */
export function unzip(archive: Buffer): Map<string, Buffer> {
  const end = archive.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new Error('no end of central directory');
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const out = new Map<string, Buffer>();
  for (let n = 0; n < count; n++) {
    if (archive.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central header at ${at}`);
    const method = archive.readUInt16LE(at + 10);
    const compressedSize = archive.readUInt32LE(at + 20);
    const size = archive.readUInt32LE(at + 24);
    const nameLength = archive.readUInt16LE(at + 28);
    const extraLength = archive.readUInt16LE(at + 30);
    const commentLength = archive.readUInt16LE(at + 32);
    const local = archive.readUInt32LE(at + 42);
    const name = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    if (archive.readUInt32LE(local) !== 0x04034b50) throw new Error(`bad local header for ${name}`);
    const dataStart = local + 30 + archive.readUInt16LE(local + 26) + archive.readUInt16LE(local + 28);
    const raw = archive.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : method === 0 ? Buffer.from(raw) : null;
    if (!data) throw new Error(`unsupported method ${method} for ${name}`);
    if (data.length !== size) throw new Error(`size mismatch for ${name}`);
    out.set(name, data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** A ZIP archive of stored (uncompressed) entries with correct CRCs: a re-packed archive, as a tamperer would make it. */
export function storeZip(entries: ReadonlyMap<string, Uint8Array>): Buffer {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    chunks.push(local, fileName, Buffer.from(data));
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(20, 6);
    header.writeUInt32LE(crc, 16);
    header.writeUInt32LE(data.length, 20);
    header.writeUInt32LE(data.length, 24);
    header.writeUInt16LE(fileName.length, 28);
    header.writeUInt32LE(offset, 42);
    central.push(header, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const size = central.reduce((n, b) => n + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...chunks, ...central, end]);
}

/** A throwaway SSH signing key pair made with ssh-keygen (which must be installed: the test fails, not skips, without it). */
export function sshKey(dir: string, name: string): { key: string; publicKey: string } {
  const key = path.join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', name, '-f', key]);
  return { key, publicKey: readFileSync(`${key}.pub`, 'utf8').trim() };
}

export interface Table {
  header: string[];
  rows: string[][];
}

/** The SoA table of an HTML page: header cells and each body row's cells, as text (tags dropped, entities decoded). */
export function htmlSoaTable(html: string): Table {
  const table = /<table class="soa">([\s\S]*?)<\/table>/.exec(html)?.[1];
  if (!table) throw new Error('no SoA table');
  const head = /<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1] ?? '';
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(table)?.[1] ?? '';
  return {
    header: [...head.matchAll(/<th[^>]*>([\s\S]*?)<\/th>/g)].map((c) => htmlText(c[1] ?? '')),
    rows: [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) => [...(m[1] ?? '').matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => htmlText(c[1] ?? ''))),
  };
}

/** The first Markdown table in a text: header cells and rows (cells trimmed, backslash escapes such as `\|` and `\[` read as a viewer does), the rule line dropped. */
export function markdownTable(md: string): Table {
  const lines = md.split('\n').filter((l) => l.startsWith('|'));
  const cells = (l: string): string[] =>
    l
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim().replace(/\\([!-/:-@[-`{-~])/g, '$1'));
  return { header: cells(lines[0] ?? '||'), rows: lines.slice(2).map(cells) };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the entities Handlebars writes (named, decimal and hex). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (all, e: string) => {
    if (e.startsWith('#x') || e.startsWith('#X')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

/** The text of an HTML fragment: `<br>` as a space, other tags dropped, entities decoded, space collapsed. */
export function htmlText(fragment: string): string {
  return decodeEntities(fragment.replace(/<br\s*\/?>/gi, ' ').replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

export const SCRIPT = '<script>alert(1)</script>';
export const IMG = '"><img src=x onerror=alert(1)>';
/** An evidence file whose name needs encoding in a link (`#` starts a fragment in a URL). */
export const AWKWARD_EVIDENCE = 'evidence/minutes #3 & "notes".md';

/**
 * Hostile record text on top of the small repository: a scope statement and a risk title that
 * are script tags, a justification that breaks out of an attribute, records whose ids climb out
 * of a folder, and an evidence file with an awkward name. Links out of the root are added by
 * the tests that need them (they need an outside folder).
 */
export const HOSTILE: FileTree = {
  'aims/scope.yaml': `kind: scope\nid: SCOPE-1\ntitle: Scope\nstatement: '${SCRIPT} scope'\nsystems: []\n`,
  'aims/hostile.yaml': [
    'kind: risk',
    'id: RISK-XSS',
    `title: '${SCRIPT}'`,
    'likelihood: likely',
    'impact: severe',
    'treatment:',
    '  option: mitigate',
    '  controls: [A.6.2.4]',
    '---',
    'kind: control',
    'id: A.6.2.4',
    'title: Verification and validation',
    'owner: Dana Smith',
    'applicable: true',
    `justification: '${IMG.replace(/'/g, "''")}'`,
    'status: implemented',
    'evidence:',
    '  - evidence/policy.md',
    `  - '${AWKWARD_EVIDENCE}'`,
    '---',
    'kind: control',
    'id: ../../x',
    `title: '../../x ${SCRIPT}'`,
    'applicable: true',
    'justification: A hostile id.',
    'status: implemented',
    'evidence:',
    '  - evidence/policy.md',
    '  - ../../x',
    '---',
    'kind: risk',
    'id: ../../../../tmp/aims-evil',
    'title: Climbing risk',
    'likelihood: rare',
    'impact: minor',
    '---',
    'kind: system',
    'id: ../x',
    'title: Climbing system',
    'description: A system whose id climbs.',
    'lifecycle: operation',
    'evidence:',
    '  - evidence/policy.md',
    '',
  ].join('\n'),
  [AWKWARD_EVIDENCE]: 'minutes\n',
};

/**
 * Every local `href` and `src` of every HTML page in a pack that does not resolve, as a browser
 * resolves it (relative to the page, percent-decoded), to a file inside the pack. Links to
 * https:// addresses and fragments of the same page are fine.
 */
export function brokenLocalLinks(packDir: string): string[] {
  const root = path.resolve(packDir);
  const broken: string[] = [];
  for (const [page, bytes] of readTree(root)) {
    if (!page.endsWith('.html')) continue;
    const base = pathToFileURL(path.join(root, page));
    for (const match of bytes.toString('utf8').matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)) {
      const value = decodeEntities(match[1] ?? '');
      if (/^https:\/\//i.test(value) || value.startsWith('#')) continue;
      let target: string;
      try {
        const url = new URL(value, base);
        if (url.protocol !== 'file:') throw new Error(`protocol ${url.protocol}`);
        target = fileURLToPath(url);
      } catch (error) {
        broken.push(`${page}: ${value} (${error instanceof Error ? error.message : String(error)})`);
        continue;
      }
      const inside = target.startsWith(root + path.sep);
      let isFile: boolean;
      try {
        isFile = lstatSync(target).isFile();
      } catch {
        isFile = false;
      }
      if (!inside || !isFile) broken.push(`${page}: ${value} → ${path.relative(root, target)}`);
    }
  }
  return broken;
}

/** A report was produced: exit 0, or exit 1 with the line saying the records have validation errors. */
export function expectReportExit(result: { code: number; stderr: string }): void {
  expect([0, 1], result.stderr).toContain(result.code);
  if (result.code === 1) expect(result.stderr).toMatch(/the records have \d+ validation errors? \(exit 1\); aims validate lists them/);
  else expect(result.stderr).not.toMatch(/validation error/);
}
