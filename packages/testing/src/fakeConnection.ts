import type { ConnectionState, UID } from "agora-rtc-sdk-ng";
import { createAgoraRTCError, type FakeAgoraRTCError } from "./agoraRTCError";
import type { DisconnectedReasonName } from "./fakeAgoraController";
import type { FakeAgoraClient } from "./fakeAgoraClient";
import { type FakePeerConnection, mediaRouteOf } from "./fakePeerConnection";
import type { ProxySettings } from "./proxySettings";
import { checkJoinArguments, checkString } from "./sdkParameterChecks";
import { checkedDelay, delay, schedule } from "./timing";

/**
 * How a join plays out: it connects, stays CONNECTING until something settles it, or fails.
 *
 * @example
 * connection.planNextJoin({ kind: "fail", error: createAgoraRTCError("CAN_NOT_GET_GATEWAY_SERVER", "down") });
 */
export type JoinPlan =
  | { readonly kind: "connect" }
  | { readonly kind: "hang" }
  | { readonly kind: "fail"; readonly error: FakeAgoraRTCError };

interface PendingJoin {
  readonly channel: string;
  readonly uid: UID | null | undefined;
  readonly resolve: (uid: UID) => void;
  readonly reject: (error: unknown) => void;
  cancelTimer?: () => void;
}

/**
 * What a {@link FakeConnection} needs from the client around it.
 *
 * @example
 * new FakeConnection({ ...latencies, clientId: "client-f0001", offline: true, assignedUid: 42, proxy, emit, onReset });
 */
export interface FakeConnectionOptions {
  /** The id the SDK puts in the "already in connecting/connected state" message. */
  readonly clientId: string;
  /** Joins hang (stay CONNECTING) unless a plan says otherwise, like the real SDK offline. */
  readonly offline: boolean;
  /** The uid a join without one resolves with; `undefined` for 10000 + n. */
  readonly assignedUid: UID | undefined;
  readonly joinLatencyMs: number;
  readonly leaveLatencyMs: number;
  readonly joinAbortDelayMs: number;
  /** The client's proxy settings: leave and every drop to DISCONNECTED forget `setProxyServer`. */
  readonly proxy: ProxySettings;
  /** The client's peer connection: opened by a join, closed by leave and every drop to DISCONNECTED. */
  readonly peerConnection: FakePeerConnection;
  /** Emits on the client, like the SDK's `safeEmit`. */
  readonly emit: (event: string, ...args: unknown[]) => void;
  /** Clears the client's other per-session state (its media) when the session resets. */
  readonly onReset: () => void;
}

/**
 * The join/leave connection state machine of one fake client, as agora-rtc-sdk-ng 4.24.8 runs
 * it: `join()` DISCONNECTED -> CONNECTING -> CONNECTED (or back to DISCONNECTED on failure),
 * `leave()` from any state through DISCONNECTING to DISCONNECTED, cancelling a pending join.
 * Leaves are serialised (the SDK's leave mutex) and a join waits for a leave in flight. It also
 * holds the session the SDK resets on DISCONNECTED: uid, channel name, whether it really connected.
 *
 * @example
 * const connection = new FakeConnection(options);
 * const joined = connection.join("appid", "room", null, 1);
 * connection.state; // "CONNECTING"
 */
export class FakeConnection {
  #state: ConnectionState = "DISCONNECTED";
  #uid: UID | undefined;
  #channelName: string | undefined;
  /** Whether a join really connected; the SDK only gives reason "LEAVE" when its signalling socket was up. */
  #signalConnected = false;
  /**
   * The SDK's `_joinInfo`: set by a join that got its servers' answer, cleared by `_reset()` (at
   * the start of `leave()` and on DISCONNECTED). `renewToken` needs it. Not set by
   * `forceConnectionState`, as driving the real gateway's state does not set it either.
   */
  #joinInfo = false;
  /** The token of the last join or renewToken the fake accepted (test-only, see `client.fake.token`). */
  #token: string | null | undefined;
  /** `Date.now()` when the join connected (the SDK's `inChannelInfo.joinAt`), while in the channel. */
  #joinedAt: number | undefined;
  /** How long the last session lasted; the SDK keeps it after `_reset()`. */
  #lastDurationMs = 0;

  readonly #options: FakeConnectionOptions;
  #assignedUidCount = 0;
  // Plain fields: every writer (the constructor, `client.fake`'s setters) validates with checkedDelay.
  /** Milliseconds a join spends in CONNECTING before its plan plays out (0 = next microtask). */
  joinLatencyMs: number;
  /** Milliseconds a leave spends in DISCONNECTING. */
  leaveLatencyMs: number;
  /** Milliseconds between a leave settling and the join it cancelled rejecting. */
  joinAbortDelayMs: number;
  readonly #joinPlans: JoinPlan[] = [];
  readonly #leaveFailures: FakeAgoraRTCError[] = [];
  #pendingJoin: PendingJoin | undefined;
  /** Leaves run one after another, like the SDK's leave mutex; joins wait for them too. */
  #leaveQueue: Promise<void> = Promise.resolve();
  #leavesInFlight = 0;

  constructor(options: FakeConnectionOptions) {
    this.#options = options;
    this.joinLatencyMs = checkedDelay(options.joinLatencyMs, "joinLatencyMs");
    this.leaveLatencyMs = checkedDelay(options.leaveLatencyMs, "leaveLatencyMs");
    this.joinAbortDelayMs = checkedDelay(options.joinAbortDelayMs, "joinAbortDelayMs");
  }

  get state(): ConnectionState {
    return this.#state;
  }

  get uid(): UID | undefined {
    return this.#uid;
  }

  get channelName(): string | undefined {
    return this.#channelName;
  }

  /** The token of the last join or renewToken accepted; `undefined` before any. */
  get token(): string | null | undefined {
    return this.#token;
  }

  /** Milliseconds in the channel (the SDK's `getInChannelInfo().duration`): the last session's after it ended. */
  get inChannelMs(): number {
    return this.#joinedAt === undefined ? this.#lastDurationMs : Date.now() - this.#joinedAt;
  }

  /** Whether a join is in flight (CONNECTING and not yet settled). */
  get hasPendingJoin(): boolean {
    return this.#pendingJoin !== undefined;
  }

  /** `client.join(...)`: the SDK's argument checks, then (after any leave in flight) the state check. */
  join(
    appid: string,
    channel: string,
    token: string | null,
    uid: UID | null | undefined,
    options: Parameters<FakeAgoraClient["join"]>[4],
  ): Promise<UID> {
    checkJoinArguments(appid, channel, token, uid, options);
    // The SDK's join waits for a leave in progress (its leave mutex), then checks the state.
    if (this.#leavesInFlight > 0) return this.#leaveQueue.then(() => this.#beginJoin(channel, token, uid));
    return this.#beginJoin(channel, token, uid);
  }

  /**
   * `client.renewToken(token)`, in the SDK's order: the token check (`PN(token, "token", 1, 2047)`),
   * then `_joinInfo` (a join that got its answer and no leave or drop since). It throws here; the
   * client's `async` wrapper makes that a rejection, as the SDK's `async renewToken` does. The
   * renewal itself is one gateway request: it resolves after `joinLatencyMs`.
   */
  renewToken(token: unknown): Promise<void> {
    checkString(token, "token", 1, 2047);
    if (!this.#joinInfo) {
      throw createAgoraRTCError("INVALID_OPERATION", "renewToken should not be called before user join");
    }
    // The SDK stores the new token before its request (and puts the old one back if it fails; the fake's never fails).
    this.#token = token as string;
    return delay(this.joinLatencyMs);
  }

  /** The gateway's `on_token_privilege_will_expire`: the SDK only re-emits it, as `token-privilege-will-expire`. */
  warnTokenExpiry(): void {
    this.#options.emit("token-privilege-will-expire");
  }

  /**
   * What the SDK does when its gateway says the token expired (`on_token_privilege_did_expire`):
   * `_gateway.leave(true, TOKEN_EXPIRE)`, which awaits nothing on this path, so DISCONNECTING and
   * DISCONNECTED (reason TOKEN_EXPIRE, after `_reset()`) are emitted synchronously; then
   * `token-privilege-did-expire`. A pending join (one driven to CONNECTED) stays pending, as on the SDK.
   */
  expireToken(): void {
    this.transition("DISCONNECTING");
    this.transition("DISCONNECTED", "TOKEN_EXPIRE");
    this.#options.emit("token-privilege-did-expire");
  }

  /**
   * `client.leave()`. `record` wraps the leave's promise (the call log); the join it cancelled
   * rejects after that wrapped promise settles, so a caller awaiting the leave sees it resolve
   * first, as with the real SDK (which rejects the join about a second later).
   */
  leave(record: (run: () => Promise<void>) => Promise<void>): Promise<void> {
    const failure = this.#leaveFailures.shift();
    if (failure) return record(() => delay(this.leaveLatencyMs).then(() => Promise.reject(failure)));

    // The SDK's leave() starts with _reset(), before waiting for anything: that forgets
    // setProxyServer, `_joinInfo` and the peer connection ("closed"), and cancels the pending
    // join's requests, even when already DISCONNECTED.
    this.#options.proxy.forgetProxyServer();
    this.#joinInfo = false;
    this.#options.peerConnection.close();
    const cancelled = this.#takePendingJoin();
    this.#leavesInFlight += 1;
    const run = this.#leaveQueue.then(async () => {
      try {
        if (this.#state === "DISCONNECTED") return;
        this.transition("DISCONNECTING");
        await delay(this.leaveLatencyMs);
        this.transition("DISCONNECTED", this.#signalConnected ? "LEAVE" : undefined);
      } finally {
        this.#leavesInFlight -= 1;
      }
    });
    this.#leaveQueue = run.catch(() => undefined);
    const settled = record(() => run);
    // Registered before the caller can await `settled`, so the caller sees the leave resolve first.
    if (cancelled) {
      const rejectCancelled = () => this.#rejectCancelledJoin(cancelled);
      settled.then(rejectCancelled, rejectCancelled);
    }
    return settled;
  }

  /** Moves to `next` and emits, as the SDK's gateway does: the session is reset before DISCONNECTED is announced. */
  transition(next: ConnectionState, reason?: DisconnectedReasonName): void {
    if (next === this.#state) return;
    const previous = this.#state;
    this.#state = next;
    if (next === "DISCONNECTED") this.#resetSession();
    // Always three arguments, like the SDK; the reason only comes with DISCONNECTED.
    this.#options.emit("connection-state-change", next, previous, next === "DISCONNECTED" ? reason : undefined);
  }

  /** Queues how a later join plays out (one plan per join, oldest first). */
  planNextJoin(plan: JoinPlan): void {
    this.#joinPlans.push(plan);
  }

  /** Queues a rejection for a later `leave()` (one per leave, oldest first). */
  failNextLeave(error: FakeAgoraRTCError): void {
    this.#leaveFailures.push(error);
  }

  /** Settles the join in flight now, whatever its latency or plan; does nothing when there is none. */
  settlePendingJoin(plan: Exclude<JoinPlan, { kind: "hang" }>): void {
    if (this.#pendingJoin) this.#finishJoin(this.#pendingJoin, plan);
  }

  /** What the SDK's `_reset()` clears: the session, and any `setProxyServer`. */
  #resetSession(): void {
    this.#uid = undefined;
    this.#channelName = undefined;
    this.#signalConnected = false;
    this.#joinInfo = false;
    if (this.#joinedAt !== undefined) this.#lastDurationMs = Date.now() - this.#joinedAt;
    this.#joinedAt = undefined;
    this.#options.peerConnection.close();
    this.#options.onReset();
    this.#options.proxy.forgetProxyServer();
  }

  #beginJoin(channel: string, token: string | null, uid: UID | null | undefined): Promise<UID> {
    if (this.#state !== "DISCONNECTED") {
      const message = `[${this.#options.clientId}] Client already in connecting/connected state`;
      return Promise.reject(createAgoraRTCError("INVALID_OPERATION", message));
    }
    this.#token = token;
    return new Promise<UID>((resolve, reject) => {
      const pending: PendingJoin = { channel, uid, resolve, reject };
      this.#pendingJoin = pending;
      this.transition("CONNECTING");
      // A CONNECTING listener may already have left; then there is nothing to schedule.
      if (this.#pendingJoin !== pending) return;
      const plan: JoinPlan =
        this.#joinPlans.shift() ?? (this.#options.offline ? { kind: "hang" } : { kind: "connect" });
      if (plan.kind !== "hang")
        pending.cancelTimer = schedule(this.joinLatencyMs, () => this.#finishJoin(pending, plan));
    });
  }

  #finishJoin(pending: PendingJoin, plan: Exclude<JoinPlan, { kind: "hang" }>): void {
    if (this.#pendingJoin !== pending) return;
    this.#pendingJoin = undefined;
    pending.cancelTimer?.();
    if (plan.kind === "fail") {
      this.transition("DISCONNECTED");
      pending.reject(plan.error);
      return;
    }
    this.#signalConnected = true;
    this.#joinInfo = true;
    // The SDK creates the peer connection while joining (the join request carries its ICE
    // parameters) and connects it once the gateway answered, published tracks or not.
    const { peerConnection, proxy } = this.#options;
    peerConnection.open(mediaRouteOf(proxy.cloudProxyServerMode));
    // As in the SDK, CONNECTED is announced before uid and channelName are set (agora-rtc-react's
    // useCurrentUID reads the uid in a setTimeout for this reason).
    this.transition("CONNECTED");
    this.#joinedAt = Date.now();
    const uid = pending.uid || this.#nextAssignedUid();
    this.#uid = uid;
    this.#channelName = pending.channel;
    pending.resolve(uid);
    this.#options.emit("is-using-cloud-proxy", proxy.cloudProxyServerMode !== "disabled");
    peerConnection.connect();
  }

  #takePendingJoin(): PendingJoin | undefined {
    const pending = this.#pendingJoin;
    if (!pending) return undefined;
    this.#pendingJoin = undefined;
    pending.cancelTimer?.();
    return pending;
  }

  #rejectCancelledJoin(pending: PendingJoin): void {
    const reject = () => pending.reject(createAgoraRTCError("OPERATION_ABORTED", "cancel token canceled"));
    if (this.joinAbortDelayMs > 0) setTimeout(reject, this.joinAbortDelayMs);
    else reject();
  }

  #nextAssignedUid(): UID {
    if (this.#options.assignedUid !== undefined) return this.#options.assignedUid;
    this.#assignedUidCount += 1;
    return 10_000 + this.#assignedUidCount;
  }
}
