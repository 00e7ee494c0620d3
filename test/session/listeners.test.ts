// @vitest-environment jsdom
/**
 * Acceptance tests for listener isolation (issue 3, new-api.md): app code cannot blind the
 * session. On the guarded client, `removeAllListeners()`, `removeAllListeners(event)` and
 * `off(event, fn)` never remove the session's own listeners; if the raw client's listeners are
 * cleared, the session re-attaches them at its next step and records it in its history.
 */
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { describe, expect, it } from "vitest";
import { listenerCount, sdkSettled, until } from "../support/realSdk";
import { JOIN, externalHistory, fakeSession, realSession, sleep } from "../support/sessionHarness";

type Listener = (...args: unknown[]) => void;
const EVENTS = ["connection-state-change", "is-using-cloud-proxy"] as const;

function listenersOf(client: IAgoraRTCClient, event: string): Listener[] {
  return (client as unknown as { getListeners(event: string): Listener[] }).getListeners(event);
}

/** The three ways app code reaches the session's listeners through `session.client`. */
const throughTheGuardedClient: [string, (guarded: IAgoraRTCClient, raw: IAgoraRTCClient) => void][] = [
  ["session.client.removeAllListeners()", (guarded) => guarded.removeAllListeners()],
  [
    'session.client.removeAllListeners("connection-state-change")',
    (guarded) => guarded.removeAllListeners("connection-state-change"),
  ],
  [
    "session.client.off(event, fn) with every fn from raw.getListeners(event)",
    (guarded, raw) => {
      for (const event of EVENTS) for (const listener of listenersOf(raw, event)) guarded.off(event, listener);
    },
  ],
];

// `reconnect: false`: the drop then ends in CONNECTION_LOST, which only a session that still hears the SDK reports.
describe("app code cannot blind the session (fake: CONNECTED, then the network drops for good)", () => {
  it.each(throughTheGuardedClient)(
    "%s after a leave, join again, drop: the store shows CONNECTION_LOST and onError is called",
    async (_name, blind) => {
      const { fake, raw, session, errors, sdkLog } = fakeSession({ mode: "udp", reconnect: false });
      await session.join(JOIN);
      await session.leave();
      blind(session.client, raw);
      await expect(session.join(JOIN)).resolves.toBe(7);
      await fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
      await sleep(0);

      expect(session.store.getState()).toMatchObject({
        connectionState: "DISCONNECTED",
        joinRequested: false,
        error: expect.objectContaining({ code: "CONNECTION_LOST" }),
      });
      expect(errors.map((error) => error.code)).toEqual(["CONNECTION_LOST"]);
      expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "join:ok"]);
      await session.dispose();
      expect(fake.fake.listenerCount()).toBe(0);
    },
  );

  it("raw.removeAllListeners() after a leave: the next join re-attaches the session's listeners and the drop shows CONNECTION_LOST", async () => {
    const { fake, session, errors, sdkLog } = fakeSession({ mode: "udp", reconnect: false });
    await session.join(JOIN);
    await session.leave();
    fake.removeAllListeners();
    await expect(session.join(JOIN)).resolves.toBe(7);
    await fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    await sleep(0);

    expect(session.store.getState()).toMatchObject({
      connectionState: "DISCONNECTED",
      error: expect.objectContaining({ code: "CONNECTION_LOST" }),
    });
    expect(errors.map((error) => error.code)).toEqual(["CONNECTION_LOST"]);
    expect(fake.fake.listenerCounts()).toEqual({
      "connection-state-change": 1,
      "is-using-cloud-proxy": 1,
      "peerconnection-state-change": 1,
      "token-privilege-will-expire": 1,
    });
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "join:ok"]);
    await session.dispose();
    expect(fake.fake.listenerCount()).toBe(0);
  });

  it('raw.removeAllListeners() is recorded in session.history as external "listeners" "re-attached"', async () => {
    const { fake, session } = fakeSession({ mode: "udp" });
    await session.join(JOIN);
    await session.leave();
    fake.removeAllListeners();
    await session.join(JOIN);

    expect(externalHistory(session)).toContain("listeners: re-attached");
    await session.dispose();
  });
});

describe("the session's two listeners stay on the real SDK client (jsdom, offline)", () => {
  it.each(throughTheGuardedClient)(
    "%s leaves the session's connection-state-change and is-using-cloud-proxy listeners on the raw client",
    async (_name, blind) => {
      const { raw, session } = await realSession({ mode: "udp" });
      await session.setProxy("udp");
      expect(EVENTS.map((event) => listenerCount(raw, event))).toEqual([1, 1]);
      blind(session.client, raw);

      expect(EVENTS.map((event) => listenerCount(raw, event))).toEqual([1, 1]);
      await session.dispose();
      expect(EVENTS.map((event) => listenerCount(raw, event))).toEqual([0, 0]);
    },
  );

  it("raw.removeAllListeners() then join(): the session's listeners are back on the raw client", async () => {
    const { raw, calls, session, sdkLog } = await realSession({ mode: "udp" });
    await session.setProxy("udp");
    raw.removeAllListeners();
    expect(EVENTS.map((event) => listenerCount(raw, event))).toEqual([0, 0]);
    void session.join(JOIN).catch(() => {});
    await until(() => raw.connectionState === "CONNECTING");

    expect(EVENTS.map((event) => listenerCount(raw, event))).toEqual([1, 1]);
    expect(session.store.getState()).toMatchObject({ connectionState: "CONNECTING", joinRequested: true });
    await session.dispose();
    await sdkSettled(calls);
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
    expect(EVENTS.map((event) => listenerCount(raw, event))).toEqual([0, 0]);
  });
});
