import { describe, expect, it } from "vitest";
import { createAgoraRTCError, createFakeAgoraClient, FakeAgoraRTCError, isAgoraRTCErrorLike } from "../src";

describe("SDK-shaped errors", () => {
  it("have the SDK's name, code, message format and own keys", () => {
    const error = createAgoraRTCError("INVALID_OPERATION", "Start proxy server before join channel");
    expect(error).toBeInstanceOf(Error);
    expect(error).toBeInstanceOf(FakeAgoraRTCError);
    expect(error.name).toBe("AgoraRTCException");
    expect(error.code).toBe("INVALID_OPERATION");
    expect(error.message).toBe("AgoraRTCError INVALID_OPERATION: Start proxy server before join channel");
    expect(Object.keys(error).sort()).toEqual(["code", "data", "message", "name"]);
    expect(String(error)).toBe(error.message);
  });

  it("print data in toString like the SDK", () => {
    expect(createAgoraRTCError("UNEXPECTED_ERROR", "oops", { retry: 2 }).toString()).toBe(
      'AgoraRTCError UNEXPECTED_ERROR: oops\ndata: {"retry":2}',
    );
  });

  it("are what the fake throws", () => {
    const client = createFakeAgoraClient();
    let thrown: unknown;
    try {
      client.startProxyServer(2);
    } catch (error) {
      thrown = error;
    }
    expect(isAgoraRTCErrorLike(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      code: "NOT_SUPPORTED",
      message: "AgoraRTCError NOT_SUPPORTED: proxy mode 1/2 has been deprecated and not supported.",
    });
  });

  it("isAgoraRTCErrorLike rejects look-alikes", () => {
    expect(isAgoraRTCErrorLike(new Error("AgoraRTCError X: y"))).toBe(false);
    expect(isAgoraRTCErrorLike({ name: "AgoraRTCException", code: "X", message: "something else" })).toBe(false);
    expect(isAgoraRTCErrorLike(null)).toBe(false);
  });
});
