// @vitest-environment jsdom
import {
  listenerCount,
  loadAgoraRTC,
  realProxyMode,
  recordSdkCalls,
  settledOutcomes,
  type SdkCall,
} from "../support/realSdk";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fireEvent } from "@testing-library/react";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { describe, expect, it, vi } from "vitest";
import { NetworkCheck } from "./quickStart/NetworkCheck";
import { App } from "./quickStart/QuickStart";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { until } from "./support/sdkUnderTest";

describe("the README's React quick start", () => {
  it.each(["packages/react/README.md", "README.md"])("in %s is this file, verbatim", async (file) => {
    const here = dirname(fileURLToPath(import.meta.url)); // (jsdom's URL is not one node:fs takes)
    const readme = await readFile(resolve(here, "../..", file), "utf8");
    const snippet = await readFile(resolve(here, "quickStart/QuickStart.tsx"), "utf8");
    const block = /## (?:React q|Q)uick start[\s\S]*?```tsx\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(snippet);
    expect(snippet.trim().split("\n").length).toBeLessThanOrEqual(30);
  });

  it("README.md's network test example is NetworkCheck.tsx, verbatim", async () => {
    const here = dirname(fileURLToPath(import.meta.url));
    const readme = await readFile(resolve(here, "../../README.md"), "utf8");
    const snippet = await readFile(resolve(here, "quickStart/NetworkCheck.tsx"), "utf8");
    const block = /## Before the call: a network test[\s\S]*?```tsx\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(snippet);
  });
});

describeEachReactMode("the README's network test example, rendered (real SDK, offline)", (mode) => {
  it("tests the three routes on three throwaway clients (each times out offline and is released), then copies a report without the App ID", async () => {
    const AgoraRTC = await loadAgoraRTC();
    const createClient = AgoraRTC.createClient.bind(AgoraRTC);
    const created: { client: IAgoraRTCClient; calls: SdkCall[]; listeners: number }[] = [];
    const spy = vi.spyOn(AgoraRTC, "createClient").mockImplementation((config) => {
      const client = createClient(config);
      created.push({
        client,
        calls: recordSdkCalls(client),
        listeners: listenerCount(client, "connection-state-change"),
      });
      return client;
    });
    const copied: string[] = [];
    const clipboard = Object.getOwnPropertyDescriptor(navigator, "clipboard");
    Object.defineProperty(navigator, "clipboard", {
      configurable: true,
      value: { writeText: async (text: string) => void copied.push(text) },
    });
    const appid = "0123456789abcdef0123456789abcdef";
    try {
      const view = renderIn(mode, <NetworkCheck appid={appid} />);
      await until(() => view.queryByText("Cloud proxy off (off), DISCONNECTED") !== null);
      expect(created).toHaveLength(1); // the call's client: the test has not run

      fireEvent.click(view.getByRole("button", { name: "Test the network" }));
      await until(() => view.queryAllByText(/^(direct|udp|tls): timeout$/).length === 3);
      await until(() => view.queryByRole("button", { name: "Copy a report for IT" }) !== null);
      const testClients = created.slice(1);
      expect(testClients).toHaveLength(3);
      for (const { client, calls, listeners } of testClients) {
        expect(client.connectionState).toBe("DISCONNECTED");
        expect(realProxyMode(client)).toBe("disabled");
        expect(listenerCount(client, "connection-state-change")).toBe(listeners);
        expect((await settledOutcomes(calls)).filter((outcome) => outcome.includes("INVALID_OPERATION"))).toEqual([]);
      }
      // The call's client was never touched by the test.
      expect(created[0]!.calls).toEqual([]);

      fireEvent.click(view.getByRole("button", { name: "Copy a report for IT" }));
      await until(() => copied.length === 1);
      expect(copied[0]).toMatch(/^Blocked routes: +direct \(no proxy\); udp \(.*SDK mode 3\); tls \(.*SDK mode 5\)$/m);
      for (const secret of [appid, "network-test"]) expect(copied[0]!.includes(secret)).toBe(false);
      view.unmount();
    } finally {
      spy.mockRestore();
      if (clipboard) Object.defineProperty(navigator, "clipboard", clipboard);
      else delete (navigator as { clipboard?: unknown }).clipboard;
    }
  }, 20_000);
});

describeEachReactMode("the README's React quick start, rendered", (mode) => {
  it("loads the SDK lazily, turns on TLS proxy, joins, leaves, and unmounts: start(5) -> join -> leave -> stop", async () => {
    const AgoraRTC = await loadAgoraRTC();
    const createClient = AgoraRTC.createClient.bind(AgoraRTC);
    const created: { client: IAgoraRTCClient; calls: SdkCall[] }[] = [];
    const spy = vi.spyOn(AgoraRTC, "createClient").mockImplementation((config) => {
      const client = createClient(config);
      created.push({ client, calls: recordSdkCalls(client) });
      return client;
    });
    try {
      const view = renderIn(mode, <App appid="0123456789abcdef0123456789abcdef" />);
      expect(view.container.textContent).toBe("Loading…");
      await until(() => view.queryByText("Cloud proxy on (tls), DISCONNECTED") !== null);
      expect(created).toHaveLength(1);
      const [{ client, calls }] = created as [(typeof created)[number]];

      fireEvent.click(view.getByRole("button", { name: "Join" }));
      await until(() => view.queryByText("Cloud proxy on (tls), CONNECTING") !== null);
      fireEvent.click(view.getByRole("button", { name: "Leave" }));
      await until(
        () =>
          view.queryByText("Cloud proxy on (tls), DISCONNECTED") !== null &&
          view.queryByRole("button", { name: "Join" }) !== null,
      );

      view.unmount();
      await until(() => client.connectionState === "DISCONNECTED" && calls.at(-1)?.method === "stopProxyServer");
      expect(await settledOutcomes(calls)).toEqual([
        "startProxyServer:ok",
        "join:OPERATION_ABORTED",
        "leave:ok",
        "stopProxyServer:ok",
      ]);
      expect(calls[0]!.args).toEqual([5]);
      expect(view.container.textContent).toBe("");
    } finally {
      spy.mockRestore();
    }
  });
});
