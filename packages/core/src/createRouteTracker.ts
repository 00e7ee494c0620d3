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
  /** A new join request: forget its attempts and, in auto mode, plan the routes; returns the first route's mode. */
  begin(): CloudProxyMode | null;
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
  let route: CloudProxyRoute | null = null;
  let attempts: readonly RouteAttempt[] = [];
  let plan: CloudProxyRoute[] = [];
  let startedAt: number | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;

  function clearTimer(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  }

  function record(outcome: RouteAttempt["outcome"], errorCode: string | null): void {
    if (startedAt === null || route === null) return;
    attempts = [...attempts, { route, outcome, errorCode, ms: Date.now() - startedAt }];
    startedAt = null;
    clearTimer();
  }

  return {
    get route() {
      return route;
    },
    get attempts() {
      return attempts;
    },
    begin() {
      clearTimer();
      startedAt = null;
      attempts = [];
      plan = routePlan(options.memory, options.ttlMs, Date.now());
      return routeMode(plan[0]!);
    },
    started(mode, onTimeout) {
      clearTimer();
      route = modeRoute(mode);
      startedAt = Date.now();
      if (onTimeout) timer = setTimeout(onTimeout, options.fallbackAfterMs);
    },
    connected(auto) {
      const connectedRoute = route;
      record("connected", null);
      if (auto && connectedRoute !== null) {
        try {
          options.memory.write({ route: connectedRoute, at: Date.now() });
        } catch {
          // A broken storage must not break a call that works.
        }
      }
    },
    ended(outcome, errorCode) {
      record(outcome, errorCode);
      if (outcome === "cancelled") route = null;
    },
    next() {
      const index = route === null ? -1 : plan.indexOf(route);
      const next = plan[index + 1] ?? null;
      return next;
    },
    stop() {
      clearTimer();
      startedAt = null;
    },
  };
}
