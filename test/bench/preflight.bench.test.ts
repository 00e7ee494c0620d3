// Benchmark 7 (issue 13): the network test's wall time, its routes in parallel vs one route at a
// time, on fake clients in a simulated network with known per-route latencies: direct blocked (it
// times out at 300 ms), UDP connects in 200 ms, TLS in 250 ms. Budget: the whole test takes no
// longer than 1.2x its slowest route run alone. Built packages, plain Node.
import { testCloudProxyRoutes, type CloudProxyRoute } from "@agora-cloud-proxy/core";
import { describe, expect, it } from "vitest";
import { simulatedNetwork } from "../support/simulatedNetwork";
import { SHORT, report } from "./measure";

const JOIN = { appid: "benchbenchbenchbenchbenchbench00", channel: "bench", token: null, uid: 1 };
const TIMEOUT_MS = 300;
const LATENCY_MS = { udp: 200, tls: 250 };
const ROUTES: readonly CloudProxyRoute[] = ["direct", "udp", "tls"];
/** The budget: the whole test <= 1.2x its slowest route. */
const PARALLEL_BUDGET = 1.2;

/** One network test over `routes`, on fresh clients; wall ms from the call until every client is released. */
async function timeTest(routes: readonly CloudProxyRoute[]): Promise<number> {
  const network = simulatedNetwork({ blocked: ["direct"], latencyMs: LATENCY_MS, leaveLatencyMs: 5 });
  const start = performance.now();
  const result = await testCloudProxyRoutes({
    createClient: network.createClient,
    join: JOIN,
    routes,
    timeoutMs: TIMEOUT_MS,
  });
  const ms = performance.now() - start;
  // The figures only count if the test did what it says: direct timed out, the proxies connected, all released.
  const expected = routes.map((route) => `${route}:${route === "direct" ? "timeout" : "connected"}`);
  expect(result.routes.map((r) => `${r.route}:${r.outcome}`)).toEqual(expected);
  expect(network.clientStates().every((state) => state === "DISCONNECTED/disabled/0")).toBe(true);
  expect(network.orderingErrors()).toEqual([]);
  return ms;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe("network test (preflight) benchmarks", () => {
  it("7. network test: all routes in parallel vs one route at a time (direct blocked: 300 ms timeout; udp 200 ms; tls 250 ms)", async () => {
    const rounds = SHORT ? 2 : 7;
    const single: Record<CloudProxyRoute, number[]> = { direct: [], udp: [], tls: [] };
    const sequential: number[] = [];
    const parallel: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      let total = 0;
      for (const route of ROUTES) {
        const ms = await timeTest([route]);
        single[route].push(ms);
        total += ms;
      }
      sequential.push(total);
      parallel.push(await timeTest(ROUTES));
    }
    const slowest = Math.max(...ROUTES.map((route) => median(single[route])));
    const parallelMs = median(parallel);
    const sequentialMs = median(sequential);
    const ratio = parallelMs / slowest;
    const singles = ROUTES.map((route) => `${route} ${median(single[route]).toFixed(0)}`).join(", ");
    report({
      name: "7. Network test, all three routes in parallel vs its slowest route alone (fake clients: direct blocked, 300 ms timeout; udp 200 ms; tls 250 ms)",
      baseline: `${slowest.toFixed(1)} ms slowest route alone (${singles} ms)`,
      result: `${parallelMs.toFixed(1)} ms in parallel (median of ${rounds})`,
      ratio: `${ratio.toFixed(2)}x`,
      budget: `<= ${PARALLEL_BUDGET}x`,
      pass: ratio <= PARALLEL_BUDGET,
    });
    report({
      name: "7. Network test, sequential (one route at a time) vs parallel",
      baseline: `${sequentialMs.toFixed(1)} ms sequential`,
      result: `${parallelMs.toFixed(1)} ms parallel`,
      ratio: `${(parallelMs / sequentialMs).toFixed(2)}x`,
      budget: "reported",
      pass: true,
    });
    expect(ratio).toBeLessThanOrEqual(PARALLEL_BUDGET);
  });
});
