/**
 * The package's front door: the README's library examples, as written, run with Node against
 * the BUILT package (`import … from 'aims'`, resolved through package.json `exports`), in a
 * repository of their own. Removing a documented export, or changing a documented signature,
 * fails here. Every export the README names must exist on the package.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo.js';
import { PROJECT_ROOT } from '../helpers/run.js';

const README = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
const section = README.slice(README.indexOf('## Library use'), README.indexOf('\n## ', README.indexOf('## Library use') + 1));
const examples = [...section.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1] ?? '');

const temp = tempDir('aims-api-');
afterAll(() => temp.cleanup());

beforeAll(() => {
  // A user's project: aims installed under node_modules, the acme example, and git history.
  mkdirSync(path.join(temp.dir, 'node_modules'));
  symlinkSync(PROJECT_ROOT, path.join(temp.dir, 'node_modules', 'aims'));
  cpSync(path.join(PROJECT_ROOT, 'examples', 'acme'), path.join(temp.dir, 'examples', 'acme'), { recursive: true });
  const git = (...args: string[]): void => {
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.org', '-c', 'commit.gpgsign=false', ...args], { cwd: temp.dir, env: { ...process.env, GIT_AUTHOR_DATE: '2026-01-15T10:00:00Z', GIT_COMMITTER_DATE: '2026-01-15T10:00:00Z' } });
  };
  git('init', '-q');
  git('add', '-A', 'examples');
  git('commit', '-qm', 'acme');
  writeFileSync(path.join(temp.dir, 'examples/acme/aims/notes.yaml'), '');
  git('add', '-A', 'examples');
  git('commit', '-qm', 'second');
});

describe('the README library examples, against the built package', () => {
  it('are there to run', () => {
    expect(examples.length).toBeGreaterThanOrEqual(3);
  });

  examples.forEach((code, i) => {
    it(`example ${i + 1} runs and every check it prints is true`, () => {
      const file = path.join(temp.dir, `example-${i + 1}.mjs`);
      writeFileSync(file, code);
      const result = spawnSync(process.execPath, [file], { cwd: temp.dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      // Each example prints what it checked; a `false` anywhere is a broken promise.
      expect(result.stdout.trim()).not.toBe('');
      expect(result.stdout.split(/\s+/)).not.toContain('false');
    });
  });

  it('exports every function the README names in its library section', async () => {
    const named = new Set([...section.matchAll(/import \{([^}]+)\} from 'aims'/g)].flatMap((m) => (m[1] ?? '').split(',').map((n) => n.trim())));
    for (const [, name] of section.matchAll(/`(\w+)`/g)) if (name && /^[a-z][a-zA-Z]+$/.test(name) && !['today', 'aims'].includes(name)) named.add(name);
    const api = (await import(path.join(PROJECT_ROOT, 'dist', 'index.js'))) as Record<string, unknown>;
    const missing = [...named].filter((n) => typeof api[n] !== 'function' && typeof api[n] !== 'object');
    expect(missing).toEqual([]);
  });
});
