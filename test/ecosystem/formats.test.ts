import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonOutput } from '../helpers/json-output.js';
import { runBin } from '../helpers/run.js';
import { yaml } from '../helpers/yaml.js';
import { aims, PROBLEM_FILES, repoWith } from './helpers.js';

/**
 * The github and markdown formats, and several reports from one run: each --format goes to
 * the --output that follows it, or to standard output, which only one format may use.
 */

describe('aims validate --format github', () => {
  let repo: { dir: string; cleanup: () => void };
  beforeAll(() => {
    repo = repoWith(PROBLEM_FILES);
  });
  afterAll(() => repo.cleanup());

  it('prints exactly one workflow command per diagnostic, escaped as the Actions toolkit does', async () => {
    const result = await aims(repo.dir, 'validate', '--format', 'github');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe(
      [
        '::warning file=aims/risks/empty.yaml,line=1,col=1,title=file/empty::this file holds no record yet',
        '::error file=aims/risks/r1.yaml,line=4,col=1,title=schema/unknown-field::unknown field `likelyhood` (did you mean `likelihood`?)',
        '::error file=aims/risks/r1.yaml,line=6,col=9,title=schema/enum::`status` must be one of open, treating, accepted or closed, but it is text `pending`',
        // In the message (data) only %, CR and LF are escaped; ',' and ':' are fine there.
        "::error file=aims/risks/r2.yaml,line=6,col=1,title=schema/unknown-field::unknown field `a<b>&'q\"%25,:`",
        '',
      ].join('\n'),
    );
  });

  it('lists the same diagnostics as the json format, in the same order', async () => {
    const json = parseJsonOutput((await aims(repo.dir, 'validate', '--format', 'json')).stdout);
    const lines = (await aims(repo.dir, 'validate', '--format', 'github')).stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(json.diagnostics.length);
    lines.forEach((line, i) => {
      const d = json.diagnostics[i]!;
      expect(line.startsWith(`::${d.severity} file=${d.file},line=${d.line},col=${d.column},title=${d.rule}::`), line).toBe(true);
    });
  });

  it('escapes "," and ":" in the file property, and prints nothing for a clean repository', async () => {
    const odd = repoWith({
      'aims/risks/a,b:c.yaml': yaml`
        kind: risk
        id: RISK-001
        title: Odd name
        likelihood: possible
        impact: moderate
        status: pending
      `,
    });
    const clean = repoWith({ 'aims/risks/r3.yaml': PROBLEM_FILES['aims/risks/r3.yaml'] as string });
    try {
      const result = await aims(odd.dir, 'validate', '--format', 'github');
      expect(result.stdout).toBe('::error file=aims/risks/a%2Cb%3Ac.yaml,line=6,col=9,title=schema/enum::`status` must be one of open, treating, accepted or closed, but it is text `pending`\n');
      const quiet = await aims(clean.dir, 'validate', '--format', 'github');
      expect(quiet.code).toBe(0);
      expect(quiet.stdout).toBe('');
    } finally {
      odd.cleanup();
      clean.cleanup();
    }
  });
});

describe('aims validate --format markdown', () => {
  it('prints a heading with the counts and a four-column table, one row per diagnostic', async () => {
    const repo = repoWith({
      ...PROBLEM_FILES,
      'aims/risks/r4.yaml': yaml`
        kind: risk
        id: RISK-004
        title: Pipe
        likelihood: possible
        impact: moderate
        "x|y": 1
      `,
    });
    try {
      const result = await aims(repo.dir, 'validate', '--format', 'markdown');
      expect(result.code).toBe(1);
      const lines = result.stdout.trimEnd().split('\n');
      expect(lines[0]).toBe('### aims validate: 4 error(s), 1 warning(s) in 4 records (5 files)');
      const table = lines.filter((l) => l.startsWith('|'));
      expect(table[0]).toBe('| Severity | Location | Rule | Message |');
      expect(table[1]).toBe('| --- | --- | --- | --- |');
      const rows = table.slice(2);
      expect(rows).toHaveLength(5);
      expect(rows).toContain('| error | `aims/risks/r1.yaml:4:1` | `schema/unknown-field` | unknown field `likelyhood` (did you mean `likelihood`?) |');
      expect(rows).toContain('| error | `aims/risks/r1.yaml:6:9` | `schema/enum` | `status` must be one of open, treating, accepted or closed, but it is text `pending` |');
      expect(rows).toContain('| warning | `aims/risks/empty.yaml:1:1` | `file/empty` | this file holds no record yet |');
      // A "|" inside a message must not open a fifth column.
      for (const row of rows) expect(row.split(/(?<!\\)\|/).length, row).toBe(6);
      expect(rows.find((r) => r.includes('r4.yaml'))).toContain('x\\|y');
    } finally {
      repo.cleanup();
    }
  });

  it('says so when there are no problems', async () => {
    const repo = repoWith({ 'aims/risks/r3.yaml': PROBLEM_FILES['aims/risks/r3.yaml'] as string });
    try {
      const result = await aims(repo.dir, 'validate', '--format', 'markdown');
      expect(result.code).toBe(0);
      expect(result.stdout).toBe('### aims validate: 0 error(s), 0 warning(s) in 1 records (1 files)\n\nNo problems found.\n');
    } finally {
      repo.cleanup();
    }
  });
});

describe('several outputs in one run', () => {
  let repo: { dir: string; cleanup: () => void };
  beforeAll(() => {
    repo = repoWith(PROBLEM_FILES);
  });
  afterAll(() => repo.cleanup());

  it('--format sarif --output a.sarif --format junit --output j.xml --format stylish: files written, stylish on stdout (built binary)', () => {
    const result = runBin(['validate', '--format', 'sarif', '--output', 'out/a.sarif', '--format', 'junit', '--output', 'j.xml', '--format', 'stylish'], repo.dir, {
      NO_COLOR: undefined,
      FORCE_COLOR: '1',
    });
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/\x1b\[/);
    const plain = result.stdout.replace(/\x1b\[[0-9;]*m/g, '');
    expect(plain).toContain('aims/risks/r1.yaml');
    expect(plain).toContain('✖ 4 problems (3 errors, 1 warning)');
    expect(result.stdout).not.toContain('<?xml');
    expect(result.stdout).not.toContain('"version": "2.1.0"');
    const sarif = JSON.parse(readFileSync(path.join(repo.dir, 'out', 'a.sarif'), 'utf8')) as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results).toHaveLength(4);
    const xml = readFileSync(path.join(repo.dir, 'j.xml'), 'utf8');
    // eslint-disable-next-line @typescript-eslint/no-deprecated -- the parser's own well-formedness check is all this needs.
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<testcase');
    // Files never carry colour codes, even when standard output has them.
    expect(xml).not.toMatch(/\x1b\[/);
    expect(readFileSync(path.join(repo.dir, 'out', 'a.sarif'), 'utf8')).not.toMatch(/\x1b\[/);
  });

  it('writes the same report to a file as to standard output', async () => {
    const toFile = await aims(repo.dir, 'validate', '--format', 'json', '--output', 'v.json');
    expect(toFile.stdout).toBe('');
    const toStdout = await aims(repo.dir, 'validate', '--format', 'json');
    expect(readFileSync(path.join(repo.dir, 'v.json'), 'utf8')).toBe(toStdout.stdout);
    expect(toFile.code).toBe(toStdout.code);
  });

  it('--out, as on every command that writes a file, and its earlier name --output pair with formats alike', async () => {
    const mixed = await aims(repo.dir, 'validate', '--format', 'json', '--out', 'o1.json', '--format', 'json', '--output', 'o2.json');
    expect(mixed.stdout).toBe('');
    const toStdout = await aims(repo.dir, 'validate', '--format', 'json');
    expect(readFileSync(path.join(repo.dir, 'o1.json'), 'utf8')).toBe(toStdout.stdout);
    expect(readFileSync(path.join(repo.dir, 'o2.json'), 'utf8')).toBe(toStdout.stdout);
    // discover takes the same --out, and still its old --output (scanning aims/, so the files written are not scanned).
    const shown = await aims(repo.dir, 'discover', 'aims', '--format', 'json');
    for (const [flag, file] of [['--out', 'd1.json'], ['--output', 'd2.json']] as const) {
      const written = await aims(repo.dir, 'discover', 'aims', '--format', 'json', flag, file);
      expect(written.stdout).toBe('');
      expect(readFileSync(path.join(repo.dir, file), 'utf8')).toBe(shown.stdout);
    }
  });

  it('accepts the same format twice, to two files', async () => {
    const result = await aims(repo.dir, 'validate', '-f', 'github', '-o', 'g1.txt', '-f', 'github', '-o', 'g2.txt');
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(readFileSync(path.join(repo.dir, 'g1.txt'), 'utf8')).toBe(readFileSync(path.join(repo.dir, 'g2.txt'), 'utf8'));
  });

  it('refuses two formats without --output (exit 2), writing nothing', async () => {
    const result = await aims(repo.dir, 'validate', '--format', 'sarif', '--output', 'x.sarif', '--format', 'json', '--format', 'stylish');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/standard output/);
    expect(existsSync(path.join(repo.dir, 'x.sarif'))).toBe(false);
    const bare = await aims(repo.dir, 'validate', '--format', 'json', '--format', 'stylish');
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
  });

  it('refuses an unknown format (exit 2), naming the known ones', async () => {
    const result = await aims(repo.dir, 'validate', '--format', 'xml');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('xml');
    for (const name of ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown']) expect(result.stderr).toContain(name);
  });
});
