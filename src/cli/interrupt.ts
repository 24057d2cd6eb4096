import { ExitCode } from './exit-code.js';

/**
 * SIGINT and SIGTERM stop aims with one line and exit 2, never a stack trace. While output is
 * being written (`holdSignals`), the stop waits until the writer has finished or removed what
 * it had begun, so an interrupted run leaves no half-written output.
 */

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;

let holds = 0;
let pending: NodeJS.Signals | undefined;
let tell: (text: string) => void = (text) => void process.stderr.write(text);

/** Installed once by bin.ts, before any work starts. */
export function stopOnSignals(stderr: (text: string) => void): void {
  tell = stderr;
  for (const signal of SIGNALS) {
    process.on(signal, () => {
      if (holds > 0) pending ??= signal;
      else stop(signal);
    });
  }
}

function stop(signal: NodeJS.Signals): never {
  tell(`aims: interrupted by ${signal}; stopped before finishing (nothing half-written was left behind)\n`);
  process.exit(ExitCode.failure);
}

/** Thrown by `check` to unwind a writer to its clean-up; `release` then stops the process. */
class InterruptedWhileWriting extends Error {}

export interface SignalHold {
  /** Between two writes: unwinds (throws) when a signal came meanwhile. */
  check(): void;
  /** After the writer finished or cleaned up: acts on a signal that came meanwhile. */
  release(): void;
  /**
   * The output is complete and in place: a signal that came after the last `check` is too late
   * to stop anything, so it is let go (the run ends normally) instead of claiming an
   * interrupted run beside a finished pack.
   */
  complete(): void;
}

export function holdSignals(): SignalHold {
  holds++;
  let released = false;
  return {
    check: () => {
      if (pending) throw new InterruptedWhileWriting(`interrupted by ${pending}`);
    },
    complete: () => {
      if (holds === 1) pending = undefined;
    },
    release: () => {
      if (released) return;
      released = true;
      holds--;
      if (holds === 0 && pending) stop(pending);
    },
  };
}
