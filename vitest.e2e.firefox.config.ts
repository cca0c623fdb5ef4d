import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// End-to-end tests in Firefox ESR (over WebDriver BiDi); one file at a time on these 2-core machines.
export default defineConfig({
  // The `@/` alias WXT gives the rest of the code (.wxt/tsconfig.json): these tests
  // run without WXT's vitest plugin.
  resolve: { alias: { '@/': fileURLToPath(new URL('./', import.meta.url)) } },
  test: {
    include: ['tests/e2e/firefox/**/*.e2e.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    // expect.poll waits for a state the browser reaches in its own time; 1 s (the default) is too short on a loaded
    // 2-core machine. A poll still fails unless the state is reached.
    expect: { poll: { timeout: 10_000 } },
    hookTimeout: 60_000,
    // Empties .test-results/network.json, then prints the suite's network count at the end.
    globalSetup: ['tests/e2e/network-report.ts'],
  },
});
