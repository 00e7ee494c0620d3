// @vitest-environment node
import { describe, expect, it } from "vitest";

describe("importing in plain Node, without a DOM", () => {
  it("there really is no DOM here", () => {
    expect(typeof window).toBe("undefined");
  });

  it("@agora-cloud-proxy/core loads and creates errors without touching the SDK", async () => {
    const core = await import("@agora-cloud-proxy/core");
    expect(typeof core.createCloudProxySession).toBe("function");
    expect(() => core.createCloudProxySession(null as never)).toThrow(
      expect.objectContaining({ code: "INVALID_CLIENT" }),
    );
  });
});

describe("the core package's runtime imports", () => {
  it("import agora-rtc-sdk-ng for types only, so no DOM is ever needed", async () => {
    const { readdir, readFile } = await import("node:fs/promises");
    const source = new URL("../../packages/core/src/", import.meta.url);
    const files = (await readdir(source)).filter((file) => file.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const text = await readFile(new URL(file, source), "utf8");
      const runtimeImports = text.match(/^import (?!type )[^;]*from "(agora-rtc-sdk-ng|agora-rtc-react)"/gm) ?? [];
      expect(runtimeImports, file).toEqual([]);
    }
  });
});
