/** 0: ran, nothing at error level. 1: ran, found problems. 2: could not run (usage, or a bug). */
export const ExitCode = { ok: 0, problems: 1, failure: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
