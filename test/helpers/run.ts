import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export const BIN = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Environment overrides; `undefined` removes a variable (for example NO_COLOR, set by default). */
export type EnvOverrides = Record<string, string | undefined>;

export interface RunMainOptions {
  /** Whether the fake stdout is a terminal (default false, as in CI). */
  tty?: boolean;
  /** The clock the CLI reads (default 2026-11-26T12:00:00Z). */
  now?: Date;
}

/** Runs the CLI in-process with a fake Io (fast, and counts toward coverage). */
export async function runMain(args: string[], cwd: string, env: EnvOverrides = {}, options: RunMainOptions = {}): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    cwd,
    env: withOverrides({ NO_COLOR: '1' }, env),
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    stdoutIsTTY: options.tty ?? false,
    now: () => options.now ?? new Date('2026-11-26T12:00:00Z'),
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

export interface RunBinOptions {
  /** Kill the child after this many milliseconds (a hang then fails the test with code -1). */
  timeout?: number;
  /** Extra arguments for node itself, before the script (for example --max-old-space-size). */
  nodeArgs?: string[];
}

/** Runs the built binary as a user would (`npm test` builds first). */
export function runBin(args: string[], cwd: string, env: EnvOverrides = {}, options: RunBinOptions = {}): RunResult {
  const result = spawnSync(process.execPath, [...(options.nodeArgs ?? []), BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: withOverrides({ ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' }, env),
    maxBuffer: 64 * 1024 * 1024,
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

function withOverrides(base: Record<string, string | undefined>, overrides: EnvOverrides): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...base, ...overrides })) {
    if (value !== undefined) env[key] = value;
  }
  return env;
}
