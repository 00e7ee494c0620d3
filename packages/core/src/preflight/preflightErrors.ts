import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { CloudProxyError, isCloudProxyError, sdkErrorCode } from "../CloudProxyError";
import { ROUTE_ORDER } from "../cloudProxyRoute";
import { describeSetting, describeShape } from "../describeValue";
import { MAX_TIMER_MS } from "../session/durationOptions";
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

/** The `timeoutMs` option, checked: a number of ms above 0, at most {@link MAX_TIMER_MS}. Throws `INVALID_MODE`. */
export function checkTimeout(timeoutMs: unknown): number {
  if (timeoutMs === undefined) return 5_000;
  if (typeof timeoutMs === "number" && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS) return timeoutMs;
  throw new CloudProxyError(
    "INVALID_MODE",
    `testCloudProxyRoutes() \`timeoutMs\` must be a number of milliseconds above 0 and at most ${MAX_TIMER_MS} (default 5000); got ${describeSetting(timeoutMs)}.`,
  );
}

/** The `signal` option, checked: an `AbortSignal` (or anything with its `aborted` and `addEventListener`). Throws `INVALID_MODE`. */
export function checkSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  // Typed as an AbortSignal, but JavaScript callers and `as` casts get here with anything.
  const candidate: Partial<Record<keyof AbortSignal, unknown>> | null = typeof signal === "object" ? signal : null;
  if (
    candidate !== null &&
    typeof candidate.aborted === "boolean" &&
    typeof candidate.addEventListener === "function" &&
    typeof candidate.removeEventListener === "function"
  ) {
    return signal;
  }
  throw new CloudProxyError(
    "INVALID_MODE",
    `testCloudProxyRoutes() \`signal\` must be an AbortSignal (\`controller.signal\`, not the controller); got ${describeShape(signal)}.`,
  );
}

/** The `onProgress` option, checked: a function or nothing. Throws `INVALID_MODE`. */
export function checkProgress<T>(onProgress: T): T {
  if (onProgress === undefined || typeof onProgress === "function") return onProgress;
  throw new CloudProxyError(
    "INVALID_MODE",
    `testCloudProxyRoutes() \`onProgress\` must be a function called with each route's result; got ${describeShape(onProgress)}.`,
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

/**
 * The throwaway clients the test created: each appearing once, none in a channel (a client
 * in a call is the app's, and testing on it would leave that call). Throws `INVALID_CLIENT`.
 */
export function checkDistinct(clients: readonly IAgoraRTCClient[]): void {
  if (new Set(clients).size !== clients.length) throw sharedClientError();
  // Read loosely: a factory may return anything; not a client at all is the session's error to give.
  const inChannel = (client: unknown) => {
    const state = (client as { connectionState?: unknown } | null)?.connectionState;
    return typeof state === "string" && state !== "DISCONNECTED";
  };
  if (clients.some(inChannel)) {
    throw new CloudProxyError(
      "INVALID_CLIENT",
      "testCloudProxyRoutes() `createClient` returned a client that is in a channel (not DISCONNECTED): testing on it would end that call. Return a new AgoraRTC.createClient(...) on every call, never the call's client.",
    );
  }
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
