import { describe, expect, it } from 'vitest';
import { locate } from '../../../src/load/locate.js';
import { parsePointer, toPointer } from '../../../src/load/pointer.js';
import { parseYamlStream } from '../../../src/load/parse-yaml.js';
import type { Location, Position } from '../../../src/model/diagnostic.js';
import { crlf, yaml } from '../../helpers/yaml.js';

const RISK = yaml`
  # A risk, with every shape of value locate has to find.
  kind: risk
  id: R-1
  owner:
  systems: [SYS-1, SYS-2]
  treatment: {option: mitigate, controls: [C-1]}
  evidence:
    - evidence/a.md
    - evidence/b.md
  residual:
    likelihood: rare
  approved:
    by:
`;

function pos(text: string, location: Omit<Location, 'file'>): Position {
  return locate(parseYamlStream('r.yaml', text), { file: 'r.yaml', ...location });
}

describe('locate', () => {
  it('finds odd keys where they are, never at 1:1: complex keys, null, numbers, aliases, block scalars', () => {
    const odd = 'kind: role\nid: &i ROLE-1\n? [a, b]\n: x\n[c]: y\n? {d: 1}\n: z\nnull: n\n~: t\n0x1F: h\n*i : a\n? |\n  block\n: b\n';
    // The names are those the record's object has (the yaml library's own conversion).
    expect(pos(odd, { pointer: '/[ a, b ]', target: 'key' })).toEqual({ line: 3, column: 3 });
    expect(pos(odd, { pointer: '/[ a, b ]' })).toEqual({ line: 4, column: 3 });
    expect(pos(odd, { pointer: '/[ c ]', target: 'key' })).toEqual({ line: 5, column: 1 });
    expect(pos(odd, { pointer: '/{ d: 1 }', target: 'key' })).toEqual({ line: 6, column: 3 });
    // `null:` and `~:` both become '': the first is found.
    expect(pos(odd, { pointer: '/', target: 'key' })).toEqual({ line: 8, column: 1 });
    expect(pos(odd, { pointer: '/31', target: 'key' })).toEqual({ line: 10, column: 1 });
    expect(pos(odd, { pointer: '/ROLE-1', target: 'key' })).toEqual({ line: 11, column: 1 });
    expect(pos(odd, { pointer: '/block\n', target: 'key' })).toEqual({ line: 12, column: 3 });
  });

  it('steps over a YAML 1.1 merge key (`<<`) without converting it (that threw: "Merge sources must be maps")', () => {
    const merged = '%YAML 1.1\n---\nkind: context\nid: R-1\n<<:\n  extra: {}\ntitle: T\n';
    expect(pos(merged, { pointer: '/title' })).toEqual({ line: 7, column: 8 });
    expect(pos(merged, { pointer: '/missing' })).toEqual({ line: 3, column: 1 });
  });

  it('points at the value by default', () => {
    expect(pos(RISK, { pointer: '/id' })).toEqual({ line: 3, column: 5 });
    expect(pos(RISK, { pointer: '/residual/likelihood' })).toEqual({ line: 11, column: 15 });
  });

  it('points at the key for a key target', () => {
    expect(pos(RISK, { pointer: '/id', target: 'key' })).toEqual({ line: 3, column: 1 });
    expect(pos(RISK, { pointer: '/residual/likelihood', target: 'key' })).toEqual({ line: 11, column: 3 });
  });

  it('points at a block sequence item, for value and key targets alike', () => {
    expect(pos(RISK, { pointer: '/evidence/0' })).toEqual({ line: 8, column: 5 });
    expect(pos(RISK, { pointer: '/evidence/1' })).toEqual({ line: 9, column: 5 });
    expect(pos(RISK, { pointer: '/evidence/1', target: 'key' })).toEqual({ line: 9, column: 5 });
  });

  it('points at items of a flow sequence', () => {
    // systems: [SYS-1, SYS-2]
    //          ^10 ^11    ^18
    expect(pos(RISK, { pointer: '/systems' })).toEqual({ line: 5, column: 10 });
    expect(pos(RISK, { pointer: '/systems/0' })).toEqual({ line: 5, column: 11 });
    expect(pos(RISK, { pointer: '/systems/1' })).toEqual({ line: 5, column: 18 });
  });

  it('points into a flow mapping, and a flow sequence inside it', () => {
    // treatment: {option: mitigate, controls: [C-1]}
    //            ^12 ^13    ^21      ^31      ^41^42
    expect(pos(RISK, { pointer: '/treatment' })).toEqual({ line: 6, column: 12 });
    expect(pos(RISK, { pointer: '/treatment/option' })).toEqual({ line: 6, column: 21 });
    expect(pos(RISK, { pointer: '/treatment/option', target: 'key' })).toEqual({ line: 6, column: 13 });
    expect(pos(RISK, { pointer: '/treatment/controls', target: 'key' })).toEqual({ line: 6, column: 31 });
    expect(pos(RISK, { pointer: '/treatment/controls/0' })).toEqual({ line: 6, column: 42 });
  });

  it('falls back to the key for a null value (`owner:` with nothing after it)', () => {
    expect(pos(RISK, { pointer: '/owner' })).toEqual({ line: 4, column: 1 });
    expect(pos(RISK, { pointer: '/approved/by' })).toEqual({ line: 13, column: 3 });
  });

  it('points at an explicit ~ as a value', () => {
    expect(pos('kind: risk\nowner: ~\n', { pointer: '/owner' })).toEqual({ line: 2, column: 8 });
  });

  it('lands a pointer to a missing field on the key of its parent', () => {
    expect(pos(RISK, { pointer: '/treatment/plan' })).toEqual({ line: 6, column: 1 });
    expect(pos(RISK, { pointer: '/residual/impact' })).toEqual({ line: 10, column: 1 });
    expect(pos(RISK, { pointer: '/evidence/7' })).toEqual({ line: 7, column: 1 });
    // Also with a key target: the missing key's parent key.
    expect(pos(RISK, { pointer: '/residual/impact', target: 'key' })).toEqual({ line: 10, column: 1 });
  });

  it('lands a pointer below a null value on that value\'s key', () => {
    expect(pos(RISK, { pointer: '/owner/name' })).toEqual({ line: 4, column: 1 });
    expect(pos(RISK, { pointer: '/approved/by/x' })).toEqual({ line: 13, column: 3 });
  });

  it('lands a pointer to a missing top-level field on the start of the record', () => {
    expect(pos(RISK, { pointer: '/likelihood' })).toEqual({ line: 2, column: 1 });
  });

  it('takes the first key for a key target at the root, after leading comments', () => {
    expect(pos(RISK, { pointer: '', target: 'key' })).toEqual({ line: 2, column: 1 });
    expect(pos(RISK, { pointer: '' })).toEqual({ line: 2, column: 1 });
    expect(pos('\n\n  kind: risk\n  id: R-1\n', { pointer: '', target: 'key' })).toEqual({ line: 3, column: 3 });
  });

  it('takes the first key of a list item for a key target on that item', () => {
    const text = yaml`
      kind: audit
      findings:
        - id: F-1
          type: minor
        -   type: major
    `;
    expect(pos(text, { pointer: '/findings/0', target: 'key' })).toEqual({ line: 3, column: 5 });
    expect(pos(text, { pointer: '/findings/1', target: 'key' })).toEqual({ line: 5, column: 7 });
    expect(pos(text, { pointer: '/findings/1/type', target: 'key' })).toEqual({ line: 5, column: 7 });
    expect(pos(text, { pointer: '/findings/1/type' })).toEqual({ line: 5, column: 13 });
  });

  it('finds documents of a stream by index, counting lines from the start of the file', () => {
    const text = yaml`
      kind: risk
      id: R-1
      ---
      kind: risk
      id: R-2
      ---
      # third
      kind: risk
      id: R-3
    `;
    expect(pos(text, { document: 0, pointer: '/id' })).toEqual({ line: 2, column: 5 });
    expect(pos(text, { document: 1, pointer: '/id' })).toEqual({ line: 5, column: 5 });
    expect(pos(text, { document: 2, pointer: '/id' })).toEqual({ line: 9, column: 5 });
    expect(pos(text, { document: 2, pointer: '', target: 'key' })).toEqual({ line: 8, column: 1 });
    // A document that does not exist falls back to the start of the file.
    expect(pos(text, { document: 9, pointer: '/id' })).toEqual({ line: 1, column: 1 });
  });

  it('defaults to the first document when none is given', () => {
    expect(pos('kind: risk\nid: R-1\n---\nkind: risk\nid: R-2\n', { pointer: '/id' })).toEqual({ line: 2, column: 5 });
  });

  it('unescapes ~1 and ~0 in pointer segments, in that order', () => {
    const text = yaml`
      kind: risk
      x-links:
        a/b: first
        c~d: second
        e~1f: third
    `;
    expect(pos(text, { pointer: '/x-links/a~1b' })).toEqual({ line: 3, column: 8 });
    expect(pos(text, { pointer: '/x-links/c~0d' })).toEqual({ line: 4, column: 8 });
    // `e~1f` is the key written literally; ~01 must decode to "~1", not to "/".
    expect(pos(text, { pointer: '/x-links/e~01f' })).toEqual({ line: 5, column: 9 });
  });

  it('finds numeric and boolean keys by their string form', () => {
    expect(pos('kind: risk\nx-map:\n  9.1: nine\n  true: yes\n', { pointer: '/x-map/9.1' })).toEqual({ line: 3, column: 8 });
  });

  it('returns a position that is already known unchanged', () => {
    expect(pos(RISK, { pointer: '/id', position: { line: 42, column: 7 } })).toEqual({ line: 42, column: 7 });
  });

  it('gives the same positions for CRLF line endings', () => {
    const pointers: Omit<Location, 'file'>[] = [
      { pointer: '/id' },
      { pointer: '/owner' },
      { pointer: '/systems/1' },
      { pointer: '/treatment/controls/0' },
      { pointer: '/evidence/1' },
      { pointer: '/residual/likelihood', target: 'key' },
      { pointer: '/treatment/plan' },
      { pointer: '', target: 'key' },
    ];
    const windows = crlf(RISK);
    expect(windows).toContain('\r\n');
    for (const location of pointers) expect(pos(windows, location), location.pointer).toEqual(pos(RISK, location));
  });

  it('points into an empty document at the end of its `---` marker', () => {
    expect(pos('kind: risk\n---\n# nothing\n', { document: 1, pointer: '/id' })).toEqual({ line: 2, column: 4 });
  });
});

describe('parsePointer and toPointer', () => {
  it('round-trip segments with / and ~', () => {
    const segments = ['findings', 0, 'a/b', 'c~d', 'e~1f'];
    const pointer = toPointer(segments);
    expect(pointer).toBe('/findings/0/a~1b/c~0d/e~01f');
    expect(parsePointer(pointer)).toEqual(['findings', '0', 'a/b', 'c~d', 'e~1f']);
  });

  it('reads the empty pointer as the root and "/" as the empty key', () => {
    expect(parsePointer('')).toEqual([]);
    expect(parsePointer('/')).toEqual(['']);
    expect(toPointer([])).toBe('');
  });
});
