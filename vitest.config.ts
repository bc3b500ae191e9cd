import { defineConfig } from 'vitest/config';

// One Vitest run for every TypeScript workspace; the web app's pure modules
// are unit-tested here, its pages by the stack suite in a real browser.
export default defineConfig({
  test: {
    include: ['{packages,api,workflows,activities}/**/*.test.ts', 'web/src/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/generated/**'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
