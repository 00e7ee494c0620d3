import { defineConfig } from "vitest/config";

// `pnpm bench`: figures as ratios against a baseline measured in the same run, with
// budgets. Not part of the unit tests. BENCH_SHORT=1 runs fewer rounds (CI).
const sourceCondition = ["@agora-cloud-proxy/source"];

export default defineConfig({
  resolve: { conditions: sourceCondition },
  ssr: { resolve: { conditions: sourceCondition } },
  test: {
    include: ["test/bench/**/*.bench.test.ts", "test/bench/**/*.bench.test.tsx"],
    execArgv: ["--expose-gc"],
    fileParallelism: false,
    testTimeout: 600_000,
    globalSetup: ["./test/bench/writeResults.ts"],
  },
});
