import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../../src/model/codes.js';

const SRC = fileURLToPath(new URL('../../../src', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

describe('RULES', () => {
  it('names every rule area/name, with a severity, a one-line summary and a fix', () => {
    for (const [id, info] of Object.entries(RULES)) {
      expect(id).toMatch(/^[a-z]+\/[a-z]+(?:-[a-z]+)*$/);
      expect(['error', 'warning']).toContain(info.severity);
      expect(info.summary.length, id).toBeGreaterThan(10);
      expect(info.summary, id).not.toContain('\n');
      expect(info.fix.length, id).toBeGreaterThan(5);
    }
  });

  it('is the only place rule ids come from: every quoted rule id in load/ validate/ workspace/ is in the table', () => {
    const known = new Set(Object.keys(RULES));
    const areas = new Set([...known].map((id) => id.split('/')[0]));
    const used = new Set<string>();
    for (const file of sources(SRC).filter((f) => /[/\\](load|validate|workspace)[/\\]/.test(f))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/'([a-z]+\/[a-z]+(?:-[a-z]+)*)'/g)) {
        const id = match[1] ?? '';
        if (areas.has(id.split('/')[0])) used.add(id);
      }
    }
    expect([...used].filter((id) => !known.has(id))).toEqual([]);
    expect(used.size).toBeGreaterThan(20);
  });
});
