/**
 * locateInLines (the line reader for documents the fast path read) answers exactly as locate.ts
 * does with the `yaml` tree, or not at all: on every location (every key and value, a missing
 * field below each mapping, an index past each list, a field below each scalar; key and value
 * targets) of every fast-path document in the fixtures, the examples and arbitrary YAML.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentSlices, fastParseStream } from '../../../src/load/fast-route.js';
import { locate } from '../../../src/load/locate.js';
import { locateInLines } from '../../../src/load/locate-lines.js';
import { parseDocumentsAlone } from '../../../src/load/parse-yaml.js';
import { toPointer } from '../../../src/load/pointer.js';
import type { Location } from '../../../src/model/diagnostic.js';
import { arbitraryYaml } from '../../property/arbitraries.js';
import { runs } from '../../property/harness.js';
import { PROJECT_ROOT } from '../../helpers/run.js';

function yamlFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yamlFiles(full, out);
    else if (/\.ya?ml$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** Every pointer into `value`, and one step past each (a missing key, an index past the end, a field below a scalar). */
function pointers(value: unknown, segments: (string | number)[] = [], out: string[] = []): string[] {
  out.push(toPointer(segments));
  if (Array.isArray(value)) {
    value.forEach((item, i) => pointers(item, [...segments, i], out));
    out.push(toPointer([...segments, value.length]), toPointer([...segments, 'x']));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) pointers(child, [...segments, key], out);
    out.push(toPointer([...segments, 'no-such-field']));
  } else {
    out.push(toPointer([...segments, 'below']));
  }
  return out;
}

/** Compares both locators on every location of every fast document of `text`; how many the line reader answered, of how many. */
function compare(file: string, text: string): { answered: number; asked: number } {
  const documents = fastParseStream(text);
  if (!documents) return { answered: 0, asked: 0 };
  const slices = documentSlices(text);
  let answered = 0;
  let asked = 0;
  documents.forEach((doc, index) => {
    if (doc.empty) return;
    const slice = slices[index] as { start: number; end: number };
    const parsed = parseDocumentsAlone(file, text, new Map([[index, slice]]));
    for (const pointer of pointers(doc.value)) {
      for (const target of ['value', 'key'] as const) {
        const location: Location = { file, document: index, pointer, target };
        const lines = locateInLines(text, slice, location);
        asked++;
        if (lines === undefined) continue;
        answered++;
        expect(lines, `${file} #${index} ${pointer} ${target}`).toEqual(locate(parsed, location));
      }
    }
  });
  return { answered, asked };
}

describe('locateInLines = locate', () => {
  it('on every fast document of the fixtures and examples, answering most locations', () => {
    let answered = 0;
    let asked = 0;
    for (const file of [...yamlFiles(path.join(PROJECT_ROOT, 'test/fixtures')), ...yamlFiles(path.join(PROJECT_ROOT, 'examples'))]) {
      const counts = compare(path.relative(PROJECT_ROOT, file), readFileSync(file, 'utf8'));
      answered += counts.answered;
      asked += counts.asked;
    }
    expect(asked).toBeGreaterThan(1000);
    expect(answered / asked).toBeGreaterThan(0.8);
  });

  it('on layouts at the edge of what it reads', () => {
    const cases = [
      'kind: risk\nid: R-1\nowner:\nnotes: ~\nsystems: [S-1, "S-2"]\nevidence:\n- a.md\n-   b.md\n',
      'kind: risk\ntreatment:\n  controls:\n    - A.5.2\n    - A.6.1\n  option: mitigate\nnext: 1\n',
      'kind: audit\nfindings:\n  - ref: F-1\n    note: |\n      # not a comment\n      text: not a key\n    closed: true\n  -   ref: F-2\n',
      'kind: risk\ndescription: >-\n  folded\n\n  more\ntitle: "quoted # not a comment"\nsummary: \'it\'\'s\' # a comment\n',
      'kind: risk\nnotes: plain\n  continued on\n  more lines\nowner: # nothing yet\n\n# a comment\nid: R-2\n',
      'kind: risk\nmulti: "spans\n  lines"\nafter: x\n',
      'kind: risk\nflow: [a,\n  b]\nafter: x\n',
      'kind: risk\n"quoted": key\n',
      'kind: risk\nlist:\n  -\n    a: 1\n  - - nested\n',
      'kind: risk\nTrue: 1\n',
      'kind:\n  kind:\n    - {kind: context}\n', // a key target on a flow mapping: its first key, inside the braces
      '  kind: risk\n  id: R-3\n',
      '# leading comment\n\nkind: risk\nid: R-4\n---\nkind: role\nid: ROLE-1\n',
    ];
    for (const text of cases) compare('case.yaml', text);
  });

  it('on arbitrary YAML streams', () => {
    fc.assert(
      fc.property(arbitraryYaml, (text) => {
        compare('arbitrary.yaml', text);
      }),
      runs(300),
    );
  });
});
