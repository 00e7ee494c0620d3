import { afterEach, describe, expect, it, vi } from "vitest";
import { createFakeAgoraClient } from "../src";

/** What the listener saw at each notification: the state and each call's method and outcome. */
function watch(client: ReturnType<typeof createFakeAgoraClient>) {
  const seen: string[] = [];
  const unsubscribe = client.fake.subscribe(() => {
    const calls = client.fake.calls.map((call) => `${call.method}:${call.outcome}`).join(",");
    seen.push(`${client.connectionState} [${calls}]`);
  });
  return { seen, unsubscribe };
}

describe("client.fake.subscribe", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("notifies once per synchronous call, with its outcome already recorded", () => {
    const client = createFakeAgoraClient();
    const { seen } = watch(client);
    client.startProxyServer(5);
    expect(() => client.startProxyServer(9)).toThrow();
    expect(seen).toEqual([
      "DISCONNECTED [startProxyServer:ok]",
      "DISCONNECTED [startProxyServer:ok,startProxyServer:error]",
    ]);
  });

  it("notifies for an async call when it starts (pending) and when it settles, and for every event", async () => {
    const client = createFakeAgoraClient();
    const { seen } = watch(client);
    await client.join("app", "room", null, 1);
    expect(seen).toEqual([
      // join's synchronous part emits CONNECTING, before the new call's own notification.
      "CONNECTING [join:pending]",
      "CONNECTING [join:pending]",
      "CONNECTING [join:pending]", // peerconnection-state-change "new": the SDK opens it while joining
      "CONNECTED [join:pending]",
      "CONNECTED [join:pending]", // is-using-cloud-proxy
      "CONNECTED [join:pending]", // peerconnection-state-change "connecting"
      "CONNECTED [join:ok]",
      "CONNECTED [join:ok]", // peerconnection-state-change "connected" (mediaLatencyMs 0: a microtask later)
    ]);
    expect(client.fake.events.map((event) => event.event)).toEqual([
      "connection-state-change",
      "peerconnection-state-change",
      "connection-state-change",
      "is-using-cloud-proxy",
      "peerconnection-state-change",
      "peerconnection-state-change",
    ]);
  });

  it("notifies on a state change no call caused (a network drop)", async () => {
    const client = createFakeAgoraClient();
    await client.join("app", "room", null, 1);
    const { seen } = watch(client);
    await client.fake.dropNetwork();
    expect(seen).toEqual([
      "RECONNECTING [join:ok]",
      "DISCONNECTED [join:ok]", // peerconnection-state-change "closed", as the session resets
      "DISCONNECTED [join:ok]",
    ]);
  });

  it("stops after unsubscribe, and registers no SDK event listener", () => {
    const client = createFakeAgoraClient();
    const { seen, unsubscribe } = watch(client);
    expect(client.fake.listenerCount()).toBe(0);
    client.stopProxyServer();
    unsubscribe();
    client.stopProxyServer();
    expect(seen).toEqual(["DISCONNECTED [stopProxyServer:ok]"]);
  });

  it("a throwing subscriber stops neither the others nor the call; its error is rethrown on a microtask", () => {
    const rethrown: (() => void)[] = [];
    vi.spyOn(globalThis, "queueMicrotask").mockImplementation((task) => rethrown.push(task));
    const client = createFakeAgoraClient();
    client.fake.subscribe(() => {
      throw new Error("subscriber bug");
    });
    const { seen } = watch(client);

    expect(() => client.startProxyServer(3)).not.toThrow();
    expect(client._cloudProxyServerMode).toBe("proxy3");
    expect(seen).toEqual(["DISCONNECTED [startProxyServer:ok]"]);
    expect(rethrown).toHaveLength(1);
    expect(() => rethrown[0]?.()).toThrow("subscriber bug");
  });
});
