import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFiles } from '../helpers/git-repo.js';
import { parseJsonOutput } from '../helpers/json-output.js';
import { aims, PROBLEM_FILES, repoWith } from './helpers.js';

/**
 * --write-baseline FILE records today's findings; --baseline FILE then reports only new
 * ones. Findings are matched by rule, file, place in the record and message, not by line.
 */

interface BaselineFile {
  tool: string;
  version: number;
  findings: Record<string, unknown>[];
}

describe('baselines', () => {
  let repo: { dir: string; cleanup: () => void };
  const file = (rel: string): string => path.join(repo.dir, rel);

  beforeEach(async () => {
    repo = repoWith(PROBLEM_FILES);
    const written = await aims(repo.dir, 'validate', '--write-baseline', 'aims-baseline.json');
    expect(written.stderr).toContain('aims-baseline.json');
    // Writing the baseline accepts today's findings: the run succeeds, as a run with it would.
    expect(written.code).toBe(0);
  });
  afterEach(() => repo.cleanup());

  it('refuses to baseline a YAML syntax error (exit 1, no file written): nothing in that file was checked', async () => {
    writeFiles(repo.dir, { 'aims/risks/broken.yaml': 'kind: risk\nid: RISK-009\ntitle: Bias: older candidates\n' });
    const result = await aims(repo.dir, 'validate', '--write-baseline', 'second-baseline.json');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('refusing to write the baseline');
    expect(result.stderr).toContain('aims/risks/broken.yaml');
    expect(existsSync(file('second-baseline.json'))).toBe(false);
  });

  it("records today's findings, without line numbers", () => {
    const baseline = JSON.parse(readFileSync(file('aims-baseline.json'), 'utf8')) as BaselineFile;
    expect(baseline.tool).toBe('aims');
    expect(baseline.version).toBe(1);
    expect(baseline.findings).toHaveLength(4);
    for (const f of baseline.findings) {
      expect(f).not.toHaveProperty('line');
      expect(f).not.toHaveProperty('column');
    }
    expect(baseline.findings.map((f) => f['rule']).sort()).toEqual(['file/empty', 'schema/enum', 'schema/unknown-field', 'schema/unknown-field']);
  });

  it('reports nothing and exits 0 when nothing changed, and says how many findings it hid', async () => {
    const result = await aims(repo.dir, 'validate', '--baseline', 'aims-baseline.json', '--format', 'json');
    expect(result.code).toBe(0);
    const json = parseJsonOutput(result.stdout);
    expect(json.diagnostics).toEqual([]);
    expect(json.summary.errors).toBe(0);
    expect(json.summary.warnings).toBe(0);
    expect(result.stderr).toMatch(/\b4\b.*baseline/);
  });

  it('reports only a new problem, and exits 1 for it', async () => {
    writeFiles(repo.dir, { 'aims/risks/r3.yaml': `${PROBLEM_FILES['aims/risks/r3.yaml'] as string}owner_name: x\n` });
    const result = await aims(repo.dir, 'validate', '--baseline', 'aims-baseline.json', '--format', 'json');
    expect(result.code).toBe(1);
    const json = parseJsonOutput(result.stdout);
    expect(json.diagnostics.map((d) => [d.file, d.line, d.rule])).toEqual([['aims/risks/r3.yaml', 6, 'schema/unknown-field']]);
    expect(json.summary.errors).toBe(1);
  });

  it('reports a new problem of a known rule in a known file (same rule, other field)', async () => {
    writeFiles(repo.dir, { 'aims/risks/r1.yaml': `${PROBLEM_FILES['aims/risks/r1.yaml'] as string}impakt: minor\n` });
    const json = parseJsonOutput((await aims(repo.dir, 'validate', '--baseline', 'aims-baseline.json', '--format', 'json')).stdout);
    expect(json.diagnostics.map((d) => [d.file, d.line, d.rule])).toEqual([['aims/risks/r1.yaml', 7, 'schema/unknown-field']]);
  });

  it('does not resurrect baselined findings when lines shift', async () => {
    const shifted = `# a comment added on top\n\n\n${PROBLEM_FILES['aims/risks/r1.yaml'] as string}`;
    writeFiles(repo.dir, { 'aims/risks/r1.yaml': shifted, 'aims/risks/r2.yaml': `\n\n${PROBLEM_FILES['aims/risks/r2.yaml'] as string}` });
    const plain = parseJsonOutput((await aims(repo.dir, 'validate', '--format', 'json')).stdout);
    expect(plain.diagnostics.find((d) => d.rule === 'schema/enum')?.line).toBe(9);
    const result = await aims(repo.dir, 'validate', '--baseline', 'aims-baseline.json', '--format', 'json');
    expect(result.code).toBe(0);
    expect(parseJsonOutput(result.stdout).diagnostics).toEqual([]);
  });

  it('does not count baselined warnings against --max-warnings', async () => {
    const without = await aims(repo.dir, 'validate', '--max-warnings', '0', '--baseline', 'aims-baseline.json');
    expect(without.code).toBe(0);
    writeFiles(repo.dir, { 'aims/risks/empty2.yaml': '# nothing yet\n' });
    const withNew = await aims(repo.dir, 'validate', '--max-warnings', '0', '--baseline', 'aims-baseline.json');
    expect(withNew.code).toBe(1);
  });

  it('reports a problem that moved to another file as new', async () => {
    writeFiles(repo.dir, { 'aims/risks/r1.yaml': null, 'aims/risks/moved.yaml': PROBLEM_FILES['aims/risks/r1.yaml'] as string });
    const json = parseJsonOutput((await aims(repo.dir, 'validate', '--baseline', 'aims-baseline.json', '--format', 'json')).stdout);
    expect(json.diagnostics.map((d) => d.file)).toEqual(['aims/risks/moved.yaml', 'aims/risks/moved.yaml']);
  });

  it('works with the other formats too (sarif drops baselined results)', async () => {
    writeFiles(repo.dir, { 'aims/risks/r3.yaml': `${PROBLEM_FILES['aims/risks/r3.yaml'] as string}owner_name: x\n` });
    const result = await aims(repo.dir, 'validate', '--baseline', 'aims-baseline.json', '--format', 'sarif');
    const log = JSON.parse(result.stdout) as { runs: { results: { ruleId: string }[] }[] };
    expect(log.runs[0]!.results.map((r) => r.ruleId)).toEqual(['schema/unknown-field']);
  });

  describe('a baseline that cannot be used is a usage error (exit 2), never silently ignored', () => {
    const cases: [string, string | null][] = [
      ['not JSON', '{ "tool": "aims", '],
      ['JSON but not a baseline', '{ "findings": [] }'],
      ['another tool', '{ "tool": "eslint", "version": 1, "findings": [] }'],
      ['a future version', '{ "tool": "aims", "version": 2, "findings": [] }'],
      ['findings not a list', '{ "tool": "aims", "version": 1, "findings": {} }'],
      ['absent', null],
    ];
    for (const [name, text] of cases) {
      it(name, async () => {
        if (text !== null) writeFileSync(file('bad.json'), text);
        const result = await aims(repo.dir, 'validate', '--baseline', 'bad.json');
        expect(result.code).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain('bad.json');
        expect(result.stderr).not.toContain('internal error');
      });
    }

    it('findings that are not objects', async () => {
      writeFileSync(file('bad.json'), '{ "tool": "aims", "version": 1, "findings": [null, 3] }');
      const result = await aims(repo.dir, 'validate', '--baseline', 'bad.json');
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('bad.json');
      expect(result.stderr).not.toContain('internal error');
    });
  });
});
