/**
 * Fixture tests: every folder under test/fixtures/ is a tiny repository plus `expected.json`,
 * the exact `aims validate --format json` output for it (diagnostics and summary), and for the
 * cases about wording (messages-*) `expected.txt`, the stylish output with its hints. Adding a
 * case means adding a folder. `UPDATE_FIXTURES=1 npx vitest run test/fixtures.test.ts`
 * rewrites the expected files; review every change by hand, since each one is a claim.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers/git-repo.js';
import { type JsonOutput, assertJsonShape } from './helpers/json-output.js';
import { runMain } from './helpers/run.js';

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
const EXPECTED = 'expected.json';
/** The stylish output, hints included, for the cases about message wording (messages-*). */
const EXPECTED_TEXT = 'expected.txt';
const update = process.env['UPDATE_FIXTURES'] === '1';

const cases = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

/** A copy of the fixture without expected.json, so that nothing of the project can leak in. */
function copyFixture(name: string): string {
  const temp = tempDir(`aims-fixture-${name}-`);
  cleanups.push(temp.cleanup);
  const source = path.join(FIXTURES, name);
  cpSync(source, temp.dir, {
    recursive: true,
    verbatimSymlinks: true,
    filter: (from) => from !== path.join(source, EXPECTED) && from !== path.join(source, EXPECTED_TEXT),
  });
  return temp.dir;
}

describe('fixtures', () => {
  it('has cases, each with an expected.json (unless updating)', () => {
    expect(cases.length).toBeGreaterThan(20);
    if (!update) for (const name of cases) expect(existsSync(path.join(FIXTURES, name, EXPECTED)), name).toBe(true);
  });

  it.each(cases)('%s', async (name) => {
    const root = copyFixture(name);
    const result = await runMain(['validate', root, '--format', 'json'], root);
    expect(result.stderr).toBe('');
    const actual = JSON.parse(result.stdout) as JsonOutput;
    assertJsonShape(actual);

    const expectedFile = path.join(FIXTURES, name, EXPECTED);
    if (update) writeFileSync(expectedFile, result.stdout);
    const expected = JSON.parse(readFileSync(expectedFile, 'utf8')) as JsonOutput;
    expect(actual).toEqual(expected);
    // The exit code never lies: 1 exactly when there are errors.
    expect(result.code).toBe(actual.summary.errors > 0 ? 1 : 0);

    const textFile = path.join(FIXTURES, name, EXPECTED_TEXT);
    if (update && name.startsWith('messages-')) writeFileSync(textFile, (await runMain(['validate'], root)).stdout);
    if (existsSync(textFile)) expect((await runMain(['validate'], root)).stdout).toBe(readFileSync(textFile, 'utf8'));
  });
});
