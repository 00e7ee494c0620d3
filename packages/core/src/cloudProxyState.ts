import type { ConnectionState, UID } from "agora-rtc-sdk-ng";
import type { CloudProxyError } from "./CloudProxyError";
import type { CloudProxyMediaStatus } from "./session/mediaWatch";
import type { CloudProxyReconnectStatus } from "./session/reconnectPolicy";
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
  /**
   * While connected: whether media flows. `unverified` until the first publish or subscribe
   * has had its chance, `flowing` once the SDK's peer connection is `connected`
   * (`peerconnection-state-change`, agora-rtc-sdk-ng >= 4.23) or `getRTCStats()` counts
   * bytes, `failed` if neither happened within `fallbackAfterMs` (or the peer connection
   * failed). Auto mode remembers a route only once its media flowed, and leaves a route whose
   * media failed for the next one. `null` when not connected.
   */
  media: CloudProxyMediaStatus | null;
  /**
   * While the session reconnects after the SDK gave up (session option `reconnect`): the
   * attempt (1-based) of `attempts`, and `nextAt` (epoch ms) when it starts, `null` while it
   * runs. `null` when not reconnecting; `leave()`, `dispose()` and unmount end it at once.
   */
  reconnect: CloudProxyReconnectStatus | null;
  /** `true` once `dispose()` has left, stopped the proxy and removed its listeners. */
  disposed: boolean;
}
