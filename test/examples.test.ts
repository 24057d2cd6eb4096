/**
 * The shipped examples, through the built binary: examples/acme is clean; examples/broken
 * reports each problem planted in its EXPECTED.md at the exact file:line:col, with the right rule.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGitRepo } from './helpers/git-repo.js';
import { type JsonOutput, parseJsonOutput } from './helpers/json-output.js';
import { PROJECT_ROOT, type RunResult, runBin } from './helpers/run.js';

const EXAMPLES = path.join(PROJECT_ROOT, 'examples');

interface Planted {
  /** The row number in EXPECTED.md. */
  n: number;
  file: string;
  line: number;
  column: number;
  rule: string;
}

/** EXPECTED.md's table with the rule each problem must be reported under. */
const PLANTED: readonly Planted[] = [
  { n: 1, file: 'aims/syntax-error.yaml', line: 4, column: 8, rule: 'yaml/syntax' },
  { n: 2, file: 'aims/roles.yaml', line: 7, column: 1, rule: 'yaml/duplicate-key' },
  { n: 3, file: 'aims/risks.yaml', line: 5, column: 1, rule: 'schema/unknown-field' },
  { n: 4, file: 'aims/risks.yaml', line: 11, column: 13, rule: 'risk/off-scale' },
  { n: 5, file: 'aims/risks.yaml', line: 15, column: 14, rule: 'ref/unknown-id' },
  { n: 6, file: 'aims/risks.yaml', line: 22, column: 9, rule: 'schema/enum' },
  { n: 7, file: 'aims/system.yaml', line: 5, column: 12, rule: 'schema/enum' },
  { n: 8, file: 'aims/system.yaml', line: 6, column: 10, rule: 'schema/format' },
  { n: 9, file: 'aims/system.yaml', line: 9, column: 5, rule: 'evidence/missing' },
  { n: 10, file: 'aims/system.yaml', line: 10, column: 5, rule: 'evidence/outside' },
  { n: 11, file: 'aims/systems-duplicate.yaml', line: 3, column: 5, rule: 'id/duplicate' },
  { n: 12, file: 'aims/no-kind.yaml', line: 2, column: 1, rule: 'record/not-a-record' },
];

/**
 * What else EXPECTED.md allows: the other end of the duplicate id, the `likelihood` that the typo
 * leaves missing, and follow-on errors inside the file with the syntax error.
 */
function allowedExtra(d: JsonOutput['diagnostics'][number]): boolean {
  if (d.file === 'aims/system.yaml' && d.line === 2 && d.column === 5 && d.rule === 'id/duplicate') return true;
  if (d.file === 'aims/risks.yaml' && d.line === 2 && d.column === 1 && d.rule === 'schema/required') return true;
  return d.file === 'aims/syntax-error.yaml' && d.rule.startsWith('schema/');
}

const where = (d: { file: string; line: number; column: number; rule: string }): string => `${d.file}:${d.line}:${d.column} ${d.rule}`;

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

describe('examples/acme', () => {
  it('validates with zero errors and zero warnings, in place (the README quick start)', () => {
    const result = runBin(['validate', 'examples/acme'], PROJECT_ROOT);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^✔ \d+ records in \d+ files: no problems\n$/);
    expect(result.code).toBe(0);
  });

  it('validates clean as its own git repository, with --max-warnings 0', () => {
    const repo = makeGitRepo({ copyFrom: path.join(EXAMPLES, 'acme') });
    cleanups.push(repo.cleanup);
    const result = runBin(['validate', '--format', 'json', '--max-warnings', '0'], repo.dir);
    const output = parseJsonOutput(result.stdout);
    expect(output.diagnostics).toEqual([]);
    expect(output.summary.errors).toBe(0);
    expect(output.summary.warnings).toBe(0);
    // The issue asks for all 13 kinds, a risk register as a stream and the 38 Annex A controls: plenty of records.
    expect(output.summary.records).toBeGreaterThan(38 + 13);
    expect(result.code).toBe(0);
  });
});

describe('examples/broken', () => {
  let result: RunResult;
  let output: JsonOutput;
  beforeAll(() => {
    const repo = makeGitRepo({ copyFrom: path.join(EXAMPLES, 'broken') });
    cleanups.push(repo.cleanup);
    result = runBin(['validate', '--format', 'json'], repo.dir);
    output = parseJsonOutput(result.stdout);
  });

  it('exits 1 without a stack trace', () => {
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
  });

  it('PLANTED matches the table in EXPECTED.md (file, line and column of each problem)', () => {
    const table = readFileSync(path.join(EXAMPLES, 'broken', 'EXPECTED.md'), 'utf8');
    const rows = [...table.matchAll(/^\| (\d+) \|[^|]*\| `([^`]+)` \|[^|]*\| \*\*(\d+):(\d+)\*\* \|/gm)].map((m) => ({
      n: Number(m[1]),
      file: m[2],
      line: Number(m[3]),
      column: Number(m[4]),
    }));
    expect(rows).toEqual(PLANTED.map(({ n, file, line, column }) => ({ n, file, line, column })));
  });

  it.each(PLANTED.map((p) => [p.n, where(p), p] as const))('reports planted problem %i at %s', (_n, _where, planted) => {
    expect(output.diagnostics.map(where)).toContain(where(planted));
    const d = output.diagnostics.find((x) => where(x) === where(planted));
    expect(d?.severity).toBe('error');
  });

  it('reports nothing else than the planted problems and what EXPECTED.md allows', () => {
    const planted = new Set(PLANTED.map(where));
    const unexpected = output.diagnostics.filter((d) => !planted.has(where(d)) && !allowedExtra(d));
    expect(unexpected).toEqual([]);
  });

  it('says what a compliance lead needs: the allowed values, the likely typo, the other place', () => {
    const message = (n: number): string => {
      const p = PLANTED.find((x) => x.n === n) as Planted;
      return output.diagnostics.find((d) => where(d) === where(p))?.message ?? '';
    };
    expect(message(3)).toMatch(/did you mean `likelihood`/);
    expect(message(4)).toMatch(/rare, unlikely, possible, likely,? (or )?almost-certain/);
    expect(message(6)).toMatch(/open, treating, accepted,? (or )?closed/);
    expect(message(7)).toMatch(/design, development, verification, deployment, operation,? (or )?retired/);
    expect(message(5)).toMatch(/CTL-999/);
    expect(message(11)).toMatch(/aims\/system\.yaml:2:5/);
  });
});
