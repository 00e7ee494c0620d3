// @vitest-environment jsdom
// The network test on the real agora-rtc-sdk-ng, offline under jsdom: every route's join stays
// CONNECTING, as behind a firewall that blocks everything, so each route times out; then each
// throwaway client must be as if the test never touched it.
import {
  createRealClient,
  listenerCount,
  realProxyMode,
  recordSdkCalls,
  sdkSettled,
  type SdkCall,
} from "../support/realSdk";
import { type RouteTestResult, testCloudProxyRoutes } from "@agora-cloud-proxy/core";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { describe, expect, it } from "vitest";
import { trackLibraryTimers } from "../support/libraryTimers";
import { freshRouteMemory } from "../support/routeMemory";
import { sleep } from "../support/sessionHarness";

const JOIN = { appid: "0123456789abcdef0123456789abcdef", channel: "network-test", token: null, uid: 11 };
const EVENTS = ["connection-state-change", "is-using-cloud-proxy"] as const;

/** Real throwaway clients, their SDK calls, and their listener counts before any session touched them. */
function realClients() {
  const made: { client: IAgoraRTCClient; calls: SdkCall[]; baseline: number[] }[] = [];
  const createClient = async () => {
    const client = await createRealClient();
    made.push({ client, calls: recordSdkCalls(client), baseline: EVENTS.map((e) => listenerCount(client, e)) });
    return client;
  };
  const settled = () => Promise.all(made.map(({ calls }) => sdkSettled(calls)));
  /** Each client as "state/proxy/listeners at baseline". */
  const states = () =>
    made.map(
      ({ client, baseline }) =>
        `${client.connectionState}/${realProxyMode(client)}/${EVENTS.every((e, i) => listenerCount(client, e) === baseline[i])}`,
    );
  const orderingErrors = () => made.flatMap(({ calls }) => calls.filter((c) => c.outcome === "INVALID_OPERATION"));
  const log = () => made.map(({ calls }) => calls.map((c) => `${c.method}:${c.outcome}`));
  return { made, createClient, settled, states, orderingErrors, log };
}

const RELEASED = ["DISCONNECTED/disabled/true", "DISCONNECTED/disabled/true", "DISCONNECTED/disabled/true"];

describe("testCloudProxyRoutes on the real SDK (offline: every join hangs)", () => {
  it("all three routes time out at timeoutMs; every client ends DISCONNECTED, proxy disabled, listeners at baseline; 0 INVALID_OPERATION; no library timer left", async () => {
    await createRealClient(); // loads the SDK first, so the timing below is the test's own
    const clients = realClients();
    const timers = trackLibraryTimers();
    const memory = freshRouteMemory();
    const progress: { result: RouteTestResult; at: number }[] = [];
    const started = Date.now();
    const result = await testCloudProxyRoutes({
      createClient: clients.createClient,
      join: JOIN,
      timeoutMs: 300,
      routeMemory: memory,
      onProgress: (r) => progress.push({ result: r, at: Date.now() - started }),
    });

    expect(result.routes.map((r) => `${r.route}:${r.outcome}:${r.connectMs}:${r.errorCode}`)).toEqual([
      "direct:timeout:null:null",
      "udp:timeout:null:null",
      "tls:timeout:null:null",
    ]);
    expect(result.best).toBeNull();
    expect(memory.entry).toBeNull();
    // In parallel: each route times out at 300 ms, then its client is released.
    expect(progress).toHaveLength(3);
    for (const { at } of progress) expect(at).toBeGreaterThanOrEqual(295);
    expect(result.durationMs).toBeGreaterThanOrEqual(295);
    expect(result.durationMs).toBeLessThan(1_000);
    // Released when the promise resolved, not later.
    expect(clients.states()).toEqual(RELEASED);
    expect(timers.created()).toBeGreaterThanOrEqual(3); // the three route timers were seen
    expect(timers.pending()).toBe(0);

    await clients.settled(); // the SDK rejects each cancelled join about a second after leave
    expect(clients.orderingErrors()).toEqual([]);
    expect(clients.log()).toEqual([
      ["join:OPERATION_ABORTED", "leave:ok"],
      ["startProxyServer:ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"],
      ["startProxyServer:ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"],
    ]);
    expect(clients.states()).toEqual(RELEASED);
    expect(timers.pending()).toBe(0);
  });

  it("aborting mid-test releases every client within one second; the routes read aborted", async () => {
    await createRealClient();
    const clients = realClients();
    const timers = trackLibraryTimers();
    const controller = new AbortController();
    const testing = testCloudProxyRoutes({
      createClient: clients.createClient,
      join: JOIN,
      timeoutMs: 5_000,
      signal: controller.signal,
    });
    await sleep(150);
    expect(clients.made.map(({ client }) => client.connectionState)).toEqual([
      "CONNECTING",
      "CONNECTING",
      "CONNECTING",
    ]);
    const abortedAt = Date.now();
    controller.abort();
    const result = await testing;
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
    expect(result.routes.map((r) => r.outcome)).toEqual(["aborted", "aborted", "aborted"]);
    expect(clients.states()).toEqual(RELEASED);
    expect(timers.pending()).toBe(0);
    await clients.settled();
    expect(clients.orderingErrors()).toEqual([]);
    expect(clients.states()).toEqual(RELEASED);
  });
});
