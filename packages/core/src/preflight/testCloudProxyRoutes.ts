import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import type { CloudProxyError } from "../CloudProxyError";
import { ROUTE_ORDER } from "../cloudProxyRoute";
import { validateJoinOptions } from "../joinOptions";
import type {
  CloudProxyJoinOptions,
  CloudProxyPreflightResult,
  CloudProxyRoute,
  RouteMemory,
  RouteTestResult,
} from "../types";
import {
  checkDistinct,
  checkProgress,
  checkRoutes,
  checkSignal,
  checkTimeout,
  factoryFailedError,
  noFactoryError,
} from "./preflightErrors";
import { type ProbeEnd, RouteProbe } from "./routeProbe";

/**
 * Options of {@link testCloudProxyRoutes}.
 *
 * @example
 * ```ts
 * const options: TestCloudProxyRoutesOptions = {
 *   createClient: () => AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }),
 *   join: { appid: APP_ID, channel: "network-test", token: TEST_TOKEN },
 *   timeoutMs: 5000,
 * };
 * ```
 */
export interface TestCloudProxyRoutesOptions {
  /**
   * Makes one throwaway client per route (sync, or a promise of one), e.g.
   * `() => AgoraRTC.createClient({ mode: "rtc", codec: "vp8" })`. Never the call's client:
   * each route joins, leaves and changes the proxy of its own client.
   */
  createClient: () => IAgoraRTCClient | PromiseLike<IAgoraRTCClient>;
  /** What each route joins: a test channel (and a token for it), not the call's channel. */
  join: CloudProxyJoinOptions;
  /** The routes to test, in the order the result lists them. Default `["direct", "udp", "tls"]`. */
  routes?: readonly CloudProxyRoute[];
  /** How long (ms) each route may take to reach CONNECTED before it counts as `timeout`. Default 5000; at most 2^31 - 1 (setTimeout's limit). */
  timeoutMs?: number;
  /** Aborting ends the routes not settled yet as `aborted`; the promise resolves once every client is released. */
  signal?: AbortSignal;
  /** Called with each route's result as it settles (its client already released), in settle order. */
  onProgress?: (result: RouteTestResult) => void;
  /** Written `{ route: best, at: now }` when a route connected, so auto mode starts there next time. */
  routeMemory?: RouteMemory;
}

/**
 * The network test: joins a test channel on every route at once (direct, through the UDP
 * cloud proxy, through TLS 443), each on its own throwaway client and session, and reports
 * which connected and how fast. `best` is the route auto mode should start at: the first of
 * direct, UDP, TLS that connected. Hand the result to a session (`preflight` option, or
 * `<CloudProxyProvider preflight={result}>`) or pass `routeMemory`.
 *
 * Every throwaway client is released however its route ends (connected, failed, timed out,
 * aborted): left, proxy stopped, the session's listeners and timers gone; the promise
 * settles only after that. A network failure or a timeout is an outcome. An error no route
 * can fix (invalid App ID or token) rejects with `CloudProxyError` `JOIN_FAILED` (`sdkCode`
 * set) once the other routes are released. Bad options reject at once with `INVALID_CLIENT`,
 * `INVALID_JOIN_OPTIONS` or `INVALID_MODE` (for `routes`, `timeoutMs`, `signal`,
 * `onProgress`), with nothing created. Results and errors never contain the App ID, token or channel name.
 *
 * @example
 * ```ts
 * import AgoraRTC from "agora-rtc-sdk-ng";
 * import { testCloudProxyRoutes } from "@agora-cloud-proxy/core";
 *
 * const result = await testCloudProxyRoutes({
 *   createClient: () => AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }),
 *   join: { appid: APP_ID, channel: "network-test", token: TEST_TOKEN },
 *   onProgress: (route) => console.log(route.route, route.outcome, route.connectMs),
 * });
 * const session = createCloudProxySession(client, { mode: "auto", preflight: result });
 * ```
 */
export async function testCloudProxyRoutes(options: TestCloudProxyRoutesOptions): Promise<CloudProxyPreflightResult> {
  const startedAt = Date.now();
  const { createClient, routeMemory } = options ?? ({} as Partial<TestCloudProxyRoutesOptions>);
  if (typeof createClient !== "function") throw noFactoryError(createClient);
  const join = validateJoinOptions(options.join);
  const routes = checkRoutes(options.routes);
  const timeoutMs = checkTimeout(options.timeoutMs);
  const signal = checkSignal(options.signal);
  const onProgress = checkProgress(options.onProgress);
  const report = (result: RouteTestResult): void => {
    try {
      onProgress?.(result);
    } catch (error) {
      queueMicrotask(() => {
        throw error; // the app's bug surfaces as an uncaught error; the test goes on
      });
    }
  };

  let probes: RouteProbe[] = [];
  if (!signal?.aborted) {
    // An abort does not wait for a slow factory (a lazy SDK import behind a proxy may hang):
    // clients it makes later were never touched, so there is nothing of them to release.
    const clients = await untilAborted(createClients(createClient, routes.length), signal);
    if (clients !== null && !signal?.aborted) probes = await createProbes(routes, clients);
  }
  const results = probes.length > 0 ? await runProbes(probes, join, timeoutMs, signal, report) : [];
  const routeResults = routes.map(
    (route) => results.find((result) => result.route === route) ?? abortedResult(route, report),
  );
  const best = ROUTE_ORDER.find((route) => routeResults.some((r) => r.route === route && r.outcome === "connected"));
  if (best !== undefined) remember(routeMemory, best);
  return { routes: routeResults, best: best ?? null, startedAt, durationMs: Date.now() - startedAt };
}

/** Calls the factory once per route, all at once. Rejects `INVALID_CLIENT` if it throws, rejects or repeats a client. */
async function createClients(
  createClient: TestCloudProxyRoutesOptions["createClient"],
  count: number,
): Promise<IAgoraRTCClient[]> {
  let clients: IAgoraRTCClient[];
  try {
    clients = await Promise.all(Array.from({ length: count }, () => Promise.resolve(createClient())));
  } catch (cause) {
    throw factoryFailedError(cause);
  }
  checkDistinct(clients);
  return clients;
}

/** `promise`'s value, or `null` once `signal` aborts first (a later rejection is then ignored). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T | null> {
  if (!signal) return promise;
  return new Promise<T | null>((resolve, reject) => {
    const aborted = (): void => resolve(null);
    signal.addEventListener("abort", aborted, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", aborted));
  });
}

/**
 * One session per client, created before any join. If one can't be (`CLIENT_IN_USE`), those
 * made are released before the error is thrown: the app may reuse their clients at once.
 */
async function createProbes(routes: readonly CloudProxyRoute[], clients: IAgoraRTCClient[]): Promise<RouteProbe[]> {
  const probes: RouteProbe[] = [];
  try {
    routes.forEach((route, index) => probes.push(new RouteProbe(route, clients[index]!)));
  } catch (error) {
    await Promise.all(probes.map((probe) => probe.abort()));
    throw error;
  }
  return probes;
}

/**
 * Runs every route at once. Resolves with their results once every client is released; with
 * an error no route can fix, aborts the others and rejects with it once they are released.
 */
async function runProbes(
  probes: RouteProbe[],
  join: CloudProxyJoinOptions,
  timeoutMs: number,
  signal: AbortSignal | undefined,
  report: (result: RouteTestResult) => void,
): Promise<RouteTestResult[]> {
  // An object, not a `let`: it is set in callbacks, and the check after the await must see that.
  const failure: { fatal: CloudProxyError | null } = { fatal: null };
  const results: RouteTestResult[] = [];
  const abortAll = (): void => {
    for (const probe of probes) void probe.abort();
  };
  const ended = (end: ProbeEnd): void => {
    if (failure.fatal !== null) return; // the test already failed: later routes are only released
    if ("fatal" in end) {
      failure.fatal = end.fatal;
      return abortAll();
    }
    results.push(end.result);
    report(end.result);
  };
  signal?.addEventListener("abort", abortAll);
  if (signal?.aborted) abortAll(); // aborted while the sessions were being made
  try {
    await Promise.all(probes.map((probe) => probe.run(join, timeoutMs).then(ended)));
  } finally {
    signal?.removeEventListener("abort", abortAll);
  }
  if (failure.fatal !== null) throw failure.fatal;
  return results;
}

/** A route never started (aborted before its client existed): reported like the others. */
function abortedResult(route: CloudProxyRoute, report: (result: RouteTestResult) => void): RouteTestResult {
  const result: RouteTestResult = {
    route,
    outcome: "aborted",
    connectMs: null,
    errorCode: null,
    usingCloudProxy: null,
  };
  report(result);
  return result;
}

function remember(memory: RouteMemory | undefined, route: CloudProxyRoute): void {
  try {
    memory?.write({ route, at: Date.now() });
  } catch {
    // A broken storage must not turn a finished test into a failure.
  }
}
