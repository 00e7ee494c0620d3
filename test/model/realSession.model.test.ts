// @vitest-environment jsdom
import {
  createRealClient,
  listenerCount,
  realProxyMode,
  recordSdkCalls,
  sdkSettled,
  type SdkCall,
} from "../support/realSdk";
import fc from "fast-check";
import { expect, it } from "vitest";
import { trackLibraryTimers } from "../support/libraryTimers";
import {
  type ModelDriver,
  type ModelStats,
  appliedSummary,
  fuzzParameters,
  runScenario,
  scenarioArbitrary,
} from "./sessionModel";

it("no sequence of requests and direct client calls misorders the REAL SDK (offline: it never gets past CONNECTING)", async () => {
  const stats: ModelStats = { runs: 0, steps: 0, orderingViolations: 0, leaks: 0 };
  const allCalls: SdkCall[] = [];
  const parameters = fuzzParameters(300);
  const timers = trackLibraryTimers();
  const modes = { disabled: null, proxy3: "udp", proxy4: null, proxy5: "tls" } as const;
  await fc.assert(
    fc.asyncProperty(scenarioArbitrary(false, 15), async (scenario) => {
      const client = await createRealClient();
      const calls = recordSdkCalls(client);
      const driver: ModelDriver = {
        client,
        sdkMode: () => modes[realProxyMode(client)],
        orderingErrors: () => calls.filter((call) => call.outcome === "INVALID_OPERATION").length,
        listeners: () =>
          listenerCount(client, "connection-state-change") + listenerCount(client, "is-using-cloud-proxy"),
        fault: () => {},
        // Cancelled real joins reject about a second later; they are awaited once at the end.
        drain: async () => void allCalls.push(...calls),
        timers,
      };
      await runScenario(scenario, driver, stats);
    }),
    { ...parameters, verbose: 1 },
  );
  await sdkSettled(allCalls);
  const violations = allCalls.filter((call) => call.outcome === "INVALID_OPERATION").length;
  console.log(
    `model (real SDK): ${stats.runs} runs, ${stats.steps} steps, ${allCalls.length} SDK calls, ${violations} ordering violations, ${stats.leaks} leaks; applied: ${appliedSummary(stats)}`,
  );
  expect(stats.runs).toBeGreaterThanOrEqual(parameters.numRuns);
  expect(violations).toBe(0);
  expect(stats.leaks).toBe(0);
}, 600_000);
