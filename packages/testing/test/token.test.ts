import { afterEach, describe, expect, it, vi } from "vitest";
import { createFakeAgoraClient, createFakeLocalTrack } from "../src";

const APP_ID = "fake-app-id";
const NOT_JOINED = {
  code: "INVALID_OPERATION",
  message: "AgoraRTCError INVALID_OPERATION: renewToken should not be called before user join",
};
const TOKEN_INVALID = {
  code: "INVALID_PARAMS",
  message: "AgoraRTCError INVALID_PARAMS: Invalid token: Length of the string: [1,2047]. ASCII characters only.",
};

/** Every event after `from`, as `event(args...)`, to read orders at a glance. */
function eventsSince(client: ReturnType<typeof createFakeAgoraClient>, from = 0): string[] {
  return client.fake.events.slice(from).map(({ event, args }) => `${event}(${args.map(String).join(", ")})`);
}

describe("client.renewToken", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("rejects (never throws) before any join, with the SDK's message", async () => {
    const client = createFakeAgoraClient();
    let renewal: Promise<void> | undefined;
    expect(() => {
      renewal = client.renewToken("fresh");
    }).not.toThrow();
    await expect(renewal).rejects.toMatchObject(NOT_JOINED);
    expect(client.fake.token).toBeUndefined();
  });

  it("checks the token first, as PN(token, 'token', 1, 2047) does, even before the join check", async () => {
    const client = createFakeAgoraClient();
    await expect(client.renewToken("")).rejects.toMatchObject(TOKEN_INVALID);
    await expect(client.renewToken("a".repeat(2048))).rejects.toMatchObject(TOKEN_INVALID);
    await expect(client.renewToken("é€")).rejects.toMatchObject(TOKEN_INVALID);
    await expect(client.renewToken(5 as unknown as string)).rejects.toMatchObject(TOKEN_INVALID);
    for (const empty of [null, undefined]) {
      await expect(client.renewToken(empty as unknown as string)).rejects.toMatchObject({
        code: "INVALID_PARAMS",
        message: "AgoraRTCError INVALID_PARAMS: token cannot be empty",
      });
    }
    // 2047 characters pass the check and reach the join check.
    await expect(client.renewToken("a".repeat(2047))).rejects.toMatchObject(NOT_JOINED);
  });

  it("rejects while CONNECTING and while DISCONNECTING, and after a leave", async () => {
    const client = createFakeAgoraClient({ leaveLatencyMs: 10 });
    client.fake.hangNextJoin();
    const joined = client.join(APP_ID, "room", "join-token", 1);
    await expect(client.renewToken("fresh")).rejects.toMatchObject(NOT_JOINED);
    client.fake.completePendingJoin();
    await joined;
    const left = client.leave();
    // The SDK's leave() forgets its join info at once, while the state still reads CONNECTED...
    expect(client.connectionState).toBe("CONNECTED");
    await expect(client.renewToken("fresh")).rejects.toMatchObject(NOT_JOINED);
    // ...and so through DISCONNECTING.
    expect(client.connectionState).toBe("DISCONNECTING");
    await expect(client.renewToken("fresh")).rejects.toMatchObject(NOT_JOINED);
    await left;
    await expect(client.renewToken("fresh")).rejects.toMatchObject(NOT_JOINED);
    expect(client.fake.token).toBe("join-token");
  });

  it("rejects on a client only driven to CONNECTED, as on the real SDK (no join info)", async () => {
    const client = createFakeAgoraClient({ offline: true });
    const joined = client.join(APP_ID, "room", null, 1).catch(() => undefined);
    client.fake.forceConnectionState("CONNECTED");
    await expect(client.renewToken("fresh")).rejects.toMatchObject(NOT_JOINED);
    await client.leave();
    await joined;
  });

  it("resolves after joinLatencyMs while CONNECTED and while RECONNECTING, and keeps the token for the test", async () => {
    vi.useFakeTimers();
    const client = createFakeAgoraClient({ joinLatencyMs: 100 });
    const joined = client.join(APP_ID, "room", "join-token", 1);
    expect(client.fake.token).toBe("join-token");
    await vi.advanceTimersByTimeAsync(100);
    await joined;

    let settled = false;
    const renewal = client.renewToken("second-token").then(() => {
      settled = true;
    });
    expect(client.fake.token).toBe("second-token");
    await vi.advanceTimersByTimeAsync(99);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await renewal;
    expect(settled).toBe(true);

    const dropped = client.fake.dropNetwork({ outcome: "reconnect", reconnectingMs: 1_000 });
    const duringReconnect = client.renewToken("third-token");
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(duringReconnect).resolves.toBeUndefined();
    await dropped;
    expect(client.fake.token).toBe("third-token");
    expect(client.connectionState).toBe("CONNECTED");
  });

  it("is logged without the token", async () => {
    const client = createFakeAgoraClient();
    await client.join(APP_ID, "room", "join-token", 1);
    await client.renewToken("secret-token");
    await client.renewToken("").catch(() => undefined);
    const renewals = client.fake.calls.filter((call) => call.method === "renewToken");
    expect(renewals).toEqual([
      { method: "renewToken", args: ["<token>"], outcome: "ok" },
      { method: "renewToken", args: [""], outcome: "error", ...TOKEN_INVALID },
    ]);
    expect(JSON.stringify(client.fake.calls)).not.toContain("secret-token");
  });

  it("a join without a token leaves fake.token null", async () => {
    const client = createFakeAgoraClient();
    await client.join(APP_ID, "room", null, 1);
    expect(client.fake.token).toBeNull();
  });
});

describe("fake.expireTokenSoon", () => {
  it("emits token-privilege-will-expire, with no arguments, and changes nothing else", async () => {
    const client = createFakeAgoraClient();
    await client.join(APP_ID, "room", "join-token", 1);
    const warned = vi.fn();
    client.on("token-privilege-will-expire", warned);
    const from = client.fake.events.length;
    client.fake.expireTokenSoon();
    expect(warned).toHaveBeenCalledTimes(1);
    expect(warned).toHaveBeenCalledWith();
    expect(eventsSince(client, from)).toEqual(["token-privilege-will-expire()"]);
    expect(client.connectionState).toBe("CONNECTED");
    client.off("token-privilege-will-expire", warned);
  });

  it("needs a CONNECTED client (a plain Error, not an SDK one)", async () => {
    const client = createFakeAgoraClient();
    expect(() => client.fake.expireTokenSoon()).toThrow(
      new Error("fake.expireTokenSoon() needs a CONNECTED client, but it is DISCONNECTED. Await client.join() first."),
    );
    client.fake.hangNextJoin();
    const joined = client.join(APP_ID, "room", null, 1).catch(() => undefined);
    expect(() => client.fake.expireTokenSoon()).toThrow("needs a CONNECTED client, but it is CONNECTING");
    await client.leave();
    await joined;
    expect(client.fake.events.some((event) => event.event === "token-privilege-will-expire")).toBe(false);
  });
});

describe("fake.expireToken", () => {
  it("DISCONNECTING, then DISCONNECTED (TOKEN_EXPIRE) on a reset session, then token-privilege-did-expire, synchronously", async () => {
    const client = createFakeAgoraClient();
    client.startProxyServer(5);
    await client.join(APP_ID, "room", "join-token", 1);
    await client.publish(createFakeLocalTrack("audio"));
    const seenAtDisconnected: unknown[] = [];
    client.on("connection-state-change", (current: string) => {
      if (current === "DISCONNECTED") seenAtDisconnected.push(client.uid, client.localTracks.length);
    });
    const from = client.fake.events.length;

    client.fake.expireToken();

    expect(eventsSince(client, from)).toEqual([
      "connection-state-change(DISCONNECTING, CONNECTED, undefined)",
      "peerconnection-state-change(closed, connected)",
      "connection-state-change(DISCONNECTED, DISCONNECTING, TOKEN_EXPIRE)",
      "token-privilege-did-expire()",
    ]);
    expect(seenAtDisconnected).toEqual([undefined, 0]);
    expect(client.connectionState).toBe("DISCONNECTED");
    // The proxy mode stays; a new join (with a new token) is legal at once.
    expect(client._cloudProxyServerMode).toBe("proxy5");
    await expect(client.renewToken("fresh")).rejects.toMatchObject(NOT_JOINED);
    await client.join(APP_ID, "room", "fresh", 1);
    expect(client.connectionState).toBe("CONNECTED");
    expect(client.fake.token).toBe("fresh");
    await client.leave();
    expect(client.fake.calls.map((call) => call.method)).toEqual([
      "startProxyServer",
      "join",
      "publish",
      "renewToken",
      "join",
      "leave",
    ]);
  });

  it("works while RECONNECTING (the SDK learns it on a reconnect attempt) and ends the drop", async () => {
    vi.useFakeTimers();
    try {
      const client = createFakeAgoraClient();
      const joined = client.join(APP_ID, "room", "join-token", 1);
      await vi.advanceTimersByTimeAsync(0);
      await joined;
      const dropped = client.fake.dropNetwork({ reconnectingMs: 1_000 });
      client.fake.expireToken();
      expect(client.fake.events.at(-2)?.args).toEqual(["DISCONNECTED", "DISCONNECTING", "TOKEN_EXPIRE"]);
      await vi.advanceTimersByTimeAsync(1_000);
      await dropped;
      // The drop found the client already DISCONNECTED: no second DISCONNECTED.
      expect(client.fake.events.at(-1)?.event).toBe("token-privilege-did-expire");
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it("needs a CONNECTED or RECONNECTING client (a plain Error)", async () => {
    const client = createFakeAgoraClient();
    expect(() => client.fake.expireToken()).toThrow(
      "fake.expireToken() needs a CONNECTED or RECONNECTING client, but it is DISCONNECTED.",
    );
    expect(client.fake.events).toEqual([]);
  });
});
