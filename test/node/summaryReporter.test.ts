// @vitest-environment node
import { resolve } from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { ViteUserConfig } from "vitest/config";
import { createVitest } from "vitest/node";
import SummaryReporter, { type SummaryReporterOptions } from "../support/summaryReporter";

const repo = fileURLToPath(new URL("../..", import.meta.url));
const reporterFile = resolve(repo, "test/support/summaryReporter.ts");
const fixtures = resolve(repo, "test/support/summaryFixtures");

/**
 * Each config that prints a summary line, and the options it gives the shared reporter.
 * (vitest.bench.config.ts prints no summary line of ours.)
 */
const CONFIGS = [
  { file: "vitest.config.ts", label: "tests" },
  { file: "test/e2e/vitest.config.ts", label: "e2e" },
] as const;

async function summaryReporterOptions(configFile: string): Promise<SummaryReporterOptions> {
  const config = ((await import(resolve(repo, configFile))) as { default: ViteUserConfig }).default;
  const root = config.test?.root ?? repo;
  const entries = (config.test?.reporters ?? []) as unknown[];
  const ours = entries.filter(
    (entry): entry is [string, SummaryReporterOptions] =>
      Array.isArray(entry) && typeof entry[0] === "string" && resolve(root, entry[0]) === reporterFile,
  );
  expect(ours, `${configFile} lists test/support/summaryReporter.ts once`).toHaveLength(1);
  return ours[0]?.[1] ?? {};
}

/** Runs vitest on the given fixture files with the reporter; returns the line it wrote. */
async function summaryLineOf(files: string[], options: SummaryReporterOptions): Promise<string> {
  let written = "";
  const reporter = new SummaryReporter({ ...options, write: (text) => void (written += text) });
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  // The inner run fails on purpose; it must not fail this one through process.exitCode.
  const exitCode = process.exitCode;
  const vitest = await createVitest(
    "test",
    { config: false, root: fixtures, include: files, watch: false, reporters: [reporter], pool: "threads" },
    {},
    { stdout: silent, stderr: silent },
  );
  try {
    await vitest.start();
  } finally {
    await vitest.close();
    process.exitCode = exitCode;
  }
  return written.trim();
}

describe.each(CONFIGS)("the summary line of $file", ({ file, label }) => {
  let options: SummaryReporterOptions;
  let line: string;

  beforeAll(async () => {
    options = await summaryReporterOptions(file);
    line = await summaryLineOf(
      [
        "passing.fixture.ts",
        "failingTest.fixture.ts",
        "failsToLoad.fixture.ts",
        "hookThrows.fixture.ts",
        "unhandledError.fixture.ts",
      ],
      options,
    );
  }, 60_000);

  it(`is labelled "${label}" and says FAIL when anything failed`, () => {
    expect(options.label).toBe(label);
    expect(line).toMatch(new RegExp(`^${label}: FAIL: `));
  });

  it("counts passed and failed tests", () => {
    // passing, afterAll's suite's test, unhandledError's test / failingTest's test.
    expect(line).toContain("3 passed, 1 failed, ");
  });

  it("counts skipped and todo tests, and the tests a throwing beforeAll kept from running", () => {
    expect(line).toContain(", 3 skipped, ");
  });

  it("counts a file that failed to load and each suite whose hook threw as failed suites, by name", () => {
    expect(line).toContain(
      "3 failed suites (failsToLoad.fixture.ts, hookThrows.fixture.ts > a suite whose beforeAll throws, " +
        "hookThrows.fixture.ts > a suite whose afterAll throws)",
    );
  });

  it("counts errors thrown outside every test", () => {
    expect(line).toMatch(/, 1 error outside tests$/);
  });

  it("says FAIL for a failed suite alone, even when every test that ran passed", async () => {
    expect(await summaryLineOf(["passing.fixture.ts", "failsToLoad.fixture.ts"], options)).toBe(
      `${label}: FAIL: 1 passed, 0 failed, 2 skipped, 1 failed suite (failsToLoad.fixture.ts), 0 errors outside tests`,
    );
  }, 60_000);

  it("says FAIL for an error outside tests alone", async () => {
    expect(await summaryLineOf(["unhandledError.fixture.ts"], options)).toBe(
      `${label}: FAIL: 1 passed, 0 failed, 0 skipped, 0 failed suites, 1 error outside tests`,
    );
  }, 60_000);

  it("says PASS, with every count, when nothing failed", async () => {
    expect(await summaryLineOf(["passing.fixture.ts"], options)).toBe(
      `${label}: PASS: 1 passed, 0 failed, 2 skipped, 0 failed suites, 0 errors outside tests`,
    );
  }, 60_000);
});
