// @vitest-environment node
// Server rendering and RSC bundlers import the React entry without a DOM: it must load, and a
// server render must never touch a client (sessions are created in effects, which never run there).
import { readdir, readFile } from "node:fs/promises";
import { asAgoraRTCClient, createFakeAgoraClient } from "@agora-cloud-proxy/testing";
import { createElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it, vi } from "vitest";

describe("@agora-cloud-proxy/react in plain Node, without a DOM", () => {
  it("there really is no DOM here", () => {
    expect(typeof window).toBe("undefined");
    expect(typeof document).toBe("undefined");
  });

  it("the main entry imports and exports the API", async () => {
    const entry = await import("@agora-cloud-proxy/react");
    expect(Object.keys(entry).sort()).toEqual([
      "AGORA_CLOUD_PROXY_DOMAINS",
      "AGORA_CLOUD_PROXY_FIREWALL_RULES",
      "AGORA_FIREWALL_DOMAINS",
      "AGORA_FIREWALL_SOURCES",
      "CloudProxyError",
      "CloudProxyProvider",
      "createCloudProxyReport",
      "createStorageRouteMemory",
      "isCloudProxyError",
      "testCloudProxyRoutes",
      "useCloudProxyClient",
      "useCloudProxyDiagnostics",
      "useCloudProxyPreflight",
      "useCloudProxyStatus",
    ]);
  });

  it("a server render shows the fallback and never touches the client or calls a factory", async () => {
    const { CloudProxyProvider } = await import("@agora-cloud-proxy/react");
    const fake = createFakeAgoraClient();
    const factory = vi.fn(() => asAgoraRTCClient(createFakeAgoraClient()));
    const html = renderToString(
      createElement(
        "main",
        null,
        createElement(CloudProxyProvider, { client: asAgoraRTCClient(fake), fallback: "connecting..." }, "call UI"),
        createElement(CloudProxyProvider, { client: factory, fallback: "loading..." }, "call UI"),
      ),
    );
    expect(html).toBe("<main>connecting...<!-- -->loading...</main>");
    expect(fake.fake.calls).toEqual([]);
    expect(fake.fake.listenerCount()).toBe(0);
    expect(factory).not.toHaveBeenCalled();
  });
});

describe("the React package's sources", () => {
  it('every file starts with "use client", so RSC bundlers keep hooks and components on the client', async () => {
    const root = new URL("../../packages/react/src/", import.meta.url);
    const files = (await readdir(root, { recursive: true })).filter((file) => /\.tsx?$/.test(file));
    expect(files.length).toBeGreaterThanOrEqual(9);
    for (const file of files) {
      const text = await readFile(new URL(file, root), "utf8");
      expect(text.startsWith('"use client";\n'), file).toBe(true);
    }
  });

  it("the main entry's files never import agora-rtc-react or the SDK at runtime (types only)", async () => {
    const root = new URL("../../packages/react/src/", import.meta.url);
    const files = (await readdir(root)).filter((file) => /\.tsx?$/.test(file));
    for (const file of files) {
      const text = await readFile(new URL(file, root), "utf8");
      expect(text.match(/^import (?!type )[^;]*from "(agora-rtc-sdk-ng|agora-rtc-react)"/gm) ?? [], file).toEqual([]);
    }
  });
});
