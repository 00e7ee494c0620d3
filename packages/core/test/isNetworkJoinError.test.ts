import { describe, expect, it } from "vitest";
import { isNetworkJoinError } from "../src/cloudProxyRoute";

// Whether another route may fix a failed join. The real SDK reports most gateway refusals as
// CAN_NOT_GET_GATEWAY_SERVER with the reason in its message and `data.retry: false`
// (agora-rtc-sdk-ng 4.24.8's table of gateway answers): those are not the network's fault.
const gateway = (reason: string, data?: object) => ({
  code: "CAN_NOT_GET_GATEWAY_SERVER",
  message: `AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: flag: 4096, message: AgoraRTCError CAN_NOT_GET_GATEWAY_SERVER: ${reason}`,
  data,
});

describe("isNetworkJoinError", () => {
  it.each([
    "invalid vendor key, can not find appid",
    "invalid token, authorized failed",
    "dynamic use static key",
    "static use dynamic key",
    "no active status",
    "the request is forbidden in this area",
    "unable to allocate services in this area",
  ])("a gateway refusal (%s) is no network error", (reason) => {
    expect(isNetworkJoinError(gateway(reason))).toBe(false);
  });

  it("a gateway answer marked retry: false is no network error, whatever its text", () => {
    expect(isNetworkJoinError(gateway("amount of users over load", { retry: false }))).toBe(false);
  });

  it("a gateway that never answered, or answered retry: true, is the network's fault", () => {
    expect(isNetworkJoinError(gateway("timeout"))).toBe(true);
    expect(isNetworkJoinError(gateway("no unilbs webrtc service available", { retry: true }))).toBe(true);
    expect(isNetworkJoinError({ code: "WS_ABORT" })).toBe(true);
  });

  it("codes no route fixes are no network errors", () => {
    expect(isNetworkJoinError({ code: "INVALID_VENDOR_KEY", message: "" })).toBe(false);
    expect(isNetworkJoinError({ code: "UID_BANNED" })).toBe(false);
  });
});
