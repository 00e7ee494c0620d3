/**
 * One outbound rule an IT admin must allow for Agora's cloud proxy.
 *
 * @example
 * ```ts
 * const rule: FirewallRule = { protocol: "TCP", ports: "443", purpose: "Edge nodes", routes: ["tls"] };
 * ```
 */
export interface FirewallRule {
  protocol: "TCP" | "UDP";
  /** A port ("443"), a list ("443, 4000") or a range ("3433-3460"). */
  ports: string;
  purpose: string;
  /** The routes of auto mode that need this rule. */
  routes: readonly ("udp" | "tls")[];
}

/**
 * The outbound ports Agora's cloud proxy uses, from Agora's cloud proxy documentation, as
 * data: render it in a diagnostics panel or hand it to IT. Destinations: {@link AGORA_CLOUD_PROXY_DOMAINS}.
 *
 * @example
 * ```ts
 * for (const rule of AGORA_CLOUD_PROXY_FIREWALL_RULES) console.log(`${rule.protocol} ${rule.ports}: ${rule.purpose}`);
 * ```
 */
export const AGORA_CLOUD_PROXY_FIREWALL_RULES: readonly FirewallRule[] = [
  {
    protocol: "TCP",
    ports: "443, 4000",
    purpose: "Message data (signalling to the cloud proxy)",
    routes: ["udp", "tls"],
  },
  { protocol: "TCP", ports: "3433-3460", purpose: "Media data through the proxy over TCP", routes: ["udp", "tls"] },
  {
    protocol: "TCP",
    ports: "443",
    purpose: "Edge nodes (TCP/TLS 443 mode carries everything on this port)",
    routes: ["tls"],
  },
  { protocol: "UDP", ports: "3478-3500", purpose: "Media data through the UDP cloud proxy", routes: ["udp"] },
];

/**
 * Agora's domains, the destinations of every rule in {@link AGORA_CLOUD_PROXY_FIREWALL_RULES}
 * (from Agora's cloud proxy documentation). Allow them by name, never by IP address: Agora's
 * edge addresses change.
 *
 * @example
 * ```ts
 * const allowList = AGORA_CLOUD_PROXY_DOMAINS.join(", "); // "*.agora.io, *.edge.agora.io, ..."
 * ```
 */
export const AGORA_CLOUD_PROXY_DOMAINS: readonly string[] = [
  "*.agora.io",
  "*.edge.agora.io",
  "*.sd-rtn.com",
  "*.edge.sd-rtn.com",
];
