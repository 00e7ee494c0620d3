import { defineConfig } from "vitest/config";

// The browser end-to-end suite: `pnpm test:e2e`. Separate from the root config (which runs the
// unit, contract and React suites) because it builds the examples, starts servers and drives
// Debian's chromium: one file at a time, with long timeouts, on 2 cores.
export default defineConfig({
  test: {
    root: import.meta.dirname,
    include: ["**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    teardownTimeout: 30_000,
    // The same one-line verdict as the unit run (test/support/summaryReporter.ts), labelled "e2e".
    reporters: ["default", ["../support/summaryReporter.ts", { label: "e2e" }]],
    // Order matters for the time budget only: the cheapest files first, fail fast on the oracle.
    sequence: { shuffle: false },
  },
});
