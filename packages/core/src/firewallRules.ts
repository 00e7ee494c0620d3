import { AGORA_FIREWALL_DOMAINS, firewallDomain } from "./firewallDomains";
import { AGORA_FIREWALL_SOURCES } from "./firewallSources";
import type { CloudProxyRoute } from "./types";

/**
 * Where a rule lets traffic go: a domain pattern (or one host name), or an IP address.
 *
 * @example
 * ```ts
 * const destination: FirewallDestination = { host: "*.edge.agora.io", kind: "domain", testOnly: false, source: "..." };
 * ```
 */
export interface FirewallDestination {
  /** A domain pattern (`*.edge.agora.io`), a host name, or an IPv4 address. */
  readonly host: string;
  readonly kind: "domain" | "ip";
  /**
   * The test addresses of Agora's cloud proxy guide, for trying the service: production
   * addresses are assigned by Agora per customer (Agora Console, or Agora support).
   */
  readonly testOnly: boolean;
  /** The documents or observations it comes from ({@link AGORA_FIREWALL_SOURCES}), joined by " + ". */
  readonly source: string;
}

/**
 * One outbound rule an IT admin must allow for Agora's Web SDK.
 *
 * @example
 * ```ts
 * const rule: FirewallRule = { protocol: "UDP", ports: "3478-3500", purpose: "Media", routes: ["udp"], destinations: [] };
 * ```
 */
export interface FirewallRule {
  /** The transport the rule allows. */
  readonly protocol: "TCP" | "UDP";
  /** A port ("443"), a list ("443, 4000") or a range ("3433-3460"). */
  readonly ports: string;
  /** What the traffic is. */
  readonly purpose: string;
  /** The routes of auto mode that need this rule: "direct" (no proxy), "udp" (SDK mode 3), "tls" (mode 5). */
  readonly routes: readonly CloudProxyRoute[];
  /** Where the traffic goes: domains (allow by name) and, for the cloud proxy, Agora's test IP addresses. */
  readonly destinations: readonly FirewallDestination[];
}

const testAddresses = (...hosts: string[]): FirewallDestination[] =>
  hosts.map((host) => ({ host, kind: "ip", testOnly: true, source: AGORA_FIREWALL_SOURCES.cloudProxyGuide }));

const domains = (...patterns: string[]): FirewallDestination[] =>
  patterns.map((pattern) => ({
    host: pattern,
    kind: "domain",
    testOnly: false,
    source: firewallDomain(pattern).source,
  }));

const host = (name: string, source: string): FirewallDestination => ({
  host: name,
  kind: "domain",
  testOnly: false,
  source,
});

/**
 * The outbound rules of Agora's Web SDK, per route, with their destinations and sources, as
 * data: render it in a diagnostics panel or hand it to IT. The cloud proxy's rules (routes
 * "udp" and "tls") come from Agora's cloud proxy guide, with its test IP addresses (marked
 * `testOnly`: production addresses are assigned by Agora per customer); the direct route's
 * are Agora's firewall page. The domains, in detail: {@link AGORA_FIREWALL_DOMAINS}.
 *
 * @example
 * ```ts
 * for (const rule of AGORA_CLOUD_PROXY_FIREWALL_RULES) {
 *   console.log(`${rule.protocol} ${rule.ports}: ${rule.purpose} -> ${rule.destinations.map((d) => d.host).join(", ")}`);
 * }
 * ```
 */
export const AGORA_CLOUD_PROXY_FIREWALL_RULES: readonly FirewallRule[] = /* @__PURE__ */ firewallRules();

// Built in a function whose call is marked pure: an app that never reads the table does not ship it.
function firewallRules(): FirewallRule[] {
  // The cloud proxy's media relays: the SDK turns each relay's IP address into a host name
  // under edge.agora.io (`turn:a-b-c-d.edge.agora.io:<port>`), for UDP and for TCP/TLS.
  const RELAY_DOMAINS = domains("*.edge.agora.io");
  const PROXY_ENTRY = [
    host("webrtc-cloud-proxy.sd-rtn.com", AGORA_FIREWALL_SOURCES.sdkBundle),
    host("webrtc-cloud-proxy.agora.io", AGORA_FIREWALL_SOURCES.sdkBundle),
    ...domains("*.webrtc-cloud-proxy.sd-rtn.com"),
  ];
  const DIRECT_DOMAINS = domains(
    ...AGORA_FIREWALL_DOMAINS.filter((domain) => domain.routes.includes("direct")).map((domain) => domain.pattern),
  );
  const MEDIA_SERVERS = ["23.236.115.138", "148.153.66.218"];
  return [
    {
      protocol: "TCP",
      ports: "443, 4000",
      purpose: "Message data (signalling to the cloud proxy)",
      routes: ["udp", "tls"],
      destinations: [
        ...testAddresses(...MEDIA_SERVERS),
        ...PROXY_ENTRY,
        ...domains("*.edge.agora.io", "*.edge.sd-rtn.com"),
      ],
    },
    {
      protocol: "TCP",
      ports: "3433-3460",
      purpose: "Media data through the proxy over TCP",
      routes: ["udp", "tls"],
      destinations: [...testAddresses(...MEDIA_SERVERS), ...RELAY_DOMAINS],
    },
    {
      protocol: "TCP",
      ports: "443",
      purpose: "Edge nodes (TCP/TLS 443 mode carries everything on this port)",
      routes: ["tls"],
      destinations: [
        ...testAddresses("47.74.211.17", "52.80.192.229", "52.52.84.170", "47.96.234.219"),
        ...domains("*.edge.agora.io", "*.edge.sd-rtn.com"),
      ],
    },
    {
      protocol: "UDP",
      ports: "3478-3500",
      purpose: "Media data through the UDP cloud proxy",
      routes: ["udp"],
      destinations: [...testAddresses(...MEDIA_SERVERS), ...RELAY_DOMAINS],
    },
    {
      protocol: "TCP",
      ports: "80, 443, 3433, 3478, 4700-5000, 5668, 5669, 6080, 6443, 8667, 9667",
      purpose: "Agora's regular ports, no proxy: access points, gateway, media over TCP",
      routes: ["direct"],
      destinations: DIRECT_DOMAINS,
    },
    {
      protocol: "UDP",
      ports: "3478, 4700-5000",
      purpose: "Agora's regular ports, no proxy: media over UDP",
      routes: ["direct"],
      destinations: DIRECT_DOMAINS,
    },
  ];
}

/**
 * The domain patterns to allow for Agora's Web SDK, every route: the `pattern` column of
 * {@link AGORA_FIREWALL_DOMAINS}. Allow them by name, never by IP address: Agora's edge
 * addresses change. If your firewall's `*` matches one label only, this list still matches
 * every host the SDK contacts (two-label hosts such as `webrtc2-4.ap.sd-rtn.com` have their
 * own pattern, `*.ap.sd-rtn.com`).
 *
 * @example
 * ```ts
 * const allowList = AGORA_CLOUD_PROXY_DOMAINS.join(", "); // "*.agora.io, *.edge.agora.io, ..."
 * ```
 */
export const AGORA_CLOUD_PROXY_DOMAINS: readonly string[] = /* @__PURE__ */ AGORA_FIREWALL_DOMAINS.map(
  (domain) => domain.pattern,
);

/** The rules a set of routes needs: those whose `routes` include one of them, in table order. */
export function firewallRulesFor(routes: readonly CloudProxyRoute[]): FirewallRule[] {
  return AGORA_CLOUD_PROXY_FIREWALL_RULES.filter((rule) => rule.routes.some((route) => routes.includes(route)));
}
