import { isNetworkJoinError, modeRoute, routeMode, routePlan } from "../cloudProxyRoute";
import type { CloudProxyMode, CloudProxyRoute, RouteAttempt, RouteMemory } from "../types";

/** Auto mode's settings; live: each attempt reads them when it starts. */
export interface AutoRouteOptions {
  fallbackAfterMs: number;
  memory: RouteMemory;
  ttlMs: number;
  /** A network test's best route (the `preflight` option): the plan starts there, whatever the memory says. */
  preferred?: CloudProxyRoute | null;
}

const NO_ATTEMPTS: readonly RouteAttempt[] = [];

/**
 * The route bookkeeping of one session, kept out of the worker (TanStack Query's retryer
 * idea): which route a join runs on, the attempts of the current join request, the fallback
 * timer, and in auto mode which route comes next. It never calls the SDK; the session turns
 * its answers into desired state.
 */
export class AutoRoute {
  /** The route of the join in flight or connected; `null` when none. */
  route: CloudProxyRoute | null = null;
  /** Attempts of the current join request, oldest first (a new array on every change). */
  attempts: readonly RouteAttempt[] = NO_ATTEMPTS;
  /** The route of the last join that ended (left, lost or cancelled): a reconnect moves on from it. */
  lost: CloudProxyRoute | null = null;
  #plan: readonly CloudProxyRoute[] = [];
  /** A route that connected with no media to prove it: tried first again in this session only, never stored. */
  #unverified: CloudProxyRoute | null = null;
  #startedAt: number | null = null;
  #connectedAt: number | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(public options: AutoRouteOptions) {}

  /** A new join request, a leave or a manual mode change: its attempts start over. */
  begin(): void {
    this.#stopTimer();
    this.#startedAt = null;
    this.attempts = NO_ATTEMPTS;
  }

  /** Auto mode: plans the routes (the remembered one first) and returns the first one's mode. */
  plan(): CloudProxyMode | null {
    const { memory, ttlMs, preferred = null } = this.options;
    this.#plan = routePlan(memory, ttlMs, Date.now(), preferred, this.#unverified);
    return routeMode(this.#plan[0]!);
  }

  /** A reconnect in auto mode: plans again, starting after `lost` (every route gets its chance, wrapping round). */
  planAfter(lost: CloudProxyRoute | null): CloudProxyMode | null {
    this.begin();
    this.plan();
    const at = lost === null ? -1 : this.#plan.indexOf(lost);
    this.#plan = [...this.#plan.slice(at + 1), ...this.#plan.slice(0, at + 1)];
    return routeMode(this.#plan[0]!);
  }

  /** A join went out with `mode` in force; in auto mode `onTimeout` runs if it is not settled in time. */
  started(mode: CloudProxyMode | null, onTimeout: (() => void) | null): void {
    this.#stopTimer();
    this.route = modeRoute(mode);
    this.#startedAt = Date.now();
    if (onTimeout) this.#timer = setTimeout(onTimeout, this.options.fallbackAfterMs);
  }

  /**
   * The join in flight connected: recorded; in auto mode kept for this session until media
   * proves it ({@link remember}): signalling alone passes firewalls that block media.
   */
  connected(auto: boolean): void {
    this.#record("connected", null);
    if (auto) this.#unverified = this.route;
  }

  /** Media flowed on the connected route: remembered for next time (`routeMemory`). */
  remember(): void {
    const route = this.route;
    if (route === null) return;
    this.#unverified = null;
    try {
      this.options.memory.write({ route, at: Date.now() });
    } catch {
      // A broken storage must not break a call that works.
    }
  }

  /** Media failed on the connected route: recorded, and never tried first again. */
  mediaFailed(): void {
    const route = this.route;
    if (route === null) return;
    if (this.#unverified === route) this.#unverified = null;
    // `ms`: from CONNECTED to the verdict, the time the media check took.
    const ms = this.#connectedAt === null ? 0 : Date.now() - this.#connectedAt;
    this.attempts = [...this.attempts, { route, outcome: "media-failed", errorCode: null, ms }];
  }

  /** The join in flight ended otherwise; a no-op when none is in flight. */
  ended(outcome: "failed" | "timeout" | "cancelled", errorCode: string | null): void {
    this.#record(outcome, errorCode);
    if (outcome !== "cancelled") return;
    if (this.route !== null) this.lost = this.route;
    this.route = null;
  }

  /** Whether a failed join should move on to the next route: only the network's faults do. */
  shouldEscalate(cause: unknown): boolean {
    return isNetworkJoinError(cause);
  }

  /** The next route of the plan, or `null` when every route was tried. */
  next(): CloudProxyRoute | null {
    const index = this.route === null ? -1 : this.#plan.indexOf(this.route);
    return this.#plan[index + 1] ?? null;
  }

  /** Stops the timer (dispose). */
  stop(): void {
    this.#stopTimer();
    this.#startedAt = null;
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #record(outcome: RouteAttempt["outcome"], errorCode: string | null): void {
    if (this.#startedAt === null || this.route === null) return;
    if (outcome === "connected") this.#connectedAt = Date.now();
    this.attempts = [...this.attempts, { route: this.route, outcome, errorCode, ms: Date.now() - this.#startedAt }];
    this.#startedAt = null;
    this.#stopTimer();
  }
}
