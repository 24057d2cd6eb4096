/**
 * Start-up (issue 17): each command's code is imported only when the command runs, and the
 * built-in catalogue is read from the JSON the build converted from its YAML. So the built
 * binary (lazy imports, prebuilt JSON) must say exactly what the sources say in-process
 * (the YAML parsed), for every command's help and for the commands that read static data.
 * Speed itself is measured by `npm run bench`, never here.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { CATALOGUE_FILE, readCatalogueText, readSignaturesText, SIGNATURES_FILE } from '../../src/assets.js';
import { prebuiltCatalogue, prebuiltSignatures } from '../../src/api/built-data.js';
import { createProgram } from '../../src/cli/program.js';
import { parseCatalogue } from '../../src/validate/load-catalogue.js';
import { parseSignatures } from '../../src/validate/load-signatures.js';
import { schemas } from '../helpers/engine.js';
import { PROJECT_ROOT, runBin, runMain } from '../helpers/run.js';

const BUILT = path.join(PROJECT_ROOT, 'dist', 'data');
const ACME = path.join(PROJECT_ROOT, 'examples', 'acme');
const TRACE_LOADS = fileURLToPath(new URL('../helpers/trace-loads.mjs', import.meta.url));

/** The third-party packages the built binary loads for `args` (test/helpers/trace-loads.mjs). */
function packagesLoaded(args: string[]): Set<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'aims-trace-'));
  try {
    const trace = path.join(dir, 'loads.txt');
    const result = runBin(args, PROJECT_ROOT, { AIMS_TRACE_LOADS: trace }, { nodeArgs: ['--import', TRACE_LOADS] });
    expect(result.stderr, args.join(' ')).not.toMatch(/internal error|Error:/);
    const lines = readFileSync(trace, 'utf8').split('\n');
    return new Set(lines.flatMap((line) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(line)?.[1] ?? []));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** What a command that does not need them must not load (each is tens of milliseconds of start-up). */
const HEAVY = ['yaml', 'js-yaml', 'ajv', 'simple-git', 'handlebars', '@cyclonedx/cyclonedx-library', 'exceljs', 'chalk', 'picomatch', 'jsonc-parser'];

/** Every command path, e.g. ['validate'], ['report', 'soa'], read from the program itself. */
function commandPaths(command: Command, prefix: string[] = []): string[][] {
  return command.commands.flatMap((c) => {
    const here = [...prefix, c.name()];
    return [here, ...commandPaths(c, here)];
  });
}

/** The built binary and the sources in-process give the same exit code and bytes. */
async function expectSame(args: string[], cwd = PROJECT_ROOT): Promise<void> {
  const built = runBin(args, cwd);
  const sources = await runMain(args, cwd);
  expect(built.stderr, args.join(' ')).toBe(sources.stderr);
  expect(built.stdout, args.join(' ')).toBe(sources.stdout);
  expect(built.code, args.join(' ')).toBe(sources.code);
}

describe('the catalogue and signatures as built', () => {
  it('are their YAML sources parsed, entry for entry (the two cannot drift: npm test builds first)', () => {
    const built = (name: string): unknown => JSON.parse(readFileSync(path.join(BUILT, name), 'utf8'));
    expect(built('iso-42001.json')).toEqual(parseCatalogue(CATALOGUE_FILE, readCatalogueText(), schemas));
    expect(built('signatures-ai.json')).toEqual(parseSignatures(SIGNATURES_FILE, readSignaturesText(), schemas));
  });

  it('are not there for the TypeScript sources, which parse the YAML instead', () => {
    expect(prebuiltCatalogue()).toBeUndefined();
    expect(prebuiltSignatures()).toBeUndefined();
  });

  it('aims catalog (text and JSON) and completion print the same from the built JSON as from the YAML', async () => {
    await expectSame(['catalog']);
    await expectSame(['catalog', '--format', 'json']);
    for (const shell of ['bash', 'zsh', 'fish']) await expectSame(['completion', shell]);
  });

  it('aims discover lists the same signatures from the built JSON as from the YAML', async () => {
    await expectSame(['discover', '--list-signatures']);
    await expectSame(['discover', '--list-signatures', '--format', 'json']);
    await expectSame(['discover', '--list-signatures', '--root', ACME]);
  });
});

describe('what start-up loads (built binary)', () => {
  it('aims --version, --help and catalog load commander and none of the heavy libraries', () => {
    for (const args of [['--version'], ['--help'], ['catalog'], ['catalog', '--format', 'json'], ['validate', '--help']]) {
      const loaded = packagesLoaded(args);
      expect(loaded.has('commander'), args.join(' ')).toBe(true);
      expect(HEAVY.filter((name) => loaded.has(name)), args.join(' ')).toEqual([]);
    }
  });

  it('aims validate loads what checking needs, and not git, the report stack, spreadsheets or discover', () => {
    const loaded = packagesLoaded(['validate', ACME]);
    for (const name of ['ajv', 'js-yaml']) expect(loaded.has(name), name).toBe(true);
    expect(['simple-git', 'handlebars', '@cyclonedx/cyclonedx-library', 'exceljs', 'jsonc-parser', 'ignore'].filter((name) => loaded.has(name))).toEqual([]);
    // Every file of examples/acme, aims.yaml too, reads cleanly on the fast path: `yaml` is loaded only to report and locate problems.
    expect(loaded.has('yaml')).toBe(false);
    expect(packagesLoaded(['validate', path.join(PROJECT_ROOT, 'examples/broken')]).has('yaml')).toBe(true);
  });

  // examples/acme's aims.yaml watches no code (no discover.paths): discover's readers stay unloaded.
  const DISCOVER = ['ignore', 'jsonc-parser'];

  it('aims gap still loads git (it reads history), and not discover or the CycloneDX library', () => {
    const loaded = packagesLoaded(['gap', ACME, '--as-of', '2026-06-30']);
    expect(loaded.has('simple-git')).toBe(true);
    expect([...DISCOVER, '@cyclonedx/cyclonedx-library'].filter((name) => loaded.has(name))).toEqual([]);
  });

  it('aims report soa loads neither discover nor the CycloneDX library; report bom loads both', () => {
    const soa = packagesLoaded(['report', 'soa', ACME, '--as-of', '2026-06-30']);
    expect([...DISCOVER, '@cyclonedx/cyclonedx-library'].filter((name) => soa.has(name))).toEqual([]);
    const bom = packagesLoaded(['report', 'bom', ACME, '--as-of', '2026-06-30']);
    expect([...DISCOVER, '@cyclonedx/cyclonedx-library'].filter((name) => !bom.has(name))).toEqual([]);
  });
});

describe('every command through the built binary', () => {
  const program = createProgram({ cwd: PROJECT_ROOT, env: {}, stdout: () => undefined, stderr: () => undefined, stdoutIsTTY: false, now: () => new Date() }, '0.0.0', () => undefined);
  const paths = commandPaths(program).filter((p) => p[p.length - 1] !== 'help');

  it('prints the same help as the sources, for aims and each command', async () => {
    expect(paths.length).toBeGreaterThan(12);
    await expectSame(['--help']);
    for (const p of paths) await expectSame([...p, '--help']);
  });

  let scratch: string | undefined;
  afterAll(() => {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  it('runs the commands no other binary test runs, as the sources do', async () => {
    await expectSame(['schema']);
    await expectSame(['schema', 'risk']);
    await expectSame(['report', 'bom', '--as-of', '2026-06-30'], ACME);
    await expectSame(['validate', '--format', 'json'], ACME);
    scratch = mkdtempSync(path.join(tmpdir(), 'aims-start-up-'));
    // new writes a file: the second run finds the first one's record and picks the next id.
    const built = runBin(['new', 'risk', '--root', scratch], PROJECT_ROOT);
    const sources = await runMain(['new', 'risk', '--root', scratch], PROJECT_ROOT);
    expect([built.code, sources.code]).toEqual([0, 0]);
    expect([built.stdout, sources.stdout].map((s) => path.basename(s.trim()))).toEqual(['risk-001.yaml', 'risk-002.yaml']);
  });
});
