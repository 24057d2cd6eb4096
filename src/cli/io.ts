/** The world as the CLI sees it; tests pass a fake, bin.ts binds the real process. */
export interface Io {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdout(text: string): void;
  stderr(text: string): void;
  stdoutIsTTY: boolean;
  now(): Date;
}

export function nodeIo(): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stdoutIsTTY: process.stdout.isTTY,
    now: () => new Date(),
  };
}

/** Colour: --color/--no-color win, then NO_COLOR and FORCE_COLOR, then whether stdout is a terminal. */
export function useColor(io: Io, flag: boolean | undefined): boolean {
  if (flag !== undefined) return flag;
  if (io.env['NO_COLOR']) return false;
  const force = io.env['FORCE_COLOR'];
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stdoutIsTTY;
}
