// @vitest-environment jsdom
import {
  createRealClient,
  listenerCount,
  realProxyMode,
  recordSdkCalls,
  sdkSettled,
  settledOutcomes,
  until,
} from "../support/realSdk";
import { CloudProxyError, createCloudProxySession } from "@agora-cloud-proxy/core";
import { describe, expect, it } from "vitest";

const JOIN = { appid: "0123456789abcdef0123456789abcdef", channel: "support", token: null, uid: 1 };

async function setup(options?: Parameters<typeof createCloudProxySession>[1]) {
  const raw = await createRealClient();
  const calls = recordSdkCalls(raw);
  const session = createCloudProxySession(raw, options);
  const sdkLog = () =>
    calls.map(
      (call) =>
        `${call.method}${call.method === "startProxyServer" ? `(${String(call.args[0])})` : ""}:${call.outcome}`,
    );
  const orderingErrors = () => calls.filter((call) => call.outcome === "INVALID_OPERATION");
  return { raw, calls, session, sdkLog, orderingErrors };
}

describe("session on the real agora-rtc-sdk-ng client (jsdom, offline)", () => {
  it("mount, join, leave, unmount: start -> join -> leave -> stop, the cancelled join rejects CANCELLED", async () => {
    const { raw, calls, session, sdkLog, orderingErrors } = await setup({ mode: "udp" });
    await session.setProxy("udp");
    expect(realProxyMode(raw)).toBe("proxy3");
    expect(session.store.getState()).toMatchObject({ proxy: "on", mode: "udp", connectionState: "DISCONNECTED" });

    const joined = session.join(JOIN);
    await until(() => raw.connectionState === "CONNECTING");
    expect(session.store.getState()).toMatchObject({ connectionState: "CONNECTING", joinRequested: true });

    await session.leave();
    await expect(joined).rejects.toMatchObject({ code: "CANCELLED" });
    expect(raw.connectionState).toBe("DISCONNECTED");
    expect(realProxyMode(raw)).toBe("proxy3"); // leave keeps the proxy while the owner lives

    await session.dispose();
    await sdkSettled(calls);
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
    expect(orderingErrors()).toEqual([]);
    expect(realProxyMode(raw)).toBe("disabled");
    expect(session.store.getState()).toMatchObject({ proxy: "off", connectionState: "DISCONNECTED", disposed: true });
    expect(listenerCount(raw, "connection-state-change")).toBe(0);
    expect(listenerCount(raw, "is-using-cloud-proxy")).toBe(0);
  });

  it("a StrictMode-like join, leave, join in one tick reaches the SDK as one start and one join", async () => {
    const { raw, calls, session, sdkLog } = await setup();
    const first = session.join(JOIN);
    const left = session.leave();
    const second = session.join(JOIN);
    await expect(first).rejects.toMatchObject({ code: "CANCELLED" });
    await expect(left).rejects.toMatchObject({ code: "CANCELLED" });
    await until(() => raw.connectionState === "CONNECTING");
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:pending"]);
    await session.dispose();
    await expect(second).rejects.toMatchObject({ code: "DISPOSED" });
    await sdkSettled(calls);
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
  });

  it("rapid setProxy changes while CONNECTING (rejoin): leave once, apply only the last mode, join again", async () => {
    const { raw, calls, session, sdkLog, orderingErrors } = await setup({ mode: "udp", onModeChange: "rejoin" });
    void session.join(JOIN);
    await until(() => raw.connectionState === "CONNECTING");
    const overtaken = [session.setProxy("tls"), session.setProxy("off"), session.setProxy("udp")];
    const last = session.setProxy("tls");
    for (const promise of overtaken) await expect(promise).rejects.toMatchObject({ code: "CANCELLED" });
    await until(() => realProxyMode(raw) === "proxy5" && raw.connectionState === "CONNECTING");
    await calls[1]!.done; // the cancelled first join
    expect(sdkLog()).toEqual([
      "startProxyServer(3):ok",
      "join:OPERATION_ABORTED",
      "leave:ok",
      "startProxyServer(5):ok",
      "join:pending",
    ]);
    expect(session.store.getState()).toMatchObject({
      mode: "tls",
      desiredMode: "tls",
      proxy: "on",
      connectionState: "CONNECTING",
    });
    await session.dispose();
    await expect(last).rejects.toMatchObject({ code: "DISPOSED" });
    await sdkSettled(calls);
    expect(orderingErrors()).toEqual([]);
    expect(realProxyMode(raw)).toBe("disabled");
    expect(raw.connectionState).toBe("DISCONNECTED");
  });

  it("setProxy while CONNECTING (defer): no leave; the mode is applied after the user leaves", async () => {
    const { raw, calls, session, sdkLog, orderingErrors } = await setup({ mode: "udp", onModeChange: "defer" });
    void session.join(JOIN);
    await until(() => raw.connectionState === "CONNECTING");
    const switched = session.setProxy("tls");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(realProxyMode(raw)).toBe("proxy3");
    expect(session.store.getState()).toMatchObject({ proxy: "on", mode: "udp", desiredMode: "tls" });
    await session.leave();
    await switched;
    expect(realProxyMode(raw)).toBe("proxy5");
    await session.dispose();
    await sdkSettled(calls);
    expect(sdkLog()).toEqual([
      "startProxyServer(3):ok",
      "join:OPERATION_ABORTED",
      "leave:ok",
      "startProxyServer(5):ok",
      "stopProxyServer:ok",
    ]);
    expect(orderingErrors()).toEqual([]);
  });

  it("dispose during CONNECTING leaves, then stops the proxy, then removes its listeners", async () => {
    const { raw, calls, session, sdkLog } = await setup({ mode: "tls" });
    const joined = session.join(JOIN);
    await until(() => raw.connectionState === "CONNECTING");
    expect(realProxyMode(raw)).toBe("proxy5");
    await session.dispose();
    await expect(joined).rejects.toMatchObject({ code: "DISPOSED" });
    await sdkSettled(calls);
    expect(sdkLog()).toEqual(["startProxyServer(5):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
    expect(raw.connectionState).toBe("DISCONNECTED");
    expect(realProxyMode(raw)).toBe("disabled");
    expect(listenerCount(raw, "connection-state-change")).toBe(0);
  });

  it('setProxy("off") asked during CONNECTING and overtaken by dispose() resolves once dispose has stopped the proxy', async () => {
    const { raw, calls, session, sdkLog, orderingErrors } = await setup({ mode: "udp" });
    const joined = session.join(JOIN);
    await until(() => raw.connectionState === "CONNECTING");
    const off = session.setProxy("off");
    const disposed = session.dispose();
    await expect(joined).rejects.toMatchObject({ code: "DISPOSED" });
    await expect(off).resolves.toBeUndefined();
    await disposed;
    await sdkSettled(calls);
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
    expect(orderingErrors()).toEqual([]);
    expect(realProxyMode(raw)).toBe("disabled");
  });

  it("after dispose nothing reaches the SDK: join and setProxy settle DISPOSED, leave and stop are no-ops", async () => {
    const { calls, session } = await setup();
    await session.dispose();
    const before = calls.length;
    await expect(session.join(JOIN)).rejects.toMatchObject({ code: "DISPOSED" });
    await expect(session.setProxy("tls")).rejects.toMatchObject({ code: "DISPOSED" });
    await expect(session.client.join("app", "ch", null)).rejects.toBeInstanceOf(CloudProxyError);
    expect(() => session.client.startProxyServer(5)).toThrow(expect.objectContaining({ code: "DISPOSED" }));
    expect(() => session.client.stopProxyServer()).not.toThrow();
    await expect(session.client.leave()).resolves.toBeUndefined();
    await expect(session.leave()).resolves.toBeUndefined();
    expect(calls.length).toBe(before);
  });

  it("two sessions on two clients run independently", async () => {
    const a = await setup({ mode: "udp" });
    const b = await setup({ mode: "tls" });
    void a.session.join(JOIN);
    void b.session.join({ ...JOIN, channel: "other" });
    await until(() => a.raw.connectionState === "CONNECTING" && b.raw.connectionState === "CONNECTING");
    expect([realProxyMode(a.raw), realProxyMode(b.raw)]).toEqual(["proxy3", "proxy5"]);
    await a.session.dispose();
    expect(b.raw.connectionState).toBe("CONNECTING");
    await b.session.dispose();
    await Promise.all([sdkSettled(a.calls), sdkSettled(b.calls)]);
    expect([a.orderingErrors(), b.orderingErrors()]).toEqual([[], []]);
    expect([realProxyMode(a.raw), realProxyMode(b.raw)]).toEqual(["disabled", "disabled"]);
  });

  it("the guarded client accepts the SDK's calls in any order: Agora's sample `leave(); stopProxyServer();` while CONNECTING", async () => {
    const { raw, calls, session, sdkLog, orderingErrors } = await setup({ mode: "udp" });
    const client = session.client;
    expect(client).toBeInstanceOf(raw.constructor);
    expect(client.on).toBe(client.on);
    void client.join(JOIN.appid, JOIN.channel, null, 1);
    await until(() => raw.connectionState === "CONNECTING");
    expect(() => client.startProxyServer(5)).not.toThrow(); // SDK would throw INVALID_OPERATION here
    void client.leave();
    client.stopProxyServer(); // SDK would throw INVALID_OPERATION: still DISCONNECTING
    await until(() => session.store.getState().proxy === "off" && raw.connectionState === "DISCONNECTED");
    await session.dispose();
    await sdkSettled(calls);
    expect(orderingErrors()).toEqual([]);
    expect(sdkLog()).toEqual(["startProxyServer(3):ok", "join:OPERATION_ABORTED", "leave:ok", "stopProxyServer:ok"]);
    expect(client.connectionState).toBe("DISCONNECTED");
  });

  it("an invalid mode on the guarded client throws INVALID_MODE synchronously and never reaches the SDK", async () => {
    const { calls, session } = await setup({ mode: "off" });
    await session.setProxy("off");
    for (const mode of [1, 2, 4, 0, 6, Number.NaN]) {
      expect(() => session.client.startProxyServer(mode)).toThrow(expect.objectContaining({ code: "INVALID_MODE" }));
    }
    expect(() => session.setProxy("UDP" as never)).toThrow(expect.objectContaining({ code: "INVALID_MODE" }));
    expect(calls).toEqual([]);
    await session.dispose();
  });

  it("a client with setProxyServer reports PROXY_CONFLICT and the waiting join never joins without the proxy", async () => {
    const raw = await createRealClient();
    raw.setProxyServer("proxy.example.com");
    const calls = recordSdkCalls(raw);
    const session = createCloudProxySession(raw, { mode: "udp" });
    const joined = session.join(JOIN);
    await expect(joined).rejects.toMatchObject({ code: "PROXY_CONFLICT", sdkCode: "INVALID_OPERATION" });
    expect(session.store.getState()).toMatchObject({
      proxy: "off",
      mode: null,
      desiredMode: null,
      joinRequested: false,
      error: expect.objectContaining({ code: "PROXY_CONFLICT" }),
    });
    expect(calls.map((call) => call.method)).toEqual(["startProxyServer"]);
    await session.dispose();
  });

  it("a client from agora-rtc-react's bundled AgoraRTC works the same way", async () => {
    const { default: BundledAgoraRTC } = await import("agora-rtc-react");
    BundledAgoraRTC.setLogLevel(4);
    const raw = BundledAgoraRTC.createClient({ mode: "rtc", codec: "vp8" });
    const calls = recordSdkCalls(raw as never);
    const session = createCloudProxySession(raw as never, { mode: "tls" });
    void session.join(JOIN);
    await until(() => raw.connectionState === "CONNECTING");
    expect(realProxyMode(raw as never)).toBe("proxy5");
    await session.dispose();
    expect(await settledOutcomes(calls)).toEqual([
      "startProxyServer:ok",
      "join:OPERATION_ABORTED",
      "leave:ok",
      "stopProxyServer:ok",
    ]);
    expect(realProxyMode(raw as never)).toBe("disabled");
  });

  it("one client, one session: a second session on the same client throws CLIENT_IN_USE until the first is disposed", async () => {
    const { raw, session } = await setup();
    expect(() => createCloudProxySession(raw)).toThrow(expect.objectContaining({ code: "CLIENT_IN_USE" }));
    expect(() => createCloudProxySession(session.client)).toThrow(expect.objectContaining({ code: "CLIENT_IN_USE" }));
    await session.dispose();
    const next = createCloudProxySession(raw, { mode: "off" });
    await next.dispose();
  });
});
