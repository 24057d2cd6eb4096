import { FAILSAFE_SCHEMA, load, Type } from 'js-yaml';

/**
 * The only importer of js-yaml: the fast parser for plain record files. It reads values with
 * exactly the tests of `yaml`'s core schema (the reference parser), so both give the same data;
 * the scan in fast-route.ts keeps every construct where they could differ away from it.
 */

/** One implicit type per tag (js-yaml keeps only the last of several with the same tag): the first rule whose test matches converts. */
const scalar = (tag: string, rules: readonly (readonly [RegExp, (s: string) => unknown])[]): Type =>
  new Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (s: unknown) => typeof s === 'string' && rules.some(([test]) => test.test(s)),
    construct: (s: string) => (rules.find(([test]) => test.test(s)) as (typeof rules)[number])[1](s),
  });

// The same tests and conversions, in the same order, as yaml/dist/schema/core (and common/null).
const CORE = FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('null', [[/^(?:~|[Nn]ull|NULL)?$/, () => null]]),
    scalar('bool', [[/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (s) => s[0] === 't' || s[0] === 'T']]),
    scalar('int', [
      [/^0o[0-7]+$/, (s) => parseInt(s.substring(2), 8)],
      [/^[-+]?[0-9]+$/, (s) => parseInt(s, 10)],
      [/^0x[0-9a-fA-F]+$/, (s) => parseInt(s.substring(2), 16)],
    ]),
    scalar('float', [
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
