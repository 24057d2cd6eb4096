/**
 * The `aims discover` row of the benchmark: a code repository of N tracked files (default
 * 100,000; --quick 10,000), mostly ordinary code, docs, configuration and images, with a
 * known number of planted AI uses. aims discover is timed against reading every tracked file
 * once (`git ls-files -z | xargs -0 cat > /dev/null`); the target is at most 2x that.
 * The tree is generated once and cached under .bench/discover-<N>/ (--fresh rebuilds it).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Every PLANT-th file of a kind holds an AI use; the check counts them. */
const PLANT = 500;
const KINDS = [
  { ext: 'py', share: 30, body: (i) => `"""module ${i}"""\nimport os\nimport json\n\n${'def f%(x):\n    return json.dumps({"v": x, "env": os.environ.get("X")})\n\n'.repeat(20).replaceAll('%', String(i))}`, ai: 'import openai\n' },
  { ext: 'ts', share: 25, body: (i) => `import { readFile } from 'node:fs/promises';\nimport path from './path.js';\n\n${'export async function load%(p: string) {\n  return JSON.parse(await readFile(path.join(p), "utf8"));\n}\n\n'.repeat(20).replaceAll('%', String(i))}`, ai: "import Anthropic from '@anthropic-ai/sdk';\n" },
  { ext: 'go', share: 10, body: (i) => `package p${i}\n\nimport (\n\t"fmt"\n\t"os"\n)\n\n${'func F%() { fmt.Println(os.Getenv("X")) }\n'.repeat(30).replaceAll('%', String(i))}`, ai: '' },
  { ext: 'md', share: 15, body: (i) => `# Page ${i}\n\n${'Prose about the service, its API and how to call it.\n'.repeat(40)}`, ai: '' },
  { ext: 'yaml', share: 8, body: (i) => `name: svc-${i}\nreplicas: 2\nenv:\n${'  - name: KEY\n    value: "x"\n'.repeat(20)}`, ai: 'llm_url: https://api.openai.com/v1\n' },
  { ext: 'png', share: 10, body: (i) => Buffer.alloc(4096, i % 251), ai: '' },
  { ext: 'txt', share: 2, body: (i) => `notes ${i}\n`.repeat(50), ai: '' },
];

function generate(dir, files) {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const total = KINDS.reduce((n, k) => n + k.share, 0);
  let planted = 0;
  let n = 0;
  for (const kind of KINDS) {
    const count = Math.round((files * kind.share) / total);
    for (let i = 0; i < count && n < files; i++, n++) {
      const folder = path.join(dir, `src/${kind.ext}/d${Math.floor(i / 200)}`);
      if (i % 200 === 0) mkdirSync(folder, { recursive: true });
      const body = kind.body(i);
      const plant = kind.ai && i % PLANT === 0;
      if (plant) planted++;
      writeFileSync(path.join(folder, `f${i}.${kind.ext}`), plant ? kind.ai + body : body);
    }
  }
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench', dependencies: { express: '^4', langchain: '^0.3' } }, null, 2));
  writeFileSync(path.join(dir, 'requirements.txt'), 'requests\nscikit-learn==1.5\n');
  planted += 2;
  const git = (args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore', env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' } });
  git(['init', '-q']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'bench tree']);
  writeFileSync(path.join(dir, '.git', 'aims-bench-planted'), String(planted));
  return planted;
}

/** The tree for `files` files (cached), and how many AI uses were planted in it. */
export function discoverFixture({ files, cacheDir, fresh, log }) {
  const dir = path.join(cacheDir, `discover-${files}`);
  const marker = path.join(dir, '.git', 'aims-bench-planted');
  if (fresh || !existsSync(marker)) {
    log(`generating a ${files.toLocaleString('en')}-file code repository in ${dir} (cached)`);
    generate(dir, files);
  }
  return { dir, planted: Number(execFileSync('cat', [marker], { encoding: 'utf8' })) };
}

/** The two commands of the row; `check` proves discover found every planted use and nothing else. */
export function discoverCommands({ node, bin, fixture }) {
  return [
    { id: 'read-all', name: 'git ls-files | xargs cat (floor)', argv: () => ['sh', '-c', 'git ls-files -z | xargs -0 cat > /dev/null'], cwd: () => fixture.dir },
    {
      id: 'discover',
      name: 'aims discover',
      argv: () => [node, bin, 'discover', fixture.dir, '--format', 'json'],
      check: ({ stdout }) => {
        const { findings } = JSON.parse(stdout);
        return findings.length === fixture.planted ? undefined : `found ${findings.length} AI uses, planted ${fixture.planted}`;
      },
    },
  ];
}
