import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most of the suite's time is spent waiting on child processes (the built binary, git,
    // Chromium), not in the test worker itself. Vitest's default (one worker fewer than the
    // cores) leaves a 2-core CI machine running one file at a time, one core mostly idle.
    maxWorkers: availableParallelism() + 1,
    // End-to-end tests spawn the built binary and git; give them room on a 2-core machine.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
