import type { ConnectionState, UID } from "agora-rtc-sdk-ng";
import { createAgoraRTCError, type FakeAgoraRTCError } from "./agoraRTCError";
import type { DisconnectedReasonName } from "./fakeAgoraController";
import type { FakeAgoraClient } from "./fakeAgoraClient";
import type { ProxySettings } from "./proxySettings";
import { checkJoinArguments } from "./sdkParameterChecks";
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
    if (this.#leavesInFlight > 0) return this.#leaveQueue.then(() => this.#beginJoin(channel, uid));
    return this.#beginJoin(channel, uid);
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
    // setProxyServer and cancels the pending join's requests, even when already DISCONNECTED.
    this.#options.proxy.forgetProxyServer();
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
    this.#options.onReset();
    this.#options.proxy.forgetProxyServer();
  }

  #beginJoin(channel: string, uid: UID | null | undefined): Promise<UID> {
    if (this.#state !== "DISCONNECTED") {
      const message = `[${this.#options.clientId}] Client already in connecting/connected state`;
      return Promise.reject(createAgoraRTCError("INVALID_OPERATION", message));
    }
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
    // As in the SDK, CONNECTED is announced before uid and channelName are set (agora-rtc-react's
    // useCurrentUID reads the uid in a setTimeout for this reason).
    this.transition("CONNECTED");
    const uid = pending.uid || this.#nextAssignedUid();
    this.#uid = uid;
    this.#channelName = pending.channel;
    pending.resolve(uid);
    this.#options.emit("is-using-cloud-proxy", this.#options.proxy.cloudProxyServerMode !== "disabled");
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
