import type { ConnectionDisconnectedReason, ConnectionState, IAgoraRTCRemoteUser, UID } from "agora-rtc-sdk-ng";
import type { AgoraRTCErrorCodeName } from "./agoraRTCError";
import type { FakeSdkCall } from "./fakeCallLog";
import type { FakeEmittedEvent } from "./fakeEventEmitter";
import type { FakeMediaRoute } from "./fakePeerConnection";

/**
 * A reason the SDK gives with `connection-state-change` when it drops to DISCONNECTED,
 * e.g. `"LEAVE"` or `"NETWORK_ERROR"`.
 *
 * @example
 * const reason: DisconnectedReasonName = "NETWORK_ERROR";
 */
export type DisconnectedReasonName = `${ConnectionDisconnectedReason}`;

/**
 * How {@link FakeAgoraController.dropNetwork} plays out.
 *
 * @example
 * await client.fake.dropNetwork({ outcome: "reconnect", reconnectingMs: 2_000 });
 */
export interface FakeNetworkDropOptions {
  /** `"disconnect"` (default) ends in DISCONNECTED; `"reconnect"` goes back to CONNECTED. */
  readonly outcome?: "disconnect" | "reconnect";
  /** The reason given with DISCONNECTED. Default `"NETWORK_ERROR"`, as the SDK gives when its socket fails. */
  readonly reason?: DisconnectedReasonName;
  /** Milliseconds spent in RECONNECTING (a `setTimeout`; 0, the default, means the next microtask). */
  readonly reconnectingMs?: number;
}

/**
 * Media a remote user joins with, for {@link FakeAgoraController.addRemoteUser}.
 *
 * @example
 * client.fake.addRemoteUser(7, { audio: true });
 */
export interface FakeRemoteUserMedia {
  readonly audio?: boolean;
  readonly video?: boolean;
}

/**
 * The test-side handle of a fake client (`client.fake`): what it recorded, and the knobs
 * that make it slow, fail or drop. Misusing a knob (dropping the network of a client that
 * is not connected, completing a join that is not pending) throws a plain `Error`, never an
 * SDK-shaped one, so it cannot be mistaken for SDK behaviour.
 *
 * Create a new client per test: there is deliberately no reset.
 *
 * @example
 * const client = createFakeAgoraClient({ joinLatencyMs: 200 });
 * client.fake.failNextJoin("CAN_NOT_GET_GATEWAY_SERVER");
 * await expect(client.join("appid", "room", null)).rejects.toMatchObject({ code: "CAN_NOT_GET_GATEWAY_SERVER" });
 * expect(client.fake.calls.map((call) => call.method)).toEqual(["join"]);
 */
export interface FakeAgoraController {
  /**
   * Every SDK method call, oldest first: `{ method, args, outcome, code?, message? }`. The
   * event-emitter methods (`on`, `off`, ...) are left out; see {@link listenerCount}.
   */
  readonly calls: readonly FakeSdkCall[];
  /** Every event the client emitted, oldest first, with the arguments listeners received. */
  readonly events: readonly FakeEmittedEvent[];
  /** Listeners registered for `event`, or for every event when omitted (assert `0` to catch leaks). */
  listenerCount(event?: string): number;
  /** Listener counts per event name; events without listeners are left out. */
  listenerCounts(): Record<string, number>;
  /**
   * Calls `listener` after each change to what the fake records, until the returned function
   * is called (zustand-style, and the shape React's `useSyncExternalStore` wants): a new entry
   * in {@link calls} (once the call's synchronous part has run), a call's outcome settling, and
   * each event in {@link events}, so also every connection state change. Read the fake inside
   * the listener. It registers no SDK event listener, so {@link listenerCount} does not see it.
   * A listener that throws stops nothing; its error is rethrown on a microtask.
   *
   * @example
   * const unsubscribe = client.fake.subscribe(() => console.log(client.connectionState, client.fake.calls.length));
   */
  subscribe(listener: () => void): () => void;

  /**
   * Milliseconds a join spends in CONNECTING before it connects or fails (a `setTimeout`, so
   * fake timers drive it); 0 means the next microtask. Applies to joins started afterwards.
   */
  joinLatencyMs: number;
  /** Milliseconds a leave spends in DISCONNECTING (a `setTimeout`); 0 means the next microtask. */
  leaveLatencyMs: number;
  /**
   * Milliseconds between a `leave()` resolving and the join it cancelled rejecting with
   * `OPERATION_ABORTED` (the real SDK takes about a second offline). 0 means right after the
   * leave resolves.
   */
  joinAbortDelayMs: number;

  /**
   * The next join fails after `joinLatencyMs`: CONNECTING, then DISCONNECTED, then the join
   * rejects with an SDK-shaped error carrying `code`. Queue several calls for several joins.
   */
  failNextJoin(code?: AgoraRTCErrorCodeName, text?: string): void;
  /** The next join stays CONNECTING until `leave()`, {@link completePendingJoin} or {@link failPendingJoin}. */
  hangNextJoin(): void;
  /** Whether a join is in flight (CONNECTING and not yet settled). */
  readonly hasPendingJoin: boolean;
  /** Connects the join in flight now, whatever its latency or plan. Throws if there is none. */
  completePendingJoin(): void;
  /** Fails the join in flight now, like {@link failNextJoin}. Throws if there is none. */
  failPendingJoin(code?: AgoraRTCErrorCodeName, text?: string): void;
  /**
   * The next `leave()` rejects after `leaveLatencyMs` and changes nothing (no state change,
   * a pending join stays pending). The real SDK swallows its own leave errors, so this only
   * exists to test code that must survive a rejecting leave.
   */
  failNextLeave(code?: AgoraRTCErrorCodeName, text?: string): void;

  /**
   * Drops a CONNECTED client's network: RECONNECTING at once, then after `reconnectingMs`
   * DISCONNECTED with `reason` (default `"NETWORK_ERROR"`), or CONNECTED again. Resolves when
   * it has played out; a `leave()` meanwhile wins.
   */
  dropNetwork(options?: FakeNetworkDropOptions): Promise<void>;
  /**
   * Sets the connection state and emits `connection-state-change` (with `reason` when the new
   * state is DISCONNECTED), touching nothing else: a pending join stays pending. It mirrors
   * assigning `client._gateway.state` on the real SDK, which is how the contract suite reaches
   * CONNECTED and RECONNECTING on a real client offline. Prefer `completePendingJoin` and
   * `dropNetwork` elsewhere.
   */
  forceConnectionState(state: ConnectionState, reason?: DisconnectedReasonName): void;

  /** A remote user joins (emits `user-joined`, then `user-published` per medium). Needs CONNECTED. */
  addRemoteUser(uid: UID, media?: FakeRemoteUserMedia): IAgoraRTCRemoteUser;
  /** A remote user leaves (emits `user-left` with reason `"Quit"`). */
  removeRemoteUser(uid: UID): void;

  /**
   * Test-only, not an SDK member: the token of the last `join()` or `renewToken()` the fake
   * accepted (`null` for a join without one), `undefined` before any. It is never logged (the
   * call log shows `"<token>"`), so assert on it here.
   *
   * @example
   * await client.renewToken("fresh-token");
   * expect(client.fake.token).toBe("fresh-token");
   */
  readonly token: string | null | undefined;
  /**
   * The gateway warns that the token expires soon: emits `token-privilege-will-expire` (no
   * arguments), as the SDK does about 30 s before expiry. Nothing else changes: renew with
   * `client.renewToken()`. Needs a CONNECTED client.
   *
   * @example
   * client.on("token-privilege-will-expire", () => void client.renewToken(fetchToken()));
   * client.fake.expireTokenSoon();
   */
  expireTokenSoon(): void;
  /**
   * The gateway says the token expired, and the client does what agora-rtc-sdk-ng 4.24.8 does
   * then, synchronously and in this order: `connection-state-change` DISCONNECTING, then
   * DISCONNECTED with reason `"TOKEN_EXPIRE"` (the session already reset: no uid, peer
   * connection closed), then `token-privilege-did-expire`. The app must join again with a new
   * token. Needs a CONNECTED or RECONNECTING client (the SDK also learns it on a reconnect).
   * Checked against the real SDK by the contract table.
   *
   * @example
   * client.fake.expireToken();
   * client.connectionState; // "DISCONNECTED"
   * client.fake.events.at(-2)?.args; // ["DISCONNECTED", "DISCONNECTING", "TOKEN_EXPIRE"]
   * client.fake.events.at(-1)?.event; // "token-privilege-did-expire"
   */
  expireToken(): void;

  /**
   * Milliseconds a join's peer connection spends "connecting" before it is "connected" (or
   * "failed", on a blocked route); 0 (the default, like the other latencies) means the next microtask. Applies to
   * connections that start connecting afterwards.
   *
   * The peer connection follows agora-rtc-sdk-ng 4.24.8: the SDK opens it during the join and
   * connects it once the gateway answered, published tracks or not, so every join that
   * connects emits `peerconnection-state-change` `("new", previous)` just before CONNECTED,
   * `("connecting", "new")` just after, then `("connected", "connecting")` or `("failed",
   * "connecting")` after this latency. `leave()` (at once, before DISCONNECTING) and every drop
   * to DISCONNECTED (before it is announced) emit `("closed", current)`. `previous` is
   * `undefined` for the client's first connection and `"closed"` after that.
   *
   * @example
   * client.fake.mediaLatencyMs = 500;
   * await client.join("appid", "room", null, 1);
   * await vi.advanceTimersByTimeAsync(500); // peerconnection-state-change ("connected", "connecting")
   */
  mediaLatencyMs: number;
  /**
   * Makes media on these routes never flow (a firewall): a connection whose route is listed
   * goes "failed" instead of "connected", and `getRTCStats()` counts no bytes. The route is the
   * cloud proxy in force when the join connected: `"direct"` (none), `"udp"` (mode 3), `"tcp"`
   * (mode 4) or `"tls"` (mode 5). Replaces the previous list (`[]` unblocks all). It is read when
   * a connection would connect; a connection already connected is not affected (see
   * {@link failMedia}). The signalling join itself is not affected (see `failNextJoin`).
   *
   * @example
   * client.fake.blockMedia(["direct", "udp"]); // only TLS on 443 gets through
   * client.startProxyServer(3);
   * await client.join("appid", "room", null, 1); // CONNECTED, but media goes "failed"
   */
  blockMedia(routes: readonly FakeMediaRoute[]): void;
  /**
   * The connection's media fails now: a "connected" peer connection emits `("disconnected",
   * "connected")` then `("failed", "disconnected")`, and its byte counts stop growing; one still
   * "connecting" goes `("failed", "connecting")`. The signalling connection stays CONNECTED, as
   * it does when only media is cut. Throws if the client has no such connection.
   *
   * @example
   * await vi.advanceTimersByTimeAsync(client.fake.mediaLatencyMs); // media "connected"
   * client.fake.failMedia();
   */
  failMedia(): void;
  /**
   * Whether the client emits `peerconnection-state-change`. Default true. Set it to false to
   * emulate agora-rtc-sdk-ng older than 4.23, which has no such event: the peer connection
   * still connects or fails in the same way, and only `getRTCStats()` tells (its SendBytes and
   * RecvBytes grow while media flows to or from published and subscribed tracks).
   *
   * @example
   * const client = createFakeAgoraClient({ peerConnectionEvents: false });
   * // or later: client.fake.peerConnectionEvents = false;
   */
  peerConnectionEvents: boolean;
}
