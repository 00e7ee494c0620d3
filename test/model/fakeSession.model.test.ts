import { asAgoraRTCClient, createFakeAgoraClient } from "@agora-cloud-proxy/testing";
import fc from "fast-check";
import { expect, it } from "vitest";
import { type LibraryTimers, trackLibraryTimers } from "../support/libraryTimers";
import {
  type ModelDriver,
  type ModelStats,
  appliedSummary,
  fuzzParameters,
  runScenario,
  scenarioArbitrary,
} from "./sessionModel";

function fakeDriver(timers: LibraryTimers): ModelDriver {
  const fake = createFakeAgoraClient({ joinLatencyMs: 1, leaveLatencyMs: 0 });
  const modes = { disabled: null, proxy3: "udp", proxy4: null, proxy5: "tls" } as const;
  return {
    client: asAgoraRTCClient(fake),
    sdkMode: () => modes[fake._cloudProxyServerMode],
    orderingErrors: () => fake.fake.calls.filter((call) => call.code === "INVALID_OPERATION").length,
    listeners: () => fake.fake.listenerCount(),
    async fault(command) {
      switch (command.t) {
        case "failNextJoin":
          return fake.fake.failNextJoin("CAN_NOT_GET_GATEWAY_SERVER");
        case "hangNextJoin":
          return fake.fake.hangNextJoin();
        case "failNextLeave":
          return fake.fake.failNextLeave("UNEXPECTED_ERROR");
        case "completeJoin":
          if (fake.fake.hasPendingJoin) fake.fake.completePendingJoin();
          return;
        case "dropNetwork":
          if (fake.connectionState === "CONNECTED")
            await fake.fake.dropNetwork({ outcome: command.outcome, reason: command.reason, reconnectingMs: 1 });
          return;
        case "expireTokenSoon":
          if (fake.connectionState === "CONNECTED") fake.fake.expireTokenSoon();
          return;
        case "expireToken":
          if (fake.connectionState === "CONNECTED" || fake.connectionState === "RECONNECTING") fake.fake.expireToken();
          return;
        case "blockMedia":
          return fake.fake.blockMedia(command.routes);
        case "failMedia":
          // Only a peer connection still connecting or connected can fail (the knob throws otherwise).
          try {
            if (fake.connectionState === "CONNECTED") fake.fake.failMedia();
          } catch {
            // already failed or closed: nothing to fail
          }
          return;
        case "latency":
          fake.fake.joinLatencyMs = command.join;
          fake.fake.leaveLatencyMs = command.leave;
          return;
      }
    },
    drain: async () => {},
    timers,
    stateEvents: () =>
      fake.fake.events.filter((event) => event.event === "connection-state-change").map((event) => event.args),
  };
}

it("no sequence of requests, direct client calls and SDK faults misorders the fake SDK, loses the desired state or leaks", async () => {
  const stats: ModelStats = { runs: 0, steps: 0, orderingViolations: 0, leaks: 0 };
  const parameters = fuzzParameters(2_000);
  const timers = trackLibraryTimers();
  const started = performance.now();
  await fc.assert(
    fc.asyncProperty(scenarioArbitrary(true), (scenario) => runScenario(scenario, fakeDriver(timers), stats)),
    { ...parameters, verbose: 1 },
  );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `model (fake SDK): ${stats.runs} runs, ${stats.steps} steps in ${seconds} s, ${stats.reconnects ?? 0} reconnect attempts, ${stats.orderingViolations} ordering violations, ${stats.leaks} leaks; applied: ${appliedSummary(stats)}`,
  );
  expect(stats.runs).toBeGreaterThanOrEqual(parameters.numRuns);
  expect(stats.orderingViolations).toBe(0);
  expect(stats.leaks).toBe(0);
}, 600_000);
