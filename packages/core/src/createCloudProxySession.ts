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
import { Settleable, handledRejection, noop, rejectAll, resolveAll } from "./settleable";
import { assertAgoraClient, claimClient, releaseClient } from "./clientRegistry";
import { inMemoryRouteMemory, isNetworkJoinError, routeMode } from "./cloudProxyRoute";
import { type RouteTracker, createRouteTracker } from "./createRouteTracker";
import {
  cancelledError,
  connectionLostError,
  disposedError,
  joinFailedError,
  leaveFailedError,
  proxyError,
  unreachableError,
} from "./sessionErrors";
import { type CloudProxyHistoryEntry, type ReadableStore, CloudProxyHistory } from "./cloudProxyHistory";
import type { CloudProxySession, CloudProxySessionOptions } from "./cloudProxySession";

interface JoinIntent {
  readonly options: CloudProxyJoinOptions;
  readonly waiters: Settleable<UID>[];
}

interface Attempt {
  readonly intent: JoinIntent;
  settled: boolean;
  cancelled: boolean;
}

/** A setProxy() waiting for its mode: "off" ones outlive dispose, which stops the proxy anyway. */
class ProxyWaiter extends Settleable<void> {
  constructor(readonly mode: CloudProxyMode | null) {
    super();
  }
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
  return new Session(client, options);
}

// A class, not a closure: the methods live once on the prototype, so a session costs one
// object and a few bound callbacks (benchmark 1 keeps it within 1.5x of bare SDK calls).
class Session implements CloudProxySession {
  readonly store: StoreApi<CloudProxyState>;
  // `this: void` methods: bound once, so `const { join, leave } = session` works.
  readonly join = (options: CloudProxyJoinOptions): Promise<UID> => this.#join(options);
  readonly leave = (): Promise<void> => this.#leaveChannel();
  readonly setProxy = (mode: CloudProxyModeInput): Promise<void> => this.#setProxy(mode);
  readonly dispose = (): Promise<void> => this.#dispose();

  readonly #client: IAgoraRTCClient;
  readonly #options: CloudProxySessionOptions;
  readonly #policy: ModeChangePolicy;
  readonly #routes: RouteTracker;
  readonly #history = new CloudProxyHistory();
  #guardedClient: IAgoraRTCClient | undefined;

  #auto: boolean;
  #desiredMode: CloudProxyMode | null;
  #appliedMode: CloudProxyMode | null;
  #desiredJoin: JoinIntent | null = null;
  #attempt: Attempt | null = null;
  #uid: UID | null = null;
  #usingCloudProxy: boolean | null = null;
  #lastError: CloudProxyError | null = null;
  #leavingNow = false;
  #leaving: Attempt | null = null;
  #disposeLeaveFailures = 0;
  #disposed = false;
  #finished = false;
  #proxyWaiters: ProxyWaiter[] = [];
  #leaveWaiters: Settleable<void>[] = [];
  #disposal: Settleable<void> | undefined;

  // The worker: one run at a time, on a microtask, over the latest desired state.
  #scheduled = false;
  #running = false;

  constructor(client: IAgoraRTCClient, options: CloudProxySessionOptions) {
    assertAgoraClient(client);
    this.#policy = parsePolicy(options.onModeChange);
    const initialMode = parseCloudProxyMode(options.mode === undefined ? "udp" : options.mode);
    this.#routes = createRouteTracker({
      fallbackAfterMs: options.fallbackAfterMs ?? 5_000,
      memory: options.routeMemory ?? inMemoryRouteMemory,
      ttlMs: options.routeTtlMs ?? 24 * 60 * 60 * 1_000,
    });
    this.#auto = initialMode === "auto";
    this.#desiredMode = initialMode === "auto" ? this.#routes.plan() : initialMode;
    claimClient(client);
    this.#client = client;
    this.#options = options;
    this.#appliedMode = readSdkProxyMode(client);
    this.store = createStore<CloudProxyState>()(() => this.#snapshot());
    client.on("connection-state-change", this.#onConnectionStateChange);
    client.on("is-using-cloud-proxy", this.#onUsingCloudProxy);
    this.#kick();
  }

  // Built on first use: a session driven only through join/leave/setProxy never needs it.
  get client(): IAgoraRTCClient {
    return (this.#guardedClient ??= createGuardedClient(this.#client, {
      join: this.join,
      leave: this.leave,
      setProxy: this.setProxy,
      isDisposed: () => this.#disposed,
    }));
  }

  get history(): ReadableStore<readonly CloudProxyHistoryEntry[]> {
    return this.#history.store;
  }

  // ---- requests: each one only changes the desired state and wakes the worker ----

  #join(rawOptions: CloudProxyJoinOptions): Promise<UID> {
    if (this.#disposed) return handledRejection(disposedError("join()"));
    let joinOptions: CloudProxyJoinOptions;
    try {
      joinOptions = validateJoinOptions(rawOptions);
    } catch (error) {
      this.#fail(error as CloudProxyError);
      this.#publish();
      return handledRejection(error);
    }
    this.#lastError = null;
    let desiredJoin = this.#desiredJoin;
    if (!desiredJoin || !sameJoinOptions(desiredJoin.options, joinOptions)) {
      if (desiredJoin) cancel(desiredJoin.waiters, "join() was replaced by a join() with other options");
      // leave() then join() with the options of the connection the SDK has (or is making), before
      // the worker left: keep that connection. agora-rtc-react's useJoin does exactly this when
      // StrictMode replays its effect after the join resolved.
      const attempt = this.#attempt;
      const current = attempt !== null && !attempt.cancelled && sameJoinOptions(attempt.intent.options, joinOptions);
      desiredJoin = current ? attempt.intent : { options: joinOptions, waiters: [] };
      this.#desiredJoin = desiredJoin;
      if (!current) {
        // Attempts are per join request; in auto mode it escalates from the start (the remembered route).
        this.#routes.begin();
        if (this.#auto) this.#desiredMode = this.#routes.plan();
      }
    }
    cancel(this.#leaveWaiters, "leave() was replaced by a join() before the SDK left");
    const waiter = new Settleable<UID>();
    desiredJoin.waiters.push(waiter);
    this.#kick();
    return waiter.promise;
  }

  #leaveChannel(): Promise<void> {
    if (this.#disposed) return this.#disposalPromise().catch(noop);
    if (this.#desiredJoin) {
      cancel(this.#desiredJoin.waiters, "join() was cancelled by leave() before the SDK connected");
      this.#desiredJoin = null;
    }
    const waiter = new Settleable<void>();
    this.#leaveWaiters.push(waiter);
    this.#kick();
    return waiter.promise;
  }

  #setProxy(input: CloudProxyModeInput): Promise<void> {
    const mode = parseCloudProxyMode(input);
    if (this.#disposed) {
      return mode === null ? this.#disposalPromise().catch(noop) : handledRejection(disposedError("setProxy()"));
    }
    this.#lastError = null;
    const wanted = mode !== "auto" ? mode : this.#auto ? this.#desiredMode : this.#replan();
    this.#auto = mode === "auto";
    if (wanted !== this.#desiredMode) {
      cancel(this.#proxyWaiters, "setProxy() was replaced by another setProxy() before the SDK applied it");
      this.#desiredMode = wanted;
    }
    const waiter = new ProxyWaiter(wanted);
    this.#proxyWaiters.push(waiter);
    this.#kick();
    return waiter.promise;
  }

  /** Auto mode switched on: the join request starts over from the first planned route. */
  #replan(): CloudProxyMode | null {
    this.#routes.begin();
    return this.#routes.plan();
  }

  #dispose(): Promise<void> {
    if (!this.#disposed) {
      this.#disposed = true;
      // setProxy("off") calls stay: dispose stops the proxy, which is what they asked for.
      const refused: { reject(error: unknown): void }[] = this.#desiredJoin?.waiters.splice(0) ?? [];
      const kept: ProxyWaiter[] = [];
      for (const waiter of this.#proxyWaiters) (waiter.mode === null ? kept : refused).push(waiter);
      this.#proxyWaiters = kept;
      // Errors capture a stack trace: only build one when someone is waiting for it.
      if (refused.length > 0) rejectAll(refused, disposedError("A pending request"));
      this.#desiredJoin = null;
      this.#desiredMode = null;
      this.#auto = false;
      this.#routes.stop();
      this.#kick();
    }
    return this.#disposalPromise();
  }

  #disposalPromise(): Promise<void> {
    return (this.#disposal ??= new Settleable<void>()).promise;
  }

  // ---- state ----

  #snapshot(): CloudProxyState {
    return {
      proxy: proxyPhase(this.#appliedMode, this.#desiredMode),
      mode: this.#appliedMode,
      desiredMode: this.#desiredMode,
      connectionState: this.#client.connectionState,
      usingCloudProxy: this.#usingCloudProxy,
      joinRequested: this.#desiredJoin !== null,
      uid: this.#uid,
      error: this.#lastError,
      route: this.#routes.route,
      attempts: this.#routes.attempts,
      disposed: this.#finished,
    };
  }

  /** Publishes only real changes, so selectors and React consumers see no empty updates. */
  #publish(): void {
    const current = this.store.getState();
    // Compared field by field before building a new state: this runs after every step.
    if (
      current.mode === this.#appliedMode &&
      current.desiredMode === this.#desiredMode &&
      current.connectionState === this.#client.connectionState &&
      current.usingCloudProxy === this.#usingCloudProxy &&
      current.joinRequested === (this.#desiredJoin !== null) &&
      current.uid === this.#uid &&
      current.error === this.#lastError &&
      current.route === this.#routes.route &&
      current.attempts === this.#routes.attempts &&
      current.disposed === this.#finished
    ) {
      return;
    }
    const next = this.#snapshot();
    this.store.setState(next, true);
    const onRouteChange = this.#options.onRouteChange;
    if (next.route !== current.route && onRouteChange) queueMicrotask(() => onRouteChange(next.route));
  }

  #fail(error: CloudProxyError): CloudProxyError {
    this.#lastError = error;
    const onError = this.#options.onError;
    // A throwing callback must not break the worker; it still surfaces as an uncaught error.
    if (onError) queueMicrotask(() => onError(error));
    return error;
  }

  // ---- the worker ----

  #kick(): void {
    this.#publish();
    if (this.#scheduled || this.#running) {
      this.#scheduled = true;
      return;
    }
    this.#scheduled = true;
    // A promise job rather than queueMicrotask: same timing, and Node wraps the latter in an AsyncResource.
    void RESOLVED.then(this.#run);
  }

  readonly #run = (): void => {
    this.#scheduled = false;
    this.#loop();
  };

  readonly #resume = (): void => {
    this.#publish();
    this.#loop();
  };

  /** Steps until the SDK matches the desired state; only leave() is asynchronous, and is waited for. */
  #loop(): void {
    this.#running = true;
    for (;;) {
      for (let step = this.#nextStep(); step; step = this.#nextStep()) {
        const pending = this.#perform(step);
        if (pending) {
          void pending.then(this.#resume, this.#resume);
          return;
        }
        this.#publish();
      }
      this.#settleWaiters();
      this.#publish();
      if (!this.#scheduled) break;
      this.#scheduled = false;
    }
    this.#running = false;
  }

  #connected(): boolean {
    const attempt = this.#attempt;
    return attempt !== null && attempt.settled && this.#client.connectionState === "CONNECTED";
  }

  #nextStep(): Step<JoinIntent> | null {
    if (this.#finished) return null; // a finished session (even one whose leave failed) never touches the client again
    const desired = DESIRED_VIEW;
    const actual = ACTUAL_VIEW;
    desired.mode = this.#desiredMode;
    desired.join = this.#desiredJoin;
    actual.mode = this.#appliedMode;
    actual.connectionState = this.#client.connectionState;
    actual.attempt = this.#attempt?.intent ?? null;
    actual.joinInFlight = this.#attempt !== null && !this.#attempt.settled;
    return planNextStep(desired, actual, this.#auto ? "rejoin" : this.#policy); // an escalation must leave the route that failed
  }

  #perform(step: Step<JoinIntent>): Promise<void> | void {
    switch (step.kind) {
      case "startProxy": {
        const sdkMode = toSdkProxyMode(step.mode);
        this.#history.add("call", "startProxyServer", sdkMode === 3 ? "3" : "5");
        return this.#applyProxy(step.mode, sdkMode);
      }
      case "stopProxy":
        this.#history.add("call", "stopProxyServer");
        return this.#applyProxy(null, null);
      case "join":
        return this.#startJoin(step.intent);
      case "leave":
        return this.#leave();
    }
  }

  #applyProxy(mode: CloudProxyMode | null, sdkMode: 3 | 5 | null): void {
    try {
      if (sdkMode === null) this.#client.stopProxyServer();
      else this.#client.startProxyServer(sdkMode);
      this.#appliedMode = mode;
    } catch (cause) {
      this.#history.add(
        "result",
        mode === null ? "stopProxyServer" : "startProxyServer",
        sdkErrorCode(cause) ?? "error",
      );
      const error = this.#fail(proxyError(mode !== null, cause));
      // The wanted mode can't be had: fall back to what the SDK runs, and never let a
      // waiting join go ahead without the proxy it was promised.
      this.#desiredMode = this.#appliedMode;
      rejectAll(this.#proxyWaiters, error);
      const desiredJoin = this.#desiredJoin;
      if (desiredJoin && this.#attempt?.intent !== desiredJoin) {
        rejectAll(desiredJoin.waiters, error);
        this.#desiredJoin = null;
      }
    }
  }

  #startJoin(intent: JoinIntent): void {
    const current: Attempt = { intent, settled: false, cancelled: false };
    this.#attempt = current;
    this.#routes.started(this.#appliedMode, this.#auto ? () => this.#onRouteTimeout(current) : null);
    this.#history.add("call", "join", this.#routes.route);
    const { appid, channel, token, uid } = intent.options;
    let pending: Promise<UID>;
    try {
      pending = this.#client.join(appid, channel, token ?? null, uid ?? null);
    } catch (cause) {
      pending = Promise.reject(cause);
    }
    pending.then(
      (joinedUid) => this.#joined(current, joinedUid),
      (cause: unknown) => this.#joinFailed(current, cause),
    );
  }

  #joined(current: Attempt, joinedUid: UID): void {
    current.settled = true;
    this.#history.add("result", "join", "ok");
    if (this.#attempt === current) {
      this.#uid = joinedUid;
      this.#routes.connected(this.#auto);
    }
    this.#kick();
  }

  #joinFailed(current: Attempt, cause: unknown): void {
    current.settled = true;
    this.#history.add("result", "join", sdkErrorCode(cause) ?? "error");
    // A join we cancelled with leave() rejects OPERATION_ABORTED: that is the plan working.
    if (this.#attempt === current && !current.cancelled) {
      const intent = current.intent;
      this.#attempt = null;
      this.#routes.ended("failed", sdkErrorCode(cause) ?? null);
      if (this.#auto && this.#desiredJoin === intent && isNetworkJoinError(cause)) return this.#escalate(intent);
      const error = this.#fail(joinFailedError(cause));
      if (this.#desiredJoin === intent) {
        rejectAll(intent.waiters, error);
        this.#desiredJoin = null;
      }
    }
    this.#kick();
  }

  /** Auto mode: the route in flight did not connect in time; the next one gets its chance. */
  #onRouteTimeout(timedOut: Attempt): void {
    if (this.#attempt !== timedOut || timedOut.settled || !this.#auto) return;
    this.#routes.ended("timeout", null);
    this.#escalate(timedOut.intent);
  }

  /** Auto mode: move the desired proxy to the next route (the worker leaves and rejoins), or give up. */
  #escalate(intent: JoinIntent): void {
    const next = this.#routes.next();
    if (next !== null) {
      this.#desiredMode = routeMode(next);
    } else if (this.#desiredJoin === intent) {
      const error = this.#fail(unreachableError(this.#routes.attempts));
      rejectAll(intent.waiters, error);
      this.#desiredJoin = null;
    }
    this.#kick();
  }

  #leave(): Promise<void> {
    const leaving = this.#attempt;
    if (leaving && !leaving.settled) leaving.cancelled = true;
    this.#leaving = leaving;
    this.#routes.ended("cancelled", null);
    this.#leavingNow = true;
    this.#history.add("call", "leave");
    let pending: Promise<void>;
    try {
      pending = this.#client.leave();
    } catch (cause) {
      pending = Promise.reject(cause);
    }
    return pending.then(this.#left, this.#leaveFailed);
  }

  readonly #left = (): void => {
    this.#leavingNow = false;
    this.#history.add("result", "leave", "ok");
    this.#forgetConnection();
  };

  readonly #leaveFailed = (cause: unknown): void => {
    this.#leavingNow = false;
    this.#history.add("result", "leave", sdkErrorCode(cause) ?? "error");
    if (this.#client.connectionState === "DISCONNECTED") return this.#forgetConnection();
    // While disposing, one retry: giving up means a proxy left running on the client.
    const disposed = this.#disposed;
    this.#disposeLeaveFailures += disposed ? 1 : 0;
    if (disposed && this.#disposeLeaveFailures < 2) return;
    const error = this.#fail(leaveFailedError(cause));
    rejectAll(this.#leaveWaiters, error);
    if (disposed) return this.#finish(error);
    // The SDK is still in the channel: the desired state falls back to that, so the worker
    // does not retry on its own and the store tells the truth. A new request tries again.
    const leaving = this.#leaving;
    if (leaving) leaving.cancelled = false;
    const stillJoined = leaving?.intent ?? null;
    if (this.#desiredJoin !== stillJoined) {
      if (this.#desiredJoin) rejectAll(this.#desiredJoin.waiters, error);
      this.#desiredJoin = stillJoined;
    }
    if (this.#desiredMode !== this.#appliedMode) {
      rejectAll(this.#proxyWaiters, error);
      this.#desiredMode = this.#appliedMode;
    }
  };

  #forgetConnection(): void {
    this.#attempt = null;
    this.#routes.ended("cancelled", null);
    this.#uid = null;
    this.#usingCloudProxy = null;
  }

  #settleWaiters(): void {
    const desiredJoin = this.#desiredJoin;
    const joinedDesired = desiredJoin !== null && this.#connected() && this.#attempt?.intent === desiredJoin;
    if (joinedDesired && this.#uid !== null) resolveAll(desiredJoin.waiters, this.#uid);
    const left = this.#client.connectionState === "DISCONNECTED" && this.#attempt === null;
    if (desiredJoin === null && left) resolveAll(this.#leaveWaiters, undefined);
    if (this.#appliedMode === this.#desiredMode && (desiredJoin === null || joinedDesired)) {
      resolveAll(this.#proxyWaiters, undefined);
    }
    if (this.#disposed && left && this.#appliedMode === null) this.#finish(null);
  }

  #finish(error: CloudProxyError | null): void {
    if (this.#finished) return;
    this.#finished = true;
    this.#routes.stop();
    this.#client.off("connection-state-change", this.#onConnectionStateChange);
    this.#client.off("is-using-cloud-proxy", this.#onUsingCloudProxy);
    releaseClient(this.#client);
    const disposal = (this.#disposal ??= new Settleable<void>());
    if (error) {
      disposal.reject(error);
      rejectAll(this.#proxyWaiters, error); // setProxy("off") calls that dispose could not honour
    } else {
      disposal.resolve();
    }
    resolveAll(this.#leaveWaiters, undefined);
    this.#publish();
  }

  // ---- SDK events ----

  readonly #onConnectionStateChange = (current: ConnectionState, _previous: ConnectionState, reason?: string): void => {
    this.#history.add("state", current, reason ?? null);
    const attempt = this.#attempt;
    if (current === "DISCONNECTED" && !this.#leavingNow && attempt?.settled && !attempt.cancelled) {
      // The SDK gave up on its own (network lost, kicked, banned): don't rejoin behind the
      // user's back, and say why.
      this.#attempt = null;
      this.#uid = null;
      this.#usingCloudProxy = null;
      if (this.#desiredJoin === attempt.intent) {
        this.#desiredJoin = null;
        this.#fail(connectionLostError(reason));
      }
    }
    this.#kick();
  };

  readonly #onUsingCloudProxy = (using: boolean): void => {
    this.#usingCloudProxy = using;
    this.#publish();
  };
}

const RESOLVED = Promise.resolve();

// Views of a session's state for the planner, filled just before each (synchronous) call:
// the worker asks it after every step, and one pair serves every session.
const DESIRED_VIEW: DesiredState<JoinIntent> = { mode: null, join: null };
const ACTUAL_VIEW: ActualState<JoinIntent> = {
  mode: null,
  connectionState: "DISCONNECTED",
  attempt: null,
  joinInFlight: false,
};

function cancel(waiters: { reject(error: unknown): void }[], what: string): void {
  if (waiters.length > 0) rejectAll(waiters, cancelledError(what));
}

function parsePolicy(policy: unknown): ModeChangePolicy {
  if (policy === undefined || policy === "rejoin" || policy === "defer") return policy ?? "rejoin";
  throw new CloudProxyError(
    "INVALID_MODE",
    `Invalid onModeChange ${describeValue(policy)}. Use "rejoin" (default) or "defer".`,
  );
}
