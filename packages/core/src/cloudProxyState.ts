import type { ConnectionState, UID } from "agora-rtc-sdk-ng";
import type { CloudProxyError } from "./CloudProxyError";
import type { CloudProxyMode } from "./cloudProxyMode";
import type { CloudProxyRoute, RouteAttempt } from "./cloudProxyRoute";

/**
 * What a session knows, as plain data in its zustand store. It is always what the SDK
 * actually did (`mode`, `connectionState`) next to what was asked for (`desiredMode`,
 * `joinRequested`), so a UI can show "switching to TLS..." without tracking promises.
 *
 * @example
 * ```ts
 * session.store.subscribe((state) => console.log(state.proxy, state.connectionState));
 * ```
 */
export interface CloudProxyState {
  /** `starting` / `stopping`: the desired mode is not applied yet (it waits for DISCONNECTED). */
  proxy: "off" | "starting" | "on" | "stopping";
  /** The mode applied to the SDK; `null` when the proxy is off. */
  mode: CloudProxyMode | null;
  /** The mode asked for; `null` for off. */
  desiredMode: CloudProxyMode | null;
  /** The SDK's connection state, from `connection-state-change`. */
  connectionState: ConnectionState;
  /** From the SDK's `is-using-cloud-proxy` event after a join; `null` until then. */
  usingCloudProxy: boolean | null;
  /** Whether a join is wanted: set by `join()`, cleared by `leave()`, a failed join or a lost connection. */
  joinRequested: boolean;
  /** The uid the SDK joined with; `null` when not connected. */
  uid: UID | null;
  /** The last failure; cleared by the next `join()` or `setProxy()`. */
  error: CloudProxyError | null;
  /** The route of the join in flight or connected: "direct", "udp" or "tls"; `null` when none. */
  route: CloudProxyRoute | null;
  /** The attempts of the current join request (auto mode escalates through several). */
  attempts: readonly RouteAttempt[];
  /** `true` once `dispose()` has left, stopped the proxy and removed its listeners. */
  disposed: boolean;
}

/** Derives the proxy phase from what is applied and what is wanted. */
export function proxyPhase(mode: CloudProxyMode | null, desiredMode: CloudProxyMode | null): CloudProxyState["proxy"] {
  if (mode === desiredMode) return mode === null ? "off" : "on";
  return desiredMode === null ? "stopping" : "starting";
}
