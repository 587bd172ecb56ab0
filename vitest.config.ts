import { defineConfig } from 'vitest/config';

// Three tiers (DESIGN.md §3.8): pure unit tests, integration tests against a real database
// (run once per database target by scripts/test.mjs), and end-to-end tests in headless Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['src/**/*.int.test.ts', 'test/int/**/*.int.test.ts'],
          globalSetup: ['test/support/global-db-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // Each file opens its own database; two workers match the machine's two cores.
          maxWorkers: 2,
        },
      },
      {
        // Faults survived (issue #9): each file starts its own throwaway PostgreSQL cluster (pg_ctl on a
        // free port) and kills or restarts it, or a worker, or fills a disk. One file at a time.
        test: {
          name: 'resilience',
          include: ['test/resilience/**/*.resilience.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.spec.ts'],
          globalSetup: ['e2e/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
