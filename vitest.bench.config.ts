import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `pnpm bench`: figures as ratios against a baseline measured in the same run, with
// budgets. Not part of the unit tests. BENCH_SHORT=1 runs fewer rounds (CI).
//
// The packages are measured as they ship: their built dist (`pnpm bench` builds first).
// From sources, vitest's module transform turns every call across files into a getter on a
// module namespace, which costs the session more than its own work.
const dist = (path: string) => fileURLToPath(new URL(`./packages/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^@agora-cloud-proxy\/core$/, replacement: dist("core/dist/index.js") },
      { find: /^@agora-cloud-proxy\/react$/, replacement: dist("react/dist/index.js") },
      { find: /^@agora-cloud-proxy\/react\/agora-rtc-react$/, replacement: dist("react/dist/agora-rtc-react.js") },
      { find: /^@agora-cloud-proxy\/testing$/, replacement: dist("testing/dist/index.js") },
    ],
  },
  test: {
    include: ["test/bench/**/*.bench.test.ts", "test/bench/**/*.bench.test.tsx"],
    execArgv: ["--expose-gc"],
    fileParallelism: false,
    testTimeout: 600_000,
    globalSetup: ["./test/bench/writeResults.ts"],
    reporters: ["default", ["./test/support/summaryReporter.ts", { label: "bench" }]],
  },
});
