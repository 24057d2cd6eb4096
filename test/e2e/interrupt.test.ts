/**
 * Interrupted runs of the real binary: a signal sent mid-run, and an output closed before aims
 * has written it, each end with one line on stderr and exit 2, never a stack trace or "a bug
 * in aims". (A signal while a pack is being written: test/report/pack-safety.test.ts.)
 */
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { makeGitRepo } from '../helpers/git-repo.js';
import { BIN } from '../helpers/run.js';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length > 0) cleanups.pop()?.();
});

/** Enough records that validating them takes a while after aims has started (three files under max_file_size). */
function bigRepo(): string {
  const register = (from: number): string =>
    Array.from({ length: 20_000 }, (_, i) => `---\nkind: risk\nid: RISK-${from + i}\ntitle: Risk ${from + i} of a long register\nlikelihood: rare\nimpact: minor\n`).join('');
  const repo = makeGitRepo({ commits: [{ files: { 'aims.yaml': 'organisation: Interrupted Ltd\n', 'aims/risks/register-1.yaml': register(0), 'aims/risks/register-2.yaml': register(20_000), 'aims/risks/register-3.yaml': register(40_000) } }] });
  cleanups.push(repo.cleanup);
  return repo.dir;
}

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs validate and sends `signal` after `delay` ms, unless aims has ended by then. */
async function interruptAfter(dir: string, signal: NodeJS.Signals, delay: number): Promise<Ended & { sent: boolean }> {
  const child = spawn(process.execPath, [BIN, 'validate', '--format', 'json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
  let sent = false;
  const timer = setTimeout(() => (sent = child.kill(signal)), delay);
  const ended = await new Promise<Ended>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig, stdout, stderr })));
  clearTimeout(timer);
  return { ...ended, sent };
}

/** How long an uninterrupted run takes here, in ms: the signal is timed from it, not from a guess. */
async function fullRun(dir: string): Promise<number> {
  const started = Date.now();
  const ended = await interruptAfter(dir, 'SIGTERM', 600_000);
  expect(ended.code, ended.stderr).toBe(0);
  return Date.now() - started;
}

describe('a signal mid-run', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)('%s: one line, exit 2', async (signal) => {
    const dir = bigRepo();
    // Too early, Node's own default ends the process while it still loads aims's modules (before
    // aims listens for signals); too late, aims has answered. So the signal is sent at a share of
    // a whole run measured on this machine, and again at other shares until one lands mid-run.
    const whole = await fullRun(dir);
    let result: Ended & { sent: boolean } = { code: null, signal: null, stdout: '', stderr: '', sent: false };
    // A fine grid: on a loaded machine the run's phases stretch unevenly, so a few shares can all miss.
    for (const share of [0.6, 0.75, 0.45, 0.85, 0.3, 0.5, 0.7, 0.4, 0.8, 0.55, 0.65, 0.35, 0.9, 0.25]) {
      result = await interruptAfter(dir, signal, Math.round(whole * share));
      if (result.sent && result.signal === null && result.stdout === '') break;
    }
    expect(result.sent, 'the signal must reach aims while it runs').toBe(true);
    // Sent while validating: aims had not answered yet.
    expect(result.stdout).toBe('');
    expect(result).toMatchObject({ code: 2, signal: null });
    expect(result.stderr).toBe(`aims: interrupted by ${signal}; stopped before finishing (nothing half-written was left behind)\n`);
  }, 120_000);
});

describe('a closed output', () => {
  it('stdout closed before aims writes (EPIPE): one line, exit 2', async () => {
    const dir = bigRepo();
    const child = spawn(process.execPath, [BIN, 'validate', '--format', 'json'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const result = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, sig) => resolve({ code, signal: sig })));
    expect(result).toEqual({ code: 2, signal: null });
    expect(stderr).toBe('aims: the output was closed before aims finished (EPIPE)\n');
  }, 60_000);
});
