import type { ConnectionState, IAgoraRTCClient, UID } from "agora-rtc-sdk-ng";
import { createStore, type StoreApi } from "zustand/vanilla";
import { CloudProxyError, sdkErrorCode } from "./CloudProxyError";
import {
  type CloudProxyMode,
  type CloudProxyModeInput,
  parseCloudProxyMode,
  readSdkProxyMode,
  toSdkProxyMode,
} from "./cloudProxyMode";
import { type CloudProxyState, proxyPhase } from "./cloudProxyState";
import { createGuardedClient } from "./createGuardedClient";
import { describeValue } from "./describeValue";
import { type CloudProxyJoinOptions, sameJoinOptions, validateJoinOptions } from "./joinOptions";
import { type ActualState, type DesiredState, type ModeChangePolicy, planNextStep, type Step } from "./planNextStep";
import { createSettleable, handledRejection, type Settleable } from "./settleable";
import { assertAgoraClient, claimClient, releaseClient } from "./clientRegistry";
import {
  type CloudProxyRoute,
  type RouteMemory,
  inMemoryRouteMemory,
  isNetworkJoinError,
  routeMode,
} from "./cloudProxyRoute";
import { createRouteTracker } from "./createRouteTracker";
import {
  cancelledError,
  connectionLostError,
  disposedError,
  joinFailedError,
  leaveFailedError,
  proxyError,
  unreachableError,
} from "./sessionErrors";
import { type CloudProxyHistoryEntry, type ReadableStore, createCloudProxyHistory } from "./cloudProxyHistory";

/**
 * Options of {@link createCloudProxySession}.
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
}

interface JoinIntent {
  readonly options: CloudProxyJoinOptions;
  readonly waiters: Settleable<UID>[];
}

interface Attempt {
  readonly intent: JoinIntent;
  settled: boolean;
  cancelled: boolean;
}

/**
 * Creates the session that owns `client`'s cloud proxy, join and leave. The desired mode
 * (default "udp") is set at once; the worker applies it on a microtask, so calls made in
 * the same tick (a React StrictMode mount/unmount/mount) are merged, never replayed.
 * Throws `INVALID_CLIENT`, `CLIENT_IN_USE` or `INVALID_MODE` synchronously.
 *
 * @example
 * ```ts
 * import AgoraRTC from "agora-rtc-sdk-ng";
 * import { createCloudProxySession } from "@agora-cloud-proxy/core";
 *
 * const session = createCloudProxySession(AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }), { mode: "tls" });
 * await session.join({ appid: APP_ID, channel: "support", token: TOKEN });
 * ```
 */
export function createCloudProxySession(
  client: IAgoraRTCClient,
  options: CloudProxySessionOptions = {},
): CloudProxySession {
  assertAgoraClient(client);
  const policy = parsePolicy(options.onModeChange);
  const initialMode = parseCloudProxyMode(options.mode === undefined ? "udp" : options.mode);
  const routes = createRouteTracker({
    fallbackAfterMs: options.fallbackAfterMs ?? 5_000,
    memory: options.routeMemory ?? inMemoryRouteMemory,
    ttlMs: options.routeTtlMs ?? 24 * 60 * 60 * 1_000,
  });
  let auto = initialMode === "auto";
  let desiredMode = initialMode === "auto" ? routes.begin() : initialMode;
  claimClient(client);

  let appliedMode: CloudProxyMode | null = readSdkProxyMode(client);
  let desiredJoin: JoinIntent | null = null;
  let attempt: Attempt | null = null;
  let uid: UID | null = null;
  let usingCloudProxy: boolean | null = null;
  let lastError: CloudProxyError | null = null;
  let leavingNow = false;
  let disposeLeaveFailures = 0;
  let disposed = false;
  let finished = false;
  const proxyWaiters: { mode: CloudProxyMode | null; settle: Settleable<void> }[] = [];
  const leaveWaiters: Settleable<void>[] = [];
  const disposal = createSettleable<void>();

  const connectionState = (): ConnectionState => client.connectionState;
  const connected = (): boolean => attempt !== null && attempt.settled && connectionState() === "CONNECTED";

  const store = createStore<CloudProxyState>()(() => snapshot());
  const history = createCloudProxyHistory();

  function snapshot(): CloudProxyState {
    return {
      proxy: proxyPhase(appliedMode, desiredMode),
      mode: appliedMode,
      desiredMode,
      connectionState: connectionState(),
      usingCloudProxy,
      joinRequested: desiredJoin !== null,
      uid,
      error: lastError,
      route: routes.route,
      attempts: routes.attempts,
      disposed: finished,
    };
  }

  /** Publishes only real changes, so selectors and React consumers see no empty updates. */
  function publish(): void {
    const current = store.getState();
    // Compared field by field before building a new state: this runs after every step.
    if (
      current.mode === appliedMode &&
      current.desiredMode === desiredMode &&
      current.connectionState === connectionState() &&
      current.usingCloudProxy === usingCloudProxy &&
      current.joinRequested === (desiredJoin !== null) &&
      current.uid === uid &&
      current.error === lastError &&
      current.route === routes.route &&
      current.attempts === routes.attempts &&
      current.disposed === finished
    ) {
      return;
    }
    const next = snapshot();
    store.setState(next, true);
    if (next.route !== current.route && options.onRouteChange) {
      const onRouteChange = options.onRouteChange;
      queueMicrotask(() => onRouteChange(next.route));
    }
  }

  function fail(error: CloudProxyError): CloudProxyError {
    lastError = error;
    if (options.onError) {
      const onError = options.onError;
      // A throwing callback must not break the worker; it still surfaces as an uncaught error.
      queueMicrotask(() => onError(error));
    }
    return error;
  }

  // ---- the worker: one at a time, on a microtask, over the latest desired state ----
  let scheduled = false;
  let running = false;

  function kick(): void {
    publish();
    if (scheduled || running) {
      scheduled = true;
      return;
    }
    scheduled = true;
    // A promise job rather than queueMicrotask: same timing, and Node wraps the latter in an AsyncResource.
    void Promise.resolve().then(run);
  }

  async function run(): Promise<void> {
    running = true;
    while (scheduled) {
      scheduled = false;
      for (let step = nextStep(); step; step = nextStep()) {
        const pending = perform(step);
        if (pending) await pending; // only leave() is asynchronous; the rest stays on this tick
        publish();
      }
      settleWaiters();
      publish();
    }
    running = false;
  }

  // Reused views of the state for the planner: the worker asks it after every step.
  const desiredView: DesiredState<JoinIntent> = { mode: null, join: null };
  const actualView: ActualState<JoinIntent> = {
    mode: null,
    connectionState: "DISCONNECTED",
    attempt: null,
    joinInFlight: false,
  };

  function nextStep(): Step<JoinIntent> | null {
    if (finished) return null; // a finished session (even one whose leave failed) never touches the client again
    desiredView.mode = desiredMode;
    desiredView.join = desiredJoin;
    actualView.mode = appliedMode;
    actualView.connectionState = connectionState();
    actualView.attempt = attempt?.intent ?? null;
    actualView.joinInFlight = attempt !== null && !attempt.settled;
    return planNextStep(desiredView, actualView, auto ? "rejoin" : policy); // an escalation must leave the route that failed
  }

  function perform(step: Step<JoinIntent>): Promise<void> | void {
    switch (step.kind) {
      case "startProxy":
        history.add("call", "startProxyServer", String(toSdkProxyMode(step.mode)));
        return applyProxy(step.mode, () => client.startProxyServer(toSdkProxyMode(step.mode)));
      case "stopProxy":
        history.add("call", "stopProxyServer");
        return applyProxy(null, () => client.stopProxyServer());
      case "join":
        return startJoin(step.intent);
      case "leave":
        return leave();
    }
  }

  function applyProxy(mode: CloudProxyMode | null, call: () => void): void {
    try {
      call();
      appliedMode = mode;
    } catch (cause) {
      history.add("result", mode === null ? "stopProxyServer" : "startProxyServer", sdkErrorCode(cause) ?? "error");
      const error = fail(proxyError(mode !== null, cause));
      // The wanted mode can't be had: fall back to what the SDK runs, and never let a
      // waiting join go ahead without the proxy it was promised.
      desiredMode = appliedMode;
      settleAll(
        proxyWaiters.splice(0).map((waiter) => waiter.settle),
        error,
      );
      if (desiredJoin && attempt?.intent !== desiredJoin) {
        settleAll(desiredJoin.waiters.splice(0), error);
        desiredJoin = null;
      }
    }
  }

  function startJoin(intent: JoinIntent): void {
    const current: Attempt = { intent, settled: false, cancelled: false };
    attempt = current;
    routes.started(appliedMode, auto ? () => onRouteTimeout(current) : null);
    history.add("call", "join", routes.route);
    const { appid, channel, token, uid: wantedUid } = intent.options;
    let pending: Promise<UID>;
    try {
      pending = client.join(appid, channel, token ?? null, wantedUid ?? null);
    } catch (cause) {
      pending = Promise.reject(cause);
    }
    pending.then(
      (joinedUid) => {
        current.settled = true;
        history.add("result", "join", "ok");
        if (attempt === current) {
          uid = joinedUid;
          routes.connected(auto);
        }
        kick();
      },
      (cause: unknown) => {
        current.settled = true;
        history.add("result", "join", sdkErrorCode(cause) ?? "error");
        // A join we cancelled with leave() rejects OPERATION_ABORTED: that is the plan working.
        if (attempt === current && !current.cancelled) {
          attempt = null;
          routes.ended("failed", sdkErrorCode(cause) ?? null);
          if (auto && desiredJoin === intent && isNetworkJoinError(cause)) return escalate(intent);
          const error = fail(joinFailedError(cause));
          if (desiredJoin === intent) {
            settleAll(intent.waiters.splice(0), error);
            desiredJoin = null;
          }
        }
        kick();
      },
    );
  }

  /** Auto mode: the route in flight did not connect in time; the next one gets its chance. */
  function onRouteTimeout(timedOut: Attempt): void {
    if (attempt !== timedOut || timedOut.settled || !auto) return;
    routes.ended("timeout", null);
    escalate(timedOut.intent);
  }

  /** Auto mode: move the desired proxy to the next route (the worker leaves and rejoins), or give up. */
  function escalate(intent: JoinIntent): void {
    const next = routes.next();
    if (next !== null) {
      desiredMode = routeMode(next);
    } else if (desiredJoin === intent) {
      const tried = routes.attempts;
      const error = fail(unreachableError(tried));
      settleAll(intent.waiters.splice(0), error);
      desiredJoin = null;
    }
    kick();
  }

  async function leave(): Promise<void> {
    const leaving = attempt;
    if (leaving && !leaving.settled) leaving.cancelled = true;
    routes.ended("cancelled", null);
    leavingNow = true;
    history.add("call", "leave");
    try {
      await client.leave();
      history.add("result", "leave", "ok");
      forgetConnection();
    } catch (cause) {
      history.add("result", "leave", sdkErrorCode(cause) ?? "error");
      if (connectionState() === "DISCONNECTED") return forgetConnection();
      // While disposing, one retry: giving up means a proxy left running on the client.
      disposeLeaveFailures += disposed ? 1 : 0;
      if (disposed && disposeLeaveFailures < 2) return;
      const error = fail(leaveFailedError(cause));
      settleAll(leaveWaiters.splice(0), error);
      if (disposed) return finish(error);
      // The SDK is still in the channel: the desired state falls back to that, so the worker
      // does not retry on its own and the store tells the truth. A new request tries again.
      if (leaving) leaving.cancelled = false;
      if (desiredJoin !== (leaving?.intent ?? null)) {
        if (desiredJoin) settleAll(desiredJoin.waiters.splice(0), error);
        desiredJoin = leaving?.intent ?? null;
      }
      if (desiredMode !== appliedMode) {
        settleAll(
          proxyWaiters.splice(0).map((waiter) => waiter.settle),
          error,
        );
        desiredMode = appliedMode;
      }
    } finally {
      leavingNow = false;
    }
  }

  function forgetConnection(): void {
    attempt = null;
    routes.ended("cancelled", null);
    uid = null;
    usingCloudProxy = null;
  }

  function settleWaiters(): void {
    const state = connectionState();
    if (desiredJoin && connected() && attempt?.intent === desiredJoin && uid !== null) {
      for (const waiter of desiredJoin.waiters.splice(0)) waiter.resolve(uid);
    }
    const left = state === "DISCONNECTED" && attempt === null;
    if (desiredJoin === null && left) {
      for (const waiter of leaveWaiters.splice(0)) waiter.resolve();
    }
    const joinSettled = desiredJoin === null || (connected() && attempt?.intent === desiredJoin);
    if (appliedMode === desiredMode && joinSettled) {
      for (const { settle } of proxyWaiters.splice(0)) settle.resolve();
    }
    if (disposed && left && appliedMode === null) finish(null);
  }

  function finish(error: CloudProxyError | null): void {
    if (finished) return;
    finished = true;
    routes.stop();
    client.off("connection-state-change", onConnectionStateChange);
    client.off("is-using-cloud-proxy", onUsingCloudProxy);
    releaseClient(client);
    if (error) disposal.reject(error);
    else disposal.resolve();
    for (const waiter of leaveWaiters.splice(0)) waiter.resolve();
    publish();
  }

  // ---- SDK events ----
  function onConnectionStateChange(current: ConnectionState, _previous: ConnectionState, reason?: string): void {
    history.add("state", current, reason ?? null);
    if (current === "DISCONNECTED" && !leavingNow && attempt?.settled && !attempt.cancelled) {
      // The SDK gave up on its own (network lost, kicked, banned): don't rejoin behind the
      // user's back, and say why.
      const lost = attempt.intent;
      attempt = null;
      uid = null;
      usingCloudProxy = null;
      if (desiredJoin === lost) {
        desiredJoin = null;
        fail(connectionLostError(reason));
      }
    }
    kick();
  }

  function onUsingCloudProxy(using: boolean): void {
    usingCloudProxy = using;
    publish();
  }

  client.on("connection-state-change", onConnectionStateChange);
  client.on("is-using-cloud-proxy", onUsingCloudProxy);

  // ---- requests: each one only changes the desired state and wakes the worker ----
  function join(rawOptions: CloudProxyJoinOptions): Promise<UID> {
    if (disposed) return handledRejection(disposedError("join()"));
    let joinOptions: CloudProxyJoinOptions;
    try {
      joinOptions = validateJoinOptions(rawOptions);
    } catch (error) {
      fail(error as CloudProxyError);
      publish();
      return handledRejection(error);
    }
    lastError = null;
    if (!desiredJoin || !sameJoinOptions(desiredJoin.options, joinOptions)) {
      if (desiredJoin) cancel(desiredJoin.waiters.splice(0), "join() was replaced by a join() with other options");
      // leave() then join() with the options of the connection the SDK has (or is making), before
      // the worker left: keep that connection. agora-rtc-react's useJoin does exactly this when
      // StrictMode replays its effect after the join resolved.
      const current = attempt !== null && !attempt.cancelled && sameJoinOptions(attempt.intent.options, joinOptions);
      desiredJoin = current && attempt ? attempt.intent : { options: joinOptions, waiters: [] };
      if (!current) {
        // Attempts are per join request; in auto mode it escalates from the start (the remembered route).
        const firstRouteMode = routes.begin();
        if (auto) desiredMode = firstRouteMode;
      }
    }
    cancel(leaveWaiters.splice(0), "leave() was replaced by a join() before the SDK left");
    const waiter = createSettleable<UID>();
    desiredJoin.waiters.push(waiter);
    kick();
    return waiter.promise;
  }

  function leaveChannel(): Promise<void> {
    if (disposed) return disposal.promise.catch(() => {});
    if (desiredJoin) {
      cancel(desiredJoin.waiters.splice(0), "join() was cancelled by leave() before the SDK connected");
      desiredJoin = null;
    }
    const waiter = createSettleable<void>();
    leaveWaiters.push(waiter);
    kick();
    return waiter.promise;
  }

  function setProxy(input: CloudProxyModeInput): Promise<void> {
    const mode = parseCloudProxyMode(input);
    if (disposed) {
      return mode === null ? disposal.promise.catch(() => {}) : handledRejection(disposedError("setProxy()"));
    }
    lastError = null;
    const wanted = mode !== "auto" ? mode : auto ? desiredMode : routes.begin();
    auto = mode === "auto";
    if (wanted !== desiredMode) {
      cancel(
        proxyWaiters.splice(0).map((waiter) => waiter.settle),
        "setProxy() was replaced by another setProxy() before the SDK applied it",
      );
      desiredMode = wanted;
    }
    const waiter = createSettleable<void>();
    proxyWaiters.push({ mode: wanted, settle: waiter });
    kick();
    return waiter.promise;
  }

  function dispose(): Promise<void> {
    if (!disposed) {
      disposed = true;
      const pending = [
        ...(desiredJoin?.waiters.splice(0) ?? []),
        ...proxyWaiters
          .splice(0)
          .filter((waiter) => waiter.mode !== null)
          .map((waiter) => waiter.settle),
      ];
      // Errors capture a stack trace: only build one when someone is waiting for it.
      if (pending.length > 0) settleAll(pending, disposedError("A pending request"));
      desiredJoin = null;
      desiredMode = null;
      auto = false;
      routes.stop();
      kick();
    }
    return disposal.promise;
  }

  let guardedClient: IAgoraRTCClient | undefined;
  const session: CloudProxySession = {
    // Built on first use: a session driven only through join/leave/setProxy never needs it.
    get client() {
      guardedClient ??= createGuardedClient(client, {
        join,
        leave: leaveChannel,
        setProxy,
        isDisposed: () => disposed,
      });
      return guardedClient;
    },
    store,
    history: history.store,
    join,
    leave: leaveChannel,
    setProxy,
    dispose,
  };
  kick();
  return session;
}

function settleAll(waiters: { reject(error: unknown): void }[], error: unknown): void {
  for (const waiter of waiters) waiter.reject(error);
}

function cancel(waiters: { reject(error: unknown): void }[], what: string): void {
  if (waiters.length === 0) return;
  settleAll(waiters, cancelledError(what));
}

function parsePolicy(policy: unknown): ModeChangePolicy {
  if (policy === undefined || policy === "rejoin" || policy === "defer") return policy ?? "rejoin";
  throw new CloudProxyError(
    "INVALID_MODE",
    `Invalid onModeChange ${describeValue(policy)}. Use "rejoin" (default) or "defer".`,
  );
}
