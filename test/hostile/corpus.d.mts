/** Types for corpus.mjs (plain JavaScript so that the benchmark can import it too). */
export interface HostileCase {
  name: string;
  files?: Record<string, string | Uint8Array | null>;
  setup?: (dir: string) => void;
  args: string[];
  exitCode: 0 | 1 | 2;
  diagnostics?: string[];
  includes?: string[];
  stdout?: RegExp[];
  stderr?: RegExp[];
  absent?: RegExp[];
  output?: 'full' | 'closed';
  writes?: string[];
  env?: Record<string, string>;
  skip?: string | undefined;
  denies?: boolean;
  foreign?: boolean;
  maxMegabytes?: number;
}
export const BOUNDS: { seconds: number; megabytes: number };
export const foreignProblem: string | undefined;
export const hostileCases: HostileCase[];
export function buildCase(c: HostileCase): { dir: string; cleanup: () => void };
export function runCase(
  c: HostileCase,
  dir: string,
  options: { bin: string; timeoutMs: number; nodeArgs?: string[]; env?: Record<string, string>; prefix?: string[] },
): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string; seconds: number }>;
export function unprivileged(bin: string): { prefix: string[]; bin: string; cleanup: () => void } | { problem: string };
