import { describe, expect, it, vi } from "vitest";
import { createFakeAgoraClient } from "../src";

describe("listeners", () => {
  it("counts listeners per event and in total, so tests can assert none leaked", () => {
    const client = createFakeAgoraClient();
    const onState = () => undefined;
    const onProxy = () => undefined;
    client.on("connection-state-change", onState);
    client.on("is-using-cloud-proxy", onProxy);
    expect(client.fake.listenerCount("connection-state-change")).toBe(1);
    expect(client.fake.listenerCount()).toBe(2);
    expect(client.fake.listenerCounts()).toEqual({ "connection-state-change": 1, "is-using-cloud-proxy": 1 });

    client.off("connection-state-change", onState);
    client.off("is-using-cloud-proxy", onProxy);
    expect(client.fake.listenerCount()).toBe(0);
    expect(client.fake.listenerCounts()).toEqual({});
  });

  it("ignores a listener registered twice for the same event, like the SDK", () => {
    const client = createFakeAgoraClient();
    const listener = () => undefined;
    client.on("user-joined", listener);
    client.on("user-joined", listener);
    client.once("user-joined", listener);
    expect(client.getListeners("user-joined")).toEqual([listener]);
  });

  it("once listeners run once", async () => {
    const client = createFakeAgoraClient();
    const listener = vi.fn();
    client.once("connection-state-change", listener);
    await client.join("app", "room", null);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith("CONNECTING", "DISCONNECTED", undefined);
    expect(client.fake.listenerCount()).toBe(0);
  });

  it("removeAllListeners clears one event or all", () => {
    const client = createFakeAgoraClient();
    client.on("a", () => undefined);
    client.on("b", () => undefined);
    client.removeAllListeners("a");
    expect(client.fake.listenerCounts()).toEqual({ b: 1 });
    client.removeAllListeners();
    expect(client.fake.listenerCount()).toBe(0);
  });

  it("a throwing listener does not stop the others or the client", async () => {
    const errors: unknown[] = [];
    const client = createFakeAgoraClient({
      onListenerError: (error, event) => errors.push([event, (error as Error).message]),
    });
    const after = vi.fn();
    client.on("connection-state-change", () => {
      throw new Error("listener bug");
    });
    client.on("connection-state-change", after);
    await client.join("app", "room", null);
    expect(client.connectionState).toBe("CONNECTED");
    expect(after).toHaveBeenCalledTimes(2);
    expect(errors).toEqual([
      ["connection-state-change", "listener bug"],
      ["connection-state-change", "listener bug"],
    ]);
  });

  it("a listener added during an emit waits for the next one", () => {
    const client = createFakeAgoraClient();
    const late = vi.fn();
    client.on("connection-state-change", () => client.on("connection-state-change", late));
    client.fake.forceConnectionState("CONNECTING");
    expect(late).not.toHaveBeenCalled();
    client.fake.forceConnectionState("DISCONNECTED");
    expect(late).toHaveBeenCalledTimes(1);
  });
});
