import { createFakeAgoraClient, type FakeAgoraClient } from "@agora-cloud-proxy/testing";

/** Join latency of the simulated Agora edge: uniformly 300-900 ms, like a real join. */
const JOIN_LATENCY_MS = { min: 300, max: 900 } as const;

/**
 * How long the simulated peer connection takes from "connecting" to "connected" (or "failed"):
 * ICE and DTLS take about half a second on a real network. Fixed, so `?seed=` replays the same
 * join latencies as before the media check existed.
 */
const MEDIA_LATENCY_MS = 600;

/**
 * The simulated network the demo's fake clients live in: realistic latencies, and a
 * firewall that blocks direct connections (not the cloud proxy), as in the enterprise
 * networks the cloud proxy exists for. With the firewall on, a join without the proxy stays
 * CONNECTING forever, exactly as the real SDK does when UDP to Agora is blocked; a client
 * that is connected directly when the firewall goes up loses its connection.
 * With media blocked on direct (a firewall that lets Agora's signalling through on TCP 443 but
 * drops UDP media), a direct join connects and its peer connection fails: nobody hears anyone.
 *
 * @example
 * const network = new SimulatedNetwork(Math.random);
 * const client = asAgoraRTCClient(network.createClient()); // a FakeAgoraClient from @agora-cloud-proxy/testing
 * network.setFirewall(true);
 * network.setMediaBlockedOnDirect(true);
 */
export class SimulatedNetwork {
  #firewall = false;
  #mediaBlockedOnDirect = false;
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

  get mediaBlockedOnDirect(): boolean {
    return this.#mediaBlockedOnDirect;
  }

  /** Media on the direct route fails from the next peer connection on, for every client (the call's and the test's). */
  setMediaBlockedOnDirect(on: boolean): void {
    this.#mediaBlockedOnDirect = on;
    for (const client of this.#clients) client.fake.blockMedia(on ? ["direct"] : []);
  }

  /** A fake client (the SDK's rules, enforced) whose joins take 300-900 ms, or hang behind the firewall. */
  createClient(): FakeAgoraClient {
    const client = createFakeAgoraClient({ leaveLatencyMs: 120, joinAbortDelayMs: 250 });
    client.fake.mediaLatencyMs = MEDIA_LATENCY_MS;
    if (this.#mediaBlockedOnDirect) client.fake.blockMedia(["direct"]);
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
    return client;
  }
}
