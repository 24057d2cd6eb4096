import { afterEach, describe, expect, it } from 'vitest';
import { loadRecordFile, type LoadedFile } from '../../../src/load/load-records.js';
import { locate } from '../../../src/load/locate.js';
import type { Position } from '../../../src/model/diagnostic.js';
import { check, withRule } from '../../helpers/engine.js';
import { yaml } from '../../helpers/yaml.js';

function load(text: string, path = 'aims/r.yaml'): LoadedFile {
  return loadRecordFile({ path, text });
}

/** Rule and resolved position of each diagnostic of a loaded file. */
function where(loaded: LoadedFile): { rule: string; position: Position }[] {
  return loaded.diagnostics.map((d) => ({
    rule: d.rule,
    position: d.location.position ?? (loaded.parsed ? locate(loaded.parsed, d.location) : { line: 0, column: 0 }),
  }));
}

describe('loadRecordFile', () => {
  it('loads a record with its kind, data and origin', () => {
    const loaded = load(yaml`
      # The AI policy.
      kind: policy
      id: POL-1
    `);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.documents).toEqual([
      { kind: 'policy', data: { kind: 'policy', id: 'POL-1' }, origin: { file: 'aims/r.yaml', document: 0, line: 2 }, broken: false },
    ]);
  });

  it('reports a document without `kind` as record/not-a-record at its first key', () => {
    const loaded = load(yaml`
      # not a record
      id: R-1
      title: Something
    `);
    expect(where(loaded)).toEqual([{ rule: 'record/not-a-record', position: { line: 2, column: 1 } }]);
    expect(loaded.diagnostics[0]?.message).toContain('no `kind`');
    expect(loaded.documents).toEqual([]);
  });

  it('treats an empty `kind:` as no kind', () => {
    const loaded = load('id: R-1\nkind:\n');
    expect(where(loaded)).toEqual([{ rule: 'record/not-a-record', position: { line: 1, column: 1 } }]);
  });

  it('reports an unknown kind at its value, with a did-you-mean', () => {
    const loaded = load(yaml`
      id: R-1
      kind: rsik
    `);
    expect(where(loaded)).toEqual([{ rule: 'record/unknown-kind', position: { line: 2, column: 7 } }]);
    expect(loaded.diagnostics[0]?.message).toContain('did you mean `risk`?');
    expect(loaded.diagnostics[0]?.hint).toContain('nonconformity');
    expect(loaded.documents).toEqual([]);
  });

  it('suggests the kind for a differently-cased kind, and nothing for a far-off one', () => {
    expect(load('kind: Policy\n').diagnostics[0]?.message).toContain('did you mean `policy`?');
    expect(load('kind: spreadsheet\n').diagnostics[0]?.message).not.toContain('did you mean');
  });

  it('shows a non-text kind as written, not as a valid-looking kind name', () => {
    const loaded = load('kind: [risk]\n');
    expect(where(loaded)).toEqual([{ rule: 'record/unknown-kind', position: { line: 1, column: 7 } }]);
    expect(loaded.diagnostics[0]?.message).toContain('`["risk"]`');
    expect(load('kind: 7\n').diagnostics[0]?.message).toContain('`7`');
  });

  it('reports a document that is not a mapping as record/not-a-record', () => {
    const list = load('# a list\n- kind: risk\n- kind: policy\n');
    expect(where(list)).toEqual([{ rule: 'record/not-a-record', position: { line: 2, column: 1 } }]);
    expect(list.diagnostics[0]?.message).toContain('mapping');
    expect(where(load('just some text\n'))).toEqual([{ rule: 'record/not-a-record', position: { line: 1, column: 1 } }]);
  });

  it('does not add record/not-a-record to a document already broken by a syntax error', () => {
    const loaded = load('- a\n- [b\n');
    expect(loaded.diagnostics.map((d) => d.rule)).not.toContain('record/not-a-record');
    expect(loaded.diagnostics.map((d) => d.rule)).toContain('yaml/syntax');
  });

  it('keeps a record with a syntax error, marked broken', () => {
    const loaded = load('kind: risk\nid: R-1\ntitle: @x\n');
    expect(loaded.documents).toHaveLength(1);
    expect(loaded.documents[0]?.broken).toBe(true);
    expect(loaded.diagnostics.map((d) => d.rule)).toEqual(['yaml/syntax']);
  });

  it('warns file/empty for an empty or comment-only file', () => {
    for (const text of ['', '# TODO: write the policy\n', '\n\n', '---\n# nothing\n']) {
      const loaded = load(text);
      expect(loaded.diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, position: d.location.position })), JSON.stringify(text)).toEqual([
        { rule: 'file/empty', severity: 'warning', position: { line: 1, column: 1 } },
      ]);
      expect(loaded.documents).toEqual([]);
    }
  });

  it('file/empty names the SoA entries that wait commented out in the file, and how to decide them', () => {
    const waiting = load('# Statement of Applicability\n# kind: control\n# id: A.2.2\n# title: AI policy\n# ---\n# kind: control\n# id: "A.2.3"\n');
    expect(waiting.diagnostics).toMatchObject([
      { rule: 'file/empty', message: 'this file holds no record yet: the SoA entries of A.2.2 and A.2.3 wait commented out', hint: expect.stringMatching(/uncomment an entry and fill in `applicable` and `justification`/) },
    ]);
    expect(load('# id: RISK-001\n').diagnostics).toMatchObject([{ rule: 'file/empty', message: 'this file holds no record yet' }]);
    expect(load('# id: RISK-001\n').diagnostics[0]?.hint).toBeUndefined();
  });

  it('skips empty documents of a stream without warning', () => {
    const loaded = load('kind: risk\nid: R-1\n---\n# spare\n---\nkind: risk\nid: R-2\n');
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.documents.map((d) => d.origin)).toEqual([
      { file: 'aims/r.yaml', document: 0, line: 1 },
      { file: 'aims/r.yaml', document: 2, line: 6 },
    ]);
  });

  it('loads every record of a stream and reports the bad one at its own line', () => {
    const loaded = load(yaml`
      kind: risk
      id: R-1
      ---
      - not a record
      ---
      kind: policy
      id: POL-1
    `);
    expect(loaded.documents.map((d) => d.kind)).toEqual(['risk', 'policy']);
    expect(where(loaded)).toEqual([{ rule: 'record/not-a-record', position: { line: 4, column: 1 } }]);
    expect(loaded.diagnostics[0]?.location.document).toBe(1);
  });

  it('normalises unquoted clause ids while loading', () => {
    expect(load('kind: policy\nclauses: [9.10, 7.4]\n').documents[0]?.data['clauses']).toEqual(['9.10', '7.4']);
  });

  it('turns an unreadable file into its diagnostic, at the position it carries', () => {
    const loaded = loadRecordFile({ path: 'aims/bad.yaml', unreadable: { rule: 'file/encoding', message: 'invalid UTF-8 at byte 12', line: 2, column: 4 } });
    expect(loaded.documents).toEqual([]);
    expect(loaded.parsed).toBeUndefined();
    expect(loaded.diagnostics).toEqual([
      { rule: 'file/encoding', severity: 'error', message: 'invalid UTF-8 at byte 12', location: { file: 'aims/bad.yaml', position: { line: 2, column: 4 } } },
    ]);
    const big = loadRecordFile({ path: 'aims/big.yaml', unreadable: { rule: 'file/too-large', message: 'too large' } });
    expect(big.diagnostics[0]?.location.position).toEqual({ line: 1, column: 1 });
  });

  it('skips documents whose value could not be read (alias bomb) without a second diagnostic', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 8; i++) bomb.push(`${'abcdefgh'[i]}: &${'abcdefgh'[i]} [${Array(10).fill(`*${'abcdefgh'[i - 1]}`).join(', ')}]`);
    const loaded = load(bomb.join('\n') + '\nkind: risk\n');
    expect(loaded.diagnostics.map((d) => d.rule)).toEqual(['yaml/alias-limit']);
    expect(loaded.documents).toEqual([]);
  });
});

describe('loadRecordFile with hostile keys', () => {
  afterEach(() => {
    // Belt and braces: never leave a polluted prototype behind for other tests.
    delete (Object.prototype as Record<string, unknown>)['polluted'];
  });

  it('keeps `__proto__` as an ordinary key and does not pollute Object.prototype', () => {
    const loaded = load('__proto__: {polluted: 1}\nkind: risk\nid: R-1\n');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const data = loaded.documents[0]?.data;
    expect(data && Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(data && Object.keys(data)).toEqual(['__proto__', 'kind', 'id']);
    expect(data?.['polluted']).toBeUndefined();
  });

  it('reports `__proto__`, `constructor` and `prototype` as unknown fields when validating, and still does not pollute', () => {
    const result = check({
      'aims/r.yaml': yaml`
        kind: role
        id: ROLE-1
        title: A role
        responsibilities: [things]
        __proto__: {polluted: 1}
        constructor: x
        prototype: {polluted: 2}
      `,
    });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    const unknown = withRule(result.diagnostics, 'schema/unknown-field');
    expect(unknown.map((d) => [d.message.match(/`([^`]+)`/)?.[1], d.location.position])).toEqual([
      ['__proto__', { line: 5, column: 1 }],
      ['constructor', { line: 6, column: 1 }],
      ['prototype', { line: 7, column: 1 }],
    ]);
    expect(result.diagnostics).toHaveLength(3);
    // The pruned record keeps none of them, and is still an ordinary object.
    const record = result.records[0];
    expect(record && Object.keys(record).sort()).toEqual(['id', 'kind', 'origin', 'responsibilities', 'title']);
    expect(record && Object.getPrototypeOf(record)).toBe(Object.prototype);
  });
});
