import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { createStore, type StoreApi } from "zustand/vanilla";
import { type CloudProxyError, isCloudProxyError, sdkErrorCode } from "../CloudProxyError";
import { parseModeOption, parsePolicy } from "../cloudProxyMode";
import { inMemoryRouteMemory, routeMode } from "../cloudProxyRoute";
import type { CloudProxySession, CloudProxySessionOptions } from "../cloudProxySession";
import type { CloudProxyState } from "../cloudProxyState";
import type { ModeChangePolicy } from "../types";
import { AutoRoute } from "./autoRoute";
import { claimClient, releaseClient, type ClientClaim } from "./clientRegistry";
import { CloudProxyHistory } from "./history";
import { planNextStep, type Step } from "./planNextStep";
import { MediaWatch } from "./mediaWatch";
import { ReconnectPolicy, mayReconnect, parseReconnect } from "./reconnectPolicy";
import { type Attempt, SdkConnection } from "./sdkConnection";
import * as errors from "./sessionErrors";
import { type JoinRequest, SessionRequests } from "./sessionRequests";
import { stateOf } from "./sessionState";
import { SessionWorker, STEP_BUDGET, type WorkerHost } from "./sessionWorker";
import { Settleable } from "./settleable";
import { parseDuration } from "./durationOptions";
import { StallWatch, parseStalledAfterMs } from "./stallWatch";
import { TokenRenewal, tokenBehind } from "./tokenRenewal";
import { TrackCarry, asTracks } from "./trackCarry";
import { tokenFor } from "./tokenSource";

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
  /** After the SDK gave up on a connection: when the next attempt comes. */
  readonly reconnect = new ReconnectPolicy(this.log);
  /** Whether media flows on the connection; its verdict decides what auto mode remembers. */
  readonly media: MediaWatch;
  readonly claim: ClientClaim;
  policy: ModeChangePolicy = "rejoin";
  error: CloudProxyError | null = null;
  finished = false;
  protected options: CloudProxySessionOptions = {};
  protected disposal: Settleable<void> | undefined;
  #leaveFailures = 0;
  readonly #renewal = new TokenRenewal();
  /** The app's published tracks across a media escalation's leave and rejoin. */
  readonly #carry = new TrackCarry();

  /** Throws `INVALID_MODE` (mode, policy, a bad duration) before the client is claimed, `CLIENT_IN_USE` if it is taken. */
  constructor(client: IAgoraRTCClient, options: CloudProxySessionOptions) {
    const mode = parseModeOption(options.mode);
    this.applyOptions(options);
    this.requests = new SessionRequests(mode === "auto" ? this.route.plan() : mode, mode === "auto");
    this.claim = claimClient(client, this as unknown as CloudProxySession);
    this.claim.mediaExpected = () => this.media.expect();
    this.claim.localTracks = () => this.#carry.localTracks(this.connection.client.localTracks ?? []);
    this.claim.mediaCall = (kind, value) => {
      const tracks = asTracks(value);
      if (kind === "publish") return tracks && this.#carry.publish(tracks);
      return value === undefined || tracks ? this.#carry.unpublish(tracks ?? undefined) : null;
    };
    this.connection = new SdkConnection(client, this.log, {
      stateChanged: this.sdkChanged,
      usingCloudProxy: this.publish,
      peerConnection: (state) => this.media.peerConnection(state),
      tokenWillExpire: () => {
        if (this.#renewal.willExpire(this.connection.attempt)) this.worker.kick();
      },
    });
    this.media = new MediaWatch(client, () => this.route.options.fallbackAfterMs, this.#mediaVerdict);
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
    const reconnectDelays = parseReconnect(next.reconnect);
    if ("onModeChange" in options) this.policy = parsePolicy(options.onModeChange);
    this.options = next;
    const { routeMemory = inMemoryRouteMemory } = this.options;
    const preferred = this.options.preflight?.best ?? null;
    this.route.options = { fallbackAfterMs, memory: routeMemory, ttlMs: routeTtlMs, preferred };
    this.stall.setThreshold(stalledAfterMs);
    this.reconnect.delaysMs = reconnectDelays;
    // Turned off during a wait: the call is lost now, as it would have been without reconnect.
    if (reconnectDelays.length === 0 && this.reconnect.waiting) {
      this.#giveUp(this.reconnect.request as JoinRequest);
      this.#told();
    }
  }

  // ---- what the worker sees and does ----

  nextStep(first: boolean): Step<JoinRequest> | null {
    if (this.finished) return null; // a finished session (even one whose leave failed) never touches the client again
    const connection = this.connection;
    if (first) connection.watch(); // nothing else can touch the client between our own synchronous steps
    this.#observe();
    const { requests } = this;
    // While the reconnect policy waits, the call is still wanted but not joined.
    const join = this.reconnect.waiting ? null : requests.join;
    const attempt = connection.attempt;
    // A join still asking its token provider is given up at once when it is no longer wanted as it is.
    if (attempt?.fetching && (attempt.request !== join || requests.mode !== connection.mode))
      connection.abandon(attempt);
    return planNextStep(
      { mode: requests.mode, join },
      {
        mode: connection.mode,
        connectionState: connection.state,
        attempt: connection.attempt?.request ?? null,
        joinInFlight: connection.attempt !== null && !connection.attempt.settled,
        renewDue: this.#renewal.due(connection.attempt, join),
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
        const request = step.intent;
        const attempt = connection.begin(request);
        const { channel, uid = null } = request.options;
        const reason = request.reason;
        request.reason = "rejoin"; // any later SDK join of this request joins it again
        let token: ReturnType<typeof tokenFor>;
        try {
          token = tokenFor(request.token, { channel, uid, reason });
        } catch (cause) {
          return connection.failBeforeJoin(attempt, cause, this.#joinSettled);
        }
        if (!(token instanceof Promise)) return this.#callJoin(attempt, token);
        // The worker goes on while the provider answers: a leave meanwhile abandons this join.
        attempt.fetching = true;
        void token.then(
          (fresh) => this.#callJoin(attempt, fresh),
          (cause: unknown) => {
            if (attempt.cancelled) return;
            connection.failBeforeJoin(attempt, cause, this.#joinSettled);
          },
        );
        return;
      }
      case "renewToken":
        return this.#renewal.renew(connection, connection.attempt!, (error) => void this.fail(error), this.#told);
      case "leave":
        // The same call joined again (a mode change, an escalation): its tracks go along.
        if (requests.join !== null && connection.attempt?.request === requests.join && connection.uid !== null)
          this.#carry.begin(requests.join, connection.client.localTracks ?? []);
        route.ended("cancelled", null);
        if (requests.join === null) route.begin(); // a leave asked for starts the attempts over
        return connection.leave().catch(this.#leaveFailed);
    }
  }

  readonly publish = (): void => {
    const { connection, requests } = this;
    // The stall watch sees what the SDK has now; stateOf reads its verdict.
    this.stall.observe(this.finished ? null : requests.join, connection.state);
    // A leave, a new call or dispose ends a reconnect cycle at once; a call that ended ends its media check.
    if (this.reconnect.request !== null && this.reconnect.request !== requests.join) this.reconnect.cancel();
    if (this.media.status !== null && connection.uid === null) this.media.stop();
    if (this.#carry.active && (this.#carry.request !== requests.join || this.finished))
      this.#carry.drop(() =>
        errors.cancelledError(
          "publish() was cancelled: the call ended before the session had it back on a new connection",
        ),
      );
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
    // A join() that brought a new token is done once the SDK has it (or refused it).
    const connected =
      attempt !== null && attempt.uid !== null && connection.state === "CONNECTED" && !tokenBehind(attempt);
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

  /** Calls the SDK's join once the token is at hand, unless the join was given up meanwhile. */
  #callJoin(attempt: Attempt, token: string | null): void {
    if (attempt.cancelled) return;
    attempt.fetching = false;
    const { requests, route, connection } = this;
    // While the provider answered, app code may have started or stopped the proxy on the raw
    // client (no SDK event says so): the join was planned for another SDK, so it is given up
    // and the worker plans again from what the SDK has (the provider is asked again).
    if (connection.mode !== requests.mode || connection.state !== "DISCONNECTED") {
      connection.abandon(attempt);
      return this.#told();
    }
    const reconnecting = this.reconnect.isReconnecting(attempt.request);
    // Auto mode's routes, and a reconnect attempt, each get `fallbackAfterMs` to connect.
    route.started(requests.mode, requests.auto || reconnecting ? this.#routeTimedOut : null);
    connection.join(attempt, token, route.route!, this.#joinSettled);
    this.#told();
  }

  readonly #joinSettled = (attempt: Attempt, cause?: unknown): void => {
    const { route, requests } = this;
    if (attempt.uid !== null) {
      if (this.connection.attempt === attempt) this.#connected(attempt);
    } else if (isCloudProxyError(cause)) {
      // Our own refusal before any SDK call (the token provider failed). While reconnecting the
      // token server may be down in the same outage: it counts as a failed attempt.
      if (requests.join !== attempt.request) this.fail(cause);
      else if (!this.#reconnectFailed(attempt.request)) requests.dropJoin(this.fail(cause));
    } else if (!attempt.cancelled && sdkErrorCode(cause) === "OPERATION_ABORTED") {
      // Only a leave aborts a join, and this one was not ours: app code left on the raw client.
      this.#ended(attempt);
    } else if (!attempt.cancelled) {
      // A join we cancelled with leave() rejects OPERATION_ABORTED: that is the plan working.
      route.ended("failed", sdkErrorCode(cause) ?? null);
      if (requests.join === attempt.request) {
        if (requests.auto && route.shouldEscalate(cause)) this.#escalate(attempt.request);
        else if (!(route.shouldEscalate(cause) && this.#reconnectFailed(attempt.request)))
          requests.dropJoin(this.fail(errors.joinFailedError(cause)));
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
  readonly #told = (): void => {
    this.publish();
    this.worker.kick();
  };

  /** A join of ours connected: its route is recorded, its media check starts, a reconnect cycle ends. */
  #connected(attempt: Attempt): void {
    const { connection, requests } = this;
    this.route.connected(requests.auto);
    this.media.start();
    if (this.reconnect.isReconnecting(attempt.request)) this.reconnect.reconnected();
    // After a media escalation the app's tracks go out on the new route, and media is expected there.
    if (this.#carry.land(connection)) this.media.expect();
  }

  /** Auto mode, or a reconnect attempt: the route in flight did not connect in time. */
  readonly #routeTimedOut = (): void => {
    const attempt = this.connection.attempt;
    if (!attempt || attempt.settled) return;
    this.route.ended("timeout", null);
    if (this.requests.auto) this.#escalate(attempt.request);
    else this.#reconnectFailed(attempt.request);
    this.#told();
  };

  /** Auto mode: move the desired proxy to the next route (the worker leaves and rejoins), or give up. */
  #escalate(request: JoinRequest): void {
    const next = this.route.next();
    if (next !== null) {
      this.requests.mode = routeMode(next);
      request.reason = "escalate";
    } else if (this.requests.join === request && !this.#reconnectFailed(request))
      this.requests.dropJoin(this.fail(errors.unreachableError(this.route.attempts)));
  }

  // ---- calls that stay up (issue 14) ----

  /** The media check's verdict: a route is remembered only once media flowed; auto mode leaves one where it failed. */
  readonly #mediaVerdict = (status: "flowing" | "failed"): void => {
    const { connection, requests, route } = this;
    this.log.add("media", status, route.route);
    const attempt = connection.attempt;
    if (status === "flowing") {
      if (requests.auto) route.remember();
    } else if (attempt && requests.auto && attempt.request === requests.join && route.next() !== null) {
      this.#carry.begin(attempt.request, connection.client.localTracks ?? []);
      route.mediaFailed();
      this.#escalate(attempt.request);
    } else {
      this.fail(errors.mediaFailedError(route.route));
    }
    this.#told();
  };

  /** A reconnect attempt failed: the next one is scheduled, or the call is lost. `false`: not reconnecting. */
  #reconnectFailed(request: JoinRequest): boolean {
    if (!this.reconnect.isReconnecting(request) || this.reconnect.waiting) return false;
    if (!this.reconnect.schedule(request, this.#reconnectDue)) this.#giveUp(request);
    return true;
  }

  /** The reconnect cycle of `request` is over without the call: it is lost, as without reconnect. */
  #giveUp(request: JoinRequest): void {
    this.reconnect.gaveUp();
    if (this.requests.join === request)
      this.requests.dropJoin(this.fail(errors.connectionLostError(this.connection.reason)));
  }

  readonly #reconnectDue = (): void => {
    const { requests, route, reconnect } = this;
    const request = reconnect.request as JoinRequest | null;
    if (request === null || request !== requests.join) return;
    request.reason = "reconnect";
    // Auto mode moves on from the route that was lost; every route gets its chance again.
    if (requests.auto) requests.mode = route.planAfter(route.lost);
    this.#told();
  };

  /** The SDK left a connection of ours on its own (network lost, kicked, banned), or app code left it. */
  #ended(attempt: Attempt): void {
    const { connection, requests } = this;
    const byApp = connection.reason === "LEAVE" || attempt.uid === null;
    if (!attempt.settled) attempt.cancelled = true; // its rejection is that leave's doing, not a failure
    this.route.ended("cancelled", null);
    if (connection.attempt === attempt) connection.left();
    if (byApp) this.log.add("external", "leave", null);
    if (requests.join !== attempt.request) return;
    // A leave on the raw client is the app's wish now: never rejoined behind the user's back.
    if (byApp) return requests.dropJoin(() => errors.cancelledError("join() was ended by a leave() on the raw client"));
    const reason = connection.reason;
    // The SDK's token-privilege-did-expire: a provider gives a fresh token, so join again now.
    const rejoin = reason === "TOKEN_EXPIRE" && typeof attempt.request.token === "function";
    if (rejoin || (mayReconnect(reason) && this.reconnect.schedule(attempt.request, this.#reconnectDue)))
      return this.#carry.begin(attempt.request, connection.tracksAtDrop);
    requests.dropJoin(this.fail(errors.connectionLostError(reason)));
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
    this.reconnect.cancel();
    this.media.stop();
    this.connection.detach();
    releaseClient(this.connection.client, this.claim);
    const disposal = (this.disposal ??= new Settleable<void>());
    if (error) disposal.reject(error);
    else disposal.resolve();
    this.requests.finish(error);
    this.publish();
  }
}
