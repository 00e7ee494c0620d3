import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { type CloudProxyError, isCloudProxyError } from "../CloudProxyError";
import { isNetworkJoinError, routeMode } from "../cloudProxyRoute";
import type { CloudProxySession } from "../cloudProxySession";
import { createCloudProxySession } from "../session/createCloudProxySession";
import { noop } from "../session/settleable";
import type { CloudProxyJoinOptions, CloudProxyRoute, RouteTestOutcome, RouteTestResult } from "../types";
import { fatalJoinError } from "./preflightErrors";

/** How one route ended: a result, or an error no route can fix (the whole test ends with it). */
export type ProbeEnd = { readonly result: RouteTestResult } | { readonly fatal: CloudProxyError };

/**
 * One route of a network test on one throwaway client, through its own session: the session
 * orders the SDK calls (the proxy of the route before the join, the leave before the stop),
 * so the SDK sees only legal calls however the route ends. The route ends once: connected,
 * failed, timed out or aborted; then its timer is cleared and its session disposed (left,
 * proxy stopped, listeners removed), and only then does `run()` resolve.
 */
export class RouteProbe {
  readonly #session: CloudProxySession;
  readonly #released: Promise<ProbeEnd>;
  #release!: (end: ProbeEnd) => void;
  #end: ProbeEnd | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #joinedAt = 0;

  /** Throws what `createCloudProxySession` throws (`INVALID_CLIENT`, `CLIENT_IN_USE`): nothing was sent to the SDK. */
  constructor(
    readonly route: CloudProxyRoute,
    client: IAgoraRTCClient,
  ) {
    // No stall timer: the probe's own timeout is the only clock a throwaway client needs.
    this.#session = createCloudProxySession(client, { mode: routeMode(route) ?? "off", stalledAfterMs: Infinity });
    this.#released = new Promise((resolve) => (this.#release = resolve));
  }

  /** Joins, and resolves with how the route ended once its client is released. */
  run(join: CloudProxyJoinOptions, timeoutMs: number): Promise<ProbeEnd> {
    if (this.#end === null) {
      this.#joinedAt = Date.now();
      this.#timer = setTimeout(() => this.#settle("timeout", null), timeoutMs);
      this.#session.join(join).then(
        () => this.#settle("connected", null),
        (error: unknown) => this.#failed(error),
      );
    }
    return this.#released;
  }

  /** Ends the route as `aborted` unless it ended already; `run()` resolves once the client is released. */
  abort(): Promise<ProbeEnd> {
    this.#settle("aborted", null);
    return this.#released;
  }

  #failed(error: unknown): void {
    if (this.#end !== null) return; // our own dispose (timeout, abort) cancelled the join
    const cause = isCloudProxyError(error) ? error.cause : error;
    if (isCloudProxyError(error, "JOIN_FAILED") && !isNetworkJoinError(cause)) {
      return this.#finish({ fatal: fatalJoinError(this.route, cause) });
    }
    // A network error, or the proxy refused (PROXY_FAILED, PROXY_CONFLICT): another route may work.
    this.#settle("failed", isCloudProxyError(error) ? (error.sdkCode ?? error.code) : "error");
  }

  #settle(outcome: RouteTestOutcome, errorCode: string | null): void {
    if (this.#end !== null) return;
    // Read before the release: after leaving, the store no longer says whether the proxy was used.
    const { attempts, usingCloudProxy } = this.#session.store.getState();
    const last = attempts.at(-1);
    const connectMs =
      outcome !== "connected" ? null : last?.outcome === "connected" ? last.ms : Date.now() - this.#joinedAt;
    this.#finish({ result: { route: this.route, outcome, connectMs, errorCode, usingCloudProxy } });
  }

  #finish(end: ProbeEnd): void {
    this.#end = end;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    // A failed leave (LEAVE_FAILED) does not change how the route ended; the session retried it once.
    void this.#session
      .dispose()
      .catch(noop)
      .then(() => this.#release(end));
  }
}
