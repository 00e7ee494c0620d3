// Issue 7 (6), bundle size: esbuild bundles of @agora-cloud-proxy/react (core included),
// minified and gzipped, with react, react-dom, zustand and the Agora SDKs external; next to
// the same measure for `import { useJoin } from "agora-rtc-react"`. Node environment: esbuild's
// binary protocol breaks under jsdom's TextEncoder.
import { createRequire } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { STRICT, report } from "./measure";

const root = join(import.meta.dirname, "../..");
const require = createRequire(join(root, "node_modules/.pnpm/esbuild@0.27.7/node_modules/esbuild/package.json"));
// esbuild has no types in the test package: the little used here, declared.
interface EsbuildLike {
  build(options: Record<string, unknown>): Promise<{ outputFiles: { contents: Uint8Array }[] }>;
}
const esbuild = require("esbuild") as EsbuildLike;

const EXTERNAL = ["react", "react/*", "react-dom", "react-dom/*", "zustand", "zustand/*", "agora-rtc-sdk-ng", "agora-rtc-react"]; // prettier-ignore

async function measure(contents: string, resolveDir: string, external: string[]) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir, loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    external,
    conditions: ["@agora-cloud-proxy/source"],
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const kB = (bytes: number) => `${(bytes / 1024).toFixed(2)} kB`;

describe("bundle size", () => {
  it("6. @agora-cloud-proxy/react with core, minified + gzipped, vs agora-rtc-react's useJoin", async () => {
    const ours = await measure('export * from "@agora-cloud-proxy/react";', join(root, "test"), EXTERNAL);
    const core = await measure('export * from "@agora-cloud-proxy/core";', join(root, "test"), EXTERNAL);
    // agora-rtc-react bundles its own copy of the SDK; only react/react-dom stay external
    // for it, as an app would ship it.
    const theirs = await measure('export { useJoin } from "agora-rtc-react";', join(root, "test"), [
      "react",
      "react/*",
      "react-dom",
      "react-dom/*",
      "agora-rtc-sdk-ng",
    ]);
    report({
      name: "6. Bundle: @agora-cloud-proxy/react incl. core (min+gzip; react, zustand, SDKs external)",
      baseline: `${kB(theirs.gzip)} gz (${kB(theirs.min)} min) for { useJoin } from agora-rtc-react`,
      result: `${kB(ours.gzip)} gz (${kB(ours.min)} min); core alone ${kB(core.gzip)} gz`,
      ratio: `${(ours.gzip / theirs.gzip).toFixed(4)}x`,
      budget: "<= 3 kB gz (target 2 kB)",
      pass: ours.gzip <= 3 * 1024,
    });
    // The 3 kB budget is not met yet: core alone is over it (its error messages are most of
    // it). The row above says FAIL in docs/benchmarks.md; CI guards against regressions with a
    // ceiling just above today's size until core shrinks. BENCH_STRICT=1 enforces 3 kB.
    expect(ours.gzip).toBeLessThanOrEqual(STRICT ? 3 * 1024 : 8.5 * 1024);
  });
});
