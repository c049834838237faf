import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Builds dist/ once, when stale: the process tests run `node dist/...` as the npm scripts do.
    globalSetup: ["tests/support/global-setup.ts"],
    // The kuromoji dictionary takes ~0.5 s and ~350 MB per worker: two workers match the two cores.
    pool: "forks",
    maxWorkers: 2,
    // Generous: the process tests take a few seconds on an idle machine and several times that on a busy one;
    // how fast they run is for `npm run bench` to measure, never for a test to assert.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
