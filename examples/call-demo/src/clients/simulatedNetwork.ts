import { asAgoraRTCClient, createFakeAgoraClient, type FakeAgoraClient } from "@agora-cloud-proxy/testing";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";

/** Join latency of the simulated Agora edge: uniformly 300-900 ms, like a real join. */
const JOIN_LATENCY_MS = { min: 300, max: 900 } as const;

/**
 * The simulated network the demo's fake clients live in: realistic latencies, and a
 * firewall that blocks direct connections (not the cloud proxy), as in the enterprise
 * networks the cloud proxy exists for. With the firewall on, a join without the proxy stays
 * CONNECTING forever, exactly as the real SDK does when UDP to Agora is blocked; a client
 * that is connected directly when the firewall goes up loses its connection.
 *
 * @example
 * const network = new SimulatedNetwork(Math.random);
 * const client = network.createClient(); // a FakeAgoraClient from @agora-cloud-proxy/testing
 * network.setFirewall(true);
 */
export class SimulatedNetwork {
  #firewall = false;
  readonly #clients = new Set<FakeAgoraClient>();
  readonly #random: () => number;

  constructor(random: () => number) {
    this.#random = random;
  }

  get firewall(): boolean {
    return this.#firewall;
  }

  setFirewall(on: boolean): void {
    this.#firewall = on;
    if (!on) return;
    for (const client of this.#clients) {
      const direct = client._cloudProxyServerMode === "disabled";
      if (direct && client.connectionState === "CONNECTED") void client.fake.dropNetwork({ reconnectingMs: 1_200 });
    }
  }

  /** A fake client (the SDK's rules, enforced) whose joins take 300-900 ms, or hang behind the firewall. */
  createClient(): IAgoraRTCClient {
    const client = createFakeAgoraClient({ leaveLatencyMs: 120, joinAbortDelayMs: 250 });
    const join = client.join;
    // Decided per join, when the SDK would open its connection: the proxy in force and the
    // firewall at that moment.
    client.join = (...args: Parameters<FakeAgoraClient["join"]>) => {
      const { min, max } = JOIN_LATENCY_MS;
      client.fake.joinLatencyMs = Math.round(min + this.#random() * (max - min));
      if (this.#firewall && client._cloudProxyServerMode === "disabled") client.fake.hangNextJoin();
      return join.apply(client, args);
    };
    this.#clients.add(client);
    return asAgoraRTCClient(client);
  }
}
