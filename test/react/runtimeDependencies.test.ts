// Issue 6, supply chain: each published package declares exactly the runtime dependencies
// docs/architecture.md ("Packages") allows (vitest runs from the repository root) (core: zustand only; react: core only, React as a peer; testing: none).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";

const manifest = (name: string) =>
  JSON.parse(readFileSync(join(process.cwd(), "packages", name, "package.json"), "utf8")) as Record<
    string,
    Record<string, string> | undefined
  >;
const runtime = (name: string) => Object.keys(manifest(name).dependencies ?? {}).sort();

it("@agora-cloud-proxy/core depends on zustand only", () => {
  expect(runtime("core")).toEqual(["zustand"]);
});

it("@agora-cloud-proxy/react depends on @agora-cloud-proxy/core only (react and agora-rtc-react are peers)", () => {
  expect(runtime("react")).toEqual(["@agora-cloud-proxy/core"]);
  expect(Object.keys(manifest("react").peerDependencies ?? {})).toContain("react");
});

it("@agora-cloud-proxy/testing has no runtime dependencies", () => {
  expect(runtime("testing")).toEqual([]);
});

it("no package bundles an Agora SDK as a runtime dependency", () => {
  for (const name of ["core", "react", "testing"]) {
    expect(runtime(name).filter((dep) => dep.startsWith("agora-rtc"))).toEqual([]);
  }
});
