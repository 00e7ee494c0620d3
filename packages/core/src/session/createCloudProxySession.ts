import type { IAgoraRTCClient, UID } from "agora-rtc-sdk-ng";
import { createStore, type StoreApi } from "zustand/vanilla";
import { CloudProxyError, sdkErrorCode } from "../CloudProxyError";
import { parseCloudProxyMode } from "../cloudProxyMode";
import { inMemoryRouteMemory, routeMode } from "../cloudProxyRoute";
import type { CloudProxySession, CloudProxySessionOptions } from "../cloudProxySession";
import type { CloudProxyState } from "../cloudProxyState";
import { describeValue } from "../describeValue";
import { validateJoinOptions } from "../joinOptions";
import type {
  CloudProxyHistoryEntry,
  CloudProxyJoinOptions,
  CloudProxyModeInput,
  ModeChangePolicy,
  ReadableStore,
} from "../types";
import { AutoRoute } from "./autoRoute";
import { assertAgoraClient, claimClient, releaseClient, type ClientClaim } from "./clientRegistry";
import { createGuardedClient } from "./guardedClient";
import { CloudProxyHistory } from "./history";
import { planNextStep, type Step } from "./planNextStep";
import { type Attempt, SdkConnection } from "./sdkConnection";
import * as errors from "./sessionErrors";
import { SessionOwners } from "./sessionOwners";
import { type JoinRequest, ProxyWaiter, SessionRequests } from "./sessionRequests";
import { sameState, stateOf } from "./sessionState";
import { SessionWorker, STEP_BUDGET, type WorkerHost } from "./sessionWorker";
import { Settleable, handledRejection, noop } from "./settleable";

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

// A class, not a closure: the methods live once on the prototype. The public methods are
// bound arrow properties (`this: void`), so `const { join, leave } = session` works.
class Session implements CloudProxySession, WorkerHost<Step<JoinRequest>> {
  readonly store: StoreApi<CloudProxyState>;
  readonly join = (options: CloudProxyJoinOptions): Promise<UID> => this.#join(options);
  readonly leave = (): Promise<void> => this.#leave();
  readonly setProxy = (mode: CloudProxyModeInput): Promise<void> => this.#setProxy(mode);
  readonly dispose = (): Promise<void> => this.#dispose();
  readonly setOptions = (options: CloudProxySessionOptions): void => this.#setOptions(options);
  readonly retain = (owner: object, onHold?: () => void): boolean => this.owners.retain(owner, onHold);
  readonly release = (owner: object): void => this.owners.release(owner);

  readonly connection: SdkConnection;
  readonly requests: SessionRequests;
  readonly route: AutoRoute;
  readonly owners: SessionOwners;
  policy: ModeChangePolicy = "rejoin";
  error: CloudProxyError | null = null;
  finished = false;
  readonly #history = new CloudProxyHistory();
  readonly #worker = new SessionWorker<Step<JoinRequest>>(this);
  readonly #claim: ClientClaim;
  #options: CloudProxySessionOptions = {};
  #guarded: IAgoraRTCClient | undefined;
  #disposal: Settleable<void> | undefined;
  #disposeLeaveFailures = 0;

  constructor(client: IAgoraRTCClient, options: CloudProxySessionOptions) {
    assertAgoraClient(client);
    const mode = parseCloudProxyMode(options.mode === undefined ? "udp" : options.mode);
    this.route = new AutoRoute({ fallbackAfterMs: 5_000, memory: inMemoryRouteMemory, ttlMs: 86_400_000 });
    this.#setOptions({ ...options, mode: undefined }); // validates the rest before the client is claimed
    this.#options.mode = options.mode;
    this.requests = new SessionRequests(mode === "auto" ? this.route.plan() : mode, mode === "auto");
    this.#claim = claimClient(client, this);
    this.owners = new SessionOwners(this.#ownersLeft);
    this.connection = new SdkConnection(client, this.#history, this.#sdkChanged, this.publish);
    this.store = createStore<CloudProxyState>()(() => stateOf(this));
    this.#worker.kick();
  }

  // Built on first use: a session driven only through join/leave/setProxy never needs it.
  get client(): IAgoraRTCClient {
    return (this.#guarded ??= createGuardedClient(this.connection.client, {
      join: this.join,
      leave: this.leave,
      setProxy: this.setProxy,
      isDisposed: () => this.#claim.disposing,
      off: (event, listener) => this.connection.off(event, listener),
      removeAllListeners: (event) => this.connection.removeAllListeners(event),
    }));
  }

  get history(): ReadableStore<readonly CloudProxyHistoryEntry[]> {
    return this.#history.store;
  }

  // ---- requests: each one changes the desired state, then wakes the worker ----

  #join(rawOptions: CloudProxyJoinOptions): Promise<UID> {
    if (this.#claim.disposing) return handledRejection(errors.disposedError("join()"));
    let options: CloudProxyJoinOptions;
    try {
      options = validateJoinOptions(rawOptions);
    } catch (error) {
      this.#fail(error as CloudProxyError);
      this.publish();
      return handledRejection(error);
    }
    this.error = null;
    const waiter = new Settleable<UID>();
    const attempt = this.connection.attempt;
    const current = attempt && !attempt.cancelled ? attempt.request : null;
    if (this.requests.addJoin(options, this.owners.current, current, waiter)) {
      // A new join request: its attempts start over; in auto mode from the remembered route.
      this.route.begin();
      if (this.requests.auto) this.requests.mode = this.route.plan();
    }
    this.#worker.kick();
    this.publish();
    return waiter.promise;
  }

  #leave(): Promise<void> {
    if (this.#claim.disposing) return this.#disposalPromise().catch(noop);
    const waiter = new Settleable<void>();
    this.requests.addLeave(waiter);
    this.#worker.kick();
    this.publish();
    return waiter.promise;
  }

  #setProxy(input: CloudProxyModeInput): Promise<void> {
    const mode = parseCloudProxyMode(input);
    if (this.#claim.disposing) {
      return mode === null ? this.#disposalPromise().catch(noop) : handledRejection(errors.disposedError("setProxy()"));
    }
    this.error = null;
    const requests = this.requests;
    // "auto" again keeps its route; a switch to auto starts over from the first planned route.
    const wanted = mode !== "auto" ? mode : requests.auto ? requests.mode : (this.route.begin(), this.route.plan());
    if (wanted !== requests.mode || requests.auto !== (mode === "auto")) this.route.begin();
    requests.auto = mode === "auto";
    const waiter = new ProxyWaiter(wanted);
    requests.addMode(waiter);
    this.#worker.kick();
    this.publish();
    return waiter.promise;
  }

  #setOptions(options: CloudProxySessionOptions): void {
    if ("onModeChange" in options) this.policy = parsePolicy(options.onModeChange);
    const previousMode = this.#options.mode;
    this.#options = { ...this.#options, ...options };
    const { fallbackAfterMs = 5_000, routeMemory = inMemoryRouteMemory, routeTtlMs = 86_400_000 } = this.#options;
    this.route.options = { fallbackAfterMs, memory: routeMemory, ttlMs: routeTtlMs };
    if (!this.requests) return; // the constructor's call
    if ("mode" in options && parse(options.mode) !== parse(previousMode)) void this.#setProxy(options.mode ?? "udp");
    else this.#worker.kick(); // a new policy may change the plan (defer -> rejoin)
  }

  #dispose(): Promise<void> {
    if (!this.#claim.disposing) {
      this.#claim.disposing = true;
      // Errors capture a stack trace: only build one when someone is waiting for it.
      this.requests.refuse(() => errors.disposedError("A pending request"));
      this.route.stop();
      this.#worker.kick();
      this.publish();
    }
    return this.#disposalPromise();
  }

  #disposalPromise(): Promise<void> {
    return (this.#disposal ??= new Settleable<void>()).promise;
  }

  /** Owners gone for good: their join goes with them; the last one takes the session along. */
  readonly #ownersLeft = (removed: readonly object[], empty: boolean): void => {
    if (empty) return void this.#dispose().catch(noop);
    const join = this.requests.join;
    if (join && join.owner !== null && removed.includes(join.owner)) {
      this.requests.dropJoin(() =>
        errors.cancelledError("join() was dropped because the component that asked for it unmounted"),
      );
    }
    this.#worker.kick();
    this.publish();
  };

  // ---- what the worker sees and does ----

  nextStep(): Step<JoinRequest> | null {
    if (this.finished) return null; // a finished session (even one whose leave failed) never touches the client again
    const connection = this.connection;
    connection.watch();
    const attempt = connection.attempt;
    // Out of the channel with no leave of ours: the SDK gave up, or app code left on the raw client.
    const ended = !connection.leaving && connection.state === "DISCONNECTED" && !attempt?.cancelled;
    if (ended && attempt && (attempt.uid !== null || connection.reason === "LEAVE")) this.#ended(attempt);
    return planNextStep(
      { mode: this.requests.mode, join: this.requests.join },
      {
        mode: connection.mode,
        connectionState: connection.state,
        attempt: connection.attempt?.request ?? null,
        joinInFlight: connection.attempt !== null && !connection.attempt.settled,
      },
      this.requests.auto ? "rejoin" : this.policy, // an escalation must leave the route that failed
    );
  }

  perform(step: Step<JoinRequest>): Promise<unknown> | void {
    const { connection, route, requests } = this;
    switch (step.kind) {
      case "startProxy":
      case "stopProxy": {
        const mode = step.kind === "startProxy" ? step.mode : null;
        try {
          return connection.setProxy(mode);
        } catch (cause) {
          const error = this.#fail(errors.proxyError(mode !== null, cause));
          // The wanted mode can't be had: what the SDK runs is wanted instead, and a waiting
          // join never goes ahead without the proxy it was promised.
          const actual = connection.mode;
          requests.failMode(error, actual === "other" ? null : actual);
          if (requests.join && connection.attempt?.request !== requests.join) requests.dropJoin(error);
          return;
        }
      }
      case "join": {
        const mode = requests.mode;
        route.started(mode, requests.auto ? () => this.#routeTimedOut() : null);
        return connection.join(step.intent, route.route!, this.#joinSettled);
      }
      case "leave":
        route.ended("cancelled", null);
        if (requests.join === null) route.begin(); // a leave asked for starts the attempts over
        return connection.leave().catch(this.#leaveFailed);
    }
  }

  readonly publish = (): void => {
    const next = stateOf(this);
    const current = this.store.getState();
    if (sameState(current, next)) return;
    this.store.setState(next, true);
    const onRouteChange = this.#options.onRouteChange;
    if (next.route !== current.route && onRouteChange) queueMicrotask(() => onRouteChange(next.route));
  };

  settle(): void {
    const { connection, requests } = this;
    const attempt = connection.attempt;
    const connected = attempt !== null && attempt.uid !== null && connection.state === "CONNECTED";
    const left = connection.state === "DISCONNECTED" && attempt === null;
    requests.settle(
      connected && attempt.request === requests.join ? connection.uid : null,
      left,
      connection.mode === requests.mode,
    );
    if (this.#claim.disposing && left && connection.mode === null) this.#finish(null);
    this.publish();
  }

  stalled(): void {
    const error = this.#fail(errors.stalledError(STEP_BUDGET));
    const actual = this.connection.mode;
    this.requests.fallBack(error, this.connection.attempt?.request ?? null, actual === "other" ? null : actual);
    if (this.#claim.disposing) this.#finish(error);
  }

  // ---- outcomes ----

  readonly #joinSettled = (attempt: Attempt, cause?: unknown): void => {
    const { route, requests } = this;
    if (attempt.uid !== null) {
      if (this.connection.attempt === attempt) route.connected(requests.auto);
    } else if (!attempt.cancelled && sdkErrorCode(cause) === "OPERATION_ABORTED") {
      // Only a leave aborts a join, and this one was not ours: app code left on the raw client.
      this.#ended(attempt);
    } else if (!attempt.cancelled) {
      // A join we cancelled with leave() rejects OPERATION_ABORTED: that is the plan working.
      route.ended("failed", sdkErrorCode(cause) ?? null);
      if (requests.join === attempt.request) {
        if (requests.auto && route.shouldEscalate(cause)) return this.#escalate(attempt.request);
        requests.dropJoin(this.#fail(errors.joinFailedError(cause)));
      } else {
        this.#fail(errors.joinFailedError(cause));
      }
    }
    this.#worker.kick();
  };

  /** Auto mode: the route in flight did not connect in time; the next one gets its chance. */
  #routeTimedOut(): void {
    const attempt = this.connection.attempt;
    if (!attempt || attempt.settled || !this.requests.auto) return;
    this.route.ended("timeout", null);
    this.#escalate(attempt.request);
  }

  /** Auto mode: move the desired proxy to the next route (the worker leaves and rejoins), or give up. */
  #escalate(request: JoinRequest): void {
    const next = this.route.next();
    if (next !== null) this.requests.mode = routeMode(next);
    else if (this.requests.join === request)
      this.requests.dropJoin(this.#fail(errors.unreachableError(this.route.attempts)));
    this.#worker.kick();
  }

  /** The SDK left a connection of ours on its own (network lost, kicked, banned), or app code left it. */
  #ended(attempt: Attempt): void {
    const { connection, requests } = this;
    const byApp = connection.reason === "LEAVE" || attempt.uid === null;
    if (!attempt.settled) attempt.cancelled = true; // its rejection is that leave's doing, not a failure
    this.route.ended("cancelled", null);
    if (connection.attempt === attempt) connection.left();
    if (byApp) this.#history.add("external", "leave", null);
    if (requests.join !== attempt.request) return;
    // A leave on the raw client is the app's wish now; a lost connection is not rejoined behind the user's back.
    if (byApp) requests.dropJoin(() => errors.cancelledError("join() was ended by a leave() on the raw client"));
    else requests.dropJoin(this.#fail(errors.connectionLostError(connection.reason)));
  }

  readonly #leaveFailed = (cause: unknown): void => {
    // While disposing, one retry: giving up means a proxy left running on the client.
    if (this.#claim.disposing && ++this.#disposeLeaveFailures < 2) return;
    const error = this.#fail(errors.leaveFailedError(cause));
    // The SDK is still in the channel: the desired state falls back to that, so the worker
    // does not retry on its own and the store tells the truth. A new request tries again.
    const actual = this.connection.mode;
    this.requests.fallBack(error, this.connection.attempt?.request ?? null, actual === "other" ? null : actual);
    if (this.#claim.disposing) this.#finish(error);
  };

  readonly #sdkChanged = (): void => {
    this.publish();
    this.#worker.wake();
  };

  #fail(error: CloudProxyError): CloudProxyError {
    this.error = error;
    const onError = this.#options.onError;
    // A throwing callback must not break the worker; it still surfaces as an uncaught error.
    if (onError) queueMicrotask(() => onError(error));
    return error;
  }

  #finish(error: CloudProxyError | null): void {
    if (this.finished) return;
    this.finished = true;
    this.route.stop();
    this.connection.detach();
    releaseClient(this.connection.client, this.#claim);
    const disposal = (this.#disposal ??= new Settleable<void>());
    if (error) disposal.reject(error);
    else disposal.resolve();
    this.requests.finish(error);
    this.publish();
  }
}

function parse(mode: CloudProxyModeInput | undefined): ReturnType<typeof parseCloudProxyMode> {
  return parseCloudProxyMode(mode === undefined ? "udp" : mode);
}

function parsePolicy(policy: unknown): ModeChangePolicy {
  if (policy === undefined || policy === "rejoin" || policy === "defer") return policy ?? "rejoin";
  throw new CloudProxyError(
    "INVALID_MODE",
    `Invalid onModeChange ${describeValue(policy)}. Use "rejoin" (default) or "defer".`,
  );
}
