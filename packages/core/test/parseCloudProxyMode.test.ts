import { describe, expect, it } from "vitest";
import { CloudProxyError, parseCloudProxyMode, toSdkProxyMode } from "../src";

describe("parseCloudProxyMode", () => {
  it.each([
    ["udp", "udp"],
    [3, "udp"],
    ["tls", "tls"],
    [5, "tls"],
    ["off", null],
  ] as const)("accepts %s", (input, mode) => {
    expect(parseCloudProxyMode(input)).toBe(mode);
  });

  it.each([0, 1, 2, 4, 6, -1, Number.NaN, "UDP", "tcp", "3", null, undefined, {}, [], true])(
    "rejects %s with INVALID_MODE naming the valid values",
    (input) => {
      let thrown: unknown;
      try {
        parseCloudProxyMode(input);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CloudProxyError);
      expect(thrown).toMatchObject({ code: "INVALID_MODE" });
      expect((thrown as Error).message).toMatch(/"udp".*"tls".*"off"/);
    },
  );

  it("never echoes a long string, which could be a token pasted into the wrong field", () => {
    const token = "007eJxTYLhvaTz1h8fakeTokenThatMustNotLeak";
    expect(() => parseCloudProxyMode(token)).toThrow(/a string of \d+ characters/);
    expect(() => parseCloudProxyMode(token)).not.toThrow(new RegExp(token));
  });

  it("maps modes to the SDK's numbers", () => {
    expect([toSdkProxyMode("udp"), toSdkProxyMode("tls")]).toEqual([3, 5]);
  });
});
