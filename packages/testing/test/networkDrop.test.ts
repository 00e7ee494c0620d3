import { afterEach, describe, expect, it, vi } from "vitest";
import { createFakeAgoraClient, createFakeLocalTrack } from "../src";

const APP_ID = "fake-app-id";

function stateChanges(client: ReturnType<typeof createFakeAgoraClient>): unknown[][] {
  return client.fake.events
    .filter((event) => event.event === "connection-state-change")
    .map((event) => [...event.args]);
}

describe("network drop", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("CONNECTED -> RECONNECTING -> DISCONNECTED with NETWORK_ERROR, and the session is reset", async () => {
    const client = createFakeAgoraClient();
    client.startProxyServer(3);
    await client.join(APP_ID, "room", null, 5);
    await client.publish(createFakeLocalTrack("audio"));

    await client.fake.dropNetwork();

    expect(stateChanges(client).slice(2)).toEqual([
      ["RECONNECTING", "CONNECTED", undefined],
      ["DISCONNECTED", "RECONNECTING", "NETWORK_ERROR"],
    ]);
    expect(client.connectionState).toBe("DISCONNECTED");
    expect(client.uid).toBeUndefined();
    expect(client.localTracks).toEqual([]);
    // The proxy mode survives the drop and can be changed again.
    expect(client._cloudProxyServerMode).toBe("proxy3");
    client.startProxyServer(5);
    expect(client._cloudProxyServerMode).toBe("proxy5");
  });

  it("reconnecting: RECONNECTING for reconnectingMs, then CONNECTED again", async () => {
    vi.useFakeTimers();
    const client = createFakeAgoraClient();
    const joined = client.join(APP_ID, "room", null, 5);
    await vi.advanceTimersByTimeAsync(0);
    await joined;

    const dropped = client.fake.dropNetwork({ outcome: "reconnect", reconnectingMs: 2_000 });
    expect(client.connectionState).toBe("RECONNECTING");
    expect(() => client.stopProxyServer()).toThrow("Stop proxy server after leave channel");
    await vi.advanceTimersByTimeAsync(2_000);
    await dropped;
    expect(client.connectionState).toBe("CONNECTED");
    expect(client.uid).toBe(5);
  });

  it("a custom reason is passed with DISCONNECTED", async () => {
    const client = createFakeAgoraClient();
    await client.join(APP_ID, "room", null);
    await client.fake.dropNetwork({ reason: "UID_BANNED" });
    expect(stateChanges(client).at(-1)).toEqual(["DISCONNECTED", "RECONNECTING", "UID_BANNED"]);
  });

  it("a leave while RECONNECTING wins over the drop", async () => {
    vi.useFakeTimers();
    const client = createFakeAgoraClient();
    const joined = client.join(APP_ID, "room", null);
    await vi.advanceTimersByTimeAsync(0);
    await joined;
    const dropped = client.fake.dropNetwork({ reconnectingMs: 1_000 });
    await client.leave();
    await vi.advanceTimersByTimeAsync(1_000);
    await dropped;
    expect(stateChanges(client).slice(2)).toEqual([
      ["RECONNECTING", "CONNECTED", undefined],
      ["DISCONNECTING", "RECONNECTING", undefined],
      ["DISCONNECTED", "DISCONNECTING", "LEAVE"],
    ]);
  });

  it("dropping the network of a client that is not CONNECTED is a test bug", async () => {
    const client = createFakeAgoraClient({ offline: true });
    await expect(client.fake.dropNetwork()).rejects.toThrow(
      "fake.dropNetwork() needs a CONNECTED client, but it is DISCONNECTED",
    );
  });

  it("forceConnectionState only moves the state: a pending join stays pending", async () => {
    const client = createFakeAgoraClient({ offline: true });
    const joined = client.join(APP_ID, "room", null);
    client.fake.forceConnectionState("CONNECTED");
    expect(() => client.startProxyServer(3)).toThrow("Start proxy server before join channel");
    client.fake.forceConnectionState("DISCONNECTED", "NETWORK_ERROR");
    expect(client.fake.hasPendingJoin).toBe(true);
    expect(stateChanges(client).at(-1)).toEqual(["DISCONNECTED", "CONNECTED", "NETWORK_ERROR"]);

    await client.leave();
    await expect(joined).rejects.toMatchObject({ code: "OPERATION_ABORTED" });
  });
});
