// @vitest-environment jsdom
import { describe, expect, it } from "vitest";
import { trackLibraryTimers } from "../support/libraryTimers";
import { driveRealGateway, realProxyMode } from "../support/realSdk";
import { JOIN, realSession, sleep, within } from "../support/sessionHarness";

// Issue 14 on the real agora-rtc-sdk-ng under jsdom (offline: a join stays CONNECTING).

const TOKEN_A = "007eJxTYPjB4uLs0q1fAAAA";
const TOKEN_B = "007eJxTYPjB4uLs0q1fBBBB";

describe("real SDK: renewToken is never issued while CONNECTING", () => {
  it("a join() with only a new token, and the guarded client's renewToken, wait; the SDK sees no renewToken and no ordering error", async () => {
    const { session, calls, sdkLog, orderingErrors } = await realSession({ mode: "udp" });
    const first = session.join({ ...JOIN, token: TOKEN_A });
    first.catch(() => {});
    expect(await within(2_000, () => session.store.getState().connectionState === "CONNECTING")).toBe(true);
    const second = session.join({ ...JOIN, token: TOKEN_B });
    second.catch(() => {});
    const renewed = session.client.renewToken(TOKEN_A);
    renewed.catch(() => {});
    await sleep(300);
    expect(calls.map((call) => call.method)).toEqual(["startProxyServer", "join"]); // no leave, no renewToken
    expect(session.store.getState()).toMatchObject({ connectionState: "CONNECTING", joinRequested: true });
    await session.leave();
    await expect(second).rejects.toMatchObject({ code: "CANCELLED" });
    expect(orderingErrors()).toEqual([]);
    expect(sdkLog()).not.toContain("renewToken:INVALID_OPERATION");
    expect(JSON.stringify(session.history.getState())).not.toContain(TOKEN_B);
  });

  it("the guarded client's renewToken with no join wanted is the SDK's own: INVALID_OPERATION before join", async () => {
    const { session } = await realSession({ mode: "udp" });
    await expect(session.client.renewToken(TOKEN_A)).rejects.toMatchObject({ code: "INVALID_OPERATION" });
  });
});

describe("real SDK: a reconnect cycle cancelled by dispose (an unmount)", () => {
  it("leaves the SDK DISCONNECTED with the proxy disabled, no ordering error and no library timer", async () => {
    const timers = trackLibraryTimers();
    const { raw, session, orderingErrors, calls } = await realSession({
      mode: "udp",
      reconnect: { delaysMs: [50, 50] },
    });
    // Offline the SDK never connects: the first join is made to look connected by its gateway's
    // state (the SDK's own join keeps retrying inside until the leave cancels it).
    const target = raw as unknown as { join: (...args: unknown[]) => Promise<unknown> };
    const realJoin = target.join.bind(raw);
    let joins = 0;
    target.join = (...args: unknown[]) => {
      joins += 1;
      const pending = realJoin(...args);
      pending.catch(() => {});
      if (joins > 1) return pending; // the reconnect attempt: CONNECTING, as offline
      return new Promise((resolve) => setTimeout(() => (driveRealGateway(raw, "CONNECTED"), resolve(JOIN.uid)), 20));
    };
    await session.join(JOIN);
    expect(session.store.getState()).toMatchObject({
      connectionState: "CONNECTED",
      uid: JOIN.uid,
      media: "unverified",
    });
    driveRealGateway(raw, "RECONNECTING");
    driveRealGateway(raw, "DISCONNECTED", "NETWORK_ERROR");
    expect(session.store.getState().reconnect).toMatchObject({ attempt: 1, attempts: 2 });
    expect(await within(2_000, () => raw.connectionState === "CONNECTING")).toBe(true); // attempt 1 runs
    expect(session.store.getState().reconnect).toMatchObject({ attempt: 1, nextAt: null });
    await session.dispose();
    expect(raw.connectionState).toBe("DISCONNECTED");
    expect(realProxyMode(raw)).toBe("disabled");
    expect(session.store.getState()).toMatchObject({ reconnect: null, disposed: true, media: null });
    await Promise.all(calls.map((call) => call.done));
    expect(orderingErrors()).toEqual([]);
    expect(timers.pending()).toBe(0);
  });
});
