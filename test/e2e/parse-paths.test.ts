/**
 * The fast parse path and the cache give byte-identical output to the reference path (`yaml`
 * for every file, AIMS_PARSE=reference, no cache) in every format: every fixture folder and
 * both examples, through the CLI (validate in all six formats in one run, gap in all three for
 * the examples), as: fast, fast with --cache cold (no cache yet), then warm (every file cached).
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo.js';
import { PROJECT_ROOT, runMain } from '../helpers/run.js';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures');
const folders = [
  ...readdirSync(FIXTURES, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => path.join('test/fixtures', e.name)),
  'examples/acme',
  'examples/broken',
].sort();

const VALIDATE_FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'];
const GAP_FORMATS = ['text', 'json', 'markdown'];

const cleanups: (() => void)[] = [];
afterAll(() => cleanups.forEach((c) => c()));

interface Mode {
  name: string;
  env: Record<string, string | undefined>;
  /** Extra arguments (the cache file goes in the scratch folder: `out` is replaced). */
  args?: (out: string) => string[];
}
const REFERENCE: Mode = { name: 'reference', env: { AIMS_PARSE: 'reference' } };
const cache = (out: string): string[] => ['--cache', '--cache-location', path.join(out, 'cache.json')];
const MODES: Mode[] = [
  { name: 'fast', env: { AIMS_PARSE: undefined } },
  { name: 'cache cold', env: { AIMS_PARSE: undefined }, args: cache },
  { name: 'cache warm', env: { AIMS_PARSE: undefined }, args: cache },
];

/** Everything one mode prints and writes for a folder: validate in every format (one run), gap in every format (examples only). */
async function outputs(root: string, out: string, mode: Mode, gap: boolean): Promise<Record<string, string>> {
  const saved = process.env['AIMS_PARSE'];
  if (mode.env['AIMS_PARSE'] === undefined) delete process.env['AIMS_PARSE'];
  else process.env['AIMS_PARSE'] = mode.env['AIMS_PARSE'];
  try {
    const dir = path.join(out, mode.name);
    mkdirSync(dir, { recursive: true });
    const [first, ...rest] = VALIDATE_FORMATS;
    const extra = mode.args?.(out) ?? [];
    const env = { XDG_CACHE_HOME: path.join(out, 'secret') };
    const args = ['validate', root, ...extra, '--format', first as string, ...rest.flatMap((f) => ['--format', f, '--output', path.join(dir, `validate.${f}`)])];
    const result: Record<string, string> = {};
    const v = await runMain(args, root, env);
    result[`validate ${first} (exit ${v.code})`] = v.stdout + v.stderr;
    for (const f of rest) result[`validate ${f}`] = readFileSync(path.join(dir, `validate.${f}`), 'utf8');
    if (gap) {
      for (const f of GAP_FORMATS) {
        const g = await runMain(['gap', root, ...extra, '--as-of', '2026-11-26', '--format', f, '--verbose'], root, env);
        result[`gap ${f} (exit ${g.code})`] = g.stdout + g.stderr;
      }
    }
    return result;
  } finally {
    if (saved === undefined) delete process.env['AIMS_PARSE'];
    else process.env['AIMS_PARSE'] = saved;
  }
}

describe('parse paths give byte-identical output', () => {
  it.each(folders)('%s', async (folder) => {
    const temp = tempDir(`aims-paths-${folder.replace(/\W+/g, '-')}-`);
    cleanups.push(temp.cleanup);
    const root = path.join(temp.dir, 'repo');
    cpSync(path.join(PROJECT_ROOT, folder), root, { recursive: true, verbatimSymlinks: true });
    const out = path.join(temp.dir, 'out');
    const gap = folder.startsWith('examples/');
    const expected = await outputs(root, out, REFERENCE, gap);
    expect(Object.keys(expected).length).toBeGreaterThanOrEqual(VALIDATE_FORMATS.length);
    for (const mode of MODES) expect(await outputs(root, out, mode, gap), mode.name).toEqual(expected);
    // The warm run had a cache to read: the cold run wrote one.
    expect(existsSync(path.join(out, 'cache.json'))).toBe(true);
  });
});
