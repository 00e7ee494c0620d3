import type { Reporter, SerializedError, TestModule, TestRunEndReason, TestSuite } from "vitest/node";

/** What a run's one-line verdict counts. */
export interface RunSummary {
  passed: number;
  failed: number;
  /** Skipped and todo tests, and the tests of a suite that never ran because a hook threw. */
  skipped: number;
  /**
   * Files and `describe` blocks that failed outside any test: a file that failed to load, a
   * `beforeAll`/`afterAll` that threw. Their tests may all say "skipped" or even "passed".
   */
  failedSuites: string[];
  /** Errors vitest caught outside every test (an uncaught exception, an unhandled rejection). */
  errorsOutsideTests: number;
  /** Vitest's own verdict: "interrupted" when the run was cancelled (Ctrl-C, --bail). */
  reason: TestRunEndReason;
}

export function summarizeRun(
  testModules: ReadonlyArray<TestModule>,
  unhandledErrors: ReadonlyArray<SerializedError>,
  reason: TestRunEndReason,
): RunSummary {
  const summary: RunSummary = {
    passed: 0,
    failed: 0,
    skipped: 0,
    failedSuites: [],
    errorsOutsideTests: unhandledErrors.length,
    reason,
  };
  for (const module of testModules) {
    for (const test of module.children.allTests()) {
      const state = test.result().state;
      if (state === "passed") summary.passed += 1;
      else if (state === "failed") summary.failed += 1;
      else summary.skipped += 1;
    }
    // A suite's own errors are the ones no test owns: load errors and hook errors.
    const suites: (TestModule | TestSuite)[] = [module, ...module.children.allSuites()];
    for (const suite of suites) {
      if (suite.errors().length === 0) continue;
      summary.failedSuites.push(
        suite.type === "module" ? module.relativeModuleId : `${module.relativeModuleId} > ${suite.fullName}`,
      );
    }
  }
  return summary;
}

/** True when the run must not be reported as a pass. Skipped tests alone don't fail a run. */
export function runFailed(summary: RunSummary): boolean {
  return (
    summary.failed > 0 ||
    summary.failedSuites.length > 0 ||
    summary.errorsOutsideTests > 0 ||
    summary.reason !== "passed"
  );
}

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

/**
 * `tests: PASS: 748 passed, 0 failed, 0 skipped, 0 failed suites, 0 errors outside tests`, or
 * `e2e: FAIL: 8 passed, 0 failed, 1 skipped, 1 failed suite (demoCommand.test.ts), 0 errors outside tests`.
 * Every count is always there, so a zero says "none", never "not counted".
 */
export function formatSummary(label: string, summary: RunSummary): string {
  const verdict = runFailed(summary) ? (summary.reason === "interrupted" ? "FAIL (interrupted)" : "FAIL") : "PASS";
  const suites = plural(summary.failedSuites.length, "failed suite", "failed suites");
  const named = summary.failedSuites.length > 0 ? `${suites} (${summary.failedSuites.join(", ")})` : suites;
  return (
    `${label}: ${verdict}: ${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped, ` +
    `${named}, ${plural(summary.errorsOutsideTests, "error", "errors")} outside tests`
  );
}

export interface SummaryReporterOptions {
  /** The line's first word: "tests" (unit), "e2e", "bench". */
  label?: string;
  /** Where the line goes; stdout by default (tests capture it). */
  write?: (text: string) => void;
}

/**
 * Ends a run with one plain line stating how it went, whatever reporter prints above it.
 * Used by every vitest config of the repository, each with its own label:
 * `reporters: ["default", ["<path>/summaryReporter.ts", { label: "e2e" }]]`.
 */
export default class SummaryReporter implements Reporter {
  private readonly label: string;
  private readonly write: (text: string) => void;

  constructor(options: SummaryReporterOptions = {}) {
    this.label = options.label ?? "tests";
    this.write = options.write ?? ((text) => void process.stdout.write(text));
  }

  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
    reason: TestRunEndReason,
  ): void {
    this.write(`\n${formatSummary(this.label, summarizeRun(testModules, unhandledErrors, reason))}\n`);
  }
}
