import { describe, expect, it } from 'vitest';
import { MAX_ALIAS_COUNT, MAX_DEPTH, parseYamlStream, positionOf, yamlScalar } from '../../../src/load/parse-yaml.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import { crlf, yaml } from '../../helpers/yaml.js';

/** Rule and position of each diagnostic (parse-yaml positions everything itself). */
function where(diagnostics: readonly Diagnostic[]): { rule: string; line: number | undefined; column: number | undefined }[] {
  return diagnostics.map((d) => ({ rule: d.rule, line: d.location.position?.line, column: d.location.position?.column }));
}

describe('parseYamlStream', () => {
  it('parses a single document into plain data and keeps the text', () => {
    const text = yaml`
      kind: risk
      id: R-1
      updated: 2026-03-31
    `;
    const parsed = parseYamlStream('aims/r.yaml', text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.text).toBe(text);
    expect(parsed.documents).toHaveLength(1);
    // The YAML 1.2 core schema keeps dates as strings, as JSON Schema expects.
    expect(parsed.documents[0]?.value).toEqual({ kind: 'risk', id: 'R-1', updated: '2026-03-31' });
    expect(parsed.documents[0]?.empty).toBe(false);
    expect(parsed.documents[0]?.broken).toBe(false);
  });

  it('reports a syntax error at its position as yaml/syntax and marks the document broken', () => {
    const text = yaml`
      kind: risk
      id: @R-1
      title: t
    `;
    const parsed = parseYamlStream('r.yaml', text);
    expect(where(parsed.diagnostics)).toEqual([{ rule: 'yaml/syntax', line: 2, column: 5 }]);
    expect(parsed.diagnostics[0]).toMatchObject({ severity: 'error', location: { file: 'r.yaml' } });
    expect(parsed.diagnostics[0]?.message).toBe('the value of `id` starts with `@`, which YAML reserves');
    expect(parsed.diagnostics[0]?.hint).toBe('quote the value: `id: "@R-1"`');
    // yaml's own " at line N, column M" suffix is not repeated in the message.
    expect(parsed.diagnostics[0]?.message).not.toMatch(/at line \d+/);
    expect(parsed.documents[0]?.broken).toBe(true);
  });

  it('reports an unterminated quoted string', () => {
    const parsed = parseYamlStream('r.yaml', 'kind: risk\ntitle: "open\n');
    expect(parsed.diagnostics.map((d) => d.rule)).toContain('yaml/syntax');
    expect(parsed.diagnostics.some((d) => d.message.includes('quote'))).toBe(true);
    expect(parsed.documents[0]?.broken).toBe(true);
  });

  it('reports a tab used as indentation', () => {
    const parsed = parseYamlStream('r.yaml', 'kind: risk\nid: R-1\n\ttitle: x\n');
    expect(where(parsed.diagnostics)).toEqual([{ rule: 'yaml/syntax', line: 3, column: 1 }]);
  });

  it('reports a bad indentation where the offending key starts', () => {
    const text = yaml`
      kind: risk
      id: R-1
        title: indented
    `;
    const parsed = parseYamlStream('r.yaml', text);
    expect(parsed.diagnostics[0]).toMatchObject({ rule: 'yaml/syntax', severity: 'error' });
    // The line to fix, not the line above where the parser noticed.
    expect(parsed.diagnostics[0]?.location.position).toEqual({ line: 3, column: 3 });
    expect(parsed.diagnostics[0]?.message).toBe('line 3 is indented more than line 2, so YAML reads it as part of the value above');
    expect(parsed.diagnostics[0]?.hint).toBe('check the indentation of line 3: align it with the field above it');
    expect(parsed.diagnostics).toHaveLength(1);
    expect(parsed.documents[0]?.broken).toBe(true);
  });

  it('reports a duplicate key as yaml/duplicate-key at the second occurrence, without breaking the document', () => {
    const text = yaml`
      kind: risk
      id: R-1
      title: First
      id: R-2
    `;
    const parsed = parseYamlStream('r.yaml', text);
    expect(where(parsed.diagnostics)).toEqual([{ rule: 'yaml/duplicate-key', line: 4, column: 1 }]);
    expect(parsed.documents[0]?.broken).toBe(false);
  });

  it('reports a nested duplicate key at its own indentation', () => {
    const text = yaml`
      kind: risk
      treatment:
        option: mitigate
        plan: a
        option: avoid
    `;
    expect(where(parseYamlStream('r.yaml', text).diagnostics)).toEqual([{ rule: 'yaml/duplicate-key', line: 5, column: 3 }]);
  });

  it('stops an alias bomb with yaml/alias-limit quickly, without expanding it', () => {
    const levels = ['a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]'];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array.from({ length: 9 }, () => `*${prev}`).join(', ')}]`);
    }
    const text = levels.join('\n') + '\n';
    const parsed = parseYamlStream('bomb.yaml', text);
    expect(where(parsed.diagnostics)).toEqual([{ rule: 'yaml/alias-limit', line: 1, column: 1 }]);
    expect(parsed.diagnostics[0]?.message).toContain(String(MAX_ALIAS_COUNT));
    expect(parsed.documents[0]?.value).toBeUndefined();
    expect(parsed.documents[0]?.broken).toBe(true);
    // 9^9 ≈ 387 million strings if expanded: reaching this line at all shows it was not
    // (its time and memory are measured in `npm run bench -- --hostile`, not here).
  });

  it('accepts a few ordinary aliases', () => {
    const text = yaml`
      base: &base [a, b]
      copy: *base
    `;
    const parsed = parseYamlStream('r.yaml', text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.documents[0]?.value).toEqual({ base: ['a', 'b'], copy: ['a', 'b'] });
  });

  it('refuses 10,000 nested flow sequences as yaml/too-deep, at the first level past the limit, without throwing', () => {
    const text = '['.repeat(10_000) + ']'.repeat(10_000) + '\n';
    const parsed = parseYamlStream('deep.yaml', text);
    expect(where(parsed.diagnostics)).toEqual([{ rule: 'yaml/too-deep', line: 1, column: MAX_DEPTH + 1 }]);
    expect(parsed.documents[0]).toMatchObject({ value: undefined, broken: true, empty: false });
  });

  it('survives several deeply nested documents in a row (no stack exhaustion left behind)', () => {
    // Two such files in one process used to abort Node (a stack overflow inside V8's regexp compiler).
    for (const depth of [1000, 3000, 1000]) {
      const parsed = parseYamlStream('deep.yaml', '{a: '.repeat(depth) + '1' + '}'.repeat(depth) + '\n');
      expect(parsed.diagnostics.map((d) => d.rule)).toEqual(['yaml/too-deep']);
    }
    expect(parseYamlStream('ok.yaml', 'kind: risk\n').documents[0]?.value).toEqual({ kind: 'risk' });
  });

  it('refuses 200 nested block mappings as yaml/too-deep', () => {
    let text = '';
    for (let i = 0; i < 200; i++) text += `${'  '.repeat(i)}k${i}:\n`;
    text += `${'  '.repeat(200)}leaf: 1\n`;
    const parsed = parseYamlStream('deep.yaml', text);
    // The 65th mapping (k64, indented 128 spaces) is the first one past the limit.
    expect(where(parsed.diagnostics)).toEqual([{ rule: 'yaml/too-deep', line: MAX_DEPTH + 1, column: 2 * MAX_DEPTH + 1 }]);
    expect(parsed.documents[0]?.value).toBeUndefined();
  });

  it('accepts nesting exactly at the limit', () => {
    const text = '['.repeat(MAX_DEPTH) + ']'.repeat(MAX_DEPTH) + '\n';
    const parsed = parseYamlStream('ok.yaml', text);
    expect(parsed.diagnostics).toEqual([]);
    expect(parsed.documents[0]?.broken).toBe(false);
  });

  it('only refuses the too-deep document of a stream', () => {
    const text = 'kind: risk\nid: R-1\n---\n' + '['.repeat(100) + ']'.repeat(100) + '\n---\nkind: risk\nid: R-2\n';
    const parsed = parseYamlStream('s.yaml', text);
    expect(where(parsed.diagnostics)).toEqual([{ rule: 'yaml/too-deep', line: 4, column: MAX_DEPTH + 1 }]);
    expect(parsed.documents.map((d) => d.value)).toEqual([{ kind: 'risk', id: 'R-1' }, undefined, { kind: 'risk', id: 'R-2' }]);
  });

  it('splits a multi-document stream and counts positions from the start of the file', () => {
    const text = yaml`
      kind: risk
      id: R-1
      ---
      kind: risk
      id: R-2
      ---
      kind: risk
      id: R-3
      title: x
      id: R-3b
    `;
    const parsed = parseYamlStream('s.yaml', text);
    expect(parsed.documents.map((d) => d.index)).toEqual([0, 1, 2]);
    expect(parsed.documents.map((d) => (d.value as { id: string }).id)).toEqual(['R-1', 'R-2', 'R-3b']);
    // The duplicate key of the third document is on line 10 of the file, not line 4 of its document.
    expect(where(parsed.diagnostics)).toEqual([{ rule: 'yaml/duplicate-key', line: 10, column: 1 }]);
    const third = parsed.documents[2]?.ast.contents;
    expect(third?.range && positionOf(parsed, third.range[0])).toEqual({ line: 7, column: 1 });
  });

  it('marks empty and comment-only documents in a stream as empty', () => {
    const text = yaml`
      kind: risk
      ---
      # only a comment
      ---
      ---
      kind: role
    `;
    const parsed = parseYamlStream('s.yaml', text);
    expect(parsed.documents.map((d) => d.empty)).toEqual([false, true, true, false]);
    expect(parsed.diagnostics).toEqual([]);
  });

  it('yields no documents for an empty or comment-only file', () => {
    expect(parseYamlStream('e.yaml', '').documents).toEqual([]);
    expect(parseYamlStream('c.yaml', '# nothing here yet\n# still nothing\n').documents).toEqual([]);
  });

  it('does not mark an explicit null or ~ document as empty', () => {
    expect(parseYamlStream('n.yaml', 'null\n').documents[0]?.empty).toBe(false);
    expect(parseYamlStream('n.yaml', '~\n').documents[0]?.empty).toBe(false);
  });

  it('gives the same lines and columns for CRLF line endings as for LF', () => {
    const text = yaml`
      kind: risk
      id: R-1
      treatment:
        option: mitigate
        option: avoid
      title: "open
    `;
    const lf = parseYamlStream('lf.yaml', text);
    const windows = parseYamlStream('crlf.yaml', crlf(text));
    expect(where(lf.diagnostics).length).toBeGreaterThan(1);
    expect(where(windows.diagnostics)).toEqual(where(lf.diagnostics));
    expect(where(lf.diagnostics)[0]).toEqual({ rule: 'yaml/duplicate-key', line: 5, column: 3 });
  });

  it('positionOf converts an offset to a 1-based line and column', () => {
    const parsed = parseYamlStream('p.yaml', 'a: 1\nbb: 2\n');
    expect(positionOf(parsed, 0)).toEqual({ line: 1, column: 1 });
    expect(positionOf(parsed, 5)).toEqual({ line: 2, column: 1 });
    expect(positionOf(parsed, 9)).toEqual({ line: 2, column: 5 });
  });
});

describe('yamlScalar (what the generators write values through)', () => {
  const awkward = [
    'HireWise: AI Recruiting',
    'Acme #1 Ltd',
    '> folded?',
    '- a list?',
    '"quoted" and \'single\'',
    'line one\nkind: injected',
    'tab\there',
    'Zoë Ærø 東京',
    'true',
    '9.1',
    '2026-12-01',
    '',
    ' leading and trailing ',
    '@at `tick` %percent &anchor *alias !tag',
    'x'.repeat(300),
  ];
  for (const value of awkward) {
    it(`${JSON.stringify(value).slice(0, 40)} is one line that reads back as the same text`, () => {
      const written = yamlScalar(value);
      expect(written).not.toContain('\n');
      const parsed = parseYamlStream('t.yaml', `key: ${written}\nnext: 1\n`);
      expect(parsed.diagnostics).toEqual([]);
      expect(parsed.documents[0]?.value).toEqual({ key: value, next: 1 });
    });
  }
  it('leaves plain text plain', () => {
    expect(yamlScalar('Acme Ltd')).toBe('Acme Ltd');
  });
});
