import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { CloudProxyError, isCloudProxyError, sdkErrorCode } from "../CloudProxyError";
import { ROUTE_ORDER } from "../cloudProxyRoute";
import { describeSetting, describeShape } from "../describeValue";
import type { CloudProxyRoute } from "../types";

// The network test's own errors: what happened and what to do next. Like the session's, none
// of them includes the join options: App IDs, tokens and channel names never reach a message.

/** The `routes` option, checked: known routes, each once, at least one. Throws `INVALID_MODE`. */
export function checkRoutes(routes: unknown): readonly CloudProxyRoute[] {
  if (routes === undefined) return ROUTE_ORDER;
  const list: unknown[] = Array.isArray(routes) ? routes : [];
  const known = list.every((route) => ROUTE_ORDER.includes(route as CloudProxyRoute));
  if (list.length === 0 || !known || new Set(list).size !== list.length) {
    throw new CloudProxyError(
      "INVALID_MODE",
      `testCloudProxyRoutes() \`routes\` must list "direct", "udp" and/or "tls", each at most once; got ${describeSetting(routes)}.`,
    );
  }
  return list as CloudProxyRoute[];
}

/** The `timeoutMs` option, checked: a finite number of ms above 0. Throws `INVALID_MODE`. */
export function checkTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return 5_000;
  if (typeof timeoutMs === "number" && Number.isFinite(timeoutMs) && timeoutMs > 0) return timeoutMs;
  throw new CloudProxyError(
    "INVALID_MODE",
    `testCloudProxyRoutes() \`timeoutMs\` must be a finite number of milliseconds above 0 (default 5000); got ${describeSetting(timeoutMs)}.`,
  );
}

/** `createClient` is not a function. */
export function noFactoryError(createClient: unknown): CloudProxyError {
  return new CloudProxyError(
    "INVALID_CLIENT",
    `testCloudProxyRoutes() needs \`createClient\`: a function returning a new AgoraRTC.createClient(...) (or a promise of one) for each route; got ${describeShape(createClient)}.`,
  );
}

/** `createClient` threw or rejected. */
export function factoryFailedError(cause: unknown): CloudProxyError {
  if (isCloudProxyError(cause)) return cause;
  const what = cause instanceof Error ? cause.name : typeof cause;
  return new CloudProxyError(
    "INVALID_CLIENT",
    `testCloudProxyRoutes() \`createClient\` failed (${what}; see \`cause\`), so no route was tested. Check that agora-rtc-sdk-ng loads here (browser only).`,
    { cause },
  );
}

/** `createClient` gave the same client for two routes: they can't run on one client at once. */
export function sharedClientError(): CloudProxyError {
  return new CloudProxyError(
    "INVALID_CLIENT",
    "testCloudProxyRoutes() `createClient` returned the same client twice: each route needs its own throwaway client. Return a new AgoraRTC.createClient(...) on every call, never the call's client.",
  );
}

/** The throwaway clients the test created, each appearing once. Throws `INVALID_CLIENT` otherwise. */
export function checkDistinct(clients: readonly IAgoraRTCClient[]): void {
  if (new Set(clients).size !== clients.length) throw sharedClientError();
}

/**
 * A route's join failed with an error no route can fix (invalid App ID, token, a ban): the
 * whole test ends with it, as auto mode's escalation does.
 */
export function fatalJoinError(route: CloudProxyRoute, cause: unknown): CloudProxyError {
  return new CloudProxyError(
    "JOIN_FAILED",
    `The network test's ${route} join was refused (${sdkErrorCode(cause) ?? "unknown error"}): no route can fix that, so the test stopped. Check the App ID, token and channel of the test's join options.`,
    { cause },
  );
}
