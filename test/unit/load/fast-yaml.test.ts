/**
 * The fast parser reads plain scalars as `yaml`'s core schema does: null, booleans, integers
 * (decimal, octal, hexadecimal) and floats (exponents, infinities, NaN), and every other word
 * as a string. Its quick pre-tests (fast-yaml.ts: `may`) must never turn away a scalar one of
 * the core schema's tests accepts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { fastLoad } from '../../../src/load/fast-yaml.js';
import { runs } from '../../property/harness.js';

const sameAsYaml = (scalar: string): void => {
  const text = `v: ${scalar}\n`;
  let expected: unknown;
  try {
    expected = parse(text) as unknown;
  } catch {
    return; // not one plain scalar: nothing to compare
  }
  const fast = fastLoad(text);
  if (fast) expect(fast.value, JSON.stringify(scalar)).toEqual(expected);
};

const PIECES = ['0', '1', '7', '9', '8', '.', '+', '-', 'e', 'E', 'x', 'o', 'a', 'F', 'inf', 'Inf', 'INF', 'nan', 'NaN', 'NAN', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '~', '_', 'b', 'yes'];

describe('fastLoad', () => {
  it('reads the core schema scalars as yaml does', () => {
    const cases = ['~', 'null', 'Null', 'NULL', 'nULL', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE', 'yes', 'No', '0', '-12', '+12', '012', '0o17', '0x1F', '0b11', '1_000', '1.5', '.5', '-.5', '5.', '1e3', '-1.2E-3', '.inf', '-.Inf', '+.INF', '.nan', '.NaN', '.NAN', '2026-01-01', '9.10', 'v1.2'];
    for (const scalar of cases) sameAsYaml(scalar);
    expect(fastLoad('v: 0x1F\n')?.value).toEqual({ v: 31 });
    expect(fastLoad('v: -.Inf\n')?.value).toEqual({ v: Number.NEGATIVE_INFINITY });
    expect(fastLoad('v: True\n')?.value).toEqual({ v: true });
    expect(fastLoad('v: Null\n')?.value).toEqual({ v: null });
  });

  it('on arbitrary number-like words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 5 }), (parts) => sameAsYaml(parts.join(''))),
      runs(3000),
    );
  });
});
