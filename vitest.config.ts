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
    // Tests make AWS SDK clients of their own (doubles, independent checks); Skylift silences the SDK's Node 22 nag the same way.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
  },
});
