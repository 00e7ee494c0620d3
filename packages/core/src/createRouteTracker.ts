import type { CloudProxyMode } from "./cloudProxyMode";
import {
  type CloudProxyRoute,
  type RouteAttempt,
  type RouteMemory,
  modeRoute,
  routeMode,
  routePlan,
} from "./cloudProxyRoute";

/** Settings of auto mode, as given to the session. */
export interface RouteTrackerOptions {
  fallbackAfterMs: number;
  memory: RouteMemory;
  ttlMs: number;
}

/**
 * Keeps the route bookkeeping out of the worker: which route a join runs on, the attempts
 * so far, the fallback timer, and (in auto mode) which route comes next. It never calls
 * the SDK; the session turns its answers into desired state.
 */
export interface RouteTracker {
  /** The route of the join in flight or connected; `null` when none. */
  readonly route: CloudProxyRoute | null;
  /** Attempts of the current join request, oldest first (a new array on every change). */
  readonly attempts: readonly RouteAttempt[];
  /** A new join request: forget its attempts. */
  begin(): void;
  /** Auto mode: plan the routes (the remembered one first); returns the first route's mode. */
  plan(): CloudProxyMode | null;
  /** A join started with `mode` applied; in auto mode `onTimeout` runs if it is not settled in time. */
  started(mode: CloudProxyMode | null, onTimeout: (() => void) | null): void;
  /** The join in flight connected: record it, and remember the route for next time (auto). */
  connected(auto: boolean): void;
  /** The join in flight ended otherwise; no-op when none is in flight. */
  ended(outcome: "failed" | "timeout" | "cancelled", errorCode: string | null): void;
  /** The next route of the plan, or `null` when every route was tried. */
  next(): CloudProxyRoute | null;
  /** Stops the timer (dispose). */
  stop(): void;
}

export function createRouteTracker(options: RouteTrackerOptions): RouteTracker {
  return new Tracker(options);
}

// A class rather than a closure: one is made per session, and sessions are cheap to make.
class Tracker implements RouteTracker {
  route: CloudProxyRoute | null = null;
  attempts: readonly RouteAttempt[] = [];
  #plan: readonly CloudProxyRoute[] = [];
  #startedAt: number | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #options: RouteTrackerOptions;

  constructor(options: RouteTrackerOptions) {
    this.#options = options;
  }

  begin(): void {
    this.#clearTimer();
    this.#startedAt = null;
    if (this.attempts.length > 0) this.attempts = [];
  }

  plan(): CloudProxyMode | null {
    this.#plan = routePlan(this.#options.memory, this.#options.ttlMs, Date.now());
    return routeMode(this.#plan[0]!);
  }

  started(mode: CloudProxyMode | null, onTimeout: (() => void) | null): void {
    this.#clearTimer();
    this.route = modeRoute(mode);
    this.#startedAt = Date.now();
    if (onTimeout) this.#timer = setTimeout(onTimeout, this.#options.fallbackAfterMs);
  }

  connected(auto: boolean): void {
    const connectedRoute = this.route;
    this.#record("connected", null);
    if (auto && connectedRoute !== null) {
      try {
        this.#options.memory.write({ route: connectedRoute, at: Date.now() });
      } catch {
        // A broken storage must not break a call that works.
      }
    }
  }

  ended(outcome: "failed" | "timeout" | "cancelled", errorCode: string | null): void {
    this.#record(outcome, errorCode);
    if (outcome === "cancelled") this.route = null;
  }

  next(): CloudProxyRoute | null {
    const index = this.route === null ? -1 : this.#plan.indexOf(this.route);
    return this.#plan[index + 1] ?? null;
  }

  stop(): void {
    this.#clearTimer();
    this.#startedAt = null;
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #record(outcome: RouteAttempt["outcome"], errorCode: string | null): void {
    if (this.#startedAt === null || this.route === null) return;
    this.attempts = [...this.attempts, { route: this.route, outcome, errorCode, ms: Date.now() - this.#startedAt }];
    this.#startedAt = null;
    this.#clearTimer();
  }
}
