// @vitest-environment jsdom
// `stalledMs` on the real agora-rtc-sdk-ng client, offline: its join stays CONNECTING until a
// leave, exactly as behind a firewall that blocks Agora.
import { createRealClient, listenerCount, realProxyMode, recordSdkCalls, sdkSettled, until } from "../support/realSdk";
import { createCloudProxySession } from "@agora-cloud-proxy/core";
import { describe, expect, it } from "vitest";
import { trackLibraryTimers } from "../support/libraryTimers";
import { sleep } from "../support/sessionHarness";

const JOIN = { appid: "0123456789abcdef0123456789abcdef", channel: "support", token: null, uid: 5 };

describe("stalledMs on the real SDK", () => {
  it("null before stalledAfterMs, a number after it, null after leave; no library timer or listener left after dispose", async () => {
    const raw = await createRealClient();
    const calls = recordSdkCalls(raw);
    const timers = trackLibraryTimers();
    const session = createCloudProxySession(raw, { mode: "tls", stalledAfterMs: 200 });
    const joined = session.join(JOIN).catch((error: unknown) => error);
    await until(() => raw.connectionState === "CONNECTING");
    const connectingAt = Date.now();
    await sleep(50);
    expect(session.store.getState().stalledMs).toBeNull();

    await until(() => session.store.getState().stalledMs !== null);
    const stalled = session.store.getState().stalledMs!;
    expect(Date.now() - connectingAt).toBeGreaterThanOrEqual(190); // timers and Date.now() round differently
    expect(stalled).toBeGreaterThanOrEqual(200);
    expect(stalled).toBeLessThan(1_000);
    expect(raw.connectionState).toBe("CONNECTING");
    // Refreshed every second while stalled.
    await until(() => session.store.getState().stalledMs! >= stalled + 1_000);

    await session.leave();
    expect(session.store.getState()).toMatchObject({ connectionState: "DISCONNECTED", stalledMs: null });
    expect(await joined).toMatchObject({ code: "CANCELLED" });

    await session.dispose();
    expect(timers.created()).toBeGreaterThan(0); // the watch's timers were seen, so the count below means something
    expect(timers.pending()).toBe(0);
    await sdkSettled(calls);
    expect(timers.pending()).toBe(0);
    expect([raw.connectionState, realProxyMode(raw), listenerCount(raw, "connection-state-change")]).toEqual([
      "DISCONNECTED",
      "disabled",
      0,
    ]);
    expect(calls.filter((call) => call.outcome === "INVALID_OPERATION")).toEqual([]);
  });

  it("dispose while stalled: the store ends with stalledMs null and no library timer is left", async () => {
    const raw = await createRealClient();
    const calls = recordSdkCalls(raw);
    const timers = trackLibraryTimers();
    const session = createCloudProxySession(raw, { mode: "udp", stalledAfterMs: 100 });
    void session.join(JOIN).catch(() => {});
    await until(() => session.store.getState().stalledMs !== null);
    await session.dispose();
    expect(session.store.getState()).toMatchObject({ disposed: true, stalledMs: null });
    expect(timers.pending()).toBe(0);
    await sdkSettled(calls);
    expect([raw.connectionState, realProxyMode(raw)]).toEqual(["DISCONNECTED", "disabled"]);
  });
});
