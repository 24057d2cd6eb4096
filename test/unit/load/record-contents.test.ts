import { describe, expect, it } from 'vitest';
import { fastParseStream } from '../../../src/load/fast-route.js';
import { recordContents, recordKey } from '../../../src/load/record-contents.js';

/**
 * A walk of history compares each record's content between versions of its file. Versions are
 * parsed by the fast parser where it reads as `yaml` does, and by `yaml` elsewhere, so the
 * same data must give the same content whichever parser read it.
 */
describe('recordContents', () => {
  const plain = 'kind: risk\nid: RISK-001\ntitle: Model drift\nowner: Dana\napproved: { by: Board, date: 2026-01-10 }\n---\nkind: policy\nid: 7\nstatements: [a, b]\n';
  // The same data with an anchor and an alias: the fast parser leaves it to `yaml`.
  const anchored = 'kind: risk\nid: RISK-001\ntitle: &t Model drift\nowner: Dana\napproved: { by: Board, date: 2026-01-10 }\n---\nkind: policy\nid: 7\nstatements: [a, b]\n';

  it('gives the same content for the same data, whichever parser read the version', () => {
    expect(fastParseStream(plain)).toBeDefined();
    expect(fastParseStream(anchored)).toBeUndefined();
    const fast = recordContents('a.yaml', plain);
    expect([...fast.keys()]).toEqual([recordKey('risk', 'RISK-001'), recordKey('policy', '7')]);
    expect(fast.get(recordKey('risk', 'RISK-001'))?.approved).toBe('2026-01-10');
    expect(recordContents('a.yaml', anchored)).toEqual(fast);
  });

  it('a changed value is a changed content on either path; key order and comments are not', () => {
    const reordered = 'id: RISK-001\nkind: risk # the kind\nowner: Dana\ntitle: Model drift\napproved: { date: 2026-01-10, by: Board }\n---\nkind: policy\nid: 7\nstatements: [a, b]\n';
    expect(recordContents('a.yaml', reordered)).toEqual(recordContents('a.yaml', plain));
    const edited = recordContents('a.yaml', anchored.replace('Model drift', 'Model drift after a shock'));
    expect(edited.get(recordKey('risk', 'RISK-001'))?.content).not.toBe(recordContents('a.yaml', plain).get(recordKey('risk', 'RISK-001'))?.content);
  });
});
