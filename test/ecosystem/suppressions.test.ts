import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseJsonOutput } from '../helpers/json-output.js';
import { yaml } from '../helpers/yaml.js';
import { aims, repoWith, TODAY } from './helpers.js';

/**
 * `x-aims-ignore: [{ rule, reason, until }]` in a record: a reason is required, an unknown
 * rule is an error with a suggestion, a past `until` turns the suppression into an error and
 * brings the finding back. Suppressions are listed by aims gap and in the pack, never hidden.
 * runMain's clock says 2026-11-26.
 */

/** A risk whose `status: pending` breaks schema/enum (line 6, column 9), with the given x-aims-ignore block. */
function riskWith(ignore: string, id = 'RISK-001'): string {
  return (
    yaml`
      kind: risk
      id: ${id}
      title: Risk with a bad status
      likelihood: possible
      impact: moderate
      status: pending
    ` + ignore
  );
}

async function validateJson(files: Record<string, string>): Promise<{ code: number; stderr: string; json: ReturnType<typeof parseJsonOutput> }> {
  const repo = repoWith(files);
  try {
    const result = await aims(repo.dir, 'validate', '--format', 'json');
    return { code: result.code, stderr: result.stderr, json: parseJsonOutput(result.stdout) };
  } finally {
    repo.cleanup();
  }
}

describe('x-aims-ignore in validate', () => {
  it('a valid suppression hides the finding from the report, exits 0, and says a finding was suppressed', async () => {
    const { code, stderr, json } = await validateJson({
      'aims/risks/r.yaml': riskWith(yaml`
        x-aims-ignore:
          - rule: schema/enum
            reason: statuses are migrated in the next sprint
            until: 2099-01-01
      `),
    });
    expect(json.diagnostics).toEqual([]);
    expect(json.summary.errors).toBe(0);
    expect(code).toBe(0);
    expect(stderr).toMatch(/1 finding\(s\) suppressed/);
  });

  it('needs no until', async () => {
    const { code, json } = await validateJson({
      'aims/risks/r.yaml': riskWith(yaml`
        x-aims-ignore:
          - rule: schema/enum
            reason: accepted for good
      `),
    });
    expect(json.diagnostics).toEqual([]);
    expect(code).toBe(0);
  });

  it('an area such as schema/* covers every rule in it', async () => {
    const { code, json } = await validateJson({
      'aims/risks/r.yaml': riskWith(yaml`
        owner_name: typo
        x-aims-ignore:
          - rule: schema/*
            reason: legacy record, rewritten in Q1
      `),
    });
    expect(json.diagnostics).toEqual([]);
    expect(code).toBe(0);
  });

  it('applies only to the record that declares it', async () => {
    const { code, json } = await validateJson({
      'aims/risks/a.yaml': riskWith(yaml`
        x-aims-ignore:
          - rule: schema/enum
            reason: known
      `),
      'aims/risks/b.yaml': riskWith('', 'RISK-002'),
    });
    expect(json.diagnostics.map((d) => [d.file, d.rule])).toEqual([['aims/risks/b.yaml', 'schema/enum']]);
    expect(code).toBe(1);
  });

  it('a suppression without a reason is suppression/invalid, and the finding stays', async () => {
    const { code, json } = await validateJson({
      'aims/risks/r.yaml': riskWith(yaml`
        x-aims-ignore:
          - rule: schema/enum
            until: 2099-01-01
      `),
    });
    expect(code).toBe(1);
    expect(json.diagnostics.map((d) => [d.rule, d.line])).toEqual([
      ['schema/enum', 6],
      ['suppression/invalid', 8],
    ]);
    expect(json.diagnostics[1]!.message).toMatch(/reason/);
  });

  it('an empty reason counts as none', async () => {
    const { json } = await validateJson({
      'aims/risks/r.yaml': riskWith(yaml`
        x-aims-ignore:
          - rule: schema/enum
            reason: "  "
      `),
    });
    expect(json.diagnostics.map((d) => d.rule)).toEqual(['schema/enum', 'suppression/invalid']);
  });

  it('an unknown rule is suppression/invalid with a did-you-mean, pointing at the rule', async () => {
    const { code, json } = await validateJson({
      'aims/risks/r.yaml': riskWith(yaml`
        x-aims-ignore:
          - rule: schema/enm
            reason: typo in the rule id
      `),
    });
    expect(code).toBe(1);
    const invalid = json.diagnostics.find((d) => d.rule === 'suppression/invalid');
    expect(invalid).toMatchObject({ line: 8, column: 11 });
    expect(invalid?.message).toContain('schema/enm');
    expect(invalid?.message).toMatch(/did you mean `schema\/enum`/);
    expect(json.diagnostics.map((d) => d.rule)).toContain('schema/enum');
  });

  it('cannot silence its own rules', async () => {
    const { json } = await validateJson({
      'aims/risks/r.yaml': riskWith(yaml`
        x-aims-ignore:
          - rule: suppression/expired
            reason: never expire
      `),
    });
    expect(json.diagnostics.map((d) => d.rule)).toEqual(['schema/enum', 'suppression/invalid']);
  });

  it('an until that is not a date is suppression/invalid', async () => {
    const { json } = await validateJson({
      'aims/risks/r.yaml': riskWith(yaml`
        x-aims-ignore:
          - rule: schema/enum
            reason: soon
            until: next week
      `),
    });
    expect(json.diagnostics.map((d) => [d.rule, d.line])).toEqual([
      ['schema/enum', 6],
      ['suppression/invalid', 10],
    ]);
  });

  it('a list that is not a list is suppression/invalid', async () => {
    const { json } = await validateJson({ 'aims/risks/r.yaml': riskWith('x-aims-ignore: schema/enum\n') });
    expect(json.diagnostics.map((d) => d.rule)).toEqual(['schema/enum', 'suppression/invalid']);
  });

  it('past its until (2020-01-01) it is a suppression/expired error and the finding comes back', async () => {
    const { code, json } = await validateJson({
      'aims/risks/r.yaml': riskWith(yaml`
        x-aims-ignore:
          - rule: schema/enum
            reason: statuses are migrated in the next sprint
            until: 2020-01-01
      `),
    });
    expect(code).toBe(1);
    expect(json.diagnostics.map((d) => [d.rule, d.line, d.column])).toEqual([
      ['schema/enum', 6, 9],
      ['suppression/expired', 10, 12],
    ]);
    const expired = json.diagnostics[1]!;
    expect(expired.severity).toBe('error');
    expect(expired.message).toContain('2020-01-01');
    expect(expired.message).toContain('statuses are migrated in the next sprint');
  });

  it(`still applies on its until day (${TODAY}), and expires the day after`, async () => {
    const onTheDay = await validateJson({
      'aims/risks/r.yaml': riskWith(`x-aims-ignore:\n  - rule: schema/enum\n    reason: last day\n    until: ${TODAY}\n`),
    });
    expect(onTheDay.json.diagnostics).toEqual([]);
    const dayBefore = await validateJson({
      'aims/risks/r.yaml': riskWith(`x-aims-ignore:\n  - rule: schema/enum\n    reason: gone\n    until: 2026-11-25\n`),
    });
    expect(dayBefore.json.diagnostics.map((d) => d.rule)).toEqual(['schema/enum', 'suppression/expired']);
  });
});

describe('suppressions are listed, never hidden', () => {
  let repo: { dir: string; cleanup: () => void };
  beforeAll(() => {
    repo = repoWith({
      'aims/risks/active.yaml': riskWith(yaml`
        x-aims-ignore:
          - rule: schema/enum
            reason: statuses <migrated> next sprint
            until: 2099-01-01
      `),
      'aims/risks/old.yaml': riskWith(
        yaml`
          x-aims-ignore:
            - rule: schema/enum
              reason: vendor report due in January
              until: 2020-01-01
        `,
        'RISK-002',
      ),
    });
  });
  afterAll(() => repo.cleanup());

  it('aims gap (text) lists every suppression with record, rule, until and reason', async () => {
    const result = await aims(repo.dir, 'gap');
    const text = result.stdout;
    expect(text).toMatch(/suppress/i);
    const active = text.split('\n').find((l) => l.includes('RISK-001') && l.includes('schema/enum'));
    expect(active, text).toBeDefined();
    expect(active).toContain('2099-01-01');
    expect(active).toContain('statuses <migrated> next sprint');
    expect(active).toContain('aims/risks/active.yaml');
    const old = text.split('\n').find((l) => l.includes('RISK-002') && l.includes('schema/enum'));
    expect(old, text).toBeDefined();
    expect(old).toMatch(/expired/);
    expect(old).toContain('vendor report due in January');
  });

  it('aims gap --format markdown lists them in a table', async () => {
    const md = (await aims(repo.dir, 'gap', '--format', 'markdown')).stdout;
    const section = md.slice(md.search(/#+ .*[Ss]uppress/));
    expect(section.length).toBeLessThan(md.length);
    const rows = section.split('\n').filter((l) => l.startsWith('|') && l.includes('schema/enum'));
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.includes('RISK-001'))).toContain('2099-01-01');
    expect(rows.find((r) => r.includes('RISK-002'))).toContain('vendor report due in January');
  });

  it("the evidence pack's gap page lists them, escaped", async () => {
    const out = path.join(repo.dir, 'pack');
    const result = await aims(repo.dir, 'report', 'pack', '--out', out);
    // The expired suppression is a validation error: the pack is written, and the exit code says so.
    expect(result.code, result.stderr).toBe(1);
    const html = readFileSync(path.join(out, 'gap.html'), 'utf8');
    expect(html).toMatch(/[Ss]uppress/);
    expect(html).toContain('statuses &lt;migrated&gt; next sprint');
    expect(html).not.toContain('statuses <migrated> next sprint');
    expect(html).toContain('vendor report due in January');
    expect(html).toContain('RISK-001');
    expect(html).toContain('RISK-002');
  });
});
