/**
 * Inputs the property tests found, kept as fixed examples so they are checked on every run
 * (the random search may not hit them again).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { checkInMemory, expectWellFormed } from './harness.js';
import { ACME } from './mutate.js';

const FILE = 'aims/r.yaml';

function check(text: string) {
  const files = new Map([[FILE, text]]);
  const result = checkInMemory(files);
  expectWellFormed(result.diagnostics, files);
  return result;
}

/** The diagnostic with this message fragment: its line and the text of that line. */
function lineOf(text: string, result: ReturnType<typeof check>, fragment: string): { line: number; text: string | undefined } {
  const d = result.diagnostics.find((x) => x.message.includes(fragment));
  expect(d, `no diagnostic mentioning "${fragment}"`).toBeDefined();
  const line = d?.location.position.line ?? 0;
  return { line, text: text.split('\n')[line - 1] };
}

describe('found by the property tests', () => {
  it('a self-referencing `kind` in a document with a syntax error is a diagnostic, not a crash', () => {
    // `kind: &a [*a` : the alias makes the value circular, the missing `]` makes the document
    // broken, so the depth check is skipped and the `kind` message used to JSON.stringify it.
    const result = check('kind: &a [*a\n');
    expect(result.summary.errors).toBeGreaterThan(0);
  });

  it('positions after an alias used as a key are on the right line', () => {
    // yaml's Parser does not report the line break after `*kind: policy` to the LineCounter,
    // so every position after it was one line too high.
    const text = '*kind: policy\nid: R-1\ntitle: A title\njustification: &[[]]\n';
    const { line, text: at } = lineOf(text, check(text), 'Anchor cannot be an empty string');
    expect(line).toBe(4);
    expect(at).toContain('&[[]]');
  });

  it('positions after a multi-line scalar in a broken file are on the right line', () => {
    // A real record with its first line indented by two spaces (an easy slip): the errors
    // about `severity` used to land on line 13, column 177, a line of 75 characters.
    const acme = readFileSync(path.join(ACME, 'aims/assessments/credit-aurora.yaml'), 'utf8');
    const text = `  ${acme}`;
    const result = check(text);
    const d = result.diagnostics.find((x) => x.message.includes('"severity"'));
    expect(d).toBeDefined();
    const line = d?.location.position.line ?? 0;
    expect(text.split('\n')[line - 1]).toMatch(/severity/);
  });

  it('a mapping used as a key is a diagnostic, with no Node warning on stderr', () => {
    // yaml warns through process.emitWarning ("Keys with collection values will be
    // stringified"), which the CLI prints as "(node:1234) Warning: ..." next to its report.
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const result = check('kind: risk\nid: R-1\ntitle: T\nlikelihood: likely\nimpact: minor\n? [a, b]\n: 1\n');
      expect(result.summary.errors).toBeGreaterThan(0);
      expect(warn.mock.calls.map((c) => String(c[0]))).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('an alias to an anchor that does not exist is not reported as an alias bomb', () => {
    const result = check('kind: risk\nid: R-1\ntitle: T\nlikelihood: likely\nimpact: minor\nowner: *nope\n');
    expect(result.diagnostics.map((d) => d.rule)).not.toContain('yaml/alias-limit');
    expect(result.summary.errors).toBeGreaterThan(0);
  });

  it('a !!binary value where a mapping belongs is a diagnostic, not a crash', () => {
    // yaml turns `!!binary` into a Uint8Array; pruning the invalid value used to `delete` its
    // indexes ("Cannot delete property '0' of [object Uint8Array]": exit code 2).
    const result = check('kind: scope\nid: S-1\ntitle: T\nstatement: x\napproved: !!binary aGVsbG8=\n');
    expect(result.summary.errors).toBeGreaterThan(0);
  });
});
