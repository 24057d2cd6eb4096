import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_KINDS } from '../../src/model/record.js';
import { git, makeGitRepo } from '../helpers/git-repo.js';
import { parseJsonOutput } from '../helpers/json-output.js';
import { yaml } from '../helpers/yaml.js';
import { aims, treeHashes } from './helpers.js';

/**
 * A new user's first hour, end to end in a temporary git repository, with awkward values in
 * every generator option: `: ` and ` #` (YAML syntax), quotes, a line break (which must not
 * inject a field) and non-ASCII names. After every step that should be clean, `aims validate`
 * reports no error, and each value reads back exactly as given.
 */

const ORGANISATION = 'HireWise: AI Recruiting #1 "Zoë" & Søn\nkind: injected';
const title = (kind: string): string => `Bias: ${kind} ranks older candidates lower # really 'quoted' "twice" — Ærøskøbing 東京\nowner: injected`;

async function expectClean(dir: string, step: string): Promise<void> {
  const result = await aims(dir, 'validate', '--format', 'json');
  const json = parseJsonOutput(result.stdout);
  const errors = json.diagnostics.filter((d) => d.severity === 'error');
  expect(errors, `${step}: ${JSON.stringify(errors, null, 2)}`).toEqual([]);
  expect(result.code, step).toBe(0);
}

/** The data of the record in a file, as a YAML reader sees it. */
function readRecord(dir: string, file: string): Record<string, unknown> {
  return parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
}

describe('the first hour, with awkward values everywhere', () => {
  let repo: { dir: string; cleanup: () => void };
  beforeAll(() => {
    repo = makeGitRepo();
  });
  afterAll(() => repo.cleanup());

  it('aims init --organisation with a colon, #, quotes, a line break and non-ASCII: valid, and the name reads back whole', async () => {
    const result = await aims(repo.dir, 'init', '--organisation', ORGANISATION);
    expect(result.code, result.stderr).toBe(0);
    await expectClean(repo.dir, 'init');
    expect((readRecord(repo.dir, 'aims.yaml'))['organisation']).toBe(ORGANISATION);
    const context = readRecord(repo.dir, 'aims/context.yaml');
    expect(context['title']).toBe(`Context of ${ORGANISATION}`);
    expect(context['kind']).toBe('context');
  });

  for (const kind of RECORD_KINDS) {
    it(`aims new ${kind} --title with the same awkward text: valid, title intact, no field injected`, async () => {
      const given = title(kind);
      const result = await aims(repo.dir, 'new', kind, '--title', given);
      expect(result.code, result.stderr).toBe(0);
      const file = result.stdout.trim();
      const data = readRecord(repo.dir, file);
      expect(data['title']).toBe(given);
      expect(data['kind']).toBe(kind);
      await expectClean(repo.dir, `new ${kind}`);
    });
  }

  it('aims new --id refuses an id that is not one (a space, empty, a path, non-ASCII) with the rule, and writes nothing', async () => {
    const before = treeHashes(repo.dir);
    for (const id of ['my risk', '', '../escape', '.hidden', 'RISK-Ä', 'a:b']) {
      const result = await aims(repo.dir, 'new', 'risk', '--id', id);
      expect(result.code, id).toBe(2);
      expect(result.stdout, id).toBe('');
      expect(result.stderr, id).toContain(`--id ${JSON.stringify(id)} cannot be used`);
    }
    expect(treeHashes(repo.dir)).toEqual(before);
  });

  it('aims new --id takes a valid id as given; an id in use (of any kind) is refused', async () => {
    const result = await aims(repo.dir, 'new', 'risk', '--id', 'RISK-HIRING.BIAS_2', '--title', 'Zoë: "#2"');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('aims/risks/risk-hiring.bias_2.yaml\n');
    expect((readRecord(repo.dir, 'aims/risks/risk-hiring.bias_2.yaml'))['id']).toBe('RISK-HIRING.BIAS_2');
    const again = await aims(repo.dir, 'new', 'control', '--id', 'RISK-HIRING.BIAS_2');
    expect(again.code).toBe(2);
    await expectClean(repo.dir, 'new --id');
  });

  it('a record saved by hand into a kind folder that init created, and an uncommented SoA decision, stay clean', async () => {
    expect(existsSync(path.join(repo.dir, 'aims/assessments'))).toBe(true);
    writeFileSync(
      path.join(repo.dir, 'aims/nonconformities/nc-hand.yaml'),
      yaml`
        kind: nonconformity
        id: NC-HAND
        title: "Written by hand: in the folder init made"
        raised: 2026-11-20
        description: The CV screening was run without its bias check.
      `,
    );
    const controls = path.join(repo.dir, 'aims/controls');
    const file = path.join(controls, readdirSync(controls).find((f) => f.startsWith('a2-')) as string);
    const lines = readFileSync(file, 'utf8').split('\n');
    const first = lines.indexOf('# kind: control');
    const end = lines.indexOf('# ---', first);
    writeFileSync(file, lines.map((l, i) => (i >= first && (end < 0 || i < end) ? l.replace(/^# /, '') : l)).join('\n'));
    await expectClean(repo.dir, 'hand-written record and a decision');
  });

  it('aims init --force after deleting the example system: adds nothing back, and validate stays clean', async () => {
    rmSync(path.join(repo.dir, 'aims/systems/example-system.yaml'));
    // The scope lists the example system: the user edits it away, as the scaffold says.
    const scope = path.join(repo.dir, 'aims/scope.yaml');
    writeFileSync(scope, readFileSync(scope, 'utf8').replace('  - SYS-EXAMPLE\n', '  - SYS-001\n'));
    const assessment = path.join(repo.dir, 'aims/assessments/aia-001.yaml');
    writeFileSync(assessment, readFileSync(assessment, 'utf8').replace('system: SYS-EXAMPLE', 'system: SYS-001'));
    const result = await aims(repo.dir, 'init', '--force');
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(path.join(repo.dir, 'aims/systems/example-system.yaml'))).toBe(false);
    await expectClean(repo.dir, 'init --force');
  });

  it('from a subfolder, validate prints paths the terminal can open from there, and a warnings-only run ends in ⚠', async () => {
    const result = await aims(path.join(repo.dir, 'aims/risks'), 'validate');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^\.\.\/context\.yaml$/m);
    expect(result.stdout).toMatch(/^risk-001\.yaml$/m);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toMatch(/^⚠ \d+ warnings, no errors; checked/);
  });

  it('commit, gap and an evidence pack: the awkward names arrive intact', async () => {
    git(repo.dir, ['add', '-A']);
    git(repo.dir, ['commit', '-q', '-m', 'AIMS: first cut']);
    const gap = await aims(repo.dir, 'gap');
    expect(gap.code, gap.stderr).toBe(0);
    const out = path.join(repo.dir, '..', `${path.basename(repo.dir)}-pack`);
    try {
      const pack = await aims(repo.dir, 'report', 'pack', '--out', out);
      expect(pack.code, pack.stderr).toBe(0);
      const index = readFileSync(path.join(out, 'index.html'), 'utf8');
      expect(index).toContain('HireWise: AI Recruiting #1 &quot;Zoë&quot; &amp; Søn');
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
