import { describe, expect, it } from "vitest";
import { createFakeAgoraClient } from "../src";

describe("call log", () => {
  it("records every SDK call in order, with its outcome", async () => {
    const client = createFakeAgoraClient({ offline: true });
    client.startProxyServer(5);
    const joined = client.join("secret-app-id", "room", "secret-token", 9);
    expect(() => client.stopProxyServer()).toThrow();
    await client.leave();
    await joined.catch(() => undefined);

    expect(client.fake.calls.map((call) => call.method)).toEqual([
      "startProxyServer",
      "join",
      "stopProxyServer",
      "leave",
    ]);
    expect(client.fake.calls).toEqual([
      { method: "startProxyServer", args: [5], outcome: "ok" },
      {
        method: "join",
        args: ["<appid>", "room", "<token>", 9],
        outcome: "error",
        code: "OPERATION_ABORTED",
        message: "AgoraRTCError OPERATION_ABORTED: cancel token canceled",
      },
      {
        method: "stopProxyServer",
        args: [],
        outcome: "error",
        code: "INVALID_OPERATION",
        message: "AgoraRTCError INVALID_OPERATION: Stop proxy server after leave channel",
      },
      { method: "leave", args: [], outcome: "ok" },
    ]);
  });

  it("records an async call when it is made, and its outcome when it settles", async () => {
    const client = createFakeAgoraClient({ offline: true });
    const joined = client.join("secret-app-id", "room", null);
    expect(client.fake.calls).toEqual([{ method: "join", args: ["<appid>", "room", null], outcome: "pending" }]);
    await client.leave();
    await joined.catch(() => undefined);
    expect(client.fake.calls[0]).toMatchObject({ method: "join", outcome: "error", code: "OPERATION_ABORTED" });
  });

  it("never keeps an app id or token", async () => {
    const client = createFakeAgoraClient();
    await client.join("secret-app-id", "room", "secret-token", 1);
    expect(JSON.stringify(client.fake.calls)).not.toMatch(/secret/);
  });

  it("tells startProxyServer() and startProxyServer(undefined) apart", () => {
    const client = createFakeAgoraClient();
    client.startProxyServer();
    client.startProxyServer(undefined);
    expect(client.fake.calls.map((call) => call.args)).toEqual([[], [undefined]]);
  });

  it("leaves the event-emitter methods out", () => {
    const client = createFakeAgoraClient();
    const listener = () => undefined;
    client.on("connection-state-change", listener);
    client.off("connection-state-change", listener);
    expect(client.fake.calls).toEqual([]);
  });
});
