/**
 * Property: mutations of the valid acme example (deleted keys, wrong types, swapped values,
 * renamed keys, truncated and damaged files) never crash the loader or the validator, and
 * end in well-formed diagnostics; deleting a record's kind, id or title is always an error.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkInMemory, type Content, expectConsistent, expectWellFormed, runs } from './harness.js';
import type { FileCheck } from '../../src/validate/validate.js';
import { type Acme, applyMutation, deleteTopLevelKey, mutation, readAcme } from './mutate.js';

let acme: Acme;
beforeAll(async () => {
  acme = await readAcme();
});
// Each mutation changes one file: the other files' checks are the same every run (see checkInMemory).
const reuse = new Map<string, FileCheck>();

function checkAcme(path: string, bytes: Content) {
  const files = new Map<string, Content>(acme.files);
  files.set(path, bytes);
  const result = checkInMemory(files, { config: acme.config, paths: acme.paths, reuse });
  const all = new Map(files);
  all.set('aims.yaml', acme.config);
  expectWellFormed(result.diagnostics, all);
  expectWellFormed(result.suppressed, all);
  expectConsistent(result);
  return result;
}

describe('mutations of examples/acme', () => {
  it('the example itself is valid (the starting point of every mutation)', () => {
    const result = checkInMemory(acme.files, { config: acme.config, paths: acme.paths });
    expect(result.summary.errors).toBe(0);
    expect(result.records.length).toBeGreaterThan(50);
  });

  it('never crash the validator; diagnostics stay inside the files', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const { path, bytes } = applyMutation(acme, m);
        checkAcme(path, bytes);
      }),
      runs(200),
    );
  });

  it('deleting kind, id or title of a record is always an error in that file', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.constantFrom('kind', 'id', 'title'), (fileIndex, docIndex, key) => {
        const paths = [...acme.files.keys()];
        const path = paths[fileIndex % paths.length] as string;
        const text = deleteTopLevelKey(acme.files.get(path) as string, docIndex, key);
        fc.pre(text !== undefined);
        const result = checkAcme(path, text);
        const here = result.diagnostics.filter((d) => d.severity === 'error' && d.location.file === path);
        expect(here.map((d) => d.rule)).toContain(key === 'kind' ? 'record/not-a-record' : 'schema/required');
      }),
      runs(100),
    );
  });
});
