import {
  type CloudProxyRoute,
  type CloudProxySessionOptions,
  createCloudProxySession,
  createStorageRouteMemory,
} from "@agora-cloud-proxy/core";
import { asAgoraRTCClient, createFakeAgoraClient } from "@agora-cloud-proxy/testing";
import { describe, expect, it } from "vitest";
import { freshRouteMemory } from "../support/routeMemory";

const JOIN = { appid: "f00dfeedf00dfeedf00dfeedf00dfeed", channel: "support", token: null, uid: 9 };

function setup(options: CloudProxySessionOptions = {}) {
  const fake = createFakeAgoraClient({ joinLatencyMs: 2 });
  const routes: (CloudProxyRoute | null)[] = [];
  const routeMemory = options.routeMemory ?? freshRouteMemory();
  const session = createCloudProxySession(asAgoraRTCClient(fake), {
    mode: "auto",
    fallbackAfterMs: 40,
    routeMemory,
    onRouteChange: (route) => routes.push(route),
    ...options,
  });
  const sdkLog = () =>
    fake.fake.calls.map(
      (call) =>
        `${call.method}${call.args.length && call.method !== "join" ? `(${String(call.args[0])})` : ""}:${call.code ?? call.outcome}`,
    );
  return { fake, session, routes, routeMemory, sdkLog };
}

describe('mode "auto": direct, then UDP proxy, then TLS 443 proxy', () => {
  it("direct works: no proxy is started and the route is remembered", async () => {
    const { session, sdkLog, routeMemory, routes } = setup();
    await session.join(JOIN);
    expect(sdkLog()).toEqual(["join:ok"]);
    expect(session.store.getState()).toMatchObject({
      route: "direct",
      mode: null,
      attempts: [{ route: "direct", outcome: "connected", errorCode: null }],
    });
    expect(routeMemory.read()).toMatchObject({ route: "direct" });
    await session.dispose();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(routes).toEqual(["direct", null]);
  });

  it("direct never connects (firewall): after fallbackAfterMs it leaves and joins through UDP", async () => {
    const { fake, session, sdkLog, routeMemory } = setup();
    fake.fake.hangNextJoin();
    await session.join(JOIN);
    expect(sdkLog()).toEqual(["join:OPERATION_ABORTED", "leave:ok", "startProxyServer(3):ok", "join:ok"]);
    const { attempts, route, usingCloudProxy } = session.store.getState();
    expect({ route, usingCloudProxy }).toEqual({ route: "udp", usingCloudProxy: true });
    expect(attempts.map((a) => [a.route, a.outcome])).toEqual([
      ["direct", "timeout"],
      ["udp", "connected"],
    ]);
    expect(attempts[0]!.ms).toBeGreaterThanOrEqual(30); // fallbackAfterMs is 40; timers and Date.now() round differently
    expect(routeMemory.read()).toMatchObject({ route: "udp" });
    await session.dispose();
    expect(fake._cloudProxyServerMode).toBe("disabled");
  });

  it("direct hangs and UDP fails with a network error: TLS 443 connects", async () => {
    const { fake, session, sdkLog } = setup();
    fake.fake.hangNextJoin();
    fake.fake.failNextJoin("CAN_NOT_GET_GATEWAY_SERVER");
    fake.fake.joinLatencyMs = 2;
    await session.join(JOIN);
    expect(sdkLog()).toEqual([
      "join:OPERATION_ABORTED",
      "leave:ok",
      "startProxyServer(3):ok",
      "join:CAN_NOT_GET_GATEWAY_SERVER",
      "startProxyServer(5):ok",
      "join:ok",
    ]);
    expect(session.store.getState().attempts.map((a) => [a.route, a.outcome, a.errorCode])).toEqual([
      ["direct", "timeout", null],
      ["udp", "failed", "CAN_NOT_GET_GATEWAY_SERVER"],
      ["tls", "connected", null],
    ]);
    await session.dispose();
  });

  it("an error no route can fix (invalid App ID) stops the escalation at once", async () => {
    const { fake, session, sdkLog } = setup();
    fake.fake.failNextJoin("INVALID_VENDOR_KEY");
    await expect(session.join(JOIN)).rejects.toMatchObject({ code: "JOIN_FAILED", sdkCode: "INVALID_VENDOR_KEY" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(sdkLog()).toEqual(["join:INVALID_VENDOR_KEY"]);
    expect(session.store.getState().attempts).toHaveLength(1);
    await session.dispose();
  });

  it("every route hangs: UNREACHABLE lists each attempt, and the next join starts over", async () => {
    const { fake, session, sdkLog } = setup();
    fake.fake.hangNextJoin();
    fake.fake.hangNextJoin();
    fake.fake.hangNextJoin();
    const error = await session.join(JOIN).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "UNREACHABLE" });
    const attempts = (error as { attempts: { route: string; outcome: string }[] }).attempts;
    expect(attempts.map((a) => `${a.route}:${a.outcome}`)).toEqual(["direct:timeout", "udp:timeout", "tls:timeout"]);
    expect((error as Error).message).toMatch(
      /direct timeout after \d+ ms; udp timeout after \d+ ms; tls timeout after \d+ ms/,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.connectionState).toBe("DISCONNECTED");
    expect(sdkLog().filter((entry) => entry.startsWith("startProxyServer"))).toEqual([
      "startProxyServer(3):ok",
      "startProxyServer(5):ok",
    ]);
    expect(sdkLog().filter((entry) => entry.includes("INVALID_OPERATION"))).toEqual([]);
    await session.join(JOIN); // fresh request: direct first again, and this time it connects
    expect(session.store.getState()).toMatchObject({ route: "direct", mode: null, connectionState: "CONNECTED" });
    await session.dispose();
  });

  it("starts on the remembered route, and re-probes direct once the memory is older than the TTL", async () => {
    const remembered = freshRouteMemory({ route: "tls", at: Date.now() });
    const first = setup({ routeMemory: remembered });
    await first.session.join(JOIN);
    expect(first.sdkLog()).toEqual(["startProxyServer(5):ok", "join:ok"]);
    await first.session.dispose();

    const stale = freshRouteMemory({ route: "tls", at: Date.now() - 25 * 60 * 60 * 1000 });
    const second = setup({ routeMemory: stale });
    await second.session.join(JOIN);
    expect(second.sdkLog()).toEqual(["join:ok"]);
    expect(stale.read()).toMatchObject({ route: "direct" });
    await second.session.dispose();
  });

  it("remembers through a storage adapter (localStorage in the demo)", async () => {
    const data = new Map<string, string>();
    const storage = {
      getItem: (key: string) => data.get(key) ?? null,
      setItem: (key: string, value: string) => void data.set(key, value),
    };
    const { fake, session } = setup({ routeMemory: createStorageRouteMemory(storage) });
    fake.fake.hangNextJoin();
    await session.join(JOIN);
    await session.dispose();
    expect(JSON.parse(data.get("agora-cloud-proxy:route")!)).toMatchObject({ route: "udp" });
    const next = setup({ routeMemory: createStorageRouteMemory(storage) });
    await next.session.join(JOIN);
    expect(next.sdkLog()).toEqual(["startProxyServer(3):ok", "join:ok"]);
    await next.session.dispose();
  });

  it("dispose mid-escalation leaves, stops the proxy and leaves no timer behind", async () => {
    const { fake, session } = setup({ fallbackAfterMs: 20 });
    fake.fake.hangNextJoin();
    fake.fake.hangNextJoin();
    const joined = session.join(JOIN);
    await new Promise((resolve) => setTimeout(resolve, 30)); // now on UDP, hanging
    expect(fake._cloudProxyServerMode).toBe("proxy3");
    await session.dispose();
    await expect(joined).rejects.toMatchObject({ code: "DISPOSED" });
    const calls = fake.fake.calls.length;
    await new Promise((resolve) => setTimeout(resolve, 60)); // a leaked fallback timer would act here
    expect(fake.fake.calls.length).toBe(calls);
    expect(fake.connectionState).toBe("DISCONNECTED");
    expect(fake._cloudProxyServerMode).toBe("disabled");
    expect(fake.fake.listenerCount()).toBe(0);
  });
});

describe("diagnostics history", () => {
  it("records the worker's SDK calls, results and state changes with timestamps, bounded to 50, without secrets", async () => {
    const { fake, session } = setup();
    fake.fake.hangNextJoin();
    await session.join({ ...JOIN, token: "007eJxHistoryTokenMustNotLeak" });
    const lines = session.history.getState().map((entry) => `${entry.kind}:${entry.name}:${entry.detail ?? ""}`);
    // The cancelled direct join rejects on its own schedule: check it once, order aside.
    expect(lines.filter((line) => line === "result:join:OPERATION_ABORTED")).toHaveLength(1);
    expect(lines.filter((line) => line !== "result:join:OPERATION_ABORTED")).toEqual([
      "call:join:direct",
      "state:CONNECTING:",
      "call:leave:",
      "state:DISCONNECTING:",
      "state:DISCONNECTED:",
      "result:leave:ok",
      "call:startProxyServer:3",
      "call:join:udp",
      "state:CONNECTING:",
      "state:CONNECTED:",
      "result:join:ok",
      "media:flowing:udp", // the media check's verdict (the fake's peer connection connects at once)
    ]);
    expect(session.history.getState().every((entry) => typeof entry.at === "number")).toBe(true);
    for (let i = 0; i < 30; i += 1) {
      await session.leave();
      await session.join(JOIN);
    }
    expect(session.history.getState()).toHaveLength(50);
    const text = JSON.stringify(session.history.getState());
    expect(text).not.toContain("007eJx");
    expect(text).not.toContain(JOIN.appid);
    await session.dispose();
  });
});
