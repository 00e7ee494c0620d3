import { describe, expect, it } from "vitest";
import { createFakeAgoraClient } from "../src";

const APP_ID = "fake-app-id";

function stateChanges(client: ReturnType<typeof createFakeAgoraClient>): unknown[][] {
  return client.fake.events
    .filter((event) => event.event === "connection-state-change")
    .map((event) => [...event.args]);
}

describe("join failures", () => {
  it("failNextJoin: CONNECTING, then DISCONNECTED, then an SDK-shaped rejection", async () => {
    const client = createFakeAgoraClient();
    client.setProxyServer("proxy.example.com");
    client.fake.failNextJoin("UID_CONFLICT", "uid 1 is already in the channel");

    await expect(client.join(APP_ID, "room", null, 1)).rejects.toMatchObject({
      name: "AgoraRTCException",
      code: "UID_CONFLICT",
      message: "AgoraRTCError UID_CONFLICT: uid 1 is already in the channel",
    });
    expect(client.connectionState).toBe("DISCONNECTED");
    expect(stateChanges(client)).toEqual([
      ["CONNECTING", "DISCONNECTED", undefined],
      ["DISCONNECTED", "CONNECTING", undefined],
    ]);
    // A failed join resets the session like the SDK's _reset(), which forgets setProxyServer.
    expect(client._proxyServer).toBeUndefined();
  });

  it("failNextJoin applies to one join only, and queues", async () => {
    const client = createFakeAgoraClient();
    client.fake.failNextJoin();
    client.fake.failNextJoin("TIMEOUT");
    await expect(client.join(APP_ID, "room", null)).rejects.toMatchObject({ code: "CAN_NOT_GET_GATEWAY_SERVER" });
    await expect(client.join(APP_ID, "room", null)).rejects.toMatchObject({ code: "TIMEOUT" });
    await expect(client.join(APP_ID, "room", null)).resolves.toBe(10_001);
  });

  it("hangNextJoin stays CONNECTING until completePendingJoin", async () => {
    const client = createFakeAgoraClient();
    client.fake.hangNextJoin();
    const joined = client.join(APP_ID, "room", null, 3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.connectionState).toBe("CONNECTING");
    expect(client.fake.hasPendingJoin).toBe(true);

    client.fake.completePendingJoin();
    expect(client.connectionState).toBe("CONNECTED");
    expect(client.fake.hasPendingJoin).toBe(false);
    await expect(joined).resolves.toBe(3);
  });

  it("failPendingJoin fails the join in flight now", async () => {
    const client = createFakeAgoraClient({ offline: true });
    const joined = client.join(APP_ID, "room", null);
    client.fake.failPendingJoin("CAN_NOT_GET_GATEWAY_SERVER", "no gateway");
    await expect(joined).rejects.toMatchObject({
      code: "CAN_NOT_GET_GATEWAY_SERVER",
      message: "AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: no gateway",
    });
    expect(client.connectionState).toBe("DISCONNECTED");
  });

  it("offline: every join stays CONNECTING until leave cancels it", async () => {
    const client = createFakeAgoraClient({ offline: true, joinLatencyMs: 5 });
    const joined = client.join(APP_ID, "room", null);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(client.connectionState).toBe("CONNECTING");
    await client.leave();
    await expect(joined).rejects.toMatchObject({ code: "OPERATION_ABORTED" });
  });

  it("completing or failing a join that is not in flight is a test bug, reported as a plain Error", () => {
    const client = createFakeAgoraClient();
    expect(() => client.fake.completePendingJoin()).toThrow("fake.completePendingJoin() needs a join in flight");
    expect(() => client.fake.failPendingJoin()).toThrow("fake.failPendingJoin() needs a join in flight");
  });

  it("argument errors reject like the SDK and never leave DISCONNECTED", async () => {
    const client = createFakeAgoraClient();
    await expect(client.join(APP_ID, "room", undefined as unknown as null, 1)).rejects.toMatchObject({
      code: "INVALID_PARAMS",
      message: "AgoraRTCError INVALID_PARAMS: Invalid token: undefined. If you don not use token, set it to null",
    });
    await expect(client.join(APP_ID, "no/slash", null, 1)).rejects.toMatchObject({ code: "INVALID_PARAMS" });
    await expect(client.join(APP_ID, "room", null, -1)).rejects.toMatchObject({ code: "INVALID_PARAMS" });
    expect(client.fake.events).toEqual([]);
  });
});

describe("leave failures", () => {
  it("failNextLeave rejects and changes nothing: the pending join stays pending", async () => {
    const client = createFakeAgoraClient({ offline: true });
    client.setProxyServer("proxy.example.com");
    const joined = client.join(APP_ID, "room", null);
    client.fake.failNextLeave("UNEXPECTED_ERROR", "boom");

    await expect(client.leave()).rejects.toMatchObject({
      code: "UNEXPECTED_ERROR",
      message: "AgoraRTCError UNEXPECTED_ERROR: boom",
    });
    expect(client.connectionState).toBe("CONNECTING");
    expect(client.fake.hasPendingJoin).toBe(true);

    await client.leave();
    expect(client.connectionState).toBe("DISCONNECTED");
    await expect(joined).rejects.toMatchObject({ code: "OPERATION_ABORTED" });
  });
});
