import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { conditions: ["@agora-cloud-proxy/source"] },
  ssr: { resolve: { conditions: ["@agora-cloud-proxy/source"] } },
  test: {
    include: ["test/**/*.test.ts", "test/**/*.test.tsx", "packages/*/test/**/*.test.ts", "packages/*/test/**/*.test.tsx"],
    testTimeout: 30_000,
  },
});
