import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE_FILE, readCatalogueText } from '../../../src/assets.js';
import { loadCatalogue } from '../../../src/validate/load-catalogue.js';
import { annexAControls } from '../../../src/model/catalogue.js';
import { RECORD_KINDS } from '../../../src/model/record.js';
import { schemas } from '../../helpers/engine.js';
import { yaml } from '../../helpers/yaml.js';

const builtIn = loadCatalogue(CATALOGUE_FILE, readCatalogueText(), schemas);

/** test/data/iso-42001-second-source.tsv: an independent public list of ids and titles (see test/data/README.md). */
function secondSource(): { id: string; title: string }[] {
  const text = readFileSync(new URL('../../data/iso-42001-second-source.tsv', import.meta.url), 'utf8');
  const [header, ...rows] = text.split('\n').filter((line) => line !== '');
  expect(header).toBe('id\ttitle');
  return rows.map((row) => {
    const cells = row.split('\t');
    expect(cells, row).toHaveLength(2);
    return { id: cells[0] ?? '', title: cells[1] ?? '' };
  });
}

describe('the built-in ISO/IEC 42001 catalogue', () => {
  it('is valid against catalogue.schema.json and identifies itself', () => {
    expect(builtIn.id).toBe('iso-42001-2023');
    expect(builtIn.title).toBe('ISO/IEC 42001:2023');
  });

  it('has exactly 38 Annex A controls, 11 control objectives and 43 clauses', () => {
    expect(annexAControls(builtIn)).toHaveLength(38);
    expect(builtIn.entries.filter((e) => e.kind === 'objective')).toHaveLength(11);
    expect(builtIn.entries.filter((e) => e.kind === 'clause')).toHaveLength(43);
    expect(builtIn.entries).toHaveLength(92);
  });

  it('has unique ids, indexed by byId', () => {
    const ids = builtIn.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(builtIn.byId.size).toBe(ids.length);
    for (const entry of builtIn.entries) expect(builtIn.byId.get(entry.id)).toBe(entry);
  });

  it('has a parent for every entry that names one, listed before it, whose id is its prefix', () => {
    const seen = new Set<string>();
    for (const entry of builtIn.entries) {
      if (entry.parent !== null) {
        expect(builtIn.byId.has(entry.parent), `${entry.id} → ${entry.parent}`).toBe(true);
        expect(seen.has(entry.parent), `${entry.parent} comes before ${entry.id}`).toBe(true);
        expect(entry.id.startsWith(entry.parent + '.'), `${entry.id} is under ${entry.parent}`).toBe(true);
      }
      seen.add(entry.id);
    }
  });

  it('nests kinds sensibly: top-level clauses and objectives have no parent, controls sit under objectives', () => {
    for (const entry of builtIn.entries) {
      const parent = entry.parent === null ? undefined : builtIn.byId.get(entry.parent);
      if (entry.kind === 'control') expect(parent?.kind, entry.id).toBe('objective');
      if (entry.kind === 'clause') expect(parent === undefined ? /^\d+$/.test(entry.id) : parent.kind === 'clause', entry.id).toBe(true);
      if (entry.kind === 'objective') expect(entry.id.startsWith('A.'), entry.id).toBe(true);
    }
    expect(builtIn.entries.filter((e) => e.parent === null).map((e) => e.id)).toEqual([
      '4', '5', '6', '7', '8', '9', '10', 'A.2', 'A.3', 'A.4', 'A.5', 'A.6', 'A.7', 'A.8', 'A.9', 'A.10',
    ]);
  });

  it('names only real record kinds as evidence, and gives every entry a one-sentence summary', () => {
    for (const entry of builtIn.entries) {
      for (const kind of entry.evidencedBy) expect(RECORD_KINDS, entry.id).toContain(kind);
      expect(entry.summary.trim().length, entry.id).toBeGreaterThan(10);
    }
  });

  it('has the same ids and titles, row by row, as the independent second source (verified against a second source)', () => {
    const expected = secondSource();
    expect(expected).toHaveLength(92);
    const actual = builtIn.entries.map((e) => ({ id: e.id, title: e.title }));
    // Row by row, so that a difference names the row.
    for (let i = 0; i < Math.max(expected.length, actual.length); i++) {
      expect(actual[i], `row ${i + 1}`).toEqual(expected[i]);
    }
  });

  it('includes the entries the rules rely on', () => {
    expect(builtIn.byId.get('6.1.2')).toMatchObject({ kind: 'clause', parent: '6.1', title: 'AI risk assessment' });
    expect(builtIn.byId.get('A.6.2.4')).toMatchObject({ kind: 'control', parent: 'A.6.2' });
    expect(builtIn.byId.get('9.1')?.kind).toBe('clause');
    expect(builtIn.byId.has('A.6.2.9')).toBe(false);
  });
});

describe('loadCatalogue', () => {
  const SMALL = yaml`
    id: tiny-standard
    title: Tiny Standard
    entries:
      - id: "1"
        title: One
        kind: clause
        parent: null
        summary: The first clause.
        evidenced_by: [policy]
      - id: A.1
        title: Controls
        kind: objective
        parent: null
        summary: The controls.
        evidenced_by: []
      - id: A.1.1
        title: A control
        kind: control
        parent: A.1
        summary: The only control.
        evidenced_by: [control]
  `;

  it('turns catalogue text into entries in order, with evidenced_by as evidencedBy', () => {
    const catalogue = loadCatalogue('tiny.yaml', SMALL, schemas);
    expect(catalogue.id).toBe('tiny-standard');
    expect(catalogue.entries.map((e) => e.id)).toEqual(['1', 'A.1', 'A.1.1']);
    expect(catalogue.byId.get('A.1.1')).toEqual({
      id: 'A.1.1',
      title: 'A control',
      kind: 'control',
      parent: 'A.1',
      summary: 'The only control.',
      evidencedBy: ['control'],
    });
  });

  it('throws (a bug in aims, not a user diagnostic) for a catalogue that breaks its schema', () => {
    expect(() => loadCatalogue('bad.yaml', SMALL.replace('kind: control', 'kind: widget'), schemas)).toThrow(/catalogue bad\.yaml is invalid/);
    expect(() => loadCatalogue('bad.yaml', 'id: x\ntitle: X\n', schemas)).toThrow(/invalid/);
  });

  it('throws for catalogue text that is not valid YAML, or empty', () => {
    expect(() => loadCatalogue('bad.yaml', 'id: [x\n', schemas)).toThrow(/invalid/);
    expect(() => loadCatalogue('empty.yaml', '', schemas)).toThrow(/invalid/);
  });
});
