// @vitest-environment node
import { describe, expect, it } from "vitest";
import config, { keepConsoleLog } from "../../vitest.config";

describe("the unit run's console filter", () => {
  it("is the one vitest.config.ts uses", () => {
    expect(config.test?.onConsoleLog).toBe(keepConsoleLog);
  });

  it.each([
    ["the SDK's lock debug line", "[lock-safari-1] is created.\n"],
    ["a lock line with its client id", "[client-1][lock-join-3] is locked, current queue 1. "],
    ["the SDK's own log", "13:01:02:003 Agora-SDK [INFO]: browser info: {...}"],
    [
      "an error a test provokes",
      'safeEmit event:connection-state-change error Error: test listener "throws" threw on purpose',
    ],
  ])("drops %s", (_what, log) => {
    expect(keepConsoleLog(log)).toBe(false);
  });

  it.each([
    ["a React warning", "Warning: Cannot update a component while rendering a different component"],
    ["our own warning", "[agora-cloud-proxy] <CloudProxyProvider client> changed 3 times in 1 s"],
    ["an SDK listener error no test asked for", "safeEmit event:user-joined error TypeError: x is undefined"],
    ["a model run's summary", "model (real SDK): 200 runs, 1804 steps, 2310 SDK calls, 0 ordering violations, 0 leaks"],
    ["a line that only mentions a lock", "the lock-safari bug is fixed"],
  ])("keeps %s", (_what, log) => {
    expect(keepConsoleLog(log)).toBe(true);
  });
});
