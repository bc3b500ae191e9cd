import { defineConfig } from 'vitest/config';

// The deployment kit's suite: the shipped Nginx, PM2, shell and CI files checked
// by their own tools and run for real on loopback (nginx in front of the API
// and web, PM2 reloads, a deploy rehearsal against a local git remote).
export default defineConfig({
  test: {
    include: ['test/deploy/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Each file starts servers on fixed loopback ports and PM2 daemons; one at a time.
    fileParallelism: false,
  },
});
