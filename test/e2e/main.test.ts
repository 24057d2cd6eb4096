/** The e2e table through main() in-process with a fake Io (fast; counts toward coverage). */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Io } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { tempDir, writeFiles } from '../helpers/git-repo.js';
import { runMain } from '../helpers/run.js';
import { STACK_FRAME, assertCase, treeSnapshot } from './assert-case.js';
import { cases, type E2eCase } from './cases.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

function prepare(c: Pick<E2eCase, 'files' | 'setup'>): string {
  const repo = tempDir('aims-e2e-main-');
  cleanups.push(repo.cleanup);
  writeFiles(repo.dir, c.files ?? {});
  c.setup?.(repo.dir);
  return repo.dir;
}

const ANSI = /\u001b\[/;
const COLOURED = { 'aims/systems/x.yaml': 'kind: system\nid: SYS-1\ntitle: T\ndescription: d\nlifecycle: live\n' };

describe('e2e in-process (main)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const dir = prepare(c);
    const before = treeSnapshot(dir);
    const result = await runMain(c.args, path.join(dir, c.cwd ?? ''), c.env ?? {});
    assertCase(c, result, dir);
    expect(treeSnapshot(dir), 'validate must not modify the repository').toEqual(before);
  });
});

describe('colour (in-process)', () => {
  it('is off when stdout is not a terminal', async () => {
    const dir = prepare({ files: COLOURED });
    const result = await runMain(['validate'], dir, { NO_COLOR: undefined }, { tty: false });
    expect(result.code).toBe(1);
    expect(result.stdout).not.toMatch(ANSI);
  });

  it('is on for a terminal', async () => {
    const dir = prepare({ files: COLOURED });
    const result = await runMain(['validate'], dir, { NO_COLOR: undefined }, { tty: true });
    expect(result.stdout).toMatch(ANSI);
  });

  it('NO_COLOR turns it off, even on a terminal', async () => {
    const dir = prepare({ files: COLOURED });
    const result = await runMain(['validate'], dir, { NO_COLOR: '1' }, { tty: true });
    expect(result.stdout).not.toMatch(ANSI);
  });

  it('FORCE_COLOR=1 turns it on without a terminal', async () => {
    const dir = prepare({ files: COLOURED });
    const result = await runMain(['validate'], dir, { NO_COLOR: undefined, FORCE_COLOR: '1' }, { tty: false });
    expect(result.stdout).toMatch(ANSI);
  });

  it('--no-color wins over a terminal; --color wins over a pipe', async () => {
    const dir = prepare({ files: COLOURED });
    expect((await runMain(['validate', '--no-color'], dir, { NO_COLOR: undefined }, { tty: true })).stdout).not.toMatch(ANSI);
    expect((await runMain(['validate', '--color'], dir, { NO_COLOR: undefined }, { tty: false })).stdout).toMatch(ANSI);
  });

  it('json is never coloured', async () => {
    const dir = prepare({ files: COLOURED });
    const result = await runMain(['validate', '--format', 'json'], dir, { NO_COLOR: undefined, FORCE_COLOR: '1' }, { tty: true });
    expect(result.stdout).not.toMatch(ANSI);
    expect((): unknown => JSON.parse(result.stdout)).not.toThrow();
  });
});

describe('internal errors (in-process)', () => {
  /** An Io whose stdout fails, as a closed pipe would: the one failure a test can force. */
  function brokenIo(cwd: string, stderr: string[]): Io {
    return {
      cwd,
      env: { NO_COLOR: '1' },
      stdout: () => {
        throw new Error('write EPIPE');
      },
      stderr: (text) => void stderr.push(text),
      stdoutIsTTY: false,
      now: () => new Date('2026-11-26T12:00:00Z'),
    };
  }

  it('print one short message without a stack trace, and exit 2', async () => {
    const dir = prepare({ files: COLOURED });
    const stderr: string[] = [];
    const code = await main(['validate', dir], brokenIo(dir, stderr));
    const text = stderr.join('');
    expect(code).toBe(2);
    expect(text).toMatch(/^aims: internal error \(a bug in aims\): write EPIPE; please report it at \S+ \(--debug shows the details\)\n$/);
    expect(text).not.toMatch(STACK_FRAME);
    expect(text.trimEnd().split("\n")).toHaveLength(1);
  });

  it('show the stack with --debug', async () => {
    const dir = prepare({ files: COLOURED });
    const stderr: string[] = [];
    const code = await main(['--debug', 'validate', dir], brokenIo(dir, stderr));
    expect(code).toBe(2);
    expect(stderr.join('')).toMatch(STACK_FRAME);
  });
});
