// @vitest-environment jsdom
// useCloudProxyPreflight (issue 13) on fake clients in a simulated network, and the provider's
// `preflight` and `stalledAfterMs` options: results fill in as routes settle, one test per
// run() even under StrictMode's replayed effects, run() while running cancels first, cancel and
// unmount release every throwaway client, and an auto-mode provider starts at the best route.
import {
  CloudProxyProvider,
  useCloudProxyPreflight,
  useCloudProxyStatus,
  type CloudProxyPreflightResult,
  type UseCloudProxyPreflightOptions,
  type RouteTestResult,
  type UseCloudProxyPreflightResult,
} from "@agora-cloud-proxy/react";
import { useEffect } from "react";
import { expect, it, vi } from "vitest";
import { freshRouteMemory } from "../support/routeMemory";
import { simulatedNetwork, type SimulatedNetwork } from "../support/simulatedNetwork";
import { JoinOnMount, StatusLine } from "./support/callComponents";
import { pause } from "./support/ownership";
import { describeEachReactMode } from "./support/reactModes";
import { renderIn } from "./support/render";
import { expectSdkReleased, fakeSdk, JOIN, sessionGone, until } from "./support/sdkUnderTest";

const released = (count: number) => Array.from({ length: count }, () => "DISCONNECTED/disabled/0");

interface Handle {
  current: UseCloudProxyPreflightResult | null;
}

/** A network test panel: runs on mount when `auto`, shows "running|results|best|error". */
function NetworkTest({
  options,
  auto = false,
  handle,
  seen,
}: {
  options: UseCloudProxyPreflightOptions;
  auto?: boolean;
  handle?: Handle;
  seen?: string[];
}) {
  const preflight = useCloudProxyPreflight(options);
  const { run } = preflight;
  useEffect(() => {
    if (auto) void run();
  }, [auto, run]);
  useEffect(() => {
    if (handle) handle.current = preflight;
  });
  const text = `${preflight.running ? "running" : "idle"}|${preflight.results.map((r) => `${r.route}:${r.outcome}`).join(",")}|${preflight.best ?? "none"}|${preflight.error?.code ?? ""}`;
  if (seen && seen.at(-1) !== text) seen.push(text);
  return <output>{text}</output>;
}

function counted(network: SimulatedNetwork) {
  return vi.fn(network.createClient);
}

describeEachReactMode("useCloudProxyPreflight (fake clients, simulated network)", (reactMode) => {
  it("run() on mount: one test (three clients, StrictMode's replayed effect included); results fill in as each route settles; best is udp; every client released", async () => {
    const network = simulatedNetwork({ blocked: ["direct"], latencyMs: { udp: 30, tls: 60 } });
    const createClient = counted(network);
    const seen: string[] = [];
    const view = renderIn(
      reactMode,
      <NetworkTest options={{ createClient, join: JOIN, timeoutMs: 150 }} auto seen={seen} />,
    );
    await until(() => view.container.textContent.startsWith("idle|") && seen.length > 1);
    expect(view.container.textContent).toBe("idle|udp:connected,tls:connected,direct:timeout|udp|");
    expect(seen).toEqual([
      "idle||none|",
      "running||none|",
      "running|udp:connected|none|",
      "running|udp:connected,tls:connected|none|",
      "running|udp:connected,tls:connected,direct:timeout|none|",
      "idle|udp:connected,tls:connected,direct:timeout|udp|",
    ]);
    expect(createClient).toHaveBeenCalledTimes(3);
    expect(network.clientStates()).toEqual(released(3));
    expect(network.orderingErrors()).toEqual([]);
    view.unmount();
  });

  it("run() while running cancels the previous run first: its clients are released before the next run creates any; the first run() resolves null", async () => {
    const network = simulatedNetwork({ blocked: ["direct"], latencyMs: { udp: 10, tls: 10 } });
    const statesAtCreate: string[][] = [];
    const createClient = () => {
      statesAtCreate.push(network.clientStates());
      return network.createClient();
    };
    const handle: Handle = { current: null };
    const view = renderIn(
      reactMode,
      <NetworkTest options={{ createClient, join: JOIN, timeoutMs: 5_000 }} handle={handle} />,
    );
    await until(() => handle.current !== null);
    const first = handle.current!.run();
    await until(() => view.container.textContent.includes("tls:connected"));
    const second = handle.current!.run();
    expect(await first).toBeNull();
    await until(() => network.clients.length === 6);
    // The fourth client was made once the first three were released.
    expect(statesAtCreate[3]).toEqual(released(3));
    await until(() => view.container.textContent.includes("tls:connected"));
    handle.current!.cancel();
    expect(await second).toBeNull();
    await until(() => network.clientStates().every((state) => state === "DISCONNECTED/disabled/0"));
    expect(view.container.textContent).toMatch(/^idle\|/);
    expect(network.orderingErrors()).toEqual([]);
    view.unmount();
  });

  it("cancel() then run(): the new run's clients are made only once the cancelled run's are released; onProgress hears only the current run", async () => {
    const network = simulatedNetwork({ blocked: ["direct", "udp", "tls"], leaveLatencyMs: 50 });
    const statesAtCreate: string[][] = [];
    const createClient = () => {
      statesAtCreate.push(network.clientStates());
      return network.createClient();
    };
    const heard: string[] = [];
    const onProgress = (result: RouteTestResult) => heard.push(`${result.route}:${result.outcome}`);
    const handle: Handle = { current: null };
    const view = renderIn(
      reactMode,
      <NetworkTest options={{ createClient, join: JOIN, timeoutMs: 5_000, onProgress }} handle={handle} />,
    );
    await until(() => handle.current !== null);
    const first = handle.current!.run();
    await until(() => network.clients.length === 3 && network.clients.every((c) => c.connectionState === "CONNECTING"));
    handle.current!.cancel();
    const second = handle.current!.run();
    expect(await first).toBeNull();
    await until(() => network.clients.length === 6);
    expect(statesAtCreate[3]).toEqual(released(3));
    handle.current!.cancel();
    expect(await second).toBeNull();
    await until(() => network.clientStates().every((state) => state === "DISCONNECTED/disabled/0"));
    // Cancelled runs end their routes "aborted" internally; the app's callback hears none of that.
    expect(heard).toEqual([]);
    view.unmount();
  });

  it("an onProgress that is not a function: error INVALID_MODE, no client made, nothing thrown uncaught", async () => {
    const network = simulatedNetwork();
    const handle: Handle = { current: null };
    const onProgress = "log" as unknown as (result: RouteTestResult) => void;
    const view = renderIn(
      reactMode,
      <NetworkTest options={{ createClient: network.createClient, join: JOIN, onProgress }} handle={handle} />,
    );
    await until(() => handle.current !== null);
    expect(await handle.current!.run()).toBeNull();
    await until(() => view.container.textContent === "idle||none|INVALID_MODE");
    expect(network.clients).toHaveLength(0);
    view.unmount();
  });

  it("cancel() ends the run: running false, results kept as far as they got, run() resolves null, every client released", async () => {
    const network = simulatedNetwork({ blocked: ["direct", "tls"], latencyMs: { udp: 10 } });
    const handle: Handle = { current: null };
    const view = renderIn(
      reactMode,
      <NetworkTest options={{ createClient: network.createClient, join: JOIN }} handle={handle} />,
    );
    await until(() => handle.current !== null);
    const running = handle.current!.run();
    await until(() => view.container.textContent === "running|udp:connected|none|");
    handle.current!.cancel();
    expect(await running).toBeNull();
    await until(() => view.container.textContent === "idle|udp:connected|none|");
    await until(() => network.clientStates().every((state) => state === "DISCONNECTED/disabled/0"));
    expect(network.clients).toHaveLength(3);
    view.unmount();
  });

  it("an error no route can fix: error JOIN_FAILED with the SDK code, run() resolves null, every client released", async () => {
    const network = simulatedNetwork({ failWith: "INVALID_VENDOR_KEY" });
    const handle: Handle = { current: null };
    const view = renderIn(
      reactMode,
      <NetworkTest options={{ createClient: network.createClient, join: JOIN }} handle={handle} />,
    );
    await until(() => handle.current !== null);
    expect(await handle.current!.run()).toBeNull();
    await until(() => view.container.textContent === "idle||none|JOIN_FAILED");
    expect(handle.current!.error).toMatchObject({ code: "JOIN_FAILED", sdkCode: "INVALID_VENDOR_KEY" });
    expect(network.clientStates()).toEqual(released(3));
    view.unmount();
  });

  it("unmount mid-test cancels: every throwaway client is released, none is created after", async () => {
    const network = simulatedNetwork({ blocked: ["direct", "udp", "tls"] });
    const view = renderIn(
      reactMode,
      <NetworkTest options={{ createClient: network.createClient, join: JOIN, timeoutMs: 10_000 }} auto />,
    );
    await until(() => network.clients.length === 3 && network.clients.every((c) => c.connectionState === "CONNECTING"));
    const unmountedAt = Date.now();
    view.unmount();
    await until(() => network.clientStates().every((state) => state === "DISCONNECTED/disabled/0"));
    expect(Date.now() - unmountedAt).toBeLessThan(1_000);
    await pause(30);
    expect(network.clients).toHaveLength(3);
    expect(network.orderingErrors()).toEqual([]);
  });

  it('a provider in mode="auto" given the result as `preflight` starts at its best route (udp)', async () => {
    const network = simulatedNetwork({ blocked: ["direct"], latencyMs: { udp: 5, tls: 5 } });
    const handle: Handle = { current: null };
    const test = renderIn(
      reactMode,
      <NetworkTest options={{ createClient: network.createClient, join: JOIN, timeoutMs: 50 }} handle={handle} />,
    );
    await until(() => handle.current !== null);
    const result = (await handle.current!.run())!;
    expect(result.best).toBe("udp");
    test.unmount();

    const sdk = fakeSdk();
    const view = renderIn(
      reactMode,
      <CloudProxyProvider client={sdk.client} mode="auto" preflight={result} routeMemory={freshRouteMemory()}>
        <JoinOnMount />
        <StatusLine />
      </CloudProxyProvider>,
    );
    await until(() => view.container.textContent === "callon/udp/CONNECTED");
    expect(sdk.log()).toEqual(["startProxyServer(3):ok", "join:ok"]);
    view.unmount();
    await sessionGone(sdk);
    expectSdkReleased(sdk);
  });

  it("`preflight` is live on a mounted auto-mode provider: a new result moves the idle proxy to its best route", async () => {
    const sdk = fakeSdk();
    const routeMemory = freshRouteMemory();
    const preflight: CloudProxyPreflightResult = { routes: [], best: "tls", startedAt: Date.now(), durationMs: 1 };
    const view = renderIn(
      reactMode,
      <CloudProxyProvider client={sdk.client} mode="auto" routeMemory={routeMemory}>
        <StatusLine />
      </CloudProxyProvider>,
    );
    await until(() => view.container.textContent === "off/none/DISCONNECTED");
    view.rerender(
      <CloudProxyProvider client={sdk.client} mode="auto" routeMemory={routeMemory} preflight={preflight}>
        <StatusLine />
      </CloudProxyProvider>,
    );
    await until(() => view.container.textContent === "on/tls/DISCONNECTED");
    expect(sdk.log()).toEqual(["startProxyServer(5):ok"]);
    view.unmount();
    await sessionGone(sdk);
    expectSdkReleased(sdk);
  });

  it("the `stalledAfterMs` prop reaches the session: a join that hangs shows stalledMs, a leave clears it", async () => {
    const sdk = fakeSdk();
    sdk.fake.fake.hangNextJoin();
    function Stalled() {
      const stalledMs = useCloudProxyStatus((s) => s.stalledMs);
      return <output>{stalledMs === null ? "not stalled" : "stalled"}</output>;
    }
    const ui = (join: boolean) => (
      <CloudProxyProvider client={sdk.client} mode="tls" stalledAfterMs={60}>
        {join && <JoinOnMount />}
        <Stalled />
      </CloudProxyProvider>
    );
    const view = renderIn(reactMode, ui(true));
    await until(() => sdk.client.connectionState === "CONNECTING");
    expect(view.container.textContent).toBe("callnot stalled");
    await until(() => view.container.textContent === "callstalled");
    view.rerender(ui(false)); // the call unmounts: it leaves
    await until(() => view.container.textContent === "not stalled");
    view.unmount();
    await sessionGone(sdk);
    expectSdkReleased(sdk);
  });
});
