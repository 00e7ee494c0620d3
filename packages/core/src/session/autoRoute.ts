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
  #plan: readonly CloudProxyRoute[] = [];
  #startedAt: number | null = null;
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
    this.#plan = routePlan(memory, ttlMs, Date.now(), preferred);
    return routeMode(this.#plan[0]!);
  }

  /** A join went out with `mode` in force; in auto mode `onTimeout` runs if it is not settled in time. */
  started(mode: CloudProxyMode | null, onTimeout: (() => void) | null): void {
    this.#stopTimer();
    this.route = modeRoute(mode);
    this.#startedAt = Date.now();
    if (onTimeout) this.#timer = setTimeout(onTimeout, this.options.fallbackAfterMs);
  }

  /** The join in flight connected: recorded, and in auto mode remembered for next time. */
  connected(remember: boolean): void {
    const route = this.route;
    this.#record("connected", null);
    if (!remember || route === null) return;
    try {
      this.options.memory.write({ route, at: Date.now() });
    } catch {
      // A broken storage must not break a call that works.
    }
  }

  /** The join in flight ended otherwise; a no-op when none is in flight. */
  ended(outcome: "failed" | "timeout" | "cancelled", errorCode: string | null): void {
    this.#record(outcome, errorCode);
    if (outcome === "cancelled") this.route = null;
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
    this.attempts = [...this.attempts, { route: this.route, outcome, errorCode, ms: Date.now() - this.#startedAt }];
    this.#startedAt = null;
    this.#stopTimer();
  }
}
