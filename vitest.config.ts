import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql ships CommonJS and ESM builds; the Apollo packages load the CommonJS one, so
  // everything must, or schemas built in one "realm" are rejected by the other.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: ['shared/test/**/*.test.ts', 'dashboard/test/**/*.test.ts', 'subgraphs/*/test/**/*.test.ts', 'gateway/test/**/*.test.ts', 'tests/**/*.test.ts'],
    // One seeded stack for the end-to-end files, started once before them (tests/global-setup.ts).
    globalSetup: ['tests/global-setup.ts'],
    // Each test file starts its own embedded databases (~200–800 MB each): two files at a time fit any machine.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    // Starting a seeded stack takes seconds on a quiet machine and minutes on a busy one.
    hookTimeout: 600_000,
    // One log line per request would drown the test report; tests that check logs spy on the logger.
    env: { LOG_LEVEL: 'warn' },
  },
});
