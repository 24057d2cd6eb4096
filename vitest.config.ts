import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Most of the suite's time is spent waiting on child processes (the built binary, git,
    // Chromium), not in the test worker itself. Vitest's default (one worker fewer than the
    // cores) leaves a 2-core CI machine running one file at a time, one core mostly idle.
    // More workers than cores only made files wait on each other.
    maxWorkers: availableParallelism(),
    // End-to-end tests spawn the built binary and git, several per test, while another file
    // does the same: room enough on a busy 2-core machine. A hang still fails the test.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
