/** 0: ran, nothing at error level. 1: ran, found problems. 2: could not run (usage, or a bug). */
export const ExitCode = { ok: 0, problems: 1, failure: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** Commands that report on records (report, diff) exit 1 when the records have validation errors: the output stands on shaky ground. */
export function exitForValidation(errors: number, io: { stderr(text: string): void }): ExitCode {
  if (errors === 0) return ExitCode.ok;
  io.stderr(`aims: the records have ${errors === 1 ? '1 validation error' : `${errors} validation errors`} (exit 1); aims validate lists them\n`);
  return ExitCode.problems;
}
