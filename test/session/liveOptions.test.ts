// @vitest-environment jsdom
/**
 * Acceptance tests for live options (new-api.md): `session.setOptions(patch)` changes the
 * policy of a running session without touching the SDK, and a manual `setProxy` during a join
 * request starts a fresh `attempts` list.
 */
import { describe, expect, it } from "vitest";
import { realProxyMode, sdkSettled, until } from "../support/realSdk";
import { freshRouteMemory } from "../support/routeMemory";
import { JOIN, fakeSession, realSession, sleep, within } from "../support/sessionHarness";

describe("options are live: session.setOptions(patch)", () => {
  it('fake, CONNECTED: setOptions({ onModeChange: "defer" }) then setProxy("tls"): no leave, pending tls shows as on/udp, applied after the next leave', async () => {
    const { fake, session, sdkLog } = fakeSession({ mode: "udp" }); // "rejoin", the default
    await session.join(JOIN);
    session.setOptions({ onModeChange: "defer" });
    const switched = session.setProxy("tls");
    await sleep(20);

    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok"]);
    expect(session.store.getState()).toMatchObject({
      proxy: "on",
      mode: "udp",
      desiredMode: "tls",
      connectionState: "CONNECTED",
      joinRequested: true,
    });
    await session.leave();
    await switched;
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "startProxyServer(5):ok"]);
    expect(fake._cloudProxyServerMode).toBe("proxy5");
    expect(session.store.getState()).toMatchObject({ proxy: "on", mode: "tls", desiredMode: "tls" });
    await session.dispose();
  });

  it('real SDK, CONNECTING: setOptions({ onModeChange: "defer" }) then setProxy("tls"): the join is not interrupted, proxy5 after the leave', async () => {
    const { raw, calls, session, sdkLog } = await realSession({ mode: "udp" });
    void session.join(JOIN).catch(() => {});
    await until(() => raw.connectionState === "CONNECTING");
    session.setOptions({ onModeChange: "defer" });
    const switched = session.setProxy("tls");
    await sleep(20);

    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:pending"]);
    expect(session.store.getState()).toMatchObject({ proxy: "on", mode: "udp", desiredMode: "tls" });
    await session.leave();
    await switched;
    await sdkSettled(calls);
    expect(sdkLog()).toEqual([
      "startProxyServer(3):ok",
      "join:OPERATION_ABORTED",
      "leave:ok",
      "startProxyServer(5):ok",
    ]);
    expect(realProxyMode(raw)).toBe("proxy5");
    await session.dispose();
    expect(realProxyMode(raw)).toBe("disabled");
  });

  it("setOptions changes nothing on the SDK by itself", async () => {
    const { session, sdkLog } = fakeSession({ mode: "udp" });
    await session.join(JOIN);
    session.setOptions({ onModeChange: "defer", fallbackAfterMs: 50, routeTtlMs: 1_000, onRouteChange: () => {} });
    await sleep(20);

    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok"]);
    expect(session.store.getState()).toMatchObject({ proxy: "on", mode: "udp", connectionState: "CONNECTED" });
    await session.dispose();
  });

  it("auto mode: setOptions({ fallbackAfterMs: 50 }) makes the next attempt fall back after 50 ms, not 5000", async () => {
    const { fake, session, sdkLog } = fakeSession({
      mode: "auto",
      fallbackAfterMs: 5_000,
      routeMemory: freshRouteMemory(),
    });
    session.setOptions({ fallbackAfterMs: 50 });
    fake.fake.hangNextJoin(); // direct never connects
    const joined = session.join(JOIN);
    const outcome = await Promise.race([joined, sleep(1_500).then(() => "still waiting" as const)]);

    expect(outcome, "the direct attempt still waits for the old fallbackAfterMs (5000 ms)").toBe(7);
    expect(sdkLog()).toEqual(["join:OPERATION_ABORTED", "leave:ok", "startProxyServer(3):ok", "join:ok"]);
    const attempts = session.store.getState().attempts;
    expect(attempts.map((attempt) => `${attempt.route}:${attempt.outcome}`)).toEqual([
      "direct:timeout",
      "udp:connected",
    ]);
    expect(attempts[0]!.ms).toBeGreaterThanOrEqual(40);
    expect(attempts[0]!.ms).toBeLessThan(1_000);
    await session.dispose();
  });

  it('setOptions({ mode: 5 }) is applied like setProxy("tls") (rejoin while CONNECTED); then { mode: "tls" } is no change', async () => {
    const { session, sdkLog } = fakeSession({ mode: "udp" });
    await session.join(JOIN);
    session.setOptions({ mode: 5 });
    await within(1_000, () => sdkLog().length === 5 && session.store.getState().connectionState === "CONNECTED");

    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "startProxyServer(5):ok", "join:ok"]);
    session.setOptions({ mode: "tls" }); // same option value, parsed: nothing to do
    await sleep(20);
    expect(sdkLog()).toHaveLength(5);
    await session.dispose();
  });
});

describe('"defer" shows a deferred switch as pending, not as "starting"', () => {
  it('fake, CONNECTED, created with onModeChange "defer": setProxy("tls") shows proxy "on", mode "udp", desiredMode "tls"', async () => {
    const { session, sdkLog } = fakeSession({ mode: "udp", onModeChange: "defer" });
    await session.join(JOIN);
    const seen: string[] = [];
    session.store.subscribe((state) => seen.push(state.proxy));
    const switched = session.setProxy("tls");
    await sleep(20);

    expect(session.store.getState()).toMatchObject({ proxy: "on", mode: "udp", desiredMode: "tls" });
    expect(seen).not.toContain("starting");
    await session.leave();
    await switched;
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "startProxyServer(5):ok"]);
    await session.dispose();
  });
});

describe("a manual setProxy during a join request starts a fresh attempts list", () => {
  it('real SDK: udp join CONNECTING, setProxy("tls") (rejoin): the cancelled udp attempt is gone from attempts', async () => {
    const { raw, calls, session, sdkLog } = await realSession({ mode: "udp" });
    void session.join(JOIN).catch(() => {});
    await until(() => raw.connectionState === "CONNECTING");
    void session.setProxy("tls").catch(() => {});
    await until(() => realProxyMode(raw) === "proxy5" && raw.connectionState === "CONNECTING");
    await calls[1]!.done;

    expect(sdkLog()).toEqual([
      "startProxyServer(3):ok",
      "join:OPERATION_ABORTED",
      "leave:ok",
      "startProxyServer(5):ok",
      "join:pending",
    ]);
    expect(session.store.getState()).toMatchObject({ mode: "tls", route: "tls", attempts: [] });
    await session.dispose();
    await sdkSettled(calls);
  });

  it('fake: udp join CONNECTED, setProxy("tls") (rejoin): attempts hold only the tls attempt', async () => {
    const { session, sdkLog } = fakeSession({ mode: "udp" });
    await session.join(JOIN);
    expect(session.store.getState().attempts.map((attempt) => attempt.route)).toEqual(["udp"]);
    await session.setProxy("tls");

    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "startProxyServer(5):ok", "join:ok"]);
    expect(session.store.getState().attempts.map((attempt) => `${attempt.route}:${attempt.outcome}`)).toEqual([
      "tls:connected",
    ]);
    await session.dispose();
  });
});
