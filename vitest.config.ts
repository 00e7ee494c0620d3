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

/**
 * What the unit run keeps of the tests' console output (vitest's `onConsoleLog`: `false`
 * drops a line). Tests assert on calls and state, never on a log, so the output is left to
 * the runners' summaries and to real warnings. Dropped, and only these:
 *
 * - the Agora SDK's own log (`Agora-SDK [INFO] ...`): agora-rtc-react's bundled SDK logs as it is
 *   imported, before a test can lower its log level;
 * - the SDK's lock debug lines (`[lock-safari-1] is created.`): written with `console.debug`
 *   while the SDK module evaluates, before it installs its logger, once per file that loads it;
 * - errors a test provokes on purpose: a listener that "threw on purpose" is logged by the SDK
 *   (and by the fake, which copies it) exactly as designed.
 */
export function keepConsoleLog(log: string): boolean {
  if (log.includes("Agora-SDK [")) return false;
  if (/^(\[[^\]]*\])?\[lock-[\w-]+\] is (created|locked|unlocked)/.test(log.trim())) return false;
  if (log.includes("threw on purpose")) return false;
  return true;
}

export default defineConfig({
  resolve: { conditions: sourceCondition },
  ssr: { resolve: { conditions: sourceCondition } },
  test: {
    testTimeout: 30_000,
    reporters: ["default", ["./test/support/summaryReporter.ts", { label: "tests" }]],
    // The SDK's own log and lock debug lines, and errors tests provoke on purpose, are dropped:
    // the output is the runners' summaries and real warnings (test/node/consoleFilter.test.ts).
    onConsoleLog: keepConsoleLog,
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
