// The network test (issue 13, part 1) on fake clients in a simulated network: routes run in
// parallel on throwaway clients, each released however it ends; the result seeds auto mode.
import {
  type CloudProxyPreflightResult,
  type RouteTestResult,
  createCloudProxySession,
  testCloudProxyRoutes,
} from "@agora-cloud-proxy/core";
import { asAgoraRTCClient, createFakeAgoraClient } from "@agora-cloud-proxy/testing";
import { afterEach, describe, expect, it, vi } from "vitest";
import { freshRouteMemory } from "../support/routeMemory";
import { sleep } from "../support/sessionHarness";
import { simulatedNetwork } from "../support/simulatedNetwork";

// Long and unique, so a leak into a result, an error or a progress event can't go unnoticed.
const APP_ID = "a99f1d0a99f1d0a99f1d0a99f1d0a99f";
const TOKEN = "007eJxPreflightTokenThatMustNeverLeakAnywhere";
const CHANNEL = "it-network-test-channel-7731";
const JOIN = { appid: APP_ID, channel: CHANNEL, token: TOKEN, uid: 42 };

const released = (count: number) => Array.from({ length: count }, () => "DISCONNECTED/disabled/0");
const outcomes = (routes: readonly RouteTestResult[]) => routes.map((r) => `${r.route}:${r.outcome}`);

afterEach(() => {
  vi.useRealTimers();
});

describe("testCloudProxyRoutes on a simulated network (direct blocked, UDP open)", () => {
  it('best is "udp"; every throwaway client is released; the route memory is seeded; no timer left', async () => {
    vi.useFakeTimers();
    const network = simulatedNetwork({ blocked: ["direct"], latencyMs: { udp: 200, tls: 250 } });
    const memory = freshRouteMemory();
    const progress: string[] = [];
    const testing = testCloudProxyRoutes({
      createClient: network.createClient,
      join: JOIN,
      timeoutMs: 300,
      routeMemory: memory,
      onProgress: (r) => progress.push(`${r.route}:${r.outcome}`),
    });
    await vi.advanceTimersByTimeAsync(400);
    const result = await testing;

    expect(result.best).toBe("udp");
    expect(result.routes).toEqual([
      { route: "direct", outcome: "timeout", connectMs: null, errorCode: null, usingCloudProxy: null },
      { route: "udp", outcome: "connected", connectMs: 200, errorCode: null, usingCloudProxy: true },
      { route: "tls", outcome: "connected", connectMs: 250, errorCode: null, usingCloudProxy: true },
    ]);
    expect(progress).toEqual(["udp:connected", "tls:connected", "direct:timeout"]);
    expect(result.durationMs).toBeGreaterThanOrEqual(300);
    expect(result.durationMs).toBeLessThan(360); // parallel: the slowest route (300 ms) plus its leave
    expect(network.joins.sort()).toEqual(["direct", "tls", "udp"]);
    expect(network.clientStates()).toEqual(released(3));
    expect(network.orderingErrors()).toEqual([]);
    expect(memory.entry).toMatchObject({ route: "udp" });
    expect(vi.getTimerCount()).toBe(0);
  });

  it("an auto-mode session with the seeded memory starts at udp; so does one given the result as `preflight` (over a memory that says tls)", async () => {
    const network = simulatedNetwork({ blocked: ["direct"], latencyMs: { udp: 20, tls: 30 } });
    const memory = freshRouteMemory();
    const result = await testCloudProxyRoutes({
      createClient: network.createClient,
      join: JOIN,
      timeoutMs: 100,
      routeMemory: memory,
    });
    expect(result.best).toBe("udp");

    for (const options of [
      { routeMemory: memory },
      { routeMemory: freshRouteMemory({ route: "tls", at: Date.now() }), preflight: result },
    ]) {
      const fake = createFakeAgoraClient({ joinLatencyMs: 5 });
      const session = createCloudProxySession(asAgoraRTCClient(fake), { mode: "auto", ...options });
      expect(session.store.getState().desiredMode).toBe("udp");
      await session.join(JOIN);
      expect(fake.fake.calls.map((c) => `${c.method}:${c.outcome}`)).toEqual(["startProxyServer:ok", "join:ok"]);
      expect(fake.fake.calls[0]!.args).toEqual([3]);
      expect(session.store.getState()).toMatchObject({ route: "udp", connectionState: "CONNECTED" });
      await session.dispose();
    }
  });

  it("`preflight` is live: given to an idle auto-mode session, the proxy of its best route starts at once", async () => {
    const fake = createFakeAgoraClient({ joinLatencyMs: 5 });
    const session = createCloudProxySession(asAgoraRTCClient(fake), { mode: "auto", routeMemory: freshRouteMemory() });
    await sleep(10);
    expect(fake.fake.calls).toEqual([]); // direct: nothing to start
    const preflight: CloudProxyPreflightResult = { routes: [], best: "tls", startedAt: Date.now(), durationMs: 1 };
    session.setOptions({ preflight });
    await sleep(10);
    expect(fake._cloudProxyServerMode).toBe("proxy5");
    session.setOptions({ preflight }); // the same result again: nothing to do
    await session.join(JOIN);
    expect(fake.fake.calls.map((c) => c.method)).toEqual(["startProxyServer", "join"]);
    expect(session.store.getState().route).toBe("tls");
    await session.dispose();
  });
});

describe("testCloudProxyRoutes: outcomes, order, secrets", () => {
  it("progress events come in settle order; the result lists the routes in the order asked; best is the first of direct, udp, tls that connected", async () => {
    const network = simulatedNetwork({ latencyMs: { direct: 60, udp: 20, tls: 40 } });
    const progress: RouteTestResult[] = [];
    const result = await testCloudProxyRoutes({
      createClient: network.createClient,
      join: JOIN,
      routes: ["tls", "udp", "direct"],
      onProgress: (r) => progress.push(r),
    });
    expect(outcomes(progress)).toEqual(["udp:connected", "tls:connected", "direct:connected"]);
    expect(outcomes(result.routes)).toEqual(["tls:connected", "udp:connected", "direct:connected"]);
    expect(result.best).toBe("direct");
    expect(result.routes.find((r) => r.route === "direct")!.usingCloudProxy).toBe(false);
    expect(network.clientStates()).toEqual(released(3));
  });

  it("a network failure is an outcome with its SDK code; a subset of routes tests only those", async () => {
    const network = simulatedNetwork({ failWith: "CAN_NOT_GET_GATEWAY_SERVER" });
    const memory = freshRouteMemory();
    const result = await testCloudProxyRoutes({
      createClient: network.createClient,
      join: JOIN,
      routes: ["udp", "tls"],
      routeMemory: memory,
    });
    expect(result.routes.map((r) => [r.route, r.outcome, r.errorCode])).toEqual([
      ["udp", "failed", "CAN_NOT_GET_GATEWAY_SERVER"],
      ["tls", "failed", "CAN_NOT_GET_GATEWAY_SERVER"],
    ]);
    expect(result.best).toBeNull();
    expect(memory.entry).toBeNull(); // nothing connected: nothing to remember
    expect(network.clients).toHaveLength(2);
    expect(network.clientStates()).toEqual(released(2));
  });

  it("an error no route can fix (INVALID_VENDOR_KEY on every client) rejects JOIN_FAILED with sdkCode, after releasing every client", async () => {
    const network = simulatedNetwork({ failWith: "INVALID_VENDOR_KEY" });
    const progress: RouteTestResult[] = [];
    const error = await testCloudProxyRoutes({
      createClient: network.createClient,
      join: JOIN,
      onProgress: (r) => progress.push(r),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "CloudProxyError", code: "JOIN_FAILED", sdkCode: "INVALID_VENDOR_KEY" });
    expect(network.clientStates()).toEqual(released(3));
    expect(network.orderingErrors()).toEqual([]);
    expect(progress).toEqual([]);
    const message = (error as Error).message;
    for (const secret of [APP_ID, TOKEN, CHANNEL]) expect(message).not.toContain(secret);
  });

  it("the fatal error ends the test at once: the routes still connecting are left, not waited for", async () => {
    const network = simulatedNetwork({ blocked: ["udp", "tls"], failWith: "INVALID_VENDOR_KEY" });
    const started = Date.now();
    const error = await testCloudProxyRoutes({
      createClient: network.createClient,
      join: JOIN,
      timeoutMs: 5_000,
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "JOIN_FAILED", sdkCode: "INVALID_VENDOR_KEY" });
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(network.clientStates()).toEqual(released(3));
    expect(
      network.clients.map((c) => c.fake.calls.map((call) => `${call.method}:${call.code ?? call.outcome}`)),
    ).toEqual([
      ["join:INVALID_VENDOR_KEY"],
      ["startProxyServer:ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"],
      ["startProxyServer:ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"],
    ]);
  });

  it("neither the result nor the progress events contain the App ID, token or channel", async () => {
    const network = simulatedNetwork({ blocked: ["direct"] });
    const progress: RouteTestResult[] = [];
    const result = await testCloudProxyRoutes({
      createClient: network.createClient,
      join: JOIN,
      timeoutMs: 50,
      onProgress: (r) => progress.push(r),
    });
    const text = JSON.stringify({ result, progress });
    for (const secret of [APP_ID, TOKEN, CHANNEL]) expect(text).not.toContain(secret);
    expect(result.best).toBe("udp");
  });
});

describe("testCloudProxyRoutes: abort", () => {
  it("aborting mid-test ends the unsettled routes as aborted, keeps the settled ones, and releases every client", async () => {
    const network = simulatedNetwork({ blocked: ["direct", "tls"], latencyMs: { udp: 10 } });
    const controller = new AbortController();
    const progress: string[] = [];
    const testing = testCloudProxyRoutes({
      createClient: network.createClient,
      join: JOIN,
      signal: controller.signal,
      onProgress: (r) => progress.push(`${r.route}:${r.outcome}`),
    });
    await sleep(50);
    const abortedAt = Date.now();
    controller.abort();
    const result = await testing;
    expect(Date.now() - abortedAt).toBeLessThan(1_000);
    expect(outcomes(result.routes)).toEqual(["direct:aborted", "udp:connected", "tls:aborted"]);
    expect(result.best).toBe("udp");
    expect(progress[0]).toBe("udp:connected");
    expect(progress.slice(1).sort()).toEqual(["direct:aborted", "tls:aborted"]);
    expect(network.clientStates()).toEqual(released(3));
    expect(network.orderingErrors()).toEqual([]);
  });

  it("a signal aborted before the start: every route aborted, no client created", async () => {
    const createClient = vi.fn(simulatedNetwork().createClient);
    const result = await testCloudProxyRoutes({ createClient, join: JOIN, signal: AbortSignal.abort() });
    expect(outcomes(result.routes)).toEqual(["direct:aborted", "udp:aborted", "tls:aborted"]);
    expect(result.best).toBeNull();
    expect(createClient).not.toHaveBeenCalled();
  });
});

describe("testCloudProxyRoutes: aborts that come early", () => {
  it("an abort while an async createClient is still pending resolves at once, every route aborted", async () => {
    const controller = new AbortController();
    const never = () => new Promise<never>(() => {}); // a lazy SDK import that hangs behind a proxy
    const testing = testCloudProxyRoutes({ createClient: never, join: JOIN, signal: controller.signal });
    await sleep(5);
    controller.abort();
    const settled = await Promise.race([testing, sleep(200).then(() => null)]);
    expect(settled && outcomes(settled.routes)).toEqual(["direct:aborted", "udp:aborted", "tls:aborted"]);
  });

  it.each([0, 1, 2, 3, 4, 5, 6])(
    "an abort %i microtasks after the start (while the sessions are made) still aborts every route",
    async (depth) => {
      const network = simulatedNetwork({ blocked: ["direct", "udp", "tls"] });
      const controller = new AbortController();
      const testing = testCloudProxyRoutes({
        createClient: network.createClient,
        join: JOIN,
        signal: controller.signal,
        timeoutMs: 2_000,
      });
      let tick: Promise<void> = Promise.resolve();
      for (let i = 0; i < depth; i += 1) tick = tick.then(() => {});
      await tick;
      controller.abort();
      const result = await Promise.race([testing, sleep(500).then(() => null)]);
      expect(result && outcomes(result.routes)).toEqual(["direct:aborted", "udp:aborted", "tls:aborted"]);
      expect(network.clientStates()).toEqual(released(network.clients.length));
    },
  );
});

describe("testCloudProxyRoutes: bad options reject with a typed error and create nothing", () => {
  const network = simulatedNetwork();
  const cases: [string, Record<string, unknown>, string][] = [
    ["no createClient", { createClient: undefined }, "INVALID_CLIENT"],
    ["join without an App ID", { join: { channel: CHANNEL, token: TOKEN } }, "INVALID_JOIN_OPTIONS"],
    ["an unknown route", { routes: ["direct", "proxy4"] }, "INVALID_MODE"],
    ["no routes", { routes: [] }, "INVALID_MODE"],
    ["a route twice", { routes: ["udp", "udp"] }, "INVALID_MODE"],
    ["timeoutMs 0", { timeoutMs: 0 }, "INVALID_MODE"],
    ["timeoutMs NaN", { timeoutMs: Number.NaN }, "INVALID_MODE"],
    // setTimeout overflows above 2^31 - 1 ms and fires at once: every route would "time out".
    ["timeoutMs 2^31 (past setTimeout's limit)", { timeoutMs: 2 ** 31 }, "INVALID_MODE"],
    // The usual slip: the controller instead of controller.signal.
    ["signal that is not an AbortSignal", { signal: new AbortController() }, "INVALID_MODE"],
    ["onProgress that is not a function", { onProgress: "log" }, "INVALID_MODE"],
  ];
  it.each(cases)("%s", async (_name, patch, code) => {
    const createClient = vi.fn(network.createClient);
    const error = await testCloudProxyRoutes({ createClient, join: JOIN, ...patch }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "CloudProxyError", code });
    expect(createClient).not.toHaveBeenCalled();
    for (const secret of [APP_ID, TOKEN, CHANNEL]) expect((error as Error).message).not.toContain(secret);
  });

  it("createClient that throws, returns the same client twice, or returns no client: INVALID_CLIENT, no SDK call", async () => {
    const throwing = () => {
      throw new Error("no SDK here");
    };
    await expect(testCloudProxyRoutes({ createClient: throwing, join: JOIN })).rejects.toMatchObject({
      code: "INVALID_CLIENT",
    });
    const one = createFakeAgoraClient();
    await expect(testCloudProxyRoutes({ createClient: () => asAgoraRTCClient(one), join: JOIN })).rejects.toMatchObject(
      { code: "INVALID_CLIENT" },
    );
    expect(one.fake.calls).toEqual([]);
    const clients = [createFakeAgoraClient(), createFakeAgoraClient()];
    let n = 0;
    const partly = () => (n < 2 ? asAgoraRTCClient(clients[n++]!) : ({} as never));
    await expect(testCloudProxyRoutes({ createClient: partly, join: JOIN })).rejects.toMatchObject({
      code: "INVALID_CLIENT",
    });
    await sleep(10);
    expect(clients.map((c) => `${c.connectionState}/${c._cloudProxyServerMode}/${c.fake.listenerCount()}`)).toEqual(
      released(2),
    );
  });

  it("a client that can't get a session (the 3rd is owned): CLIENT_IN_USE only once the clients already made are released", async () => {
    const call = createFakeAgoraClient();
    const session = createCloudProxySession(asAgoraRTCClient(call), { mode: "off" });
    const made = simulatedNetwork();
    let n = 0;
    const createClient = () => (++n === 3 ? asAgoraRTCClient(call) : made.createClient());
    let statesAtRejection: string[] = [];
    const error = await testCloudProxyRoutes({ createClient, join: JOIN }).catch((e: unknown) => {
      statesAtRejection = made.clientStates();
      return e;
    });
    expect(error).toMatchObject({ code: "CLIENT_IN_USE" });
    // Released when the promise settles, not later: the app may hand them to a new test at once.
    expect(statesAtRejection).toEqual(released(2));
    // Free again: a new session takes each one.
    for (const fake of made.clients) await createCloudProxySession(asAgoraRTCClient(fake)).dispose();
    await session.dispose();
  });

  it("a client already in a channel (the app's raw call client) is refused: INVALID_CLIENT, the call untouched", async () => {
    const call = createFakeAgoraClient({ joinLatencyMs: 1 });
    await call.join(APP_ID, CHANNEL, TOKEN, 5);
    const calls = call.fake.calls.length;
    const error = await testCloudProxyRoutes({
      createClient: () => asAgoraRTCClient(call),
      join: JOIN,
      routes: ["udp"],
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_CLIENT" });
    expect((error as Error).message).toContain("in a channel");
    expect(call.fake.calls).toHaveLength(calls);
    expect(call.connectionState).toBe("CONNECTED");
  });

  it("a refusal the SDK words as a gateway failure (a token the project does not take) ends the test: JOIN_FAILED", async () => {
    const network = simulatedNetwork();
    const createClient = () => {
      const client = network.createClient();
      network.clients.at(-1)!.fake.failNextJoin("CAN_NOT_GET_GATEWAY_SERVER", "dynamic use static key");
      return client;
    };
    await expect(testCloudProxyRoutes({ createClient, join: JOIN })).rejects.toMatchObject({
      code: "JOIN_FAILED",
      sdkCode: "CAN_NOT_GET_GATEWAY_SERVER",
    });
    expect(network.clientStates()).toEqual(released(3));
  });

  it("the call's own client (owned by a session, in its call) is refused: INVALID_CLIENT, the call untouched", async () => {
    const call = createFakeAgoraClient({ joinLatencyMs: 5 });
    const session = createCloudProxySession(asAgoraRTCClient(call), { mode: "udp" });
    await session.join(JOIN);
    const calls = call.fake.calls.length;
    await expect(
      testCloudProxyRoutes({ createClient: () => asAgoraRTCClient(call), join: JOIN, routes: ["tls"] }),
    ).rejects.toMatchObject({ code: "INVALID_CLIENT" });
    expect(call.fake.calls).toHaveLength(calls);
    expect(call.connectionState).toBe("CONNECTED");
    await session.dispose();
  });
});
