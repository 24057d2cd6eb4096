import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/model/config.js';
import { RECORD_KINDS } from '../../src/model/record.js';
import { KIND_LAYOUT } from '../../src/render/scaffold/scaffold.js';
import { tempDir, writeFiles } from '../helpers/git-repo.js';
import { parseJsonOutput } from '../helpers/json-output.js';
import { PROJECT_ROOT, runMain } from '../helpers/run.js';
import { aims, listFiles, scaffold, TODAY, treeHashes } from './helpers.js';

/**
 * `aims init [DIR]`: the files it creates, that it never replaces a file (exit 1, lists
 * them, changes nothing; --force adds only the missing ones), that the fresh scaffold
 * passes validate with warnings and that gap starts with all 38 Annex A controls undecided,
 * and the editor wiring (modelines, .vscode/settings.json, schema copies). `aims schema` too.
 */

const MODELINE = /^# yaml-language-server: \$schema=(\S+)\n/;
const SCHEMAS_DIR = path.join(PROJECT_ROOT, 'schemas');

interface CatalogueEntry {
  id: string;
  title: string;
  kind: 'clause' | 'objective' | 'control';
  parent: string | null;
}
interface GapControl {
  id: string;
  decision: 'applicable' | 'excluded' | 'undecided';
  gap: boolean;
}
interface GapJson {
  controls: GapControl[];
}

let controls: CatalogueEntry[];
let objectives: CatalogueEntry[];

beforeAll(async () => {
  const catalogue = JSON.parse((await aims(PROJECT_ROOT, 'catalog', '--format', 'json')).stdout) as CatalogueEntry[];
  controls = catalogue.filter((e) => e.kind === 'control');
  objectives = catalogue.filter((e) => e.kind === 'objective' && e.parent === null);
  expect(controls).toHaveLength(38);
});

/** Strips "# " from the lines of one commented-out control block (from `# kind: control` before `# id: ID` up to the next `# ---`). */
function uncommentControl(text: string, id: string): string {
  const lines = text.split('\n');
  const idLine = lines.indexOf(`# id: ${id}`);
  expect(idLine, `# id: ${id}`).toBeGreaterThan(0);
  let start = idLine;
  while (start > 0 && lines[start] !== '# kind: control') start--;
  let end = lines.indexOf('# ---', idLine);
  if (end < 0) end = lines.length;
  for (let i = start; i < end; i++) lines[i] = (lines[i] as string).replace(/^# /, '');
  return lines.join('\n');
}

function controlFileOf(dir: string, id: string): string {
  const file = listFiles(dir)
    .filter((f) => f.startsWith('aims/controls/'))
    .find((f) => readFileSync(path.join(dir, f), 'utf8').split('\n').includes(`# id: ${id}`));
  expect(file, id).toBeDefined();
  return file as string;
}

describe('aims init on an empty folder', () => {
  let repo: { dir: string; cleanup: () => void };
  let files: string[];
  beforeAll(async () => {
    repo = await scaffold();
    files = listFiles(repo.dir);
  });
  afterAll(() => repo.cleanup());

  it('creates aims.yaml, the starting records, one SoA file per Annex A objective, the schemas and the VS Code settings', () => {
    for (const f of [
      'aims.yaml',
      'aims/context.yaml',
      'aims/scope.yaml',
      'aims/policies/ai-policy.yaml',
      'aims/roles/ai-governance-lead.yaml',
      'aims/systems/example-system.yaml',
      '.vscode/settings.json',
    ]) {
      expect(files, f).toContain(f);
    }
    expect(files.filter((f) => f.startsWith('aims/controls/'))).toHaveLength(objectives.length);
    const shipped = listFiles(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json'));
    for (const s of shipped) expect(readFileSync(path.join(repo.dir, '.aims/schemas', s), 'utf8'), s).toBe(readFileSync(path.join(SCHEMAS_DIR, s), 'utf8'));
  });

  it('git-ignores the --cache folder: a cache written there is never committed', async () => {
    const { execFileSync } = await import('node:child_process');
    const { git } = await import('../helpers/git-repo.js');
    git(repo.dir, ['init', '-q']);
    const r = await runMain(['validate', repo.dir, '--cache'], repo.dir, { XDG_CACHE_HOME: path.join(repo.dir, '..', `${path.basename(repo.dir)}-home`) });
    expect(r.stderr).not.toMatch(/warning: the cache/);
    expect(existsSync(path.join(repo.dir, '.aims/cache/checks.json'))).toBe(true);
    const ignored = execFileSync('git', ['check-ignore', '.aims/cache/checks.json'], { cwd: repo.dir, encoding: 'utf8' });
    expect(ignored.trim()).toBe('.aims/cache/checks.json');
    const untracked = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], { cwd: repo.dir, encoding: 'utf8' });
    expect(untracked).not.toContain('.aims/cache/');
    rmSync(path.join(repo.dir, '.git'), { recursive: true, force: true });
    rmSync(path.join(repo.dir, '.aims/cache/checks.json'));
    rmSync(path.join(repo.dir, '..', `${path.basename(repo.dir)}-home`), { recursive: true, force: true });
  });

  it('writes aims.yaml with the organisation set and every other setting as a commented default', () => {
    const text = readFileSync(path.join(repo.dir, 'aims.yaml'), 'utf8');
    const live = text.split('\n').filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
    expect(live).toEqual(['organisation: Example Organisation Ltd']);
    for (const key of ['records', 'review_cycles', 'risk', 'max_file_size', 'templates']) expect(text, key).toMatch(new RegExp(`^# ${key}:`, 'm'));
  });

  it('has a commented-out control record for each of the 38 Annex A controls, each in its objective’s file', () => {
    const seen: string[] = [];
    for (const f of files.filter((x) => x.startsWith('aims/controls/'))) {
      const text = readFileSync(path.join(repo.dir, f), 'utf8');
      expect(text.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('#')), f).toEqual([]);
      for (const m of text.matchAll(/^# id: (A\.[\d.]+)$/gm)) {
        const id = m[1] as string;
        seen.push(id);
        const objective = objectives.find((o) => id.startsWith(`${o.id}.`));
        expect(f, id).toContain(`/${(objective as CatalogueEntry).id.toLowerCase().replace(/\./g, '')}-`);
        expect(text, id).toContain(`# title: ${(controls.find((c) => c.id === id) as CatalogueEntry).title}`);
      }
    }
    expect(seen.sort()).toEqual(controls.map((c) => c.id).sort());
  });

  it('starts every record file it creates with a yaml-language-server modeline naming an existing schema of the right kind', () => {
    const yamlFiles = files.filter((f) => f.endsWith('.yaml'));
    expect(yamlFiles.length).toBeGreaterThan(10);
    for (const f of yamlFiles) {
      const text = readFileSync(path.join(repo.dir, f), 'utf8');
      const m = MODELINE.exec(text);
      expect(m, f).not.toBeNull();
      const target = path.resolve(path.dirname(path.join(repo.dir, f)), (m as RegExpExecArray)[1] as string);
      expect(existsSync(target), `${f} → ${target}`).toBe(true);
      const kind = /^kind: (\w+)$/m.exec(text.replace(/^# /gm, ''))?.[1];
      const expected = f === 'aims.yaml' ? 'config' : kind;
      expect(path.basename(target), f).toBe(`${expected}.schema.json`);
    }
  });

  it('maps the record globs and aims.yaml to existing schema files in .vscode/settings.json', () => {
    const settings = JSON.parse(readFileSync(path.join(repo.dir, '.vscode/settings.json'), 'utf8')) as { 'yaml.schemas': Record<string, string | string[]> };
    const mapping = settings['yaml.schemas'];
    expect(Object.keys(mapping).length).toBeGreaterThan(0);
    const covered = new Map<string, string>();
    for (const [schema, globs] of Object.entries(mapping)) {
      const target = path.resolve(repo.dir, schema);
      expect(existsSync(target), schema).toBe(true);
      const isMatch = picomatch([globs].flat());
      for (const f of files) if (isMatch(f)) covered.set(f, path.basename(target));
    }
    for (const f of files.filter((x) => x.startsWith('aims/') && x.endsWith('.yaml'))) expect(covered.get(f), f).toBe('any-record.schema.json');
    expect(covered.get('aims.yaml')).toBe('config.schema.json');
    expect(covered.has('.vscode/settings.json')).toBe(false);
  });

  it('passes validate with warnings only: files that hold no record yet, and scaffold text to replace', async () => {
    const result = await aims(repo.dir, 'validate', '--format', 'json');
    expect(result.code).toBe(0);
    const json = parseJsonOutput(result.stdout);
    expect(json.summary.errors).toBe(0);
    const empty = json.diagnostics.filter((d) => d.rule === 'file/empty');
    expect(empty.length).toBe(objectives.length);
    for (const d of empty) expect(d.file.startsWith('aims/controls/')).toBe(true);
    for (const d of json.diagnostics) {
      expect(d.severity).toBe('warning');
      expect(['file/empty', 'record/placeholder']).toContain(d.rule);
    }
    expect(json.diagnostics.some((d) => d.rule === 'record/placeholder' && d.file === 'aims/context.yaml')).toBe(true);
    expect(json.summary.records).toBe(5);
  });

  it('gives the example system the `repositories` and `components` fields that aims discover matches code by, empty to fill', async () => {
    const own = await scaffold();
    try {
      const file = path.join(own.dir, 'aims/systems/example-system.yaml');
      const text = readFileSync(file, 'utf8');
      expect(text).toMatch(/^repositories: \[\]$/m);
      expect(text).toMatch(/^components: \[\]$/m);
      // Once filled, the scaffold's system claims the code it names.
      writeFileSync(file, text.replace('repositories: []', 'repositories: [code/app]').replace('components: []', 'components: [openai]'));
      writeFiles(own.dir, { 'code/app/main.py': 'import openai\n' });
      const found = await aims(own.dir, 'discover', 'code/app', '--format', 'json');
      expect((JSON.parse(found.stdout) as { findings: { status: string; systems: string[] }[] }).findings.map((f) => `${f.status} ${f.systems.join(',')}`)).toEqual(['registered SYS-EXAMPLE']);
    } finally {
      own.cleanup();
    }
  });

  it('runs gap, with all 38 Annex A controls undecided and a next step for each', async () => {
    const result = await aims(repo.dir, 'gap', '--format', 'json');
    expect(result.code).toBe(0);
    const gap = JSON.parse(result.stdout) as GapJson;
    expect(gap.controls.map((c) => c.id).sort()).toEqual(controls.map((c) => c.id).sort());
    for (const c of gap.controls) {
      expect(c.decision, c.id).toBe('undecided');
      expect(c.gap, c.id).toBe(true);
    }
    const text = (await aims(repo.dir, 'gap')).stdout;
    // The text groups undecided controls by objective; the counts add up to all 38.
    expect([...text.matchAll(/\[(\d+) undecided\]/g)].reduce((n, m) => n + Number(m[1]), 0)).toBe(38);
    expect(text).toContain('→');
  });
});

describe('deciding a control in the scaffold', () => {
  let repo: { dir: string; cleanup: () => void };
  beforeAll(async () => {
    repo = await scaffold();
  });
  afterAll(() => repo.cleanup());

  it('uncommenting the A.2.2 block makes A.2.2 decided and leaves the other 37 undecided', async () => {
    const file = path.join(repo.dir, controlFileOf(repo.dir, 'A.2.2'));
    writeFileSync(file, uncommentControl(readFileSync(file, 'utf8'), 'A.2.2'));
    const validate = await aims(repo.dir, 'validate', '--format', 'json');
    expect(validate.code, validate.stdout).toBe(0);
    const json = parseJsonOutput(validate.stdout);
    expect(json.summary.errors).toBe(0);
    // The uncommented block still carries the scaffold's placeholder justification, and nothing worse.
    const inFile = json.diagnostics.filter((d) => d.file === path.relative(repo.dir, file));
    expect(inFile.map((d) => d.rule)).toEqual(['record/placeholder']);
    const gap = JSON.parse((await aims(repo.dir, 'gap', '--format', 'json')).stdout) as GapJson;
    expect(gap.controls.find((c) => c.id === 'A.2.2')?.decision).toBe('applicable');
    expect(gap.controls.filter((c) => c.decision === 'undecided')).toHaveLength(37);
  });

  it('uncommenting every block (and the --- lines) gives 38 valid decisions', async () => {
    const fresh = await scaffold();
    try {
      for (const f of listFiles(fresh.dir).filter((x) => x.startsWith('aims/controls/'))) {
        const full = path.join(fresh.dir, f);
        const lines = readFileSync(full, 'utf8').split('\n');
        const first = lines.indexOf('# kind: control');
        writeFileSync(full, lines.map((l, i) => (i >= first ? l.replace(/^# /, '') : l)).join('\n'));
      }
      const validate = await aims(fresh.dir, 'validate', '--format', 'json');
      const json = parseJsonOutput(validate.stdout);
      expect(json.diagnostics.filter((d) => d.rule !== 'record/placeholder')).toEqual([]);
      expect(json.summary.errors).toBe(0);
      expect(validate.code).toBe(0);
      expect(json.summary.records).toBe(5 + 38);
      const gap = JSON.parse((await aims(fresh.dir, 'gap', '--format', 'json')).stdout) as GapJson;
      expect(gap.controls.filter((c) => c.decision === 'applicable')).toHaveLength(38);
    } finally {
      fresh.cleanup();
    }
  });
});

describe('aims init never replaces a file', () => {
  it('run twice: exit 1, lists the existing files, changes nothing', async () => {
    const repo = await scaffold();
    try {
      const before = treeHashes(repo.dir);
      const again = await aims(repo.dir, 'init');
      expect(again.code).toBe(1);
      for (const f of ['aims.yaml', 'aims/context.yaml', '.vscode/settings.json']) expect(again.stderr, f).toContain(f);
      expect(treeHashes(repo.dir)).toEqual(before);
    } finally {
      repo.cleanup();
    }
  });

  it('one existing file is enough: exit 1, it is listed, nothing else is created', async () => {
    const repo = tempDir('aims-init-');
    try {
      writeFiles(repo.dir, { 'aims.yaml': 'organisation: Mine\n', 'notes.txt': 'keep\n' });
      const before = treeHashes(repo.dir);
      const result = await aims(repo.dir, 'init');
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('aims.yaml');
      expect(result.stderr).toMatch(/--force/);
      expect(treeHashes(repo.dir)).toEqual(before);
    } finally {
      repo.cleanup();
    }
  });

  it('--force adds only the missing files it never wrote before, and leaves existing ones byte for byte', async () => {
    const repo = await scaffold();
    try {
      const full = treeHashes(repo.dir);
      writeFileSync(path.join(repo.dir, 'aims.yaml'), 'organisation: Edited Ltd\n');
      writeFileSync(path.join(repo.dir, 'aims/context.yaml'), '# my own context\n');
      // Deleted by the user: init wrote it, so --force must not bring it back.
      rmSync(path.join(repo.dir, 'aims/systems/example-system.yaml'));
      // Missing but never written here (as when a newer aims scaffolds more): --force adds it.
      rmSync(path.join(repo.dir, '.vscode'), { recursive: true });
      const list = JSON.parse(readFileSync(path.join(repo.dir, '.aims/scaffold.json'), 'utf8')) as { files: string[] };
      expect(list.files).toContain('aims/systems/example-system.yaml');
      writeFileSync(path.join(repo.dir, '.aims/scaffold.json'), JSON.stringify({ generator: 'aims', files: list.files.filter((f) => f !== '.vscode/settings.json') }));
      const edited = treeHashes(repo.dir);
      const result = await aims(repo.dir, 'init', '--force');
      expect(result.code, result.stderr).toBe(0);
      expect(result.stderr).toContain('not restored');
      expect(result.stderr).toContain('aims/systems/example-system.yaml');
      const after = treeHashes(repo.dir);
      expect(after['aims.yaml']).toBe(edited['aims.yaml']);
      expect(after['aims/context.yaml']).toBe(edited['aims/context.yaml']);
      expect(after['aims/systems/example-system.yaml']).toBeUndefined();
      expect(after['.vscode/settings.json']).toBe(full['.vscode/settings.json']);
      for (const f of Object.keys(after)) if (!['.vscode/settings.json', '.aims/scaffold.json'].includes(f)) expect(after[f], f).toBe(edited[f]);
      const again = JSON.parse(readFileSync(path.join(repo.dir, '.aims/scaffold.json'), 'utf8')) as { files: string[] };
      expect(again.files).toContain('.vscode/settings.json');
      expect(again.files).toContain('aims/systems/example-system.yaml');
    } finally {
      repo.cleanup();
    }
  });

  it('creates the folder of every record kind, so a record can be saved straight into it', async () => {
    const repo = await scaffold();
    try {
      for (const kind of RECORD_KINDS) expect(statSync(path.join(repo.dir, KIND_LAYOUT[kind].folder)).isDirectory(), kind).toBe(true);
    } finally {
      repo.cleanup();
    }
  });

  it('creates DIR when it does not exist, and writes --organisation into aims.yaml', async () => {
    const parent = tempDir('aims-init-');
    try {
      const result = await aims(parent.dir, 'init', 'my-aims', '--organisation', 'Acme Ltd');
      expect(result.code, result.stderr).toBe(0);
      expect(readFileSync(path.join(parent.dir, 'my-aims', 'aims.yaml'), 'utf8')).toMatch(/^organisation: Acme Ltd$/m);
      expect(readFileSync(path.join(parent.dir, 'my-aims', 'aims/context.yaml'), 'utf8')).toContain(`updated: ${TODAY}`);
    } finally {
      parent.cleanup();
    }
  });
});

describe('aims schema', () => {
  it('lists the schemas, prints one, and refuses an unknown name (exit 2)', async () => {
    const list = await aims(PROJECT_ROOT, 'schema');
    expect(list.code).toBe(0);
    const names = list.stdout.trim().split('\n');
    for (const n of ['risk', 'control', 'config', 'any-record']) expect(names).toContain(n);
    const risk = await aims(PROJECT_ROOT, 'schema', 'risk');
    expect(risk.code).toBe(0);
    expect(risk.stdout).toBe(readFileSync(path.join(SCHEMAS_DIR, 'risk.schema.json'), 'utf8'));
    const bad = await aims(PROJECT_ROOT, 'schema', 'rsik');
    expect(bad.code).toBe(2);
  });

  it('KIND --write DIR writes only that kind\'s schema', async () => {
    const repo = tempDir('aims-schema-');
    try {
      const result = await aims(repo.dir, 'schema', 'risk', '--write', 'out');
      expect(result.code, result.stderr).toBe(0);
      expect(listFiles(path.join(repo.dir, 'out'))).toEqual(['risk.schema.json']);
      expect(readFileSync(path.join(repo.dir, 'out/risk.schema.json'), 'utf8')).toBe(readFileSync(path.join(SCHEMAS_DIR, 'risk.schema.json'), 'utf8'));
      const bad = await aims(repo.dir, 'schema', 'rsik', '--write', 'other');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain('did you mean "risk"');
      expect(existsSync(path.join(repo.dir, 'other'))).toBe(false);
    } finally {
      repo.cleanup();
    }
  });

  it('--write DIR writes every schema the package ships, byte for byte', async () => {
    const repo = tempDir('aims-schema-');
    try {
      const result = await aims(repo.dir, 'schema', '--write', 'out/schemas');
      expect(result.code).toBe(0);
      const shipped = listFiles(SCHEMAS_DIR).filter((f) => f.endsWith('.schema.json') && !f.includes('/'));
      expect(listFiles(path.join(repo.dir, 'out/schemas')).sort()).toEqual(shipped.sort());
      for (const s of shipped) expect(readFileSync(path.join(repo.dir, 'out/schemas', s), 'utf8')).toBe(readFileSync(path.join(SCHEMAS_DIR, s), 'utf8'));
    } finally {
      repo.cleanup();
    }
  });
});

describe('the aims.yaml that init writes', () => {
  it('lists every review cycle with its default, commented out, so uncommenting one changes nothing', async () => {
    const repo = await scaffold();
    try {
      const text = readFileSync(path.join(repo.dir, 'aims.yaml'), 'utf8');
      const cycles = Object.fromEntries([...text.matchAll(/^# {3}([a-z]+): (P\d+[YMWD])\b/gm)].map((m) => [m[1], m[2]]));
      expect(cycles).toEqual(DEFAULT_CONFIG.reviewCycles);
    } finally {
      repo.cleanup();
    }
  });
});
