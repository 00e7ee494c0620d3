// @vitest-environment jsdom
/**
 * Acceptance tests for "read, don't remember" (new-api.md): the session reads the SDK's
 * `_cloudProxyServerMode` and `connectionState` before every step, so raw-client calls made
 * behind its back are seen, converged back, shown in the store and recorded as "external".
 */
import { describe, expect, it } from "vitest";
import { realProxyMode, sdkSettled, until } from "../support/realSdk";
import { JOIN, externalHistory, fakeSession, realSession, within } from "../support/sessionHarness";

describe("a proxy stopped behind the session's back (issue 2a)", () => {
  it("real SDK: udp session, join, leave, raw.stopProxyServer(), join again: the join goes out on proxy3 after startProxyServer(3)", async () => {
    const { raw, calls, session, joinModes, lies, sdkLog, orderingErrors } = await realSession({ mode: "udp" });
    void session.join(JOIN).catch(() => {});
    await until(() => raw.connectionState === "CONNECTING");
    await session.leave();
    raw.stopProxyServer(); // legal: the SDK is DISCONNECTED
    void session.join(JOIN).catch(() => {});
    await until(() => joinModes.length === 2 && raw.connectionState === "CONNECTING");
    await calls[1]!.done; // the join the leave cancelled

    expect(joinModes).toEqual(["proxy3", "proxy3"]);
    expect(sdkLog()).toEqual([
      "startProxyServer(3):ok",
      "join:OPERATION_ABORTED",
      "leave:ok",
      "stopProxyServer:ok",
      "startProxyServer(3):ok",
      "join:pending",
    ]);
    expect(lies()).toEqual([]);
    expect(session.store.getState()).toMatchObject({ proxy: "on", mode: "udp", connectionState: "CONNECTING" });

    await session.dispose();
    await sdkSettled(calls);
    expect(sdkLog().slice(-2)).toEqual(["leave:ok", "stopProxyServer:ok"]);
    expect(orderingErrors()).toEqual([]);
    expect(raw.connectionState).toBe("DISCONNECTED");
  });

  it("fake: udp session, join (CONNECTED), leave, raw.stopProxyServer(), join again: rejoins through proxy3, the store never claims udp while the SDK is disabled", async () => {
    const { fake, session, joinModes, lies, sdkLog, orderingErrors } = fakeSession({ mode: "udp" });
    await session.join(JOIN);
    await session.leave();
    fake.stopProxyServer();
    await expect(session.join(JOIN)).resolves.toBe(7);

    expect(joinModes).toEqual(["proxy3", "proxy3"]);
    expect(sdkLog()).toEqual([
      "startProxyServer(3):ok",
      "join:ok",
      "leave:ok",
      "stopProxyServer:ok",
      "startProxyServer(3):ok",
      "join:ok",
    ]);
    expect(lies()).toEqual([]);
    expect(session.store.getState()).toMatchObject({
      proxy: "on",
      mode: "udp",
      connectionState: "CONNECTED",
      usingCloudProxy: true,
    });

    await session.dispose();
    expect(sdkLog().slice(-2)).toEqual(["leave:ok", "stopProxyServer:ok"]);
    expect(orderingErrors()).toEqual([]);
    expect(fake._cloudProxyServerMode).toBe("disabled");
  });
});

describe("a proxy started behind the session's back (issue 2b)", () => {
  it('real SDK: "off" session, raw.startProxyServer(3), join, dispose: the SDK ends DISCONNECTED with the proxy disabled; the store showed udp while proxy3 ran', async () => {
    const { raw, calls, session, published, lies, sdkLog, orderingErrors } = await realSession({ mode: "off" });
    await session.setProxy("off"); // the session has settled before the app goes behind its back
    raw.startProxyServer(3);
    void session.join(JOIN).catch(() => {});
    await until(() => raw.connectionState === "CONNECTING");
    await session.dispose();
    await sdkSettled(calls);

    expect(raw.connectionState).toBe("DISCONNECTED");
    expect(realProxyMode(raw)).toBe("disabled");
    expect(sdkLog()[0]).toBe("startProxyServer(3):ok"); // the app's own call
    expect(sdkLog().filter((entry) => entry.startsWith("join"))).toHaveLength(1);
    expect(orderingErrors()).toEqual([]);
    expect(published.some(({ state }) => state.mode === "udp")).toBe(true);
    expect(lies()).toEqual([]);
    expect(session.store.getState()).toMatchObject({ proxy: "off", mode: null, disposed: true });
  });

  it('fake: "off" session, raw.startProxyServer(3), join (CONNECTED), dispose: DISCONNECTED with the proxy disabled; the store showed udp while proxy3 ran', async () => {
    const { fake, session, published, lies, sdkLog, orderingErrors } = fakeSession({ mode: "off" });
    await session.setProxy("off");
    fake.startProxyServer(3);
    await expect(session.join(JOIN)).resolves.toBe(7);
    await session.dispose();

    expect(fake.connectionState).toBe("DISCONNECTED");
    expect(fake._cloudProxyServerMode).toBe("disabled");
    expect(sdkLog()[0]).toBe("startProxyServer(3):ok");
    expect(sdkLog().filter((entry) => entry.startsWith("join"))).toEqual(["join:ok"]);
    expect(orderingErrors()).toEqual([]);
    expect(published.some(({ state }) => state.mode === "udp")).toBe(true);
    expect(lies()).toEqual([]);
    expect(session.store.getState()).toMatchObject({ proxy: "off", mode: null, disposed: true });
  });
});

describe('out-of-band changes are recorded in session.history as kind "external"', () => {
  it("real SDK: raw.stopProxyServer() after a leave is recorded as external stopProxyServer proxy3 -> disabled", async () => {
    const { raw, calls, session } = await realSession({ mode: "udp" });
    void session.join(JOIN).catch(() => {});
    await until(() => raw.connectionState === "CONNECTING");
    await session.leave();
    raw.stopProxyServer();
    void session.join(JOIN).catch(() => {}); // the session's next step reads the SDK
    await until(() => raw.connectionState === "CONNECTING");

    expect(externalHistory(session)).toEqual([expect.stringMatching(/^stopProxyServer: proxy3\s*->\s*disabled$/)]);
    await session.dispose();
    await sdkSettled(calls);
  });

  it("real SDK: raw.startProxyServer(3) on an off session is recorded as external startProxyServer disabled -> proxy3", async () => {
    const { raw, calls, session } = await realSession({ mode: "off" });
    await session.setProxy("off");
    raw.startProxyServer(3);
    void session.join(JOIN).catch(() => {});
    await until(() => raw.connectionState === "CONNECTING");

    expect(externalHistory(session)).toEqual([expect.stringMatching(/^startProxyServer: disabled\s*->\s*proxy3$/)]);
    await session.dispose();
    await sdkSettled(calls);
  });

  it("real SDK: raw.leave() while the session's join is CONNECTING is recorded as an external leave", async () => {
    const { raw, calls, session } = await realSession({ mode: "udp" });
    const joined = session.join(JOIN).catch(() => {});
    await until(() => raw.connectionState === "CONNECTING");
    await raw.leave();
    await calls[1]!.done; // the SDK rejects the join it cancelled about a second later
    await within(500, () => externalHistory(session).some((entry) => entry.startsWith("leave")));

    expect(externalHistory(session)).toContainEqual(expect.stringMatching(/^leave/));
    await session.dispose();
    await joined;
    await sdkSettled(calls);
    expect(raw.connectionState).toBe("DISCONNECTED");
  });
});
