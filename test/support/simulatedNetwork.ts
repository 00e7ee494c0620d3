/**
 * A simulated network for network-test (preflight) tests and benchmarks, after the call demo's
 * (examples/call-demo/src/clients/simulatedNetwork.ts): fake clients whose joins take a known
 * time per route, and a firewall that blocks some routes (a blocked join stays CONNECTING
 * until a leave, as the real SDK's does when a firewall drops its traffic). The route of a
 * join is decided when it is made, from the proxy the client runs at that moment.
 */
import type { CloudProxyRoute } from "@agora-cloud-proxy/core";
import { asAgoraRTCClient, createFakeAgoraClient, type FakeAgoraClient } from "@agora-cloud-proxy/testing";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";

export interface SimulatedNetworkOptions {
  /** Join time per route, ms. Default 20 each. */
  latencyMs?: Partial<Record<CloudProxyRoute, number>>;
  /** Routes the firewall blocks: their joins hang. */
  blocked?: readonly CloudProxyRoute[];
  /** Every join fails with this SDK code (e.g. "INVALID_VENDOR_KEY"), on every route. */
  failWith?: string;
  /** The fake's leave latency, ms. Default 5. */
  leaveLatencyMs?: number;
}

const ROUTE_OF = { disabled: "direct", proxy3: "udp", proxy5: "tls" } as const;

export interface SimulatedNetwork {
  /** Every client made so far, in creation order. */
  readonly clients: FakeAgoraClient[];
  /** A factory for `testCloudProxyRoutes({ createClient })`. */
  createClient(): IAgoraRTCClient;
  /** Each client as "state/proxy/listeners", e.g. "DISCONNECTED/disabled/0" once released. */
  clientStates(): string[];
  /** SDK calls any client rejected as misordered (must stay empty). */
  orderingErrors(): string[];
  /** The routes joins were made on, in call order. */
  readonly joins: CloudProxyRoute[];
}

export function simulatedNetwork(options: SimulatedNetworkOptions = {}): SimulatedNetwork {
  const { latencyMs = {}, blocked = [], failWith, leaveLatencyMs = 5 } = options;
  const clients: FakeAgoraClient[] = [];
  const joins: CloudProxyRoute[] = [];
  const createClient = (): IAgoraRTCClient => {
    const client = createFakeAgoraClient({ leaveLatencyMs });
    const join = client.join;
    client.join = (...args: Parameters<FakeAgoraClient["join"]>) => {
      const route: CloudProxyRoute = ROUTE_OF[client._cloudProxyServerMode as keyof typeof ROUTE_OF] ?? "direct";
      joins.push(route);
      client.fake.joinLatencyMs = latencyMs[route] ?? 20;
      if (blocked.includes(route)) client.fake.hangNextJoin();
      else if (failWith !== undefined) client.fake.failNextJoin(failWith, "refused by the simulated network");
      return join.apply(client, args);
    };
    clients.push(client);
    return asAgoraRTCClient(client);
  };
  return {
    clients,
    joins,
    createClient,
    clientStates: () => clients.map((c) => `${c.connectionState}/${c._cloudProxyServerMode}/${c.fake.listenerCount()}`),
    orderingErrors: () =>
      clients.flatMap((c) =>
        c.fake.calls.filter((call) => call.code === "INVALID_OPERATION").map((call) => call.method),
      ),
  };
}
