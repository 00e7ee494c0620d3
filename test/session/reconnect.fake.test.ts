import type { CloudProxyTokenContext } from "@agora-cloud-proxy/core";
import { describe, expect, it, vi } from "vitest";
import { trackLibraryTimers } from "../support/libraryTimers";
import { freshRouteMemory } from "../support/routeMemory";
import { JOIN, fakeSession, sleep, tokensJoinedWith, within } from "../support/sessionHarness";

// Issue 14 §2: when the SDK gives up on a connection (DISCONNECTED with a network reason after
// RECONNECTING), the session joins again on its reconnect schedule instead of stopping.

const reconnectHistory = (session: {
  history: { getState(): readonly { kind: string; name: string; detail: string | null }[] };
}) =>
  session.history
    .getState()
    .filter((entry) => entry.kind === "reconnect")
    .map((entry) => `${entry.name}${entry.detail === null ? "" : ` ${entry.detail}`}`);

describe("reconnect (fake: CONNECTED, then the SDK gives up)", () => {
  it("by default: the store shows attempt 1 of 5 due in 1 s, then the session joins again and the call is back", async () => {
    const { fake, session, sdkLog, errors } = fakeSession({ mode: "udp" });
    await session.join(JOIN);
    const dropped = Date.now();
    await fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    const waiting = session.store.getState();
    expect(waiting).toMatchObject({ connectionState: "DISCONNECTED", joinRequested: true, error: null });
    expect(waiting.reconnect).toMatchObject({ attempt: 1, attempts: 5 });
    expect(waiting.reconnect!.nextAt! - dropped).toBeGreaterThanOrEqual(990);
    expect(waiting.reconnect!.nextAt! - dropped).toBeLessThanOrEqual(1_100);
    expect(await within(2_000, () => session.store.getState().connectionState === "CONNECTED")).toBe(true);
    expect(Date.now() - dropped).toBeGreaterThanOrEqual(990);
    expect(session.store.getState()).toMatchObject({ reconnect: null, error: null, uid: 7 });
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "join:ok"]);
    expect(errors).toEqual([]);
    expect(reconnectHistory(session)).toEqual(["scheduled 1", "attempt 1", "reconnected 1"]);
  });

  it("the default schedule is 1, 2, 5, 10 and 20 s, one attempt each; after the last: CONNECTION_LOST", async () => {
    vi.useFakeTimers();
    try {
      const { fake, session, sdkLog, errors } = fakeSession({ mode: "udp" }, { joinLatencyMs: 0 });
      await vi.advanceTimersByTimeAsync(0);
      const joined = session.join(JOIN);
      await vi.advanceTimersByTimeAsync(10);
      await joined;
      for (let i = 0; i < 5; i += 1) fake.fake.failNextJoin("CAN_NOT_GET_GATEWAY_SERVER", "network down");
      const drop = fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
      await vi.advanceTimersByTimeAsync(0);
      await drop;
      const start = Date.now();
      const waits: number[] = [];
      let last = start;
      for (let attempt = 1; attempt <= 5; attempt += 1) {
        const { reconnect } = session.store.getState();
        expect(reconnect).toMatchObject({ attempt, attempts: 5 });
        waits.push(reconnect!.nextAt! - last);
        await vi.advanceTimersByTimeAsync(reconnect!.nextAt! - Date.now());
        await vi.advanceTimersByTimeAsync(1);
        last = Date.now() - 1;
      }
      expect(waits).toEqual([1_000, 2_000, 5_000, 10_000, 20_000]);
      expect(session.store.getState()).toMatchObject({
        reconnect: null,
        joinRequested: false,
        error: expect.objectContaining({ code: "CONNECTION_LOST" }),
      });
      expect(errors.map((error) => error.code)).toEqual(["CONNECTION_LOST"]);
      expect(sdkLog().filter((entry) => entry.startsWith("join"))).toEqual([
        "join:ok",
        ...Array(5).fill("join:CAN_NOT_GET_GATEWAY_SERVER"),
      ]);
      expect(reconnectHistory(session).at(-1)).toBe("gave up");
      expect(vi.getTimerCount()).toBe(0);
      await session.dispose();
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([
    ["leave()", (session: { leave(): Promise<void> }) => session.leave()],
    ["dispose()", (session: { dispose(): Promise<void> }) => session.dispose()],
  ])("%s while waiting cancels the reconnect at once: no attempt, no library timer left", async (_name, end) => {
    const timers = trackLibraryTimers();
    const { fake, session, sdkLog } = fakeSession({ mode: "udp", reconnect: { delaysMs: [50] } });
    await session.join(JOIN);
    await fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    expect(session.store.getState().reconnect).toMatchObject({ attempt: 1, attempts: 1 });
    const ended = end(session);
    expect(session.store.getState().reconnect).toBeNull(); // at once, before the SDK did anything
    await ended;
    await sleep(120);
    expect(sdkLog().filter((entry) => entry.startsWith("join"))).toEqual(["join:ok"]);
    expect(timers.pending()).toBe(0);
    expect(session.store.getState()).toMatchObject({ reconnect: null, joinRequested: false, error: null });
  });

  it.each(["UID_BANNED", "IP_BANNED", "CHANNEL_BANNED", "TOKEN_EXPIRE"] as const)(
    "never reconnects after %s: CONNECTION_LOST at once",
    async (reason) => {
      const { fake, session, sdkLog, errors } = fakeSession({ mode: "udp", reconnect: { delaysMs: [10] } });
      await session.join(JOIN);
      await fake.fake.dropNetwork({ reason });
      await sleep(40);
      expect(session.store.getState()).toMatchObject({
        reconnect: null,
        joinRequested: false,
        error: expect.objectContaining({ code: "CONNECTION_LOST" }),
      });
      expect(errors.map((error) => error.code)).toEqual(["CONNECTION_LOST"]);
      expect(sdkLog().filter((entry) => entry.startsWith("join"))).toEqual(["join:ok"]);
    },
  );

  it("never reconnects after a leave on the raw client (the app's leave)", async () => {
    const { fake, session, sdkLog } = fakeSession({ mode: "udp", reconnect: { delaysMs: [10] } });
    await session.join(JOIN);
    await fake.leave();
    await sleep(40);
    expect(session.store.getState()).toMatchObject({ reconnect: null, joinRequested: false });
    expect(sdkLog().filter((entry) => entry.startsWith("join"))).toEqual(["join:ok"]);
  });

  it("reconnect: false reports CONNECTION_LOST at once, as before", async () => {
    const { fake, session, errors } = fakeSession({ mode: "udp", reconnect: false });
    await session.join(JOIN);
    await fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    expect(session.store.getState()).toMatchObject({ reconnect: null, joinRequested: false });
    await sleep(0);
    expect(errors.map((error) => error.code)).toEqual(["CONNECTION_LOST"]);
  });

  it("a reconnect attempt that hangs CONNECTING is left after fallbackAfterMs and the next one is scheduled", async () => {
    const { fake, session, sdkLog } = fakeSession({
      mode: "udp",
      fallbackAfterMs: 40,
      reconnect: { delaysMs: [10, 10] },
    });
    await session.join(JOIN);
    fake.fake.hangNextJoin();
    await fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    expect(await within(2_000, () => session.store.getState().reconnect?.attempt === 2)).toBe(true);
    expect(await within(2_000, () => session.store.getState().connectionState === "CONNECTED")).toBe(true);
    expect(sdkLog().filter((entry) => !entry.startsWith("startProxyServer"))).toEqual([
      "join:ok",
      "join:OPERATION_ABORTED",
      "leave:ok",
      "join:ok",
    ]);
    expect(session.store.getState().reconnect).toBeNull();
  });

  it("auto mode: a call lost on direct reconnects on the next route (UDP)", async () => {
    const { fake, session, sdkLog } = fakeSession({
      mode: "auto",
      routeMemory: freshRouteMemory(),
      reconnect: { delaysMs: [10] },
    });
    await session.join(JOIN);
    expect(session.store.getState().route).toBe("direct");
    await fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    expect(await within(2_000, () => session.store.getState().connectionState === "CONNECTED")).toBe(true);
    expect(session.store.getState()).toMatchObject({ route: "udp", mode: "udp", reconnect: null });
    expect(sdkLog()).toEqual(["join:ok", "startProxyServer(3):ok", "join:ok"]);
  });

  it("a token provider is asked again for the reconnect, with reason reconnect", async () => {
    const contexts: CloudProxyTokenContext[] = [];
    const { fake, session } = fakeSession({ mode: "udp", reconnect: { delaysMs: [10] } });
    const tokens = tokensJoinedWith(fake);
    await session.join({
      ...JOIN,
      token: (context) => {
        contexts.push(context);
        return `token-${contexts.length}`;
      },
    });
    await fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    expect(await within(2_000, () => session.store.getState().connectionState === "CONNECTED")).toBe(true);
    expect(contexts).toEqual([
      { channel: JOIN.channel, uid: JOIN.uid, reason: "join" },
      { channel: JOIN.channel, uid: JOIN.uid, reason: "reconnect" },
    ]);
    expect(tokens).toEqual(["token-1", "token-2"]);
  });

  it.each([
    [{ delaysMs: [-1] }],
    [{ delaysMs: [Number.NaN] }],
    [{ delaysMs: "1s" }],
    ["yes"],
    [{ delaysMs: [2 ** 31] }],
  ])("a bad reconnect option %j throws INVALID_MODE before anything is created", (reconnect) => {
    expect(() => fakeSession({ reconnect: reconnect as never })).toThrow(
      expect.objectContaining({ code: "INVALID_MODE" }),
    );
  });
});

describe("the app's tracks across a reconnect (fake)", () => {
  it("tracks published before the drop are published again on the reconnected call; the guarded client lists them meanwhile", async () => {
    const { createFakeLocalTrack } = await import("@agora-cloud-proxy/testing");
    const { fake, session, orderingErrors } = fakeSession({ mode: "udp", reconnect: { delaysMs: [30] } });
    await session.join(JOIN);
    const microphone = createFakeLocalTrack("audio");
    await session.client.publish(microphone);
    await fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    expect(fake.localTracks).toEqual([]); // the SDK forgot them
    expect(session.client.localTracks).toEqual([microphone]); // the app still has them published
    const camera = createFakeLocalTrack("video");
    const published = session.client.publish(camera); // during the wait: carried, not sent out of the channel
    await published;
    expect(session.store.getState()).toMatchObject({ connectionState: "CONNECTED", reconnect: null });
    expect(fake.localTracks).toEqual([microphone, camera]);
    expect(orderingErrors()).toEqual([]);
  });

  it("a leave during the wait rejects a publish made meanwhile (CANCELLED) and the guarded client lists only the SDK's tracks", async () => {
    const { createFakeLocalTrack } = await import("@agora-cloud-proxy/testing");
    const { fake, session } = fakeSession({ mode: "udp", reconnect: { delaysMs: [200] } });
    await session.join(JOIN);
    await session.client.publish(createFakeLocalTrack("audio"));
    await fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    const published = session.client.publish(createFakeLocalTrack("video"));
    await session.leave();
    await expect(published).rejects.toMatchObject({ code: "CANCELLED" });
    expect(session.client.localTracks).toEqual([]);
  });

  it("a token expiry with a provider rejoins with the app's tracks published again", async () => {
    const { createFakeLocalTrack } = await import("@agora-cloud-proxy/testing");
    const { fake, session } = fakeSession({ mode: "udp" });
    await session.join({ ...JOIN, token: () => "tok" });
    const microphone = createFakeLocalTrack("audio");
    await session.client.publish(microphone);
    fake.fake.expireToken();
    expect(await within(1_000, () => fake.localTracks.includes(microphone as never))).toBe(true);
  });

  it("a mode change's rejoin (onModeChange rejoin) takes the app's tracks along", async () => {
    const { createFakeLocalTrack } = await import("@agora-cloud-proxy/testing");
    const { fake, session } = fakeSession({ mode: "udp" });
    await session.join(JOIN);
    const microphone = createFakeLocalTrack("audio");
    await session.client.publish(microphone);
    await session.setProxy("tls");
    expect(await within(1_000, () => fake.localTracks.includes(microphone as never))).toBe(true);
    expect(fake._cloudProxyServerMode).toBe("proxy5");
  });
});
