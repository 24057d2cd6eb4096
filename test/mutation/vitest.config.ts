import { defineConfig } from 'vitest/config';

// Only the unit tests of the guarded modules: they import src/ directly, so each mutant is seen.
export default defineConfig({
  test: {
    include: ['test/unit/cli/write-output.test.ts', 'test/unit/render/report/guards.test.ts'],
  },
});
