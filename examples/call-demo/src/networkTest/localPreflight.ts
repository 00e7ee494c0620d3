import {
  createCloudProxySession,
  isCloudProxyError,
  type CloudProxyJoinOptions,
  type CloudProxyPreflightResult,
  type CloudProxyRoute,
  type RouteTestResult,
} from "@agora-cloud-proxy/core";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";

// TODO(lead): a stand-in for core's `testCloudProxyRoutes` (issue 13, branch "preflight"),
// with its options and result, so the demo's network test panel and its e2e work before that
// branch lands. Once it has: delete this file and `useNetworkTest.ts`, and have
// NetworkTestPanel call `useCloudProxyPreflight` from @agora-cloud-proxy/react (same shape).
// What it leaves out: errors no route can fix don't end the test at once (they are a
// "failed" route here), and there is no route memory.

export interface RouteTestOptions {
  createClient: () => IAgoraRTCClient | PromiseLike<IAgoraRTCClient>;
  join: CloudProxyJoinOptions;
  routes?: readonly CloudProxyRoute[];
  timeoutMs?: number;
  signal?: AbortSignal;
  onProgress?: (result: RouteTestResult) => void;
}

const ROUTES: readonly CloudProxyRoute[] = ["direct", "udp", "tls"];

/** Each route on its own throwaway client, through a session, in parallel; every client disposed however it ends. */
export async function testRoutesLocally(options: RouteTestOptions): Promise<CloudProxyPreflightResult> {
  const startedAt = Date.now();
  const routes = options.routes ?? ROUTES;
  const results = await Promise.all(
    routes.map(async (route) => {
      const result = await testRoute(route, options);
      options.onProgress?.(result);
      return result;
    }),
  );
  const best = ROUTES.find((route) => results.some((r) => r.route === route && r.outcome === "connected")) ?? null;
  return { routes: results, best, startedAt, durationMs: Date.now() - startedAt };
}

async function testRoute(route: CloudProxyRoute, options: RouteTestOptions): Promise<RouteTestResult> {
  const base = { route, connectMs: null, errorCode: null, usingCloudProxy: null };
  if (options.signal?.aborted) return { ...base, outcome: "aborted" };
  const session = createCloudProxySession(await options.createClient(), { mode: route === "direct" ? "off" : route });
  const started = performance.now();
  let settle: (result: RouteTestResult) => void = () => {};
  const ended = new Promise<RouteTestResult>((resolve) => (settle = resolve));
  const timer = setTimeout(() => settle({ ...base, outcome: "timeout" }), options.timeoutMs ?? 5_000);
  const onAbort = () => settle({ ...base, outcome: "aborted" });
  options.signal?.addEventListener("abort", onAbort);
  session.join(options.join).then(
    () =>
      settle({
        ...base,
        outcome: "connected",
        connectMs: Math.round(performance.now() - started),
        usingCloudProxy: session.store.getState().usingCloudProxy,
      }),
    (error: unknown) =>
      settle({
        ...base,
        outcome: "failed",
        errorCode: isCloudProxyError(error) ? (error.sdkCode ?? error.code) : "UNKNOWN",
      }),
  );
  try {
    return await ended;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
    await session.dispose(); // leaves (cancelling a pending join), stops the proxy, removes listeners
  }
}
