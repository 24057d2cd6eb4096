import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

/**
 * The only importer of js-yaml: the fast parser for plain record files. It reads values with
 * exactly the tests of `yaml`'s core schema (the reference parser), so both give the same data;
 * the scan in fast-route.ts keeps every construct where they could differ away from it.
 */

/**
 * One implicit type per tag (js-yaml keeps only the last of several with the same tag): the
 * first rule whose test matches converts. `may` is a cheap test every match passes (js-yaml
 * asks each type of every plain scalar, and most are words that none of them match).
 */
const scalar = (tag: string, may: (s: string) => boolean, rules: readonly (readonly [RegExp, (s: string) => unknown])[]): Type =>
  new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (s: unknown) => typeof s === 'string' && may(s) && rules.some(([test]) => test.test(s)),
    construct: (s: string) => (rules.find(([test]) => test.test(s)) as (typeof rules)[number])[1](s),
  });

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLS = new Set(['true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
/** Every number of the core schema starts with a digit, a sign or a dot. */
const mayBeNumber = (s: string): boolean => {
  const c = s.charCodeAt(0);
  return (c >= 48 && c <= 57) || c === 43 || c === 45 || c === 46;
};

// The same tests and conversions, in the same order, as yaml/dist/schema/core (and common/null).
const CORE = FAILSAFE_SCHEMA.extend({
  implicit: [
    // Length first: a Set lookup hashes the whole string, and most plain scalars are long words.
    scalar('null', (s) => s.length <= 4 && NULLS.has(s), [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
    scalar('bool', (s) => s.length <= 5 && BOOLS.has(s), [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T']]),
    scalar('int', mayBeNumber, [
      [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
      [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
    ]),
    scalar('float', mayBeNumber, [
      [/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/, (s) => (s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/, (s) => parseFloat(s)],
      [/^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/, (s) => parseFloat(s)],
    ]),
  ],
});

/** One document's text as data, or undefined when js-yaml refuses it (duplicate keys, syntax): the reference parser then reports why. */
export function fastLoad(text: string): { value: unknown } | undefined {
  try {
    return { value: load(text, { schema: CORE }) };
  } catch {
    return undefined;
  }
}
