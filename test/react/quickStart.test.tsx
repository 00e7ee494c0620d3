// @vitest-environment jsdom
import { loadAgoraRTC, recordSdkCalls, settledOutcomes, type SdkCall } from "../support/realSdk";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { fireEvent } from "@testing-library/react";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { describe, expect, it, vi } from "vitest";
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
