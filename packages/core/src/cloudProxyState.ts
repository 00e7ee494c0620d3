import type { ConnectionState, UID } from "agora-rtc-sdk-ng";
import type { CloudProxyError } from "./CloudProxyError";
import type { CloudProxyMode, CloudProxyRoute, RouteAttempt } from "./types";

/**
 * What a session knows, as plain data in its zustand store. `mode`, `connectionState` and
 * `uid` are read from the SDK client each time the session publishes, so they are what the
 * SDK has, next to what was asked for (`desiredMode`, `joinRequested`): a UI can show
 * "switching to TLS..." without tracking promises.
 *
 * @example
 * ```ts
 * session.store.subscribe((state) => console.log(state.proxy, state.connectionState));
 * ```
 */
export interface CloudProxyState {
  /**
   * `on` / `off`: the SDK runs the desired mode (or none). `starting` / `stopping`: the
   * worker is about to apply the desired mode (it waits for DISCONNECTED). A switch that
   * `onModeChange: "defer"` holds back until the next leave keeps `on` (or `off`) with
   * `desiredMode` differing from `mode`.
   */
  proxy: "off" | "starting" | "on" | "stopping";
  /** The cloud proxy the SDK runs (read from the client); `null` when off. */
  mode: CloudProxyMode | null;
  /** The mode asked for; `null` for off. */
  desiredMode: CloudProxyMode | null;
  /** The SDK's connection state, read from the client. */
  connectionState: ConnectionState;
  /** From the SDK's `is-using-cloud-proxy` event after a join; `null` until then and after leaving. */
  usingCloudProxy: boolean | null;
  /** Whether a join is wanted: set by `join()`, cleared by `leave()`, a failed join or a lost connection. */
  joinRequested: boolean;
  /** The uid the SDK joined with (the client's `uid`); `null` when not connected. */
  uid: UID | null;
  /** The last failure; cleared by the next `join()` or `setProxy()`. */
  error: CloudProxyError | null;
  /** The route of the join in flight or connected: "direct", "udp" or "tls"; `null` when none. */
  route: CloudProxyRoute | null;
  /** The attempts of the current join request (auto mode escalates through several); a leave or a new mode starts over. */
  attempts: readonly RouteAttempt[];
  /**
   * While a join of this session has been trying to connect for longer than `stalledAfterMs`
   * (default 10 s): how long, in ms, counted from the SDK going CONNECTING and refreshed
   * every second (auto mode's switches between routes included). `null` otherwise: before
   * the threshold, once CONNECTED, after a leave or a failed join. A firewall that blocks
   * Agora is the usual cause: offer the network test (`testCloudProxyRoutes`).
   */
  stalledMs: number | null;
  /** `true` once `dispose()` has left, stopped the proxy and removed its listeners. */
  disposed: boolean;
}
