/**
 * The layer rules (.dependency-cruiser.cjs) bite: each deliberately broken import below, in a
 * small tree, is reported under the rule that forbids it (npm test runs the same rules on src/).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo.js';
import { PROJECT_ROOT } from '../helpers/run.js';

const DEPCRUISE = path.join(PROJECT_ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
const CONFIG = path.join(PROJECT_ROOT, '.dependency-cruiser.cjs');

const temp = tempDir('aims-layers-');
afterAll(() => temp.cleanup());

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

function cruise(cwd: string): Violation[] {
  const result = spawnSync(process.execPath, [DEPCRUISE, 'src', '--config', CONFIG, '--output-type', 'json'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.stdout.trim() === '') throw new Error(`depcruise gave no output: ${result.stderr}`);
  return (JSON.parse(result.stdout) as { summary: { violations: Violation[] } }).summary.violations;
}

/** A tree with one legal module per layer, plus the broken modules. */
function treeWith(broken: readonly { file: string; text: string }[]): string {
  const dir = path.join(temp.dir, 'tree');
  const files: Record<string, string> = {
    'src/model/m.ts': 'export const m = 1;\n',
    'src/load/l.ts': "import { m } from '../model/m.js';\nexport const l = m;\n",
    'src/validate/v.ts': "import { l } from '../load/l.js';\nexport const v = l;\n",
    'src/analyse/a.ts': "import { v } from '../validate/v.js';\nexport const a = v;\n",
    'src/render/r.ts': "import { a } from '../analyse/a.js';\nexport const r = a;\n",
    'src/workspace/w.ts': "import { readFileSync } from 'node:fs';\nexport const w = readFileSync;\n",
    'src/api/p.ts': "import { r } from '../render/r.js';\nimport { w } from '../workspace/w.js';\nexport const p = [r, w];\n",
    'src/cli/c.ts': "import { p } from '../api/p.js';\nexport const c = p;\n",
    ...Object.fromEntries(broken.map((b) => [b.file, b.text])),
  };
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  copyFileSync(path.join(PROJECT_ROOT, 'tsconfig.json'), path.join(dir, 'tsconfig.json'));
  // Libraries resolve as they do in the project.
  symlinkSync(path.join(PROJECT_ROOT, 'node_modules'), path.join(dir, 'node_modules'));
  return dir;
}

/** Each rule, and a module that breaks it. */
const BROKEN: readonly [string, { file: string; text: string }][] = [
  ['load-points-down', { file: 'src/load/bad.ts', text: "import { v } from '../validate/v.js';\nexport const bad = v;\n" }],
  ['analyse-points-down', { file: 'src/analyse/bad.ts', text: "import { r } from '../render/r.js';\nexport const bad = r;\n" }],
  ['core-is-pure', { file: 'src/validate/bad.ts', text: "import { Worker } from 'node:worker_threads';\nexport const bad = Worker;\n" }],
  ['model-imports-nothing-of-ours', { file: 'src/model/bad.ts', text: "import { l } from '../load/l.js';\nexport const bad = l;\n" }],
  ['cli-calls-only-the-api', { file: 'src/cli/bad.ts', text: "import { v } from '../validate/v.js';\nexport const bad = v;\n" }],
  ['only-api-composes-workspace', { file: 'src/render/bad.ts', text: "import { w } from '../workspace/w.js';\nexport const bad = w;\n" }],
  ['nothing-imports-the-cli', { file: 'src/api/bad.ts', text: "import { c } from '../cli/c.js';\nexport const bad = c;\n" }],
  ['one-home-for-yaml', { file: 'src/analyse/bad-yaml.ts', text: "import { parse } from 'yaml';\nexport const bad = parse;\n" }],
];

describe('layer rules', () => {
  const violations = cruise(treeWith(BROKEN.map(([, b]) => b)));

  it('find nothing wrong in the legal modules', () => {
    const bad = new Set(BROKEN.map(([, b]) => b.file));
    expect(violations.filter((v) => !bad.has(v.from) && !bad.has(v.to))).toEqual([]);
  });

  for (const [rule, broken] of BROKEN) {
    it(`${rule} reports ${broken.file}`, () => {
      expect(violations.filter((v) => v.from === broken.file).map((v) => v.rule.name)).toContain(rule);
    });
  }
});
