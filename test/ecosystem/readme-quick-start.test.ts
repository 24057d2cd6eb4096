import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/git-repo.js';
import { BIN, PROJECT_ROOT } from '../helpers/run.js';

/**
 * The README's quick start runs as written from the project root, and says what it prints:
 * the record count of examples/acme, the exit code of examples/broken, and a gap report
 * (and pack) of the example as committed, the same as the README's example report.
 */

const README = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8').replace(/\r\n/g, '\n');

function quickStart(): { command: string; comment: string }[] {
  const start = README.indexOf('\n## Quick start\n');
  expect(start, 'README has "## Quick start"').toBeGreaterThanOrEqual(0);
  const open = README.indexOf('```sh\n', start) + '```sh\n'.length;
  const close = README.indexOf('\n```', open);
  return README.slice(open, close)
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const hash = line.indexOf(' #');
      return hash < 0 ? { command: line.trim(), comment: '' } : { command: line.slice(0, hash).trim(), comment: line.slice(hash + 2).trim() };
    });
}

/** The lines of the README's example gap report. */
function exampleReport(): string[] {
  const start = README.indexOf('The report opens like this');
  expect(start).toBeGreaterThanOrEqual(0);
  const open = README.indexOf('```\n', start) + 4;
  return README.slice(open, README.indexOf('\n```', open)).split('\n');
}

describe('README quick start', () => {
  it('runs as written, each line printing and exiting as its comment says', () => {
    const lines = quickStart();
    expect(lines.map((l) => l.command.split(' ').slice(0, 3).join(' '))).toEqual(['validate', 'validate', 'gap', 'report', 'report', 'verify'].map((c) => `node dist/cli/bin.js ${c}`));
    const tmp = tempDir('aims-quick-start-');
    try {
      const runs = lines.map(({ command, comment }) => {
        const args = command
          .replace(/^node dist\/cli\/bin\.js /, '')
          .split(' ')
          .map((a) => a.replace(/^\/tmp\//, `${tmp.dir}/`));
        const run = spawnSync(process.execPath, [BIN, ...args], { cwd: PROJECT_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });
        expect(run.status, `${command}\n${run.stdout}\n${run.stderr}`).toBe(/exit 1/.test(comment) ? 1 : 0);
        return { command, comment, stdout: run.stdout, stderr: run.stderr };
      });
      const [validate, , gap, , pack] = runs;
      expect(validate?.stdout.split('\n')[0]).toBe(validate?.comment);
      // The example as committed: not an older commit of this repository.
      expect(gap?.stderr).not.toMatch(/judged commit/);
      const readiness = gap?.stdout.split('\n').find((l) => l.startsWith('Readiness')) ?? '';
      expect(readiness).toBe(exampleReport().find((l) => l.startsWith('Readiness')));
      expect(gap?.comment).toContain(readiness.split(':')[0] ?? '?');
      expect(gap?.stdout).toContain(exampleReport().find((l) => l.startsWith('Not certifiable')));
      expect(pack?.stderr).toContain(`readiness ${/Readiness (\d+)\/100/.exec(readiness)?.[1] ?? '?'}/100`);
    } finally {
      tmp.cleanup();
    }
  }, 300_000);
});
