"use client";
import type {
  CloudProxyError,
  CloudProxyModeInput,
  CloudProxyRoute,
  ModeChangePolicy,
  RouteMemory,
} from "@agora-cloud-proxy/core";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";

/**
 * The client to run the cloud proxy on: an instance, or a factory (sync or async) that is
 * called in an effect, once per mounted owner, so the SDK can be imported lazily in the
 * browser and never on the server.
 *
 * @example
 * ```ts
 * const client: CloudProxyClientInput = () =>
 *   import("agora-rtc-sdk-ng").then(({ default: AgoraRTC }) => AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }));
 * ```
 */
export type CloudProxyClientInput = IAgoraRTCClient | (() => IAgoraRTCClient | PromiseLike<IAgoraRTCClient>);

/**
 * What an owner of a session takes: `<CloudProxyProvider>`'s props (besides `children` and
 * `fallback`) and `useCloudProxyClient(options)`'s options.
 *
 * @example
 * ```ts
 * const options: CloudProxyOptions = { client, mode: "tls", enabled: behindFirewall, onError: console.warn };
 * ```
 */
export interface CloudProxyOptions {
  /**
   * The client (or a factory for it). A new instance switches to a new session: the old one
   * leaves and stops its proxy. A factory is called once per mount; a new factory function
   * on a later render is ignored (pass a new `key` to start over).
   */
  client: CloudProxyClientInput;
  /** "udp" (default, SDK mode 3), "tls" (mode 5, TCP over TLS 443), 3, 5, "off", or core's "auto". */
  mode?: CloudProxyModeInput;
  /** `false` turns the proxy off (as `mode="off"` would) without forgetting `mode`. Default `true`. */
  enabled?: boolean;
  /**
   * What a mode change while joined does: "rejoin" (default) leaves, switches and joins
   * again; "defer" switches after the next leave. Read when the session is created (on
   * mount, or when `client` changes); a later change takes effect with the next client.
   */
  onModeChange?: ModeChangePolicy;
  /**
   * `mode="auto"`: how long a route may stay short of CONNECTED before the next one is tried
   * (direct, then UDP, then TLS 443). Default 5000. Read when the session is created.
   */
  fallbackAfterMs?: number;
  /**
   * `mode="auto"`: where the route that worked is remembered (core's `inMemoryRouteMemory` by
   * default; `createStorageRouteMemory(localStorage)` keeps it across visits). Read when the
   * session is created.
   */
  routeMemory?: RouteMemory;
  /** `mode="auto"`: after this long a remembered proxy route is re-probed direct first. Default 24 h. */
  routeTtlMs?: number;
  /**
   * Called whenever `status.route` changes ("direct", "udp", "tls" or `null`), on a
   * microtask; the latest callback is used.
   */
  onRouteChange?: (route: CloudProxyRoute | null) => void;
  /**
   * Every failure as a `CloudProxyError`: the session's (also in `status.error`), a client
   * factory that threw or rejected (`INVALID_CLIENT`), a client owned by another provider
   * (`CLIENT_IN_USE`), an invalid `mode` (`INVALID_MODE`). Called on a microtask; the latest
   * callback is used.
   */
  onError?: (error: CloudProxyError) => void;
}
