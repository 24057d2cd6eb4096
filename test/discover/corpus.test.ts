import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { discoverRepositories } from '../../src/api/discover.js';
import { git, makeGitRepo, tempDir, writeFiles } from '../helpers/git-repo.js';
import { PROJECT_ROOT } from '../helpers/run.js';

/**
 * The corpus: small repositories shaped like real ones (test/data/discover/), each scanned as
 * its own git repository. Every expected finding is listed; the no-AI repositories, full of
 * look-alike names, must yield none (precision over recall).
 */
const CORPUS = path.join(PROJECT_ROOT, 'test/data/discover');

const EXPECTED: Record<string, string[]> = {
  'python-llm-service': [
    'config/settings.yaml:5 anthropic endpoint api.anthropic.com',
    'pyproject.toml:11 anthropic dependency anthropic',
    'src/summariser/llm.py:7 anthropic import anthropic',
  ],
  'node-agent-app': [
    '.env.example:2 openai endpoint api.openai.com',
    'package-lock.json:11 langchain dependency @langchain/core',
    'package-lock.json:14 langchain dependency @langchain/openai',
    'package-lock.json:17 pinecone dependency @pinecone-database/pinecone',
    'package-lock.json:23 langchain dependency langchain',
    'package-lock.json:26 openai dependency openai',
    'package.json:11 langchain dependency @langchain/core',
    'package.json:12 langchain dependency @langchain/openai',
    'package.json:13 pinecone dependency @pinecone-database/pinecone',
    'package.json:15 langchain dependency langchain',
    'src/agent.mjs:2 langchain import @langchain/openai',
    'src/agent.mjs:3 langchain import langchain',
    'src/tools.js:2 pinecone import @pinecone-database/pinecone',
    'src/tools.js:3 langchain import @langchain/core',
  ],
  'go-service': [
    'go.mod:7 openai dependency github.com/sashabaranov/go-openai',
    'internal/embed/embed.go:6 openai endpoint api.openai.com',
    'main.go:8 openai import github.com/sashabaranov/go-openai',
  ],
  'model-lfs': [
    'models/classifier.onnx:1 onnx-model model-file .onnx (Git LFS pointer)',
    'models/encoder.safetensors:1 safetensors-model model-file .safetensors (Git LFS pointer)',
    'serve.py:1 onnx-runtime import onnxruntime',
    'weights/tiny.gguf:1 gguf-model model-file .gguf',
  ],
  'notebook-ds': ['analysis.ipynb:26 huggingface-transformers dependency transformers', 'analysis.ipynb:28 pytorch import torch'],
  'no-ai-node': [],
  'no-ai-python': [],
  'no-ai-go': [],
};

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function repo(name: string, extra: Record<string, string | Uint8Array> = {}): string {
  const r = makeGitRepo({ copyFrom: path.join(CORPUS, name), commits: Object.keys(extra).length > 0 ? [{ files: extra }] : [] });
  cleanups.push(r.cleanup);
  return r.dir;
}

async function scan(dir: string, options: { includeVendored?: boolean } = {}): Promise<string[]> {
  const result = await discoverRepositories({ paths: [dir], cwd: dir, ...options });
  return result.findings.map((f) => `${f.file}:${f.line} ${f.signature} ${f.indicator} ${f.match}${f.note === 'Git LFS pointer' ? ' (Git LFS pointer)' : ''}`);
}

describe('the discover corpus', () => {
  for (const [name, expected] of Object.entries(EXPECTED)) {
    it(`${name}: ${expected.length === 0 ? 'no AI, no findings' : `${expected.length} findings, each placed`}`, async () => {
      expect(await scan(repo(name))).toEqual(expected);
    });
  }

  it('every finding outside an AIMS is unregistered', async () => {
    const dir = repo('go-service');
    const result = await discoverRepositories({ paths: [dir], cwd: dir });
    expect(new Set(result.findings.map((f) => f.status))).toEqual(new Set(['unregistered']));
  });
});

describe('what discover reads', () => {
  it('skips a committed dependency folder unless asked', async () => {
    const dir = repo('node-agent-app', { 'node_modules/openai/index.js': "module.exports = require('openai/client');\nconst BASE = 'https://api.openai.com/v1';\n" });
    // Committed on purpose: vendored copies do get committed.
    expect((await scan(dir)).some((f) => f.startsWith('node_modules/'))).toBe(false);
    expect((await scan(dir, { includeVendored: true })).filter((f) => f.startsWith('node_modules/'))).toEqual([
      'node_modules/openai/index.js:1 openai import openai',
      'node_modules/openai/index.js:2 openai endpoint api.openai.com',
    ]);
  });

  it('reads only tracked files in a git repository', async () => {
    const dir = repo('no-ai-go');
    writeFileSync(path.join(dir, 'scratch.py'), 'import openai\n');
    expect(await scan(dir)).toEqual([]);
    git(dir, ['add', 'scratch.py']);
    expect(await scan(dir)).toEqual(['scratch.py:1 openai import openai']);
  });

  it('honours .gitignore in a folder that is not a git repository', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    writeFiles(t.dir, { '.gitignore': 'build/\n*.log.py\n', 'app.py': 'import anthropic\n', 'build/gen.py': 'import openai\n', 'x.log.py': 'import openai\n', 'sub/.gitignore': 'local.py\n', 'sub/local.py': 'import openai\n', 'sub/kept.py': 'import torch\n' });
    expect(await scan(t.dir)).toEqual(['app.py:1 anthropic import anthropic', 'sub/kept.py:1 pytorch import torch']);
  });

  it('never follows a link out of the folder (the target is not read)', async () => {
    const outside = tempDir();
    cleanups.push(outside.cleanup);
    writeFileSync(path.join(outside.dir, 'secret.py'), 'import openai\n');
    const dir = repo('no-ai-go');
    symlinkSync(path.join(outside.dir, 'secret.py'), path.join(dir, 'linked.py'));
    git(dir, ['add', 'linked.py']);
    expect(await scan(dir)).toEqual([]);
    // The same file copied in (not linked) is found: the guard, not the name, kept it out.
    writeFileSync(path.join(dir, 'copied.py'), 'import openai\n');
    git(dir, ['add', 'copied.py']);
    expect(await scan(dir)).toEqual(['copied.py:1 openai import openai']);
  });

  it('identifies a pickle by its header and never unpickles it', async () => {
    const marker = tempDir();
    cleanups.push(marker.cleanup);
    const target = path.join(marker.dir, 'pwned');
    // A protocol-2 pickle that would run `touch <target>` if anything loaded it.
    const payload = Buffer.concat([Buffer.from([0x80, 0x02]), Buffer.from(`cposix\nsystem\nq\x00X${String.fromCharCode(6 + target.length)}\x00\x00\x00touch ${target}q\x01\x85q\x02Rq\x03.`, 'latin1')]);
    const dir = repo('no-ai-go', { 'model.pkl': payload });
    expect(await scan(dir)).toEqual(['model.pkl:1 pickled-model model-file .pkl']);
    expect(existsSync(target)).toBe(false);
  });

  it('names a source file too large to read instead of reading it', async () => {
    const dir = repo('no-ai-go', { 'generated.py': `import openai\n${'x = 1\n'.repeat(400_000)}` });
    const result = await discoverRepositories({ paths: [dir], cwd: dir });
    expect(result.findings).toEqual([]);
    expect(result.roots[0]?.skipped).toEqual([{ file: 'generated.py', reason: 'larger than 2 MiB: identified by name only' }]);
  });

  it('refuses a path that is not a folder', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    mkdirSync(path.join(t.dir, 'x'));
    await expect(discoverRepositories({ paths: ['missing'], cwd: t.dir })).rejects.toThrow('no such directory: missing');
  });
});
