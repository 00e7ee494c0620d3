import { createRequire } from "node:module";
import { dirname } from "node:path";
import { defineConfig } from "vitest/config";

// Workspace packages resolve to their TypeScript sources in tests (see each package's
// "@agora-cloud-proxy/source" export condition), so tests never need a build first.
const sourceCondition = ["@agora-cloud-proxy/source"];

// The React suite runs twice: on React 19 (test/package.json) and on React 18. React 18 and
// every library that imports react (react-dom, @testing-library/react, agora-rtc-react) are
// installed together in test/react/react-18, so each of them resolves React 18 too (a pnpm
// alias like "react-18": "npm:react@18.3.1" would leave react-dom 18 importing React 19).
const react18Env = createRequire(
  createRequire(new URL("./test/package.json", import.meta.url)).resolve(
    "@agora-cloud-proxy/react-18-test-env/package.json",
  ),
);
const react18Dir = (name: string): string => dirname(react18Env.resolve(`${name}/package.json`));
const reactSuite = ["test/react/**/*.test.{ts,tsx}"];

export default defineConfig({
  resolve: { conditions: sourceCondition },
  ssr: { resolve: { conditions: sourceCondition } },
  test: {
    testTimeout: 30_000,
    reporters: ["default", ["./test/support/summaryReporter.ts", { label: "tests" }]],
    // agora-rtc-react's bundled SDK logs as it is imported, before a test can lower its log
    // level; tests assert on calls and state, never on the SDK's log.
    onConsoleLog: (log) => !log.includes("Agora-SDK ["),
    projects: [
      {
        extends: true,
        test: {
          name: "core",
          include: [
            "packages/core/test/**/*.test.ts",
            "packages/testing/test/**/*.test.ts",
            "test/session/**/*.test.ts",
            "test/contract/**/*.test.ts",
            "test/node/**/*.test.ts",
            "test/model/**/*.test.ts",
          ],
        },
      },
      {
        extends: true,
        test: { name: "react-19", include: reactSuite, environment: "jsdom", env: { EXPECTED_REACT_MAJOR: "19" } },
      },
      {
        extends: true,
        resolve: {
          alias: [
            { find: /^react-dom(\/.*)?$/, replacement: `${react18Dir("react-dom")}$1` },
            { find: /^react(\/.*)?$/, replacement: `${react18Dir("react")}$1` },
            { find: /^@testing-library\/react$/, replacement: react18Dir("@testing-library/react") },
            { find: /^agora-rtc-react$/, replacement: react18Dir("agora-rtc-react") },
          ],
        },
        test: { name: "react-18", include: reactSuite, environment: "jsdom", env: { EXPECTED_REACT_MAJOR: "18" } },
      },
      {
        // Type tests: test/types/*.test-d.ts(x) are type-checked with tsc, never run.
        extends: true,
        test: {
          name: "types",
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ["test/types/**/*.test-d.{ts,tsx}"],
            tsconfig: "test/types/tsconfig.json",
          },
        },
      },
    ],
  },
});
