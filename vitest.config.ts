import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources in tests (see each package's
// "@agora-cloud-proxy/source" export condition), so tests never need a build first.
const sourceCondition = ["@agora-cloud-proxy/source"];

export default defineConfig({
  resolve: { conditions: sourceCondition },
  ssr: { resolve: { conditions: sourceCondition } },
  test: {
    testTimeout: 30_000,
    reporters: ["default", "./test/support/summaryReporter.ts"],
    projects: [
      {
        extends: true,
        test: {
          name: "core",
          include: ["packages/core/test/**/*.test.ts", "packages/testing/test/**/*.test.ts", "test/session/**/*.test.ts", "test/contract/**/*.test.ts", "test/node/**/*.test.ts"],
        },
      },
    ],
  },
});
