// The library's plain data types, in one leaf module: it imports nothing, so the modules
// that use these types never import each other in a circle.
import type { UID } from "agora-rtc-sdk-ng";

/**
 * A cloud proxy mode: "udp" is the SDK's mode 3, "tls" is mode 5 (TCP over TLS port 443).
 *
 * @example
 * ```ts
 * const mode: CloudProxyMode | null = session.store.getState().mode; // null: proxy off
 * ```
 */
export type CloudProxyMode = "udp" | "tls";

/**
 * What the API accepts for a mode: a name, the SDK's own number, "off" for no proxy, or
 * "auto": join direct first, then escalate to the UDP proxy, then to TLS 443, and remember
 * the route that worked.
 *
 * @example
 * ```ts
 * const mode: CloudProxyModeInput = process.env.PROXY === "tls" ? 5 : "auto";
 * ```
 */
export type CloudProxyModeInput = CloudProxyMode | 3 | 5 | "off" | "auto";

/**
 * What to do when the desired proxy mode differs from the one in force while joined:
 * "rejoin" leaves, applies the mode and joins again with the last join options; "defer"
 * keeps the call going and applies the mode after the next leave.
 *
 * @example
 * ```ts
 * const policy: ModeChangePolicy = "defer"; // never interrupt a live call
 * const session = createCloudProxySession(client, { mode: "tls", onModeChange: policy });
 * ```
 */
export type ModeChangePolicy = "rejoin" | "defer";

/**
 * How a join reaches Agora: straight, through the UDP cloud proxy, or through TCP/TLS 443.
 *
 * @example
 * ```ts
 * const routes: CloudProxyRoute[] = ["direct", "udp", "tls"]; // the order mode "auto" tries them in
 * ```
 */
export type CloudProxyRoute = "direct" | CloudProxyMode;

/**
 * One join attempt on one route, as reported in `status.attempts` and in `UNREACHABLE`.
 *
 * @example
 * ```ts
 * const attempt: RouteAttempt = { route: "direct", outcome: "timeout", errorCode: null, ms: 5000 };
 * ```
 */
export interface RouteAttempt {
  route: CloudProxyRoute;
  /**
   * `connected`, `failed` (the SDK rejected the join), `timeout` (not CONNECTED in time),
   * `cancelled` (left first) or `media-failed` (signalling connected, but no media flowed: auto
   * mode moved on; a firewall that passes TCP 443 and blocks UDP media does this).
   */
  outcome: "connected" | "failed" | "timeout" | "cancelled" | "media-failed";
  /** The SDK's error code for `failed`; `null` otherwise. */
  errorCode: string | null;
  /** Milliseconds from the join call to the outcome. */
  ms: number;
}

/**
 * A route that connected, and when (epoch milliseconds).
 *
 * @example
 * ```ts
 * const entry: RememberedRoute = { route: "tls", at: Date.now() };
 * ```
 */
export interface RememberedRoute {
  route: CloudProxyRoute;
  at: number;
}

/**
 * Where auto mode remembers the route that worked. The default keeps it in memory for the
 * page's lifetime; `createStorageRouteMemory` keeps it in `localStorage`.
 *
 * @example
 * ```ts
 * const memory: RouteMemory = { read: () => null, write: (entry) => console.log(entry.route) };
 * ```
 */
export interface RouteMemory {
  read(): RememberedRoute | null;
  write(entry: RememberedRoute): void;
}

/**
 * What `client.join(appid, channel, token, uid)` takes, as one object.
 *
 * @example
 * ```ts
 * const options: CloudProxyJoinOptions = { appid: APP_ID, channel: "support", token: null };
 * ```
 */
export interface CloudProxyJoinOptions {
  /** Your Agora App ID. */
  appid: string;
  /** The channel name. */
  channel: string;
  /**
   * A token, `null` for projects in testing mode, or a {@link CloudProxyTokenProvider}: a
   * function the session calls for a fresh token before every SDK join it makes (the first
   * join, a rejoin, an auto-mode escalation, a reconnect) and when the SDK says the token will
   * expire, so no rejoin ever reuses an expired token.
   */
  token?: string | null | CloudProxyTokenProvider;
  /** Your user ID; `null` or omitted lets Agora assign one. */
  uid?: UID | null;
}

/**
 * Why the session asks a {@link CloudProxyTokenProvider} for a token: `join` (the first SDK
 * join of a `join()` request), `rejoin` (the same call joined again: a mode change, or the
 * SDK's `token-privilege-did-expire`), `escalate` (auto mode moving to the next route),
 * `reconnect` (the reconnect policy, after the SDK gave up) or `renew` (the SDK's
 * `token-privilege-will-expire`: the token goes to `client.renewToken`).
 *
 * @example
 * ```ts
 * const reason: CloudProxyTokenReason = "renew";
 * ```
 */
export type CloudProxyTokenReason = "join" | "rejoin" | "escalate" | "reconnect" | "renew";

/**
 * What a {@link CloudProxyTokenProvider} is asked for: a token for `channel` and `uid` (the
 * uid of the join options, `null` when Agora assigns one; for `renew`, the uid the SDK is in
 * the channel with).
 *
 * @example
 * ```ts
 * const context: CloudProxyTokenContext = { channel: "support", uid: 42, reason: "join" };
 * ```
 */
export interface CloudProxyTokenContext {
  channel: string;
  uid: UID | null;
  reason: CloudProxyTokenReason;
}

/**
 * A join option `token` that is fetched when needed: returns (or resolves to) a token
 * string, or `null` for a project in testing mode. A throw, a rejection or another value
 * fails the join (or the renewal) with `TOKEN_FAILED`. The token never reaches an error,
 * the history, the store or a report.
 *
 * @example
 * ```ts
 * const token: CloudProxyTokenProvider = async ({ channel, uid }) =>
 *   (await fetch(`/api/agora-token?channel=${channel}&uid=${uid ?? 0}`)).text();
 * await session.join({ appid: APP_ID, channel: "support", token });
 * ```
 */
export type CloudProxyTokenProvider = (context: CloudProxyTokenContext) => string | null | Promise<string | null>;

/**
 * Every way a cloud proxy session can fail, as a stable string you can switch on.
 *
 * - `INVALID_MODE`: a mode other than "udp", "tls", 3, 5, "off" or "auto". Thrown synchronously.
 * - `INVALID_CLIENT`: what was passed is not an `IAgoraRTCClient`.
 * - `INVALID_JOIN_OPTIONS`: join options without an App ID or channel, or of the wrong type.
 * - `CLIENT_IN_USE`: another live session (or another mounted owner) already owns this client.
 * - `PROXY_CONFLICT`: the client already uses `setProxyServer`, `setTurnServer` or local access points.
 * - `PROXY_FAILED`: the SDK refused to start or stop the cloud proxy for another reason.
 * - `JOIN_FAILED`: the SDK rejected `join` (see `sdkCode` and `cause`).
 * - `LEAVE_FAILED`: the SDK rejected `leave`.
 * - `CONNECTION_LOST`: the SDK gave up reconnecting and went DISCONNECTED on its own, and the
 *   session's reconnect policy gave up too (or may not reconnect: a ban, an expired token string).
 * - `TOKEN_FAILED`: a token provider threw, rejected or returned something else than a
 *   string or `null`, or the SDK refused `renewToken`.
 * - `MEDIA_FAILED`: the SDK connected, but media never flowed on any route it may use (auto
 *   mode tried them all; other modes stay on theirs). The call stays up for chat and signalling.
 * - `UNREACHABLE`: auto mode tried every route (direct, UDP proxy, TLS 443 proxy) and none connected; see `attempts`.
 * - `CANCELLED`: a later call replaced this one before the SDK got there, or its owner unmounted.
 * - `DISPOSED`: the session was disposed; nothing reaches the SDK any more.
 * - `INTERNAL`: the worker kept stepping without reaching the desired state (a client that
 *   does not do what its calls say); it stopped instead of freezing the page. Please report it.
 *
 * @example
 * ```ts
 * session.store.subscribe(({ error }) => {
 *   const code: CloudProxyErrorCode | undefined = error?.code;
 *   if (code === "PROXY_CONFLICT") showBanner("Remove setProxyServer(), or set mode to off.");
 * });
 * ```
 */
export type CloudProxyErrorCode =
  | "INVALID_MODE"
  | "INVALID_CLIENT"
  | "INVALID_JOIN_OPTIONS"
  | "CLIENT_IN_USE"
  | "PROXY_CONFLICT"
  | "PROXY_FAILED"
  | "JOIN_FAILED"
  | "LEAVE_FAILED"
  | "CONNECTION_LOST"
  | "TOKEN_FAILED"
  | "MEDIA_FAILED"
  | "UNREACHABLE"
  | "CANCELLED"
  | "DISPOSED"
  | "INTERNAL";

/**
 * One line of a session's diagnostics history: an SDK call the worker made, its result, a
 * connection state change, or a change the session did not make (app code on the raw
 * client). Never holds an App ID, token or channel name.
 *
 * @example
 * ```ts
 * const entry: CloudProxyHistoryEntry = { at: Date.now(), kind: "call", name: "startProxyServer", detail: "5" };
 * ```
 */
export interface CloudProxyHistoryEntry {
  /** Epoch milliseconds. */
  at: number;
  /**
   * `call`: the worker called the SDK; `result`: an async call settled; `state`:
   * `connection-state-change`; `external`: the session found a change it did not make
   * (`startProxyServer`, `stopProxyServer`, `join`, `leave` on the raw client, or its
   * `listeners` removed), and converged back; `media`: the media check's verdict (`flowing`,
   * `failed`); `reconnect`: the reconnect policy (`scheduled`, `attempt`, `reconnected`,
   * `gave up`), with the attempt number.
   */
  kind: "call" | "result" | "state" | "external" | "media" | "reconnect";
  /** The SDK method (`startProxyServer`, `join`, ...), the new connection state, or `listeners`. */
  name: string;
  /** The mode for startProxyServer, the route for join, the SDK error code for a failure, the reason for a state. */
  detail: string | null;
}

/**
 * A read-only store: `getState()` and `subscribe()`, as in zustand, for
 * `useSyncExternalStore`.
 *
 * @example
 * ```ts
 * const unsubscribe = session.history.subscribe((entries) => console.table(entries));
 * ```
 */
export interface ReadableStore<T> {
  getState(this: void): T;
  subscribe(this: void, listener: (state: T, previous: T) => void): () => void;
}

/**
 * How one route of a network test ended: `connected` (the join succeeded), `timeout` (not
 * CONNECTED within `timeoutMs`), `failed` (the SDK rejected the join; see `errorCode`) or
 * `aborted` (the test was cancelled first).
 *
 * @example
 * ```ts
 * const outcome: RouteTestOutcome = "timeout"; // direct blocked by the firewall
 * ```
 */
export type RouteTestOutcome = "connected" | "timeout" | "failed" | "aborted";

/**
 * One route of a network test (`testCloudProxyRoutes`), as it settled.
 *
 * @example
 * ```ts
 * const result: RouteTestResult = { route: "udp", outcome: "connected", connectMs: 840, errorCode: null, usingCloudProxy: true };
 * ```
 */
export interface RouteTestResult {
  route: CloudProxyRoute;
  outcome: RouteTestOutcome;
  /** Milliseconds from the join call to CONNECTED; `null` unless `connected`. */
  connectMs: number | null;
  /** The SDK's error code for `failed`; `null` otherwise. */
  errorCode: string | null;
  /** From the SDK's `is-using-cloud-proxy` event, if it came before the route was released; `null` otherwise. */
  usingCloudProxy: boolean | null;
}

/**
 * What a network test found: every route's result (in the order asked for) and the route
 * auto mode should start at (the first of direct, UDP, TLS that connected), or `null` when
 * none did.
 *
 * @example
 * ```ts
 * const preflight: CloudProxyPreflightResult = await testCloudProxyRoutes({ createClient, join });
 * if (preflight.best === null) showFirewallHelp(preflight.routes);
 * ```
 */
export interface CloudProxyPreflightResult {
  readonly routes: readonly RouteTestResult[];
  readonly best: CloudProxyRoute | null;
  /** Epoch milliseconds when the test started. */
  readonly startedAt: number;
  /** Milliseconds the whole test took. */
  readonly durationMs: number;
}
