import { defineConfig } from 'vitest/config';

// The stack smoke suite: the real worker, API and web processes, started the
// way `npm start` starts them, against the test profile's PostgreSQL and Temporal.
export default defineConfig({
  test: {
    include: ['test/stack/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
  },
});
