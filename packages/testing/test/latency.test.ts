import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createFakeAgoraClient } from "../src";

const APP_ID = "fake-app-id";

/** The connection-state-change events seen so far, as [current, previous] pairs. */
function stateChanges(client: ReturnType<typeof createFakeAgoraClient>): string[][] {
  return client.fake.events
    .filter((event) => event.event === "connection-state-change")
    .map((event) => event.args.filter((arg) => arg !== undefined) as string[]);
}

describe("latency with fake timers", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("a join spends joinLatencyMs in CONNECTING, then connects", async () => {
    const client = createFakeAgoraClient({ joinLatencyMs: 500 });
    const joined = client.join(APP_ID, "room", null, 7);
    expect(client.connectionState).toBe("CONNECTING");

    await vi.advanceTimersByTimeAsync(499);
    expect(client.connectionState).toBe("CONNECTING");
    expect(client.fake.calls[0]?.outcome).toBe("pending");

    await vi.advanceTimersByTimeAsync(1);
    expect(client.connectionState).toBe("CONNECTED");
    await expect(joined).resolves.toBe(7);
    expect(client.fake.calls[0]?.outcome).toBe("ok");
  });

  it("a leave spends leaveLatencyMs in DISCONNECTING", async () => {
    const client = createFakeAgoraClient({ leaveLatencyMs: 300 });
    await client.join(APP_ID, "room", null, 7);
    const left = client.leave();
    await vi.advanceTimersByTimeAsync(0);
    expect(client.connectionState).toBe("DISCONNECTING");

    await vi.advanceTimersByTimeAsync(300);
    await left;
    expect(client.connectionState).toBe("DISCONNECTED");
    expect(stateChanges(client)).toEqual([
      ["CONNECTING", "DISCONNECTED"],
      ["CONNECTED", "CONNECTING"],
      ["DISCONNECTING", "CONNECTED"],
      ["DISCONNECTED", "DISCONNECTING", "LEAVE"],
    ]);
  });

  it("leave during join latency cancels the join, which rejects after joinAbortDelayMs", async () => {
    const client = createFakeAgoraClient({ joinLatencyMs: 1_000, joinAbortDelayMs: 800 });
    const joined = client.join(APP_ID, "room", null, 7);
    const outcome = joined.catch((error: unknown) => error);

    await client.leave();
    expect(client.connectionState).toBe("DISCONNECTED");
    expect(client.fake.calls[0]?.outcome).toBe("pending");

    await vi.advanceTimersByTimeAsync(800);
    await expect(outcome).resolves.toMatchObject({
      code: "OPERATION_ABORTED",
      message: "AgoraRTCError OPERATION_ABORTED: cancel token canceled",
    });
    // The cancelled join never connects, even once its latency has passed.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(client.connectionState).toBe("DISCONNECTED");
  });

  it("latencies changed through client.fake apply to later calls", async () => {
    const client = createFakeAgoraClient();
    client.fake.joinLatencyMs = 2_000;
    expect(client.fake.joinLatencyMs).toBe(2_000);
    const joined = client.join(APP_ID, "room", null);
    await vi.advanceTimersByTimeAsync(1_999);
    expect(client.connectionState).toBe("CONNECTING");
    await vi.advanceTimersByTimeAsync(1);
    await expect(joined).resolves.toBe(10_001);
  });

  it("rejects a latency that is negative or not finite", () => {
    expect(() => createFakeAgoraClient({ joinLatencyMs: -1 })).toThrow("joinLatencyMs must be a finite number");
    const client = createFakeAgoraClient();
    expect(() => {
      client.fake.leaveLatencyMs = Number.POSITIVE_INFINITY;
    }).toThrow("leaveLatencyMs must be a finite number");
  });
});

describe("zero latency (the default)", () => {
  it("connects on a microtask, with no timers involved", async () => {
    const client = createFakeAgoraClient();
    const joined = client.join(APP_ID, "room", null, 7);
    expect(client.connectionState).toBe("CONNECTING");
    await Promise.resolve();
    expect(client.connectionState).toBe("CONNECTED");
    await expect(joined).resolves.toBe(7);
  });

  it("leave resolves before the join it cancelled rejects, like the real SDK", async () => {
    const client = createFakeAgoraClient({ offline: true });
    const order: string[] = [];
    const joined = client
      .join(APP_ID, "room", null)
      .catch((error: { code: string }) => order.push(`join ${error.code}`));
    await client.leave().then(() => order.push("leave ok"));
    await joined;
    expect(order).toEqual(["leave ok", "join OPERATION_ABORTED"]);
  });

  it("announces CONNECTED before uid and channelName are set, then is-using-cloud-proxy", async () => {
    const client = createFakeAgoraClient();
    const seen: unknown[] = [];
    client.on("connection-state-change", (current: string) => {
      if (current === "CONNECTED") seen.push(["CONNECTED", client.uid, client.channelName]);
    });
    client.on("is-using-cloud-proxy", (using: boolean) => seen.push(["is-using-cloud-proxy", using, client.uid]));
    client.startProxyServer(5);
    await client.join(APP_ID, "room", null);
    expect(seen).toEqual([
      ["CONNECTED", undefined, undefined],
      ["is-using-cloud-proxy", true, 10_001],
    ]);
    expect(client.channelName).toBe("room");
  });

  it("uses assignedUid when the join has no uid", async () => {
    const client = createFakeAgoraClient({ assignedUid: "server-given" });
    await expect(client.join(APP_ID, "room", null, null)).resolves.toBe("server-given");
  });
});
