import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.spec.ts', 'shared/**/*.spec.ts', 'renderer/src/**/*.spec.ts', 'test/**/*.spec.ts'],
    exclude: ['node_modules', 'dist', 'test/fixtures/**'],
    environment: 'node',
    globalSetup: ['test/global-setup.ts'],
    reporters: ['default', './test/reporters/summary-line.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: integration and browser tests share one engine and one Chromium at a time.
    maxWorkers: 2,
  },
});
