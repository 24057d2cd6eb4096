/**
 * Property: whatever bytes or YAML a record file (or aims.yaml) holds, loading and validating
 * never throws, and ends in well-formed diagnostics (known rule, position inside the file).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryBytes, arbitraryYaml } from './arbitraries.js';
import { checkInMemory, type Content, expectConsistent, expectWellFormed, runs } from './harness.js';

const RECORD = 'aims/records.yaml';

/** Validates `files` (and aims.yaml when given) and checks every invariant; returns the diagnostics' rules. */
function checkAll(files: ReadonlyMap<string, Content>, config?: Content): string[] {
  const result = checkInMemory(files, config === undefined ? {} : { config });
  const all = new Map(files);
  if (config !== undefined) all.set('aims.yaml', config);
  expectWellFormed(result.diagnostics, all);
  expectWellFormed(result.suppressed, all);
  expectConsistent(result);
  return result.diagnostics.map((d) => d.rule);
}

describe('arbitrary bytes', () => {
  it('as a record file: never throws, diagnostics inside the file', () => {
    fc.assert(
      fc.property(arbitraryBytes, (bytes) => {
        checkAll(new Map([[RECORD, bytes]]));
      }),
      runs(200),
    );
  });

  it('as aims.yaml, next to a valid record: never throws, diagnostics inside the files', () => {
    const record = 'kind: role\nid: ROLE-1\ntitle: AIMS lead\nresponsibilities: [Run the AIMS]\n';
    fc.assert(
      fc.property(arbitraryBytes, (bytes) => {
        checkAll(new Map([[RECORD, record]]), bytes);
      }),
      runs(150),
    );
  });

  it('with a NUL byte is refused as binary; with invalid UTF-8 as an encoding error at the bad byte', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.nat(), fc.constantFrom([0x00], [0xff], [0xc3], [0xed, 0xa0, 0x80]), (text, at, bad) => {
        const bytes = [...Buffer.from(text, 'utf8')];
        // Insert at a character boundary, so the prefix stays valid UTF-8.
        const chars = Array.from(text);
        const cut = at % (chars.length + 1);
        const prefix = Buffer.from(chars.slice(0, cut).join(''), 'utf8');
        const content = Uint8Array.from([...prefix, ...bad, ...bytes.slice(prefix.length)]);
        const rules = checkAll(new Map([[RECORD, content]]));
        expect(rules).toContain(bad[0] === 0 ? 'file/binary' : 'file/encoding');
      }),
      runs(100),
    );
  });
});

describe('arbitrary YAML', () => {
  it('as a record file: never throws, diagnostics inside the file, the same on a second run', () => {
    fc.assert(
      fc.property(arbitraryYaml, (text) => {
        const files = new Map([[RECORD, text]]);
        const first = checkInMemory(files);
        expectWellFormed(first.diagnostics, files);
        expectWellFormed(first.suppressed, files);
        expectConsistent(first);
        // No state leaks from one run into the next (caches, mutated shared values).
        expect(checkInMemory(files).diagnostics).toEqual(first.diagnostics);
      }),
      runs(200),
    );
  });

  it('spread over several files that refer to each other: never throws', () => {
    fc.assert(
      fc.property(fc.array(arbitraryYaml, { minLength: 2, maxLength: 4 }), (texts) => {
        checkAll(new Map(texts.map((t, i) => [`aims/part-${i}.yaml`, t])));
      }),
      runs(100),
    );
  });

  it('as aims.yaml: never throws, diagnostics inside the files', () => {
    const record = 'kind: risk\nid: R-1\ntitle: Drift\nlikelihood: likely\nimpact: minor\n';
    fc.assert(
      fc.property(arbitraryYaml, (text) => {
        checkAll(new Map([[RECORD, record]]), text);
      }),
      runs(150),
    );
  });
});
