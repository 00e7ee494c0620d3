// @vitest-environment jsdom
// jsdom for the real agora-rtc-sdk-ng (offline), whose private `_cloudProxyServerMode` the connection reads.
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { describe, expect, it, vi } from "vitest";
// @agora-cloud-proxy/testing is not a dependency of core: its source is imported directly.
import { asAgoraRTCClient, createFakeAgoraClient } from "../../testing/src";
import { createRealClient, realProxyMode } from "../../../test/support/realSdk";
import { CloudProxyHistory } from "../src/session/history";
import { SdkConnection } from "../src/session/sdkConnection";
import { JoinRequest } from "../src/session/sessionRequests";

const JOIN = { appid: "0123456789abcdef0123456789abcdef", channel: "support", token: null, uid: 7 };
const EVENTS = [
  "connection-state-change",
  "is-using-cloud-proxy",
  "peerconnection-state-change",
  "token-privilege-will-expire",
] as const;
type Listener = (...args: unknown[]) => void;
/** One listener of the session's per event it hears. */
const OWN_COUNTS = Object.fromEntries(EVENTS.map((event) => [event, 1]));

function connect(client: IAgoraRTCClient) {
  const history = new CloudProxyHistory();
  const onStateChange = vi.fn();
  const connection = new SdkConnection(client, history, {
    stateChanged: onStateChange,
    usingCloudProxy: vi.fn(),
    peerConnection: vi.fn(),
    tokenWillExpire: vi.fn(),
  });
  const entries = (kind: string) =>
    history.store
      .getState()
      .filter((entry) => entry.kind === kind)
      .map((entry) => `${entry.name}: ${String(entry.detail)}`);
  return { connection, history, onStateChange, entries };
}

function onFake(options: Parameters<typeof createFakeAgoraClient>[0] = {}) {
  const fake = createFakeAgoraClient(options);
  return { fake, raw: asAgoraRTCClient(fake), ...connect(asAgoraRTCClient(fake)) };
}

const listenersOf = (client: IAgoraRTCClient, event: string) =>
  (client as unknown as { getListeners(event: string): Listener[] }).getListeners(event);
const joinedOf = () => ({ settled: vi.fn() });

describe("SdkConnection: what the SDK has is read from the client", () => {
  it("fake: mode follows raw startProxyServer/stopProxyServer at once", () => {
    const { raw, connection } = onFake();
    expect(connection.mode).toBeNull();
    raw.startProxyServer(5);
    expect(connection.mode).toBe("tls");
    raw.stopProxyServer();
    expect(connection.mode).toBeNull();
  });

  it("real SDK: mode is read from _cloudProxyServerMode, and setProxy changes the SDK's own record", async () => {
    const raw = await createRealClient();
    const { connection } = connect(raw);
    connection.setProxy("udp");
    expect(realProxyMode(raw)).toBe("proxy3");
    expect(connection.mode).toBe("udp");
    raw.stopProxyServer(); // behind the connection's back
    expect(connection.mode).toBeNull();
    raw.startProxyServer(5);
    expect(connection.mode).toBe("tls");
    connection.detach();
  });

  it("a client without _cloudProxyServerMode: mode is the last one the connection applied", () => {
    const { raw } = onFake();
    const bare = {
      connectionState: "DISCONNECTED",
      on: raw.on.bind(raw),
      off: raw.off.bind(raw),
      startProxyServer: vi.fn(),
      stopProxyServer: vi.fn(),
    } as unknown as IAgoraRTCClient;
    const { connection } = connect(bare);
    expect(connection.mode).toBeNull();
    connection.setProxy("tls");
    expect(bare.startProxyServer).toHaveBeenCalledWith(5);
    expect(connection.mode).toBe("tls");
  });

  it("uid is read from the client, and only while its own join is connected", async () => {
    const { fake, raw, connection } = onFake();
    expect(connection.uid).toBeNull();
    fake.fake.hangNextJoin();
    connection.join(connection.begin(new JoinRequest(JOIN, null)), null, "direct", joinedOf().settled);
    expect(connection.uid).toBeNull(); // CONNECTING
    fake.fake.completePendingJoin();
    await vi.waitFor(() => expect(connection.attempt?.uid).toBe(7));
    expect(connection.uid).toBe(7);
    Object.defineProperty(raw, "uid", { value: 99, configurable: true }); // what the client says wins
    expect(connection.uid).toBe(99);
    await fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    expect(connection.attempt).not.toBeNull(); // the connection is not told: the uid reads null anyway
    expect(connection.uid).toBeNull();
  });

  it("a join made on the raw client is not ours: its uid is not reported", async () => {
    const { raw, connection } = onFake();
    await raw.join(JOIN.appid, JOIN.channel, null, 8);
    expect(raw.connectionState).toBe("CONNECTED");
    expect(connection.uid).toBeNull();
  });
});

describe("SdkConnection: watch() before each step", () => {
  it("re-attaches the listeners a raw removeAllListeners() removed, with one 'external listeners' history entry", () => {
    const { fake, raw, connection, onStateChange, entries } = onFake();
    raw.removeAllListeners();
    expect(fake.fake.listenerCount()).toBe(0);
    connection.watch();
    connection.watch();
    expect(fake.fake.listenerCounts()).toEqual(OWN_COUNTS);
    expect(entries("external")).toEqual(["listeners: re-attached"]);
    fake.fake.forceConnectionState("CONNECTING");
    expect(onStateChange).toHaveBeenCalledTimes(1);
  });

  it('records a raw proxy change once, as external "proxy3 -> disabled"', () => {
    const { raw, connection, entries } = onFake();
    connection.setProxy("udp");
    connection.watch();
    expect(entries("external")).toEqual([]); // its own change is a call, not external
    expect(entries("call")).toEqual(["startProxyServer: 3"]);
    raw.stopProxyServer();
    connection.watch();
    connection.watch();
    raw.startProxyServer(5);
    connection.watch();
    expect(entries("external")).toEqual([
      "stopProxyServer: proxy3 -> disabled",
      "startProxyServer: disabled -> proxy5",
    ]);
  });

  it('real SDK: a raw stopProxyServer() is recorded as "proxy3 -> disabled"', async () => {
    const raw = await createRealClient();
    const { connection, entries } = connect(raw);
    connection.setProxy("udp");
    raw.stopProxyServer();
    connection.watch();
    expect(entries("external")).toEqual(["stopProxyServer: proxy3 -> disabled"]);
    connection.detach();
  });

  it("records a join made on the raw client once, as external join", async () => {
    const { raw, connection, entries } = onFake();
    await raw.join(JOIN.appid, JOIN.channel, null, 8);
    connection.watch();
    connection.watch();
    expect(entries("external")).toEqual(["join: CONNECTED"]);
  });
});

describe("SdkConnection: listeners", () => {
  it("off() and removeAllListeners() for app code keep the session's own listeners", () => {
    const { fake, raw, connection } = onFake();
    const app = vi.fn();
    raw.on("connection-state-change", app);
    for (const event of EVENTS) {
      for (const own of listenersOf(raw, event).filter((listener) => listener !== app)) {
        connection.off(event, own);
      }
    }
    expect(fake.fake.listenerCount()).toBe(EVENTS.length + 1);
    connection.off("connection-state-change", app);
    expect(fake.fake.listenerCount()).toBe(EVENTS.length);

    raw.on("connection-state-change", app);
    raw.on("user-joined", app);
    connection.removeAllListeners("connection-state-change");
    expect(fake.fake.listenerCounts()).toEqual({ ...OWN_COUNTS, "user-joined": 1 });
    connection.removeAllListeners();
    expect(fake.fake.listenerCounts()).toEqual(OWN_COUNTS);
    expect(listenersOf(raw, "connection-state-change")).not.toContain(app);
  });

  it(`detach() removes exactly its ${EVENTS.length} listeners`, () => {
    const { fake, raw, connection } = onFake();
    const app = vi.fn();
    for (const event of EVENTS) raw.on(event, app);
    expect(fake.fake.listenerCount()).toBe(2 * EVENTS.length);
    connection.detach();
    expect(fake.fake.listenerCounts()).toEqual(OWN_COUNTS);
    expect(listenersOf(raw, "connection-state-change")).toEqual([app]);
  });
});

describe("SdkConnection: leave()", () => {
  it("marks the pending join cancelled; its OPERATION_ABORTED reaches onSettled as a cancelled attempt", async () => {
    const { fake, connection } = onFake();
    fake.fake.hangNextJoin();
    const { settled } = joinedOf();
    connection.join(connection.begin(new JoinRequest(JOIN, null)), null, "direct", settled);
    const attempt = connection.attempt!;
    const left = connection.leave();
    expect(attempt.cancelled).toBe(true);
    expect(connection.leaving).toBe(true);
    await left;
    expect([connection.leaving, connection.attempt]).toEqual([false, null]);
    await vi.waitFor(() => expect(settled).toHaveBeenCalledTimes(1));
    expect(settled.mock.calls[0]![0]).toBe(attempt);
    expect(settled.mock.calls[0]![1]).toMatchObject({ code: "OPERATION_ABORTED" });
    expect(attempt.cancelled).toBe(true);
  });

  it("a failed leave un-marks it: the join goes on, and the leave rejects with the SDK's error", async () => {
    const { fake, connection, entries } = onFake();
    fake.fake.hangNextJoin();
    connection.join(connection.begin(new JoinRequest(JOIN, null)), null, "direct", vi.fn());
    const attempt = connection.attempt!;
    fake.fake.failNextLeave("UNEXPECTED_ERROR");
    const left = connection.leave();
    expect(attempt.cancelled).toBe(true);
    await expect(left).rejects.toMatchObject({ code: "UNEXPECTED_ERROR" });
    expect([attempt.cancelled, connection.leaving, connection.attempt]).toEqual([false, false, attempt]);
    expect(entries("result")).toEqual(["leave: UNEXPECTED_ERROR"]);
    fake.fake.completePendingJoin();
    await vi.waitFor(() => expect(connection.uid).toBe(7));
  });
});
