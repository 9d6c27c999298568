import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Tests that spawn the CLI run the built entry (dist/): build it once, first.
    globalSetup: ['test/global-build.ts'],
  },
});
