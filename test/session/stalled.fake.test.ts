// `stalledMs` (issue 13, part 4): a join stuck short of CONNECTED says so in the store. On the
// fake client, whose joins hang on demand, with fake timers (the fake's latencies are timers too).
import { type CloudProxySessionOptions, createCloudProxySession } from "@agora-cloud-proxy/core";
import { asAgoraRTCClient, createFakeAgoraClient } from "@agora-cloud-proxy/testing";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { freshRouteMemory } from "../support/routeMemory";

const JOIN = { appid: "5ta11ed5ta11ed5ta11ed5ta11ed5ta1", channel: "stalled", token: null, uid: 3 };

function setup(options: CloudProxySessionOptions = {}) {
  const fake = createFakeAgoraClient({ joinLatencyMs: 50, leaveLatencyMs: 10 });
  const session = createCloudProxySession(asAgoraRTCClient(fake), { mode: "udp", ...options });
  const stalled = () => session.store.getState().stalledMs;
  return { fake, session, stalled };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("stalledMs: a join stuck short of CONNECTED", () => {
  it("null before stalledAfterMs, the ms CONNECTING after it (refreshed every second), null again after leave; no timer left after dispose", async () => {
    const { fake, session, stalled } = setup({ stalledAfterMs: 3_000 });
    fake.fake.hangNextJoin();
    void session.join(JOIN).catch(() => {});
    await vi.advanceTimersByTimeAsync(0);
    expect(fake.connectionState).toBe("CONNECTING");
    expect(stalled()).toBeNull();

    await vi.advanceTimersByTimeAsync(2_999);
    expect(stalled()).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(stalled()).toBe(3_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(stalled()).toBe(3_000);
    await vi.advanceTimersByTimeAsync(1);
    expect(stalled()).toBe(4_000);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(stalled()).toBe(6_000);

    const left = session.leave();
    await vi.advanceTimersByTimeAsync(0);
    expect(stalled()).toBeNull();
    await vi.advanceTimersByTimeAsync(100);
    await left;
    expect(stalled()).toBeNull();

    const disposed = session.dispose();
    await vi.advanceTimersByTimeAsync(100);
    await disposed;
    expect(fake.connectionState).toBe("DISCONNECTED");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("the default threshold is 10 s", async () => {
    const { fake, session, stalled } = setup();
    fake.fake.hangNextJoin();
    void session.join(JOIN).catch(() => {});
    await vi.advanceTimersByTimeAsync(9_999);
    expect(stalled()).toBeNull();
    await vi.advanceTimersByTimeAsync(1);
    expect(stalled()).toBe(10_000);
    const disposed = session.dispose();
    await vi.advanceTimersByTimeAsync(100);
    await disposed;
    expect(stalled()).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a join that connects after the threshold clears it at CONNECTED and leaves no stall timer", async () => {
    const { fake, session, stalled } = setup({ stalledAfterMs: 1_000 });
    fake.fake.hangNextJoin();
    const joined = session.join(JOIN);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(stalled()).toBe(1_000);
    fake.fake.completePendingJoin();
    await joined;
    expect(session.store.getState()).toMatchObject({ connectionState: "CONNECTED", stalledMs: null });
    expect(vi.getTimerCount()).toBe(0); // the refresh timer went with the stall
    await vi.advanceTimersByTimeAsync(5_000);
    expect(stalled()).toBeNull();
    const disposed = session.dispose();
    await vi.advanceTimersByTimeAsync(100);
    await disposed;
  });

  it("a join that fails clears it; a join that connects in time never shows it", async () => {
    const { fake, session, stalled } = setup({ stalledAfterMs: 1_000 });
    const seen: (number | null)[] = [];
    session.store.subscribe((state) => seen.push(state.stalledMs));
    fake.fake.hangNextJoin();
    const failed = session.join(JOIN).catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(1_200);
    expect(stalled()).toBe(1_000);
    fake.fake.failPendingJoin("CAN_NOT_GET_GATEWAY_SERVER");
    expect(await failed).toMatchObject({ code: "JOIN_FAILED" });
    await vi.advanceTimersByTimeAsync(0); // the store publishes after the worker's pass
    expect(session.store.getState()).toMatchObject({ joinRequested: false, stalledMs: null });

    seen.length = 0;
    const joined = session.join(JOIN); // 50 ms: well within the threshold
    await vi.advanceTimersByTimeAsync(60);
    await joined;
    expect(seen.every((ms) => ms === null)).toBe(true);
    const disposed = session.dispose();
    await vi.advanceTimersByTimeAsync(100);
    await disposed;
    expect(vi.getTimerCount()).toBe(0);
  });

  it("auto mode: the period spans the switches between routes (it is one join request)", async () => {
    const { fake, session, stalled } = setup({
      mode: "auto",
      fallbackAfterMs: 2_000,
      stalledAfterMs: 3_000,
      routeMemory: freshRouteMemory(),
    });
    fake.fake.hangNextJoin();
    fake.fake.hangNextJoin();
    void session.join(JOIN).catch(() => {});
    await vi.advanceTimersByTimeAsync(2_500);
    expect(session.store.getState()).toMatchObject({ route: "udp", connectionState: "CONNECTING", stalledMs: null });
    await vi.advanceTimersByTimeAsync(500);
    expect(stalled()).toBe(3_000);
    const disposed = session.dispose();
    await vi.advanceTimersByTimeAsync(500);
    await disposed;
    expect(stalled()).toBeNull();
    expect(vi.getTimerCount()).toBe(0);
  });

  it("stalledAfterMs is live: lowered below the time already spent, it reports at once; Infinity turns it off", async () => {
    const { fake, session, stalled } = setup({ stalledAfterMs: 5_000 });
    fake.fake.hangNextJoin();
    void session.join(JOIN).catch(() => {});
    await vi.advanceTimersByTimeAsync(3_000);
    expect(stalled()).toBeNull();
    session.setOptions({ stalledAfterMs: 2_000 });
    expect(stalled()).toBe(3_000);
    session.setOptions({ stalledAfterMs: Infinity });
    expect(stalled()).toBeNull();
    expect(vi.getTimerCount()).toBe(0); // the hung join has no timer; the stall watch has none either
    await vi.advanceTimersByTimeAsync(60_000);
    expect(stalled()).toBeNull();
    session.setOptions({ stalledAfterMs: undefined }); // back to the default, 10 s: already past
    expect(stalled()).toBe(63_000);
    const disposed = session.dispose();
    await vi.advanceTimersByTimeAsync(100);
    await disposed;
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a threshold at setTimeout's limit (2^31 - 1 ms; longer ones are refused) schedules one timer, not one every millisecond", async () => {
    const { fake, session, stalled } = setup({ stalledAfterMs: 2 ** 31 - 1 });
    fake.fake.hangNextJoin();
    void session.join(JOIN).catch(() => {});
    const timeouts = vi.spyOn(globalThis, "setTimeout");
    await vi.advanceTimersByTimeAsync(1_000);
    expect(timeouts.mock.calls.filter(([, ms]) => ms !== undefined && ms > 2_147_483_647)).toHaveLength(0);
    expect(timeouts.mock.calls.length).toBeLessThan(5);
    expect(vi.getTimerCount()).toBe(1);
    expect(stalled()).toBeNull();
    timeouts.mockRestore();
    const disposed = session.dispose();
    await vi.advanceTimersByTimeAsync(100);
    await disposed;
    expect(vi.getTimerCount()).toBe(0);
  });

  it.each([-1, Number.NaN, "10s", null])(
    "stalledAfterMs %s is refused with INVALID_MODE, at creation and live, and the old value stays",
    async (value) => {
      const fake = createFakeAgoraClient();
      expect(() => createCloudProxySession(asAgoraRTCClient(fake), { stalledAfterMs: value as number })).toThrow(
        expect.objectContaining({ code: "INVALID_MODE" }),
      );
      expect(fake.fake.calls).toEqual([]);
      const { fake: hung, session, stalled } = setup({ stalledAfterMs: 2_000 });
      expect(() => session.setOptions({ stalledAfterMs: value as number })).toThrow(
        expect.objectContaining({ code: "INVALID_MODE" }),
      );
      // The old threshold still holds.
      hung.fake.hangNextJoin();
      void session.join(JOIN).catch(() => {});
      await vi.advanceTimersByTimeAsync(2_100);
      expect(stalled()).toBeGreaterThanOrEqual(2_000);
      const disposed = session.dispose();
      await vi.advanceTimersByTimeAsync(100);
      await disposed;
      expect(vi.getTimerCount()).toBe(0);
    },
  );
});
