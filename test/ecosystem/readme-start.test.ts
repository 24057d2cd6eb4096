import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo.js';
import { BIN, PROJECT_ROOT } from '../helpers/run.js';

/**
 * The README's "Starting your own AIMS" block runs as written, line by line, in a fresh
 * folder: `aims` is the built binary, $EDITOR edits nothing, and every step exits 0.
 */

function startingBlock(): string[] {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8').replace(/\r\n/g, '\n');
  const start = readme.indexOf('Starting your own AIMS');
  expect(start, 'README has "Starting your own AIMS"').toBeGreaterThanOrEqual(0);
  const open = readme.indexOf('```sh\n', start) + '```sh\n'.length;
  const close = readme.indexOf('\n```', open);
  return readme
    .slice(open, close)
    .split('\n')
    .map((line) => line.replace(/\s+#.*$/, '').trim())
    .filter((line) => line !== '');
}

describe('README: Starting your own AIMS', () => {
  it('runs as written, every step exiting 0, and ends with a pack that verifies', () => {
    const lines = startingBlock();
    expect(lines.length).toBeGreaterThanOrEqual(6);
    const dir = tempDir('aims-readme-');
    try {
      const script = ['set -e', `aims() { "${process.execPath}" "${BIN}" "$@"; }`, ...lines, 'aims verify ../audit-pack'].join('\n');
      const result = spawnSync('bash', ['--noprofile', '--norc', '-c', script], {
        cwd: dir.dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          EDITOR: 'true',
          NO_COLOR: '1',
          HOME: dir.dir,
          GIT_CONFIG_NOSYSTEM: '1',
          GIT_AUTHOR_NAME: 'New User',
          GIT_AUTHOR_EMAIL: 'new@example.com',
          GIT_COMMITTER_NAME: 'New User',
          GIT_COMMITTER_EMAIL: 'new@example.com',
        },
        timeout: 240_000,
      });
      expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
      expect(existsSync(path.join(dir.dir, 'my-aims/aims/risks/risk-001.yaml'))).toBe(true);
      expect(existsSync(path.join(dir.dir, 'audit-pack/manifest.json'))).toBe(true);
    } finally {
      dir.cleanup();
    }
  }, 300_000);
});
