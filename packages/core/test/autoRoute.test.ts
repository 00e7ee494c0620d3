import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { AutoRoute } from "../src/session/autoRoute";
import type { RememberedRoute } from "../src/types";
import { freshRouteMemory as memory } from "../../../test/support/routeMemory";

const T0 = new Date("2030-01-01T00:00:00Z").getTime();
const DAY = 86_400_000;

function setup(entry: RememberedRoute | null = null, fallbackAfterMs = 5_000) {
  const routeMemory = memory(entry);
  const route = new AutoRoute({ fallbackAfterMs, memory: routeMemory, ttlMs: DAY });
  return { route, routeMemory };
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(T0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe("AutoRoute: planning", () => {
  it("nothing remembered: direct first (no proxy), then udp, then tls, then none", () => {
    const { route } = setup();
    expect(route.plan()).toBeNull();
    expect(route.next()).toBe("direct");
    route.started(null, null);
    expect(route.next()).toBe("udp");
    route.started("udp", null);
    expect(route.next()).toBe("tls");
    route.started("tls", null);
    expect(route.next()).toBeNull();
  });

  it("the remembered route comes first while it is younger than the ttl, then the others in order", () => {
    const { route } = setup({ route: "tls", at: T0 - DAY + 1 });
    expect(route.plan()).toBe("tls");
    route.started("tls", null);
    expect(route.next()).toBe("direct");
    route.started(null, null);
    expect(route.next()).toBe("udp");
  });

  it("a remembered route older than the ttl is forgotten: direct is probed again", () => {
    const { route } = setup({ route: "tls", at: T0 - DAY });
    expect(route.plan()).toBeNull();
  });

  it("a memory whose read throws never breaks it: the plan starts from direct", () => {
    const route = new AutoRoute({
      fallbackAfterMs: 5_000,
      ttlMs: DAY,
      memory: {
        read: () => {
          throw new Error("SecurityError: storage disabled");
        },
        write: () => {},
      },
    });
    expect(route.plan()).toBeNull();
  });
});

describe("AutoRoute: attempts", () => {
  it("started then connected records one attempt with its duration; the route is stored only once media flowed (remember)", () => {
    const { route, routeMemory } = setup();
    route.plan();
    route.started("udp", null);
    vi.advanceTimersByTime(1_234);
    route.connected(true);
    expect(route.route).toBe("udp");
    expect(route.attempts).toEqual([{ route: "udp", outcome: "connected", errorCode: null, ms: 1_234 }]);
    expect(routeMemory.entry).toBeNull(); // signalling alone proves nothing about media
    expect(route.plan()).toBe("udp"); // but this session starts there again
    vi.advanceTimersByTime(100);
    route.remember();
    expect(routeMemory.entry).toEqual({ route: "udp", at: T0 + 1_334 });
  });

  it("mediaFailed records a media-failed attempt (ms from CONNECTED) and forgets the session's unverified route", () => {
    const { route, routeMemory } = setup();
    route.plan();
    route.started("udp", null);
    vi.advanceTimersByTime(100);
    route.connected(true);
    vi.advanceTimersByTime(5_000);
    route.mediaFailed();
    expect(route.attempts.map(({ outcome, ms }) => [outcome, ms])).toEqual([
      ["connected", 100],
      ["media-failed", 5_000],
    ]);
    expect(routeMemory.entry).toBeNull();
    expect(route.plan()).toBeNull(); // direct first again: nothing proved udp
  });

  it("planAfter(lost) starts the plan after the lost route and wraps round", () => {
    const { route } = setup();
    expect(route.planAfter("direct")).toBe("udp");
    route.started("udp", null);
    expect(route.next()).toBe("tls");
    route.started("tls", null);
    expect(route.next()).toBe("direct");
    expect(route.planAfter("tls")).toBeNull(); // direct
  });

  it("connected(false) (a manual mode) records the attempt but remembers nothing", () => {
    const { route, routeMemory } = setup();
    route.started("tls", null);
    route.connected(false);
    expect(route.attempts).toHaveLength(1);
    expect(routeMemory.entry).toBeNull();
  });

  it("a memory whose write throws never breaks a call that connected", () => {
    const route = new AutoRoute({
      fallbackAfterMs: 5_000,
      ttlMs: DAY,
      memory: {
        read: () => null,
        write: () => {
          throw new Error("QuotaExceededError");
        },
      },
    });
    route.started(null, null);
    expect(() => route.connected(true)).not.toThrow();
    expect(route.attempts).toEqual([{ route: "direct", outcome: "connected", errorCode: null, ms: 0 }]);
  });

  it("ended records failed/timeout with the SDK code; cancelled also forgets the route", () => {
    const { route } = setup();
    route.started(null, null);
    route.ended("failed", "CAN_NOT_GET_GATEWAY_SERVER");
    expect(route.route).toBe("direct");
    route.started("udp", null);
    route.ended("cancelled", null);
    expect(route.route).toBeNull();
    expect(route.attempts.map((attempt) => [attempt.route, attempt.outcome, attempt.errorCode])).toEqual([
      ["direct", "failed", "CAN_NOT_GET_GATEWAY_SERVER"],
      ["udp", "cancelled", null],
    ]);
  });

  it("the attempts array is a new one on each change, and the same one when nothing changed", () => {
    const { route } = setup();
    const empty = route.attempts;
    route.begin();
    expect(route.attempts).toBe(empty);
    route.ended("failed", null); // nothing in flight: a no-op
    route.connected(true);
    expect(route.attempts).toBe(empty);

    route.started("udp", null);
    route.ended("timeout", null);
    const one = route.attempts;
    expect(one).not.toBe(empty);
    route.ended("cancelled", null); // this join already ended
    expect(route.attempts).toBe(one);
    route.started("tls", null);
    route.connected(true);
    expect(route.attempts).not.toBe(one);
    expect(one).toHaveLength(1); // the old array was not changed in place
    route.begin();
    expect(route.attempts).toEqual([]);
  });
});

describe("AutoRoute: the fallback timer", () => {
  it("fires onTimeout once, after fallbackAfterMs and not before", () => {
    const { route } = setup(null, 3_000);
    const onTimeout = vi.fn();
    route.started(null, onTimeout);
    vi.advanceTimersByTime(2_999);
    expect(onTimeout).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onTimeout).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(onTimeout).toHaveBeenCalledTimes(1);
  });

  it("a manual mode (no onTimeout) starts no timer", () => {
    const { route } = setup();
    route.started("udp", null);
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([
    ["connected", (route: AutoRoute) => route.connected(true)],
    ["ended", (route: AutoRoute) => route.ended("failed", null)],
    ["begin", (route: AutoRoute) => route.begin()],
    ["stop", (route: AutoRoute) => route.stop()],
    ["started again", (route: AutoRoute) => route.started("udp", null)],
  ])("%s stops the timer of the join in flight", (_name, settle) => {
    const { route } = setup();
    const onTimeout = vi.fn();
    route.started(null, onTimeout);
    settle(route);
    vi.advanceTimersByTime(10_000);
    expect(onTimeout).not.toHaveBeenCalled();
  });

  it("a changed options.fallbackAfterMs applies from the next started, not to the join in flight", () => {
    const { route } = setup(null, 5_000);
    const first = vi.fn();
    route.started(null, first);
    route.options = { ...route.options, fallbackAfterMs: 1_000 };
    vi.advanceTimersByTime(1_000);
    expect(first).not.toHaveBeenCalled();
    vi.advanceTimersByTime(4_000);
    expect(first).toHaveBeenCalledTimes(1);

    const second = vi.fn();
    route.started("udp", second);
    vi.advanceTimersByTime(1_000);
    expect(second).toHaveBeenCalledTimes(1);
  });

  it("stop (dispose) also ends the attempt in flight: a later outcome records nothing", () => {
    const { route } = setup();
    route.started(null, vi.fn());
    route.stop();
    route.ended("cancelled", null);
    expect(route.attempts).toEqual([]);
  });
});
