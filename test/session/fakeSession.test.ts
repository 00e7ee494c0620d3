import { createCloudProxySession, type CloudProxyError, type CloudProxySessionOptions } from "@agora-cloud-proxy/core";
import { asAgoraRTCClient, createFakeAgoraClient, type FakeAgoraClientOptions } from "@agora-cloud-proxy/testing";
import { describe, expect, it } from "vitest";

const APP_ID = "f00dfeedf00dfeedf00dfeedf00dfeed";
const TOKEN = "007eJxTYLhvaTz1h8SecretTokenDoNotLeak";
const JOIN = { appid: APP_ID, channel: "support", token: TOKEN, uid: 7 };

function setup(options: CloudProxySessionOptions = {}, fakeOptions: FakeAgoraClientOptions = {}) {
  const fake = createFakeAgoraClient({ joinLatencyMs: 5, ...fakeOptions });
  const errors: CloudProxyError[] = [];
  const session = createCloudProxySession(asAgoraRTCClient(fake), {
    ...options,
    onError: (error) => errors.push(error),
  });
  const sdkLog = () =>
    fake.fake.calls.map(
      (call) =>
        `${call.method}${call.method === "startProxyServer" ? `(${String(call.args[0])})` : ""}:${call.code ?? call.outcome}`,
    );
  const orderingErrors = () => fake.fake.calls.filter((call) => call.code === "INVALID_OPERATION");
  return { fake, session, errors, sdkLog, orderingErrors };
}

describe("session on the fake client: what needs CONNECTED", () => {
  it("joins through the proxy and reports the SDK's is-using-cloud-proxy", async () => {
    const { fake, session, sdkLog } = setup({ mode: "tls" });
    await expect(session.join(JOIN)).resolves.toBe(7);
    expect(session.store.getState()).toMatchObject({
      proxy: "on",
      mode: "tls",
      connectionState: "CONNECTED",
      usingCloudProxy: true,
      uid: 7,
    });
    expect(sdkLog()).toEqual(["startProxyServer(5):ok", "join:ok"]);
    await session.dispose();
    expect(sdkLog()).toEqual(["startProxyServer(5):ok", "join:ok", "leave:ok", "stopProxyServer:ok"]);
    expect(fake.fake.listenerCount()).toBe(0);
    expect(session.store.getState()).toMatchObject({
      proxy: "off",
      connectionState: "DISCONNECTED",
      uid: null,
      usingCloudProxy: null,
      disposed: true,
    });
  });

  it("mode change while CONNECTED (rejoin): leave, switch, join again with the last options; setProxy resolves once reconnected", async () => {
    const { session, sdkLog, orderingErrors } = setup({ mode: "udp", onModeChange: "rejoin" });
    await session.join(JOIN);
    await session.setProxy("tls");
    expect(session.store.getState()).toMatchObject({ mode: "tls", connectionState: "CONNECTED", joinRequested: true });
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "startProxyServer(5):ok", "join:ok"]);
    await session.setProxy("off");
    expect(sdkLog().slice(5)).toEqual(["leave:ok", "stopProxyServer:ok", "join:ok"]);
    expect(session.store.getState()).toMatchObject({
      proxy: "off",
      usingCloudProxy: false,
      connectionState: "CONNECTED",
    });
    expect(orderingErrors()).toEqual([]);
    await session.dispose();
  });

  it("mode change while CONNECTED (defer): stays joined; the mode applies after the next leave and is used by the next join", async () => {
    const { session, sdkLog } = setup({ mode: "udp", onModeChange: "defer" });
    await session.join(JOIN);
    const switched = session.setProxy("tls");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.store.getState()).toMatchObject({
      proxy: "on", // a deferred switch is pending, not starting: the call keeps its proxy
      mode: "udp",
      desiredMode: "tls",
      connectionState: "CONNECTED",
    });
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok"]);
    await session.leave();
    await switched;
    await session.join(JOIN);
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "startProxyServer(5):ok", "join:ok"]);
    await session.dispose();
  });

  it("network drop with reconnect: false: CONNECTED -> RECONNECTING -> DISCONNECTED gives CONNECTION_LOST, keeps the proxy, and a retry joins again", async () => {
    const { fake, session, sdkLog, errors } = setup({ mode: "udp", reconnect: false });
    await session.join(JOIN);
    await fake.fake.dropNetwork({ reason: "NETWORK_ERROR" });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(session.store.getState()).toMatchObject({
      connectionState: "DISCONNECTED",
      joinRequested: false,
      proxy: "on",
      error: expect.objectContaining({ code: "CONNECTION_LOST" }),
    });
    expect(errors.map((error) => error.code)).toEqual(["CONNECTION_LOST"]);
    expect(errors[0]!.message).toContain("NETWORK_ERROR");
    await expect(session.join(JOIN)).resolves.toBe(7);
    expect(session.store.getState().error).toBeNull();
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "join:ok"]);
    await session.dispose();
  });

  it("join failure: JOIN_FAILED with the SDK code, no retry storm, and the next join() retries", async () => {
    const { fake, session, sdkLog, errors } = setup({ mode: "udp" });
    fake.fake.failNextJoin("CAN_NOT_GET_GATEWAY_SERVER");
    await expect(session.join(JOIN)).rejects.toMatchObject({
      code: "JOIN_FAILED",
      sdkCode: "CAN_NOT_GET_GATEWAY_SERVER",
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.store.getState()).toMatchObject({
      joinRequested: false,
      connectionState: "DISCONNECTED",
      proxy: "on",
    });
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:CAN_NOT_GET_GATEWAY_SERVER"]);
    await expect(session.join(JOIN)).resolves.toBe(7);
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:CAN_NOT_GET_GATEWAY_SERVER", "join:ok"]);
    expect(errors.map((error) => error.code)).toEqual(["JOIN_FAILED"]);
    await session.dispose();
  });

  it("leave failure: LEAVE_FAILED, the proxy stays (it can't stop while joined), and leave() again succeeds", async () => {
    const { fake, session, sdkLog, orderingErrors } = setup({ mode: "udp" });
    await session.join(JOIN);
    fake.fake.failNextLeave("UNEXPECTED_ERROR");
    await expect(session.leave()).rejects.toMatchObject({ code: "LEAVE_FAILED", sdkCode: "UNEXPECTED_ERROR" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(session.store.getState()).toMatchObject({
      connectionState: "CONNECTED",
      proxy: "on",
      error: expect.objectContaining({ code: "LEAVE_FAILED" }),
    });
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:UNEXPECTED_ERROR"]);
    await session.leave();
    await session.dispose();
    expect(sdkLog().slice(3)).toEqual(["leave:ok", "stopProxyServer:ok"]);
    expect(orderingErrors()).toEqual([]);
  });

  it("a join with other options while CONNECTED leaves first, then joins the new channel", async () => {
    const { session, sdkLog } = setup({ mode: "udp" });
    await session.join(JOIN);
    await expect(session.join({ ...JOIN, channel: "other" })).resolves.toBe(7);
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "join:ok"]);
    await session.dispose();
  });

  it("agora-rtc-react's pattern on the guarded client: join, then an unawaited leave in a cleanup, then stopProxyServer", async () => {
    const { fake, session, sdkLog, orderingErrors } = setup({ mode: "udp" }, { joinLatencyMs: 30, leaveLatencyMs: 30 });
    const client = session.client;
    const joined = client.join(APP_ID, "support", TOKEN, 7);
    void client.leave(); // cleanup runs before the join connected
    client.stopProxyServer();
    await expect(joined).rejects.toMatchObject({ code: "CANCELLED" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sdkLog()).toEqual([]); // every request was overtaken before the worker ran
    client.startProxyServer(5);
    await client.join(APP_ID, "support", TOKEN, 7);
    await client.join(APP_ID, "support", TOKEN, 7); // same options: nothing new for the SDK
    expect(sdkLog()).toEqual(["startProxyServer(5):ok", "join:ok"]);
    const left = client.leave();
    client.stopProxyServer(); // SDK would throw: still DISCONNECTING
    await left;
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sdkLog()).toEqual(["startProxyServer(5):ok", "join:ok", "leave:ok", "stopProxyServer:ok"]);
    expect(orderingErrors()).toEqual([]);
    expect(fake.connectionState).toBe("DISCONNECTED");
    await session.dispose();
  });

  it("dispose while CONNECTED with slow calls: leave, stop, zero listeners; requests during disposal settle DISPOSED", async () => {
    const { fake, session, sdkLog } = setup({ mode: "tls" }, { leaveLatencyMs: 20 });
    await session.join(JOIN);
    const disposed = session.dispose();
    await expect(session.join(JOIN)).rejects.toMatchObject({ code: "DISPOSED" });
    expect(session.store.getState().disposed).toBe(false);
    await disposed;
    expect(sdkLog()).toEqual(["startProxyServer(5):ok", "join:ok", "leave:ok", "stopProxyServer:ok"]);
    expect(fake.fake.listenerCount()).toBe(0);
    expect(session.store.getState()).toMatchObject({ disposed: true, proxy: "off" });
  });

  it('a setProxy("off") pending when dispose() is called resolves once the proxy is stopped (it is what dispose does)', async () => {
    const { session, sdkLog } = setup({ mode: "udp" }, { leaveLatencyMs: 10 });
    await session.join(JOIN);
    const off = session.setProxy("off");
    const tls = session.setProxy("tls"); // replaces "off": CANCELLED at once
    const offAgain = session.setProxy("off");
    const disposed = session.dispose();
    await expect(tls).rejects.toMatchObject({ code: "CANCELLED" });
    await expect(off).rejects.toMatchObject({ code: "CANCELLED" });
    await expect(offAgain).resolves.toBeUndefined();
    await disposed;
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok", "leave:ok", "stopProxyServer:ok"]);
  });

  it('a setProxy("off") pending when dispose() gives up on a failing leave rejects LEAVE_FAILED, like dispose', async () => {
    const { fake, session } = setup({ mode: "udp" });
    await session.join(JOIN);
    fake.fake.failNextLeave("UNEXPECTED_ERROR");
    const off = session.setProxy("off");
    const disposed = session.dispose();
    fake.fake.failNextLeave("UNEXPECTED_ERROR"); // dispose retries once
    await expect(disposed).rejects.toMatchObject({ code: "LEAVE_FAILED" });
    await expect(off).rejects.toMatchObject({ code: "LEAVE_FAILED" });
  });

  it("never puts the App ID or token in an error, the store, the history or the call log", async () => {
    const { fake, session, errors } = setup({ mode: "udp", reconnect: false });
    fake.fake.failNextJoin("INVALID_VENDOR_KEY");
    await session.join(JOIN).catch(() => {});
    await session.join({ ...JOIN, channel: "" }).catch(() => {});
    await session.join(JOIN);
    await fake.fake.dropNetwork();
    await session.dispose();
    const seen = JSON.stringify({
      errors: errors.map((error) => [error.code, error.message]),
      state: session.store.getState(),
      history: session.history.getState(),
      calls: fake.fake.calls,
    });
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(seen).not.toContain(APP_ID);
    expect(seen).not.toContain(TOKEN);
  });
});
