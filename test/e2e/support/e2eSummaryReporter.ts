import type { Reporter, TestModule } from "vitest/node";

/** Ends the browser suite with one plain line, `e2e: N passed, N failed`, for CI logs. */
export default class E2eSummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    let passed = 0;
    let failed = 0;
    for (const module of testModules) {
      // A file that failed to load (or whose beforeAll threw) counts as a failure too.
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) failed += 1;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") passed += 1;
        else if (state === "failed") failed += 1;
      }
    }
    process.stdout.write(`\ne2e: ${passed} passed, ${failed} failed\n`);
  }
}
