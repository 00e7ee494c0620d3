import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFakeAgoraClient, createFakeLocalTrack, type FakeAgoraClient, type FakeMediaRoute } from "../src";

const APP_ID = "fake-app-id";

/** The `peerconnection-state-change` payloads so far, as `current<-previous`. */
function pcChanges(client: FakeAgoraClient): string[] {
  return client.fake.events
    .filter((event) => event.event === "peerconnection-state-change")
    .map(({ args }) => `${String(args[0])}<-${String(args[1])}`);
}

/** Joins on `route` and lets the join connect (fake timers are on). */
async function joinOn(client: FakeAgoraClient, route: FakeMediaRoute): Promise<void> {
  if (route === "udp") client.startProxyServer(3);
  if (route === "tcp") client.startProxyServer(4);
  if (route === "tls") client.startProxyServer(5);
  const joined = client.join(APP_ID, "room", null, 1);
  await vi.advanceTimersByTimeAsync(client.fake.joinLatencyMs);
  await joined;
}

describe("the peer connection, per route", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a join opens it before CONNECTED and connects it after mediaLatencyMs, published tracks or not", async () => {
    const client = createFakeAgoraClient({ joinLatencyMs: 100, mediaLatencyMs: 300 });
    const order: string[] = [];
    client.on("connection-state-change", (current: string) => order.push(current));
    client.on("peerconnection-state-change", (current: string, previous: string | undefined) =>
      order.push(`pc ${current}<-${String(previous)}`),
    );
    await joinOn(client, "direct");
    expect(order).toEqual(["CONNECTING", "pc new<-undefined", "CONNECTED", "pc connecting<-new"]);
    await vi.advanceTimersByTimeAsync(299);
    expect(order).toHaveLength(4);
    await vi.advanceTimersByTimeAsync(1);
    expect(order.at(-1)).toBe("pc connected<-connecting");
    client.removeAllListeners();
  });

  it.each<[FakeMediaRoute, number | undefined]>([
    ["direct", undefined],
    ["udp", 3],
    ["tcp", 4],
    ["tls", 5],
  ])("a blocked %s route fails; the other routes still flow", async (route) => {
    const blocked = createFakeAgoraClient();
    blocked.fake.blockMedia([route]);
    await joinOn(blocked, route);
    expect(pcChanges(blocked)).toEqual(["new<-undefined", "connecting<-new", "failed<-connecting"]);
    expect(blocked.connectionState).toBe("CONNECTED"); // signalling is not media

    for (const other of (["direct", "udp", "tcp", "tls"] as const).filter((candidate) => candidate !== route)) {
      const client = createFakeAgoraClient();
      client.fake.blockMedia([route]);
      await joinOn(client, other);
      expect(pcChanges(client).at(-1), other).toBe("connected<-connecting");
    }
  });

  it("blockMedia replaces the list, is read when media would connect, and [] unblocks", async () => {
    const client = createFakeAgoraClient({ mediaLatencyMs: 100 });
    client.fake.blockMedia(["udp"]);
    client.fake.blockMedia(["tls"]);
    await joinOn(client, "udp");
    client.fake.blockMedia(["udp"]); // while connecting: this connection fails
    await vi.advanceTimersByTimeAsync(100);
    expect(pcChanges(client).at(-1)).toBe("failed<-connecting");
    await client.leave();

    client.fake.blockMedia([]);
    await joinOn(client, "udp");
    await vi.advanceTimersByTimeAsync(100);
    client.fake.blockMedia(["udp"]); // already connected: unaffected
    expect(pcChanges(client).slice(3)).toEqual([
      "closed<-failed",
      "new<-closed",
      "connecting<-new",
      "connected<-connecting",
    ]);
    await client.leave();
  });

  it("leave closes it at once, before DISCONNECTING, and the next session starts from closed", async () => {
    const client = createFakeAgoraClient({ leaveLatencyMs: 50 });
    await joinOn(client, "tls");
    const from = client.fake.events.length;
    const left = client.leave();
    expect(client.fake.events.slice(from).map(({ event, args }) => [event, ...args])).toEqual([
      ["peerconnection-state-change", "closed", "connected"],
    ]);
    await vi.advanceTimersByTimeAsync(50);
    await left;
    expect(client.fake.events.slice(from).map(({ event }) => event)).toEqual([
      "peerconnection-state-change",
      "connection-state-change",
      "connection-state-change",
    ]);
    await joinOn(client, "tls");
    expect(pcChanges(client).slice(-3)).toEqual(["new<-closed", "connecting<-new", "connected<-connecting"]);
    const leftAgain = client.leave();
    await vi.advanceTimersByTimeAsync(50);
    await leftAgain;
  });

  it("a drop to DISCONNECTED closes it before DISCONNECTED is announced; a reconnect keeps it", async () => {
    const client = createFakeAgoraClient();
    await joinOn(client, "udp");
    const reconnected = client.fake.dropNetwork({ outcome: "reconnect", reconnectingMs: 10 });
    await vi.advanceTimersByTimeAsync(10);
    await reconnected;
    expect(pcChanges(client).at(-1)).toBe("connected<-connecting");

    const from = client.fake.events.length;
    await client.fake.dropNetwork();
    expect(client.fake.events.slice(from).map(({ event, args }) => `${event} ${String(args[0])}`)).toEqual([
      "connection-state-change RECONNECTING",
      "peerconnection-state-change closed",
      "connection-state-change DISCONNECTED",
    ]);
  });

  it("a leave or drop while connecting cancels the media timer: nothing fires later, no timer is left", async () => {
    const client = createFakeAgoraClient({ mediaLatencyMs: 1_000 });
    await joinOn(client, "direct");
    expect(vi.getTimerCount()).toBe(1);
    await client.leave();
    expect(vi.getTimerCount()).toBe(0);

    await joinOn(client, "direct");
    await client.fake.dropNetwork();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(pcChanges(client).filter((change) => change.startsWith("connected"))).toEqual([]);
    expect(client.fake.listenerCount()).toBe(0);
  });

  it("a join that fails or is left while CONNECTING never opens one", async () => {
    const client = createFakeAgoraClient({ joinLatencyMs: 100 });
    client.fake.failNextJoin();
    const failed = client.join(APP_ID, "room", null, 1).catch(() => undefined);
    await vi.advanceTimersByTimeAsync(100);
    await failed;
    const cancelled = client.join(APP_ID, "room", null, 1).catch(() => undefined);
    await client.leave();
    await cancelled;
    expect(pcChanges(client)).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("fake.forceConnectionState opens none (the real gateway driven to CONNECTED has none either)", async () => {
    const client = createFakeAgoraClient({ offline: true });
    const joined = client.join(APP_ID, "room", null, 1).catch(() => undefined);
    client.fake.forceConnectionState("CONNECTED");
    await vi.advanceTimersByTimeAsync(100);
    expect(pcChanges(client)).toEqual([]);
    await client.leave();
    await joined;
  });
});

describe("fake.failMedia", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a connected connection goes disconnected, then failed; signalling stays CONNECTED", async () => {
    const client = createFakeAgoraClient();
    await joinOn(client, "udp");
    client.fake.failMedia();
    expect(pcChanges(client).slice(-2)).toEqual(["disconnected<-connected", "failed<-disconnected"]);
    expect(client.connectionState).toBe("CONNECTED");
    expect(() => client.fake.failMedia()).toThrow(
      "fake.failMedia() needs a peer connection that is connecting or connected, but it is failed.",
    );
    await client.leave();
    expect(pcChanges(client).at(-1)).toBe("closed<-failed");
  });

  it("one still connecting fails at once, and its timer is cancelled", async () => {
    const client = createFakeAgoraClient({ mediaLatencyMs: 500 });
    await joinOn(client, "tls");
    client.fake.failMedia();
    expect(pcChanges(client).slice(-1)).toEqual(["failed<-connecting"]);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(500);
    expect(pcChanges(client).at(-1)).toBe("failed<-connecting");
  });

  it("needs a connection (a plain Error)", () => {
    const client = createFakeAgoraClient();
    expect(() => client.fake.failMedia()).toThrow(
      new Error(
        "fake.failMedia() needs a peer connection that is connecting or connected, but it is absent. Join first.",
      ),
    );
  });
});

describe("fake.peerConnectionEvents = false (an SDK older than 4.23)", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("emits no peerconnection-state-change; getRTCStats still tells whether media flows", async () => {
    const client = createFakeAgoraClient({ peerConnectionEvents: false, mediaLatencyMs: 100 });
    expect(client.fake.peerConnectionEvents).toBe(false);
    await joinOn(client, "udp");
    await client.publish(createFakeLocalTrack("audio"));
    await vi.advanceTimersByTimeAsync(100);
    expect(client.getRTCStats().SendBytes).toBe(0); // media just connected
    await vi.advanceTimersByTimeAsync(10);
    expect(client.getRTCStats().SendBytes).toBe(500);
    client.fake.failMedia();
    await client.leave();
    expect(pcChanges(client)).toEqual([]);

    client.fake.peerConnectionEvents = true;
    await joinOn(client, "udp");
    // The first event the client emits: the SDK's _peerConnectionState is only set by events it saw.
    expect(pcChanges(client)).toEqual(["new<-closed", "connecting<-new"]);
  });
});

describe("client.getRTCStats", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("has the SDK's shape, and counts the local user even when not joined (as the SDK does)", () => {
    const client = createFakeAgoraClient();
    const stats = client.getRTCStats();
    expect(stats).toEqual({
      Duration: 0,
      UserCount: 1,
      SendBitrate: 0,
      SendBytes: 0,
      RecvBytes: 0,
      RecvBitrate: 0,
      OutgoingAvailableBandwidth: 0,
      RTT: 0,
    });
    // The SDK's key order.
    expect(Object.keys(stats)).toEqual([
      "Duration",
      "UserCount",
      "SendBitrate",
      "SendBytes",
      "RecvBytes",
      "RecvBitrate",
      "OutgoingAvailableBandwidth",
      "RTT",
    ]);
  });

  it("SendBytes and RecvBytes grow by 50 per ms per track while media flows, and reset on leave", async () => {
    const client = createFakeAgoraClient({ mediaLatencyMs: 100 });
    await joinOn(client, "tls");
    const audio = createFakeLocalTrack("audio");
    await client.publish([audio, createFakeLocalTrack("video")]);
    await vi.advanceTimersByTimeAsync(50);
    expect(client.getRTCStats()).toMatchObject({ SendBytes: 0, SendBitrate: 0 }); // still connecting

    await vi.advanceTimersByTimeAsync(50); // connected
    const user = client.fake.addRemoteUser(7, { audio: true });
    await client.subscribe(user, "audio");
    await vi.advanceTimersByTimeAsync(20);
    expect(client.getRTCStats()).toMatchObject({
      SendBytes: 2 * 20 * 50,
      SendBitrate: 2 * 50 * 8000,
      RecvBytes: 20 * 50,
      RecvBitrate: 50 * 8000,
      UserCount: 2,
    });

    // Unpublishing drops that track's bytes, as the SDK sums only the tracks it still sends.
    await client.unpublish(audio);
    expect(client.getRTCStats().SendBytes).toBe(20 * 50);

    // A media failure freezes the counts.
    client.fake.failMedia();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.getRTCStats()).toMatchObject({ SendBytes: 20 * 50, RecvBytes: 20 * 50, SendBitrate: 0 });

    await client.leave();
    expect(client.getRTCStats()).toMatchObject({ SendBytes: 0, RecvBytes: 0, UserCount: 1 });
  });

  it("counts nothing on a blocked route", async () => {
    const client = createFakeAgoraClient();
    client.fake.blockMedia(["udp"]);
    await joinOn(client, "udp");
    await client.publish(createFakeLocalTrack("audio"));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.getRTCStats()).toMatchObject({ SendBytes: 0, RecvBytes: 0 });
  });

  it("Duration counts whole seconds in the channel and keeps the last session's after it ends", async () => {
    const client = createFakeAgoraClient();
    await joinOn(client, "direct");
    await vi.advanceTimersByTimeAsync(2_600);
    expect(client.getRTCStats().Duration).toBe(3);
    await client.leave();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(client.getRTCStats().Duration).toBe(3);
  });
});

describe("knob validation (plain Errors)", () => {
  it("mediaLatencyMs, blockMedia and peerConnectionEvents refuse bad values and keep the old ones", () => {
    const client = createFakeAgoraClient();
    expect(client.fake.mediaLatencyMs).toBe(0);
    expect(() => {
      client.fake.mediaLatencyMs = -1;
    }).toThrow("mediaLatencyMs must be a finite number of milliseconds >= 0, got -1.");
    expect(() => createFakeAgoraClient({ mediaLatencyMs: Number.NaN })).toThrow("mediaLatencyMs must be");
    expect(client.fake.mediaLatencyMs).toBe(0);

    expect(() => client.fake.blockMedia(["wifi" as FakeMediaRoute])).toThrow(
      'fake.blockMedia(): unknown route "wifi"; use direct, udp, tcp, tls.',
    );
    expect(() => client.fake.blockMedia("udp" as unknown as FakeMediaRoute[])).toThrow("takes an array of routes");

    expect(() => {
      client.fake.peerConnectionEvents = "no" as unknown as boolean;
    }).toThrow("peerConnectionEvents must be true or false, got no.");
    expect(() => createFakeAgoraClient({ peerConnectionEvents: 0 as unknown as boolean })).toThrow(
      "peerConnectionEvents must be true or false",
    );
    expect(client.fake.peerConnectionEvents).toBe(true);
  });
});
