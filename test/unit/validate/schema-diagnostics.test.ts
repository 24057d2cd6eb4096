import { describe, expect, it } from 'vitest';
import { loadRecordFile } from '../../../src/load/load-records.js';
import { locate } from '../../../src/load/locate.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import { schemaDiagnostics } from '../../../src/validate/schema-diagnostics.js';
import type { SchemaIssue } from '../../../src/validate/schema-registry.js';
import { schemas } from '../../helpers/engine.js';
import { yaml } from '../../helpers/yaml.js';

interface Seen {
  rule: string;
  line: number;
  column: number;
  message: string;
}

/** One record's text → its schema diagnostics, located. */
function diagnose(text: string): Seen[] {
  const loaded = loadRecordFile({ path: 'r.yaml', text });
  const doc = loaded.documents[0];
  if (!doc || !loaded.parsed) throw new Error(`not a record: ${JSON.stringify(loaded.diagnostics)}`);
  const parsed = loaded.parsed;
  return schemaDiagnostics(schemas.validate(doc.kind, doc.data), doc.origin, `\`${doc.kind}\``).map((d) => ({
    rule: d.rule,
    ...locate(parsed, d.location),
    message: d.message,
  }));
}

const RISK = (extra: string): string => `kind: risk\nid: R-1\ntitle: A risk\nlikelihood: likely\nimpact: minor\n${extra}`;

describe('schemaDiagnostics', () => {
  it('reports nothing for a valid record', () => {
    expect(diagnose(RISK('treatment:\n  option: mitigate\n  due: 2026-06-30\n'))).toEqual([]);
  });

  it('reports an enum value at the value, listing the allowed values', () => {
    const seen = diagnose(RISK('treatment:\n  option: reduce\n'));
    expect(seen).toMatchObject([{ rule: 'schema/enum', line: 7, column: 11 }]);
    expect(seen[0]?.message).toContain('`treatment.option`');
    expect(seen[0]?.message).toContain('mitigate, accept, avoid or transfer');
  });

  it('reports an unknown field at its key with a did-you-mean', () => {
    const seen = diagnose(RISK('statsu: open\n'));
    expect(seen).toMatchObject([{ rule: 'schema/unknown-field', line: 6, column: 1 }]);
    expect(seen[0]?.message).toContain('did you mean `status`?');
  });

  it('reports an unknown field with no near name without a guess', () => {
    const seen = diagnose(RISK('colour: red\n'));
    expect(seen).toMatchObject([{ rule: 'schema/unknown-field', line: 6, column: 1 }]);
    expect(seen[0]?.message).not.toContain('did you mean');
  });

  it('accepts x- extension fields', () => {
    expect(diagnose(RISK('x-colour: red\ntreatment: {option: avoid, x-note: n}\n'))).toEqual([]);
  });

  it('reports a typo of a required field once, as the unknown field, not also as missing', () => {
    const seen = diagnose(yaml`
      kind: risk
      id: R-1
      title: A risk
      likelyhood: likely
      impact: minor
    `);
    expect(seen).toEqual([{ rule: 'schema/unknown-field', line: 4, column: 1, message: expect.stringContaining('did you mean `likelihood`?') as string }]);
  });

  it('folds a nested typo of a required field too', () => {
    const seen = diagnose(RISK('treatment:\n  opton: mitigate\n'));
    expect(seen.map((s) => [s.rule, s.line, s.column])).toEqual([['schema/unknown-field', 7, 3]]);
    expect(seen[0]?.message).toContain('did you mean `option`?');
  });

  it('still reports a missing required field when the unknown field is not its typo', () => {
    const seen = diagnose('kind: objective\nid: O-1\ntitle: An objective\ntarget: 5\ndue: 2027-01-01\ncolour: red\n');
    expect(seen.map((s) => [s.rule, s.line, s.column])).toEqual([
      ['schema/required', 1, 1],
      ['schema/unknown-field', 6, 1],
    ]);
    expect(seen[0]?.message).toBe('`objective` needs `metric`');
  });

  it('reports a missing nested required field at the key of its parent', () => {
    const seen = diagnose(RISK('treatment:\n  plan: do things\n'));
    expect(seen).toMatchObject([{ rule: 'schema/required', line: 6, column: 1, message: '`treatment` needs `option`' }]);
  });

  it('reports a missing field of a list item at the item\'s first key', () => {
    const seen = diagnose(yaml`
      kind: audit
      id: AU-1
      title: Internal audit
      date: 2026-01-10
      auditor: Jo Smith
      independent: true
      findings:
        - type: minor
          description: Something
    `);
    expect(seen).toMatchObject([{ rule: 'schema/required', line: 8, column: 5, message: '`findings[0]` needs `id`' }]);
  });

  it('folds the branch errors of an anyOf into one diagnostic', () => {
    const seen = diagnose(RISK('clauses: [true, "9.1"]\n'));
    expect(seen).toMatchObject([{ rule: 'schema/type', line: 6, column: 11 }]);
    expect(seen[0]?.message).toBe('`clauses[0]` must be text or a number');
  });

  it('reports the broken constraint, not the type, when an anyOf value has the right type', () => {
    const seen = diagnose('kind: objective\nid: O-1\ntitle: T\nmetric: m\ntarget: ""\ndue: 2026-12-31\n');
    expect(seen).toEqual([{ rule: 'schema/empty', line: 5, column: 9, message: '`target` must not be empty' }]);
  });

  it('reports an impossible date such as 2026-02-30 as schema/format', () => {
    const seen = diagnose(RISK('updated: 2026-02-30\n'));
    expect(seen).toMatchObject([{ rule: 'schema/format', line: 6, column: 10 }]);
    expect(seen[0]?.message).toContain('YYYY-MM-DD');
    expect(diagnose(RISK('updated: 2028-02-29\n'))).toEqual([]);
    expect(diagnose(RISK('updated: 31/03/2026\n')).map((s) => s.rule)).toEqual(['schema/format']);
  });

  it('echoes the offending value, truncated to one short line, and gives a one-line example as the hint', () => {
    const long = 'x'.repeat(100);
    const issues = schemas.validate('risk', { kind: 'risk', id: 'R-1', title: 'T', status: `${long}\nmore`, updated: 20261201, systems: { a: 1 } });
    const out = schemaDiagnostics(issues, { file: 'r.yaml', document: 0 }, '`risk`');
    const status = out.find((d) => d.location.pointer === '/status');
    expect(status?.message).toContain(`but it is text \`${'x'.repeat(39)}…\``);
    expect(status?.hint).toBe('for example `status: open`');
    const updated = out.find((d) => d.location.pointer === '/updated');
    expect(updated?.message).toBe('`updated` must be a real calendar date written YYYY-MM-DD, but it is the number `20261201`');
    expect(updated?.hint).toBe('write a date as YYYY-MM-DD, for example `updated: 2026-03-31`');
    expect(out.find((d) => d.location.pointer === '/systems')?.message).toBe('`systems` must be a list, but it is a mapping of fields');
  });

  it('reports wrong types in words a user knows', () => {
    const seen = diagnose(RISK('systems: SYS-1\n'));
    expect(seen).toEqual([{ rule: 'schema/type', line: 6, column: 10, message: '`systems` must be a list, but it is text `SYS-1`' }]);
    const bool = diagnose('kind: audit\nid: AU-1\ntitle: T\ndate: 2026-01-01\nauditor: A\nindependent: "yes"\n');
    expect(bool).toEqual([{ rule: 'schema/type', line: 6, column: 14, message: '`independent` must be true or false, but it is text `yes`' }]);
  });

  it('reports a badly formed id as schema/pattern and an empty title as schema/empty', () => {
    const seen = diagnose('kind: risk\nid: "R 1"\ntitle: ""\nlikelihood: likely\nimpact: minor\n');
    expect(seen.map((s) => [s.rule, s.line, s.column])).toEqual([
      ['schema/pattern', 2, 5],
      ['schema/empty', 3, 8],
    ]);
  });

  it('names list items and nested fields in messages', () => {
    const seen = diagnose(yaml`
      kind: nonconformity
      id: NC-1
      title: T
      raised: 2026-01-01
      description: d
      corrective_actions:
        - action: Fix it
          owner: Dana Smith
          due: 2026-02-01
          status: pending
    `);
    expect(seen).toMatchObject([{ rule: 'schema/enum', line: 10, column: 13 }]);
    expect(seen[0]?.message).toBe('`corrective_actions[0].status` must be one of open or done, but it is text `pending`');
  });

  it('points an unknown field whose name holds / or ~ at its key', () => {
    const seen = diagnose(RISK('"a/b~c": 1\n'));
    expect(seen).toMatchObject([{ rule: 'schema/unknown-field', line: 6, column: 1 }]);
  });

  it('maps the remaining keywords from literal issues', () => {
    const issue = (keyword: string, params: Record<string, unknown>, instancePath = '/x'): SchemaIssue => ({ keyword, instancePath, params, message: `ajv says ${keyword}` });
    const out: Diagnostic[] = schemaDiagnostics(
      [issue('const', { allowedValue: 'risk' }, '/kind'), issue('minimum', { limit: 0 }), issue('uniqueItems', { i: 1, j: 0 }, '/y')],
      { file: 'f.yaml', document: 2 },
      '`risk`',
    );
    expect(out.map((d) => [d.rule, d.location])).toEqual([
      ['schema/const', { file: 'f.yaml', document: 2, pointer: '/kind', target: 'value' }],
      ['schema/invalid', { file: 'f.yaml', document: 2, pointer: '/x', target: 'value' }],
      ['schema/invalid', { file: 'f.yaml', document: 2, pointer: '/y', target: 'value' }],
    ]);
    expect(out[0]?.message).toBe('`kind` must be "risk"');
    expect(out[1]?.message).toBe('`x` ajv says minimum');
  });

  it('reports an identical issue only once', () => {
    const same: SchemaIssue = { keyword: 'type', instancePath: '/a', params: { type: 'string' }, message: 'must be string' };
    expect(schemaDiagnostics([same, { ...same }], { file: 'f', document: 0 }, '`risk`')).toHaveLength(1);
  });
});
