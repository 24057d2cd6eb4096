import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/model/codes.js';
import { PROJECT_ROOT } from '../helpers/run.js';

/**
 * The README's rule reference (where SARIF help links point) lists every rule id aims can
 * report, with what it checks and how to fix it, exactly as src/model/codes.ts has them.
 */

interface Row {
  rule: string;
  severity: string;
  summary: string;
  fix: string;
}

function ruleReference(): { rows: Row[]; section: string } {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8').replace(/\r\n/g, '\n');
  const start = readme.indexOf('\n## Rule reference\n');
  expect(start, 'README has a "## Rule reference" section').toBeGreaterThanOrEqual(0);
  const rest = readme.slice(start + 1);
  const next = rest.indexOf('\n## ', 1);
  const section = next < 0 ? rest : rest.slice(0, next);
  const rows: Row[] = [];
  for (const line of section.split('\n')) {
    if (!line.startsWith('| `')) continue;
    const cells = line
      .slice(1, -1)
      .split(/(?<!\\)\|/)
      .map((c) => c.trim());
    expect(cells, line).toHaveLength(4);
    rows.push({ rule: (cells[0] as string).replace(/^`|`$/g, ''), severity: cells[1] as string, summary: cells[2] as string, fix: cells[3] as string });
  }
  return { rows, section };
}

describe('README rule reference', () => {
  const { rows, section } = ruleReference();

  it('has a table with a column for what each rule checks and how to fix it', () => {
    expect(section).toMatch(/\| rule \| severity \| what it checks \| how to fix it \|/);
  });

  it('lists every rule id in src/model/codes.ts once, and no other', () => {
    const ids = rows.map((r) => r.rule);
    expect(new Set(ids).size, 'no duplicates').toBe(ids.length);
    expect([...ids].sort()).toEqual(Object.keys(RULES).sort());
  });

  for (const [id, info] of Object.entries(RULES)) {
    it(`${id}: severity, summary and fix as in the rule table`, () => {
      const row = rows.find((r) => r.rule === id);
      expect(row, id).toBeDefined();
      expect(row?.severity).toBe(info.severity);
      expect(row?.summary).toBe(info.summary.replace(/\|/g, '\\|'));
      expect(row?.fix).toBe(info.fix.replace(/\|/g, '\\|'));
    });
  }
});
