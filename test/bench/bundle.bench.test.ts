// Benchmark 6, bundle size per import: what an app ships for one import statement, esbuild
// minified + gzip -9, with react, react-dom, zustand and the Agora SDKs external, from the
// built packages resolved as a consumer resolves them (see bundleSize.mjs). Budgets: the
// provider + hook import <= 6.0 kB, everything from react + core <= 8.5 kB, reported as PASS or
// FAIL; CI enforces each row's ceiling (today's size and a little room) until its budget is met.
// The other rows are reported. `node test/bench/bundleReport.mjs` lists what each import is made of.
// Node environment: esbuild's binary protocol breaks under jsdom's TextEncoder.
import { afterAll, describe, expect, it } from "vitest";
import { BASELINE, IMPORTS, measureImport, stageConsumer } from "./bundleSize.mjs";
import { report } from "./measure";

const kB = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;
const consumer = stageConsumer();
afterAll(() => consumer.cleanup());

describe("bundle size per import (built dist, as a consumer resolves it)", () => {
  const sizes = new Map<string, { min: number; gzip: number }>();
  const letters = "abcdefgh";

  IMPORTS.forEach((entry, index) => {
    it(`6${letters[index]}. ${entry.name}`, async () => {
      const size = await measureImport(entry.code, { resolveDir: consumer.dir });
      sizes.set(entry.name, size);
      const budget = entry.budget;
      report({
        name: `6${letters[index]}. Bundle, ${entry.name} (min+gz)`,
        baseline: budget === undefined ? "-" : `budget ${kB(budget)} gz`,
        result: `${kB(size.gzip)} gz (${kB(size.min)} min)`,
        ratio: budget === undefined ? "-" : `${(size.gzip / budget).toFixed(2)}x budget`,
        budget: budget === undefined ? "reported" : `<= ${kB(budget)} gz (CI ceiling ${kB(entry.ceiling ?? budget)})`,
        pass: budget === undefined || size.gzip <= budget,
      });
      if (entry.ceiling !== undefined) {
        expect(size.gzip, `${entry.name}: ${kB(size.gzip)} gz over CI's ceiling`).toBeLessThanOrEqual(entry.ceiling);
      }
    });
  });

  it(`6${letters[IMPORTS.length]}. provider + hook vs agora-rtc-react's useJoin`, async () => {
    const theirs = await measureImport(BASELINE.code, BASELINE);
    const ours = sizes.get(IMPORTS[0]!.name) ?? (await measureImport(IMPORTS[0]!.code, { resolveDir: consumer.dir }));
    report({
      name: `6${letters[IMPORTS.length]}. Bundle, provider + hook vs \`{ useJoin }\` from agora-rtc-react (which bundles its own SDK)`,
      baseline: `${kB(theirs.gzip)} gz (${kB(theirs.min)} min) \`{ useJoin }\``,
      result: `${kB(ours.gzip)} gz provider + hook`,
      ratio: `${(ours.gzip / theirs.gzip).toFixed(4)}x`,
      budget: "reported",
      pass: true,
    });
  });
});
