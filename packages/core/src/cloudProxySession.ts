import type { IAgoraRTCClient, UID } from "agora-rtc-sdk-ng";
import type { StoreApi } from "zustand/vanilla";
import type { CloudProxyError } from "./CloudProxyError";
import type { CloudProxyState } from "./cloudProxyState";
import type {
  CloudProxyHistoryEntry,
  CloudProxyJoinOptions,
  CloudProxyModeInput,
  CloudProxyPreflightResult,
  CloudProxyRoute,
  ModeChangePolicy,
  ReadableStore,
  RouteMemory,
} from "./types";

/**
 * Options of {@link createCloudProxySession}; all of them can change later through
 * `session.setOptions(...)`.
 *
 * @example
 * ```ts
 * const options: CloudProxySessionOptions = { mode: "tls", onModeChange: "defer" };
 * ```
 */
export interface CloudProxySessionOptions {
  /**
   * The cloud proxy to run: "udp" (default, SDK mode 3), "tls" (mode 5), 3, 5, "off", or
   * "auto": join direct; if that fails with a network error or is not CONNECTED within
   * `fallbackAfterMs`, leave and join through UDP, then through TLS 443; all failed ->
   * `UNREACHABLE`. The route that worked is remembered for next time.
   */
  mode?: CloudProxyModeInput;
  /** Auto mode: how long a route may stay short of CONNECTED before the next is tried. Default 5000. */
  fallbackAfterMs?: number;
  /** Auto mode: where the route that worked is remembered. Default: in memory, per page. */
  routeMemory?: RouteMemory;
  /** Auto mode: after this long, a remembered proxy route is re-probed direct first. Default 24 h. */
  routeTtlMs?: number;
  /**
   * Auto mode: a network test's result (`testCloudProxyRoutes`). Each join request's routes
   * start at its `best` route, then the others in order, whatever `routeMemory` says; with
   * `best` null (or no result) the memory decides. Given while no join is wanted, the proxy
   * of that route is started at once, ready for the join.
   */
  preflight?: CloudProxyPreflightResult | null;
  /**
   * How long a join may stay short of CONNECTED before `store.getState().stalledMs` reports
   * it (a firewall blocking Agora is the usual cause), in ms. Default 10000; `Infinity` turns
   * it off. A negative number, `NaN` or a non-number throws `INVALID_MODE`.
   */
  stalledAfterMs?: number;
  /**
   * What to do when the SDK gives up on a connection (DISCONNECTED after RECONNECTING, for a
   * network reason): `true` (default) joins again after 1, 2, 5, 10 and 20 s (one attempt
   * each; auto mode moves on to the next route), `{ delaysMs: [...] }` for other waits (ms),
   * `false` to report `CONNECTION_LOST` at once. `store.getState().reconnect` shows the
   * attempt and when it comes. Never after a leave asked for, a ban, or an expired token
   * string; after the last attempt: `CONNECTION_LOST`. A bad value throws `INVALID_MODE`.
   */
  reconnect?: boolean | { delaysMs?: readonly number[] };
  /** Called whenever `store.getState().route` changes. */
  onRouteChange?: (route: CloudProxyRoute | null) => void;
  /**
   * A mode change while joined can't reach the SDK until it leaves. "rejoin" (default)
   * leaves, applies the mode and joins again with the last join options; "defer" applies it
   * after the next leave.
   */
  onModeChange?: ModeChangePolicy;
  /** Called with every failure that also lands in `store.getState().error`. */
  onError?: (error: CloudProxyError) => void;
}

/**
 * One client's desired state and the single worker that moves the SDK to it.
 *
 * Every promise settles when the SDK reached the state the call asked for, or rejects with
 * a {@link CloudProxyError} when it can't: `CANCELLED` if a later call asked for something
 * else first (a leave cancels a pending join, a new mode replaces an unapplied one),
 * `DISPOSED` after dispose. The promises are marked handled, so fire-and-forget calls never
 * raise an unhandled rejection; failures also land in `store` and `onError`.
 * The methods never use `this` (`this: void`), so they can be passed around or destructured:
 * `const { join, leave } = session`.
 *
 * @example
 * ```ts
 * const session = createCloudProxySession(AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }));
 * const uid = await session.join({ appid, channel: "support", token });
 * await session.setProxy("tls"); // leaves, switches to TLS 443, joins again
 * await session.dispose();       // leaves, stops the proxy, removes listeners
 * ```
 */
export interface CloudProxySession {
  /**
   * The client to hand to the rest of your app (agora-rtc-react, your own code): same shape
   * and events as the one you passed in, but `join`, `leave`, `startProxyServer` and
   * `stopProxyServer` become desired-state requests to this session, so they never throw
   * an ordering error. `startProxyServer(mode)` still throws `INVALID_MODE` at once for a
   * mode other than 3 or 5. After dispose, `join` and `startProxyServer` fail with
   * `DISPOSED`; `leave` and `stopProxyServer` are already done by dispose and succeed.
   * Like the SDK's own, its `leave()` never rejects with `CANCELLED`: a leave overtaken by
   * a later join resolves.
   */
  readonly client: IAgoraRTCClient;
  /** The session's state as a zustand vanilla store. */
  readonly store: StoreApi<CloudProxyState>;
  /**
   * The last 50 SDK calls the worker made, their results, and connection state changes,
   * with timestamps: what a diagnostics panel or a support ticket needs.
   */
  readonly history: ReadableStore<readonly CloudProxyHistoryEntry[]>;
  /**
   * Asks to be in the channel. Waits for the proxy to be settled, then joins; resolves with
   * the uid once CONNECTED. A second call with equal options shares the first one's join;
   * one with other options replaces it (the first rejects `CANCELLED`; if already joined,
   * the SDK leaves and joins again). Rejects `JOIN_FAILED` when the SDK refuses, and
   * `INVALID_JOIN_OPTIONS` without touching the SDK for bad options.
   */
  join(this: void, options: CloudProxyJoinOptions): Promise<UID>;
  /**
   * Asks to be out of the channel; the proxy stays as it is. Cancels a pending join.
   * Resolves once DISCONNECTED; rejects `CANCELLED` if a join is asked for before that.
   */
  leave(this: void): Promise<void>;
  /**
   * Asks for a proxy mode ("off" to stop it). Throws `INVALID_MODE` synchronously for
   * anything else. Resolves once the SDK runs that mode and, if a join is wanted, is
   * CONNECTED with it again; under "defer" while joined that is after the next leave.
   * Rejects `CANCELLED` if another mode is asked for first, `PROXY_CONFLICT` if the client
   * already uses `setProxyServer`/`setTurnServer`/local access points.
   */
  setProxy(this: void, mode: CloudProxyModeInput): Promise<void>;
  /**
   * Leaves if needed, stops the proxy, removes every listener of this session, and frees
   * the client for a new session. Idempotent. Pending joins reject `DISPOSED`.
   */
  dispose(this: void): Promise<void>;
  /**
   * Changes options while the session runs; keys present in `options` replace the old
   * values (`undefined`: the default). `onModeChange`, `fallbackAfterMs`, `routeMemory`,
   * `routeTtlMs`, `stalledAfterMs` and the callbacks never touch the SDK by themselves (a
   * new `fallbackAfterMs` applies from the next attempt on); a new `preflight` in auto mode
   * moves the proxy to its best route only while no join is wanted. A `mode` that differs from the previous `mode`
   * option is applied as `setProxy(mode)`; the same `mode` again keeps whatever was asked
   * since (through `setProxy` or the guarded client). Throws `INVALID_MODE` synchronously.
   */
  setOptions(this: void, options: CloudProxySessionOptions): void;
  /**
   * Makes `owner` (any object: a mounted component's instance) an owner of this session, or
   * takes back its `release()` of this tick. Returns whether it holds the session now;
   * otherwise another owner does, and `onHold` runs when this one's turn comes. Join calls
   * belong to the owner holding the session when they are made.
   */
  retain(this: void, owner: object, onHold?: () => void): boolean;
  /**
   * `owner` lets go. At the end of the tick, unless it retained again (React StrictMode's
   * effect replay): its join is dropped (the SDK leaves unless the next owner joined in that
   * tick; the proxy stays), and with no owner left the session disposes itself.
   */
  release(this: void, owner: object): void;
}
