import { defineConfig } from 'vitest/config';

// One Vitest run for every TypeScript workspace except the web app, whose
// end-to-end suite drives a real browser and has its own runner.
export default defineConfig({
  test: {
    include: ['{packages,api,workflows,activities}/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/generated/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
