import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { createStore, type StoreApi } from "zustand/vanilla";
import { type CloudProxyError, sdkErrorCode } from "../CloudProxyError";
import { parseModeOption, parsePolicy } from "../cloudProxyMode";
import { inMemoryRouteMemory, routeMode } from "../cloudProxyRoute";
import type { CloudProxySession, CloudProxySessionOptions } from "../cloudProxySession";
import type { CloudProxyState } from "../cloudProxyState";
import type { ModeChangePolicy } from "../types";
import { AutoRoute } from "./autoRoute";
import { claimClient, releaseClient, type ClientClaim } from "./clientRegistry";
import { CloudProxyHistory } from "./history";
import { planNextStep, type Step } from "./planNextStep";
import { type Attempt, SdkConnection } from "./sdkConnection";
import * as errors from "./sessionErrors";
import { type JoinRequest, SessionRequests } from "./sessionRequests";
import { stateOf } from "./sessionState";
import { SessionWorker, STEP_BUDGET, type WorkerHost } from "./sessionWorker";
import { Settleable } from "./settleable";
import { parseDuration } from "./durationOptions";
import { StallWatch, parseStalledAfterMs } from "./stallWatch";

/**
 * What a session does between a request and the SDK: the worker's host (plan from what the
 * SDK has, perform one legal call, settle what is reached, publish), and what it makes of
 * the outcomes (a join that connected or failed, a route that timed out, a lost connection,
 * a failed leave). The public API (`CloudProxySession`) is the subclass in
 * createCloudProxySession.ts; this part never changes the desired state on its own except
 * to fall back to what the SDK has when a call fails.
 */
export abstract class SessionEngine implements WorkerHost<Step<JoinRequest>> {
  readonly store: StoreApi<CloudProxyState>;
  readonly connection: SdkConnection;
  readonly requests: SessionRequests;
  readonly route = new AutoRoute({ fallbackAfterMs: 5_000, memory: inMemoryRouteMemory, ttlMs: 86_400_000 });
  /** What `session.history` shows: the SDK calls, their results, state changes, external changes. */
  readonly log = new CloudProxyHistory();
  readonly worker = new SessionWorker<Step<JoinRequest>>(this);
  /** `stalledMs`: a join stuck short of CONNECTED; its timer publishes. */
  readonly stall = new StallWatch(() => this.publish());
  readonly claim: ClientClaim;
  policy: ModeChangePolicy = "rejoin";
  error: CloudProxyError | null = null;
  finished = false;
  protected options: CloudProxySessionOptions = {};
  protected disposal: Settleable<void> | undefined;
  #leaveFailures = 0;

  /** Throws `INVALID_MODE` (mode, policy, a bad duration) before the client is claimed, `CLIENT_IN_USE` if it is taken. */
  constructor(client: IAgoraRTCClient, options: CloudProxySessionOptions) {
    const mode = parseModeOption(options.mode);
    this.applyOptions(options);
    this.requests = new SessionRequests(mode === "auto" ? this.route.plan() : mode, mode === "auto");
    this.claim = claimClient(client, this as unknown as CloudProxySession);
    this.connection = new SdkConnection(client, this.log, this.sdkChanged, this.publish);
    this.store = createStore<CloudProxyState>()(() => stateOf(this));
    this.worker.kick();
  }

  /** Takes the options that need no request: policy, auto mode's settings, callbacks. */
  protected applyOptions(options: CloudProxySessionOptions): void {
    // Every check before any change: a bad value leaves the session's options as they were.
    const next = { ...this.options, ...options };
    const stalledAfterMs = parseStalledAfterMs(next.stalledAfterMs);
    const fallbackAfterMs = parseDuration("fallbackAfterMs", next.fallbackAfterMs, 5_000, { min: 1, infinity: null });
    const routeTtlMs = parseDuration("routeTtlMs", next.routeTtlMs, 86_400_000, { min: 0, infinity: "never expire" });
    if ("onModeChange" in options) this.policy = parsePolicy(options.onModeChange);
    this.options = next;
    const { routeMemory = inMemoryRouteMemory } = this.options;
    const preferred = this.options.preflight?.best ?? null;
    this.route.options = { fallbackAfterMs, memory: routeMemory, ttlMs: routeTtlMs, preferred };
    this.stall.setThreshold(stalledAfterMs);
  }

  // ---- what the worker sees and does ----

  nextStep(first: boolean): Step<JoinRequest> | null {
    if (this.finished) return null; // a finished session (even one whose leave failed) never touches the client again
    const connection = this.connection;
    if (first) connection.watch(); // nothing else can touch the client between our own synchronous steps
    this.#observe();
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
          const error = this.fail(errors.proxyError(mode !== null, cause));
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
    // The stall watch sees what the SDK has now; stateOf reads its verdict.
    this.stall.observe(this.finished ? null : this.requests.join, this.connection.state);
    const current = this.store.getState();
    const next = stateOf(this, current);
    if (next === current) return;
    this.store.setState(next, true);
    const onRouteChange = this.options.onRouteChange;
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
    if (this.claim.disposing && left && connection.mode === null) this.finish(null);
    this.publish();
  }

  stalled(): void {
    const error = this.fail(errors.stalledError(STEP_BUDGET));
    const actual = this.connection.mode;
    this.requests.fallBack(error, this.connection.attempt?.request ?? null, actual === "other" ? null : actual);
    if (this.claim.disposing) this.finish(error);
    else this.publish();
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
        if (requests.auto && route.shouldEscalate(cause)) this.#escalate(attempt.request);
        else requests.dropJoin(this.fail(errors.joinFailedError(cause)));
      } else {
        this.fail(errors.joinFailedError(cause));
      }
    }
    this.#told();
  };

  /**
   * After an outcome: the store shows it now, synchronously, so the promises it settled and
   * `onError` (both heard on a later microtask) read the store as it is, then the worker goes on.
   */
  #told(): void {
    this.publish();
    this.worker.kick();
  }

  /** Auto mode: the route in flight did not connect in time; the next one gets its chance. */
  #routeTimedOut(): void {
    const attempt = this.connection.attempt;
    if (!attempt || attempt.settled || !this.requests.auto) return;
    this.route.ended("timeout", null);
    this.#escalate(attempt.request);
    this.#told();
  }

  /** Auto mode: move the desired proxy to the next route (the worker leaves and rejoins), or give up. */
  #escalate(request: JoinRequest): void {
    const next = this.route.next();
    if (next !== null) this.requests.mode = routeMode(next);
    else if (this.requests.join === request)
      this.requests.dropJoin(this.fail(errors.unreachableError(this.route.attempts)));
  }

  /** The SDK left a connection of ours on its own (network lost, kicked, banned), or app code left it. */
  #ended(attempt: Attempt): void {
    const { connection, requests } = this;
    const byApp = connection.reason === "LEAVE" || attempt.uid === null;
    if (!attempt.settled) attempt.cancelled = true; // its rejection is that leave's doing, not a failure
    this.route.ended("cancelled", null);
    if (connection.attempt === attempt) connection.left();
    if (byApp) this.log.add("external", "leave", null);
    if (requests.join !== attempt.request) return;
    // A leave on the raw client is the app's wish now; a lost connection is not rejoined behind the user's back.
    if (byApp) requests.dropJoin(() => errors.cancelledError("join() was ended by a leave() on the raw client"));
    else requests.dropJoin(this.fail(errors.connectionLostError(connection.reason)));
  }

  readonly #leaveFailed = (cause: unknown): void => {
    // While disposing, one retry: giving up means a proxy left running on the client.
    if (this.claim.disposing && ++this.#leaveFailures < 2) return;
    const error = this.fail(errors.leaveFailedError(cause));
    // The SDK is still in the channel: the desired state falls back to that, so the worker
    // does not retry on its own and the store tells the truth. A new request tries again.
    const actual = this.connection.mode;
    this.requests.fallBack(error, this.connection.attempt?.request ?? null, actual === "other" ? null : actual);
    if (this.claim.disposing) this.finish(error);
    else this.publish();
  };

  protected readonly sdkChanged = (): void => {
    if (!this.finished) this.#observe(); // a lost call is reported even if a request overtakes the worker
    this.publish();
    this.worker.wake();
  };

  /** Out of the channel with no leave of ours: the SDK gave up, or app code left on the raw client. */
  #observe(): void {
    const { connection } = this;
    const attempt = connection.attempt;
    if (!attempt || attempt.cancelled || connection.leaving || connection.state !== "DISCONNECTED") return;
    if (attempt.uid !== null || connection.reason === "LEAVE") this.#ended(attempt);
  }

  fail(error: CloudProxyError): CloudProxyError {
    this.error = error;
    const onError = this.options.onError;
    // A throwing callback must not break the worker; it still surfaces as an uncaught error.
    if (onError) queueMicrotask(() => onError(error));
    return error;
  }

  finish(error: CloudProxyError | null): void {
    if (this.finished) return;
    this.finished = true;
    this.route.stop();
    this.stall.stop();
    this.connection.detach();
    releaseClient(this.connection.client, this.claim);
    const disposal = (this.disposal ??= new Settleable<void>());
    if (error) disposal.reject(error);
    else disposal.resolve();
    this.requests.finish(error);
    this.publish();
  }
}
