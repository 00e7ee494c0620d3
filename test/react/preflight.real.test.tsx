// @vitest-environment jsdom
// useCloudProxyPreflight on the real agora-rtc-sdk-ng, offline (every join hangs CONNECTING):
// unmounting mid-test releases every throwaway client within a second, with no call the SDK
// rejects as misordered and no library timer left; StrictMode starts one test, not two.
import {
  createRealClient,
  listenerCount,
  realProxyMode,
  recordSdkCalls,
  sdkSettled,
  type SdkCall,
} from "../support/realSdk";
import { useCloudProxyPreflight, type UseCloudProxyPreflightOptions } from "@agora-cloud-proxy/react";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { useEffect } from "react";
import { expect, it } from "vitest";
import { trackLibraryTimers } from "../support/libraryTimers";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { JOIN, until } from "./support/sdkUnderTest";

function RunOnMount({ options }: { options: UseCloudProxyPreflightOptions }) {
  const { run, running, results } = useCloudProxyPreflight(options);
  useEffect(() => {
    void run();
  }, [run]);
  return (
    <output>{`${running ? "running" : "idle"}|${results.map((r) => `${r.route}:${r.outcome}`).join(",")}`}</output>
  );
}

function realClients() {
  const made: { client: IAgoraRTCClient; calls: SdkCall[] }[] = [];
  const createClient = async () => {
    const client = await createRealClient();
    made.push({ client, calls: recordSdkCalls(client) });
    return client;
  };
  const states = () =>
    made.map(
      ({ client }) =>
        `${client.connectionState}/${realProxyMode(client)}/${listenerCount(client, "connection-state-change") + listenerCount(client, "is-using-cloud-proxy")}`,
    );
  const settled = () => Promise.all(made.map(({ calls }) => sdkSettled(calls)));
  const orderingErrors = () => made.flatMap(({ calls }) => calls.filter((c) => c.outcome === "INVALID_OPERATION"));
  return { made, createClient, states, settled, orderingErrors };
}

const RELEASED = ["DISCONNECTED/disabled/0", "DISCONNECTED/disabled/0", "DISCONNECTED/disabled/0"];

describeEachReactMode("useCloudProxyPreflight on the real SDK (offline)", (reactMode) => {
  it("unmount mid-test releases every throwaway client within one second: DISCONNECTED, proxy disabled, no listener, no library timer, 0 INVALID_OPERATION", async () => {
    await createRealClient(); // the SDK is loaded before the clock matters
    const clients = realClients();
    const timers = trackLibraryTimers();
    const view = renderIn(
      reactMode,
      <RunOnMount options={{ createClient: clients.createClient, join: JOIN, timeoutMs: 10_000 }} />,
    );
    await until(
      () => clients.made.length === 3 && clients.made.every(({ client }) => client.connectionState === "CONNECTING"),
    );
    expect(view.container.textContent).toBe("running|");
    expect(clients.states().map((s) => s.split("/")[0])).toEqual(["CONNECTING", "CONNECTING", "CONNECTING"]);

    const unmountedAt = Date.now();
    view.unmount();
    await until(() => clients.states().every((state) => state === "DISCONNECTED/disabled/0"));
    expect(Date.now() - unmountedAt).toBeLessThan(1_000);
    expect(clients.made).toHaveLength(3); // one test, StrictMode's replayed effect included
    expect(timers.pending()).toBe(0);

    await clients.settled();
    expect(clients.orderingErrors()).toEqual([]);
    expect(clients.states()).toEqual(RELEASED);
    expect(timers.pending()).toBe(0);
  });

  it("left running, all three routes time out at timeoutMs and the panel shows it; every client released", async () => {
    await createRealClient();
    const clients = realClients();
    const view = renderIn(
      reactMode,
      <RunOnMount options={{ createClient: clients.createClient, join: JOIN, timeoutMs: 300 }} />,
    );
    await until(() => view.container.textContent.startsWith("idle|") && clients.made.length === 3);
    expect(view.container.textContent.split("|")[1]!.split(",").sort()).toEqual([
      "direct:timeout",
      "tls:timeout",
      "udp:timeout",
    ]);
    expect(clients.states()).toEqual(RELEASED);
    view.unmount();
    await clients.settled();
    expect(clients.orderingErrors()).toEqual([]);
  });
});
