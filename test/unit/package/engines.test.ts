/**
 * `engines.node` states the real minimum: no lower than any runtime dependency's own minimum,
 * and no lower than the newest Node API the code calls (zlib.crc32, for the pack's ZIP, came
 * in 20.15.0). Today the dependency decides: @cyclonedx/cyclonedx-library (the AI BOM) needs 20.18.0.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import semver from 'semver';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface PackageJson {
  engines?: { node?: string };
  dependencies?: Record<string, string>;
}

const own = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson;
const range = own.engines?.node ?? '';

/** The package.json of an installed runtime dependency (npm installs them flat, at the top). */
function manifestOf(name: string): PackageJson {
  return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as PackageJson;
}

describe('engines.node', () => {
  it('is a valid range', () => {
    expect(semver.validRange(range), range).not.toBeNull();
  });

  it('admits no Node version older than the APIs the code and its dependencies use', () => {
    expect(semver.minVersion(range)?.version).toBe('20.18.0');
    expect(semver.satisfies('20.14.0', range)).toBe(false);
  });

  for (const name of Object.keys(own.dependencies ?? {})) {
    it(`admits no Node version that ${name} refuses`, () => {
      const theirs = manifestOf(name).engines?.node;
      if (theirs === undefined) return;
      expect(semver.subset(range, theirs), `${range} is not within ${name}'s ${theirs}`).toBe(true);
    });
  }
});
