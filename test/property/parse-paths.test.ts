/**
 * Property: the fast parse path (js-yaml where the scan allows, `yaml` for the rest and for
 * every file with a diagnostic), and `--cache` warm (each unchanged file's check read back from
 * the cache body), give exactly what the reference path (`yaml` for all, no cache) gives:
 * the same diagnostics at the same positions, the same suppressed findings, the same records
 * (data, kinds, origins) and summary. The inputs are mutations of examples/acme and arbitrary
 * YAML streams; the fixtures and examples are compared through the CLI in test/e2e/parse-paths.test.ts.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fastParseStream } from '../../src/load/fast-route.js';
import { arbitraryYaml } from './arbitraries.js';
import { checkInMemory, type Content, runs } from './harness.js';
import { type Acme, applyMutation, mutation, readAcme } from './mutate.js';

let acme: Acme;
beforeAll(async () => {
  acme = await readAcme();
});

/**
 * Both paths on the same files, and the cache: warm with every file cached, and warm after
 * a run over examples/acme as it is (the pre-commit case: the changed file checked, the rest
 * from the cache). Everything the result holds, compared as JSON (undefined fields and key
 * order included).
 */
function expectSamePaths(files: ReadonlyMap<string, Content>): void {
  const options = { config: acme.config, paths: acme.paths };
  const reference = JSON.stringify(checkInMemory(files, { ...options, parse: 'reference' }), null, 1);
  expect(JSON.stringify(checkInMemory(files, { ...options, parse: 'fast' }), null, 1)).toBe(reference);
  expect(JSON.stringify(checkInMemory(files, { ...options, cachedFrom: files }), null, 1), 'cache, warm').toBe(reference);
  expect(JSON.stringify(checkInMemory(files, { ...options, cachedFrom: acme.files }), null, 1), 'cache, warm after one file changed').toBe(reference);
}

describe('fast parse path = cache = reference parse path', () => {
  it('examples/acme takes the fast path for most of its files (else this test compares yaml with itself)', () => {
    const fast = [...acme.files.values()].filter((text) => typeof text === 'string' && fastParseStream(text) !== undefined);
    expect(fast.length).toBeGreaterThan(acme.files.size / 2);
  });

  it('on mutations of examples/acme', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const { path, bytes } = applyMutation(acme, m);
        expectSamePaths(new Map<string, Content>(acme.files).set(path, bytes));
      }),
      runs(80),
    );
  });

  it('on arbitrary YAML streams beside examples/acme', () => {
    fc.assert(
      fc.property(arbitraryYaml, (text) => {
        expectSamePaths(new Map<string, Content>(acme.files).set('aims/arbitrary.yaml', text));
      }),
      runs(80),
    );
  });

  it('on record files with the constructs the two parsers could read differently', () => {
    const risk = (extra: string) => `kind: risk\nid: RISK-900\ntitle: Drift\nowner: ROLE-001\n${extra}`;
    const cases = [
      'clauses: [9.10, 6.1]\n', // numbers where aims keeps the digits as written
      'notes: &a x\nsummary: *a\n', // anchors and aliases
      'likelihood: !!str 3\n', // tags
      'base: &b {a: 1}\nmerged:\n  <<: *b\n',
      'null: 1\n', // a null key: yaml makes it ""
      '~: 1\n',
      'likelihood: 0x10\nimpact: 0o7\n', // core schema numbers
      'likelihood: 1_000\nimpact: 0b11\n', // not numbers in YAML 1.2
      'notes: [.inf, -.Inf, .NaN, 1e3, +12, 012]\n',
      'notes: [True, FALSE, yes, No, on, ~, Null]\n',
      'notes: 2026-01-01\n',
      'notes: "a\\tb \\u00e9"\n',
      "notes: 'it''s'\n",
      'notes: |\n  line one\n  line two\n\nsummary: >-\n  folded\n  text\n',
      'notes: Acme #1 Ltd\n',
      'tags:\n  - one\n    - two\n',
      'title: again\n', // duplicate key
      '? complex\n: key\n',
      '"__proto__": {polluted: true}\n',
      'notes: plain\n  continued\n',
      'notes:\n',
      '\n---\n# only a comment\n---\n',
      '---\n...\n',
      'notes: [a, [b, [c]]]\n',
    ];
    for (const extra of cases) expectSamePaths(new Map<string, Content>(acme.files).set('aims/risks/extra.yaml', risk(extra)));
  });
});
