import { sources } from "./firewallSources";
import type { CloudProxyRoute } from "./types";

/**
 * One domain pattern a firewall must allow for Agora's Web SDK, with where it comes from.
 *
 * @example
 * ```ts
 * const domain: FirewallDomain = AGORA_FIREWALL_DOMAINS.find((d) => d.pattern === "*.ap.sd-rtn.com")!;
 * domain.examples; // ["webrtc2-2.ap.sd-rtn.com", "webrtc2-4.ap.sd-rtn.com", ...]
 * ```
 */
export interface FirewallDomain {
  /**
   * `*.` and a domain: any host exactly one label below it. Every host the SDK contacts is
   * one label below one of the patterns, so the list works whether a firewall's `*` matches
   * one label or several (Agora's page writes them with a leading dot: `.ap.sd-rtn.com`).
   */
  readonly pattern: string;
  /** Hosts under it that agora-rtc-sdk-ng 4.24.8 contacts (`a-b-c-d`: an edge node's IP address with dashes); empty when the bundle names none. */
  readonly examples: readonly string[];
  /** What the SDK reaches there. */
  readonly purpose: string;
  /**
   * The routes whose joins reach some host under it from the browser (through the cloud
   * proxy, the proxy reaches the rest); not necessarily every host. The rules name which
   * (`AGORA_CLOUD_PROXY_FIREWALL_RULES`), and `purpose` says so when a route reaches only some.
   */
  readonly routes: readonly CloudProxyRoute[];
  /** The documents or observations it comes from ({@link AGORA_FIREWALL_SOURCES}), joined by " + ". */
  readonly source: string;
}

// Calls marked pure: an app that never reads the table does not ship it.
const PAGE_AND_BUNDLE = /* @__PURE__ */ sources("firewallPage", "sdkBundle");
const ALL_ROUTES: readonly CloudProxyRoute[] = ["direct", "udp", "tls"];

/**
 * The domains of Agora's Web SDK, as a table: the patterns of Agora's firewall page, checked
 * against the hosts agora-rtc-sdk-ng 4.24.8 actually contacts. Allow them by name, not by IP
 * address: Agora's edge addresses change. The patterns alone: {@link AGORA_CLOUD_PROXY_DOMAINS}.
 *
 * @example
 * ```ts
 * for (const domain of AGORA_FIREWALL_DOMAINS) console.log(`${domain.pattern}: ${domain.purpose} (${domain.source})`);
 * ```
 */
export const AGORA_FIREWALL_DOMAINS: readonly FirewallDomain[] = [
  {
    pattern: "*.agora.io",
    examples: [
      "webrtc2-ap-web-1.agora.io",
      "statscollector-1.agora.io",
      "logservice.agora.io",
      "webrtc-cloud-proxy.agora.io",
    ],
    purpose:
      "Direct: access points, event reports and logs. Cloud proxy (udp, tls): only webrtc-cloud-proxy.agora.io, its second entry host",
    routes: ALL_ROUTES,
    source: PAGE_AND_BUNDLE,
  },
  {
    pattern: "*.edge.agora.io",
    examples: ["a-b-c-d.edge.agora.io"],
    purpose: "Edge nodes: the gateway WebSocket and the media relays (TURN, also the cloud proxy's)",
    routes: ALL_ROUTES,
    source: PAGE_AND_BUNDLE,
  },
  {
    pattern: "*.sd-rtn.com",
    examples: ["webrtc-cloud-proxy.sd-rtn.com"],
    purpose: "Cloud proxy (udp, tls): only webrtc-cloud-proxy.sd-rtn.com, its entry host",
    routes: ["udp", "tls"],
    source: PAGE_AND_BUNDLE,
  },
  {
    pattern: "*.edge.sd-rtn.com",
    examples: ["a-b-c-d.edge.sd-rtn.com"],
    purpose: "Edge nodes: the gateway WebSocket's second domain",
    routes: ALL_ROUTES,
    source: PAGE_AND_BUNDLE,
  },
  {
    pattern: "*.ap.sd-rtn.com",
    examples: [
      "webrtc2-2.ap.sd-rtn.com",
      "webrtc2-4.ap.sd-rtn.com",
      "cds-web-2.ap.sd-rtn.com",
      "uap-web-2.ap.sd-rtn.com",
    ],
    purpose: "Access points (server choice, configuration, edge allocation)",
    routes: ["direct"],
    source: PAGE_AND_BUNDLE,
  },
  {
    pattern: "*.statscollector.sd-rtn.com",
    examples: ["web-2.statscollector.sd-rtn.com", "web-3.statscollector.sd-rtn.com"],
    purpose: "Event reports",
    routes: ["direct"],
    source: PAGE_AND_BUNDLE,
  },
  {
    pattern: "*.webrtc-cloud-proxy.sd-rtn.com",
    examples: ["east-usa.webrtc-cloud-proxy.sd-rtn.com", "europe.webrtc-cloud-proxy.sd-rtn.com"],
    purpose: "The cloud proxy's entry host per area (AgoraRTC.setArea)",
    routes: ["udp", "tls"],
    source: PAGE_AND_BUNDLE,
  },
  {
    pattern: "*.rtnsvc.com",
    examples: ["sdp-ap-web-1.rtnsvc.com"],
    purpose: "The first access point a direct join asks (also preconnected by createClient)",
    routes: ["direct"],
    source: PAGE_AND_BUNDLE,
  },
  {
    pattern: "*.rtesvc.com",
    examples: ["sdp-ap-web-1.rtesvc.com"],
    purpose: "The second access point of that kind, in the SDK's configuration",
    routes: ["direct"],
    source: PAGE_AND_BUNDLE,
  },
  {
    pattern: "*.edge.rtnsvc.com",
    examples: [],
    purpose: "Listed by Agora; agora-rtc-sdk-ng 4.24.8 names no host under it",
    routes: ["direct"],
    source: /* @__PURE__ */ sources("firewallPage"),
  },
  {
    pattern: "*.edge.rtesvc.com",
    examples: [],
    purpose: "Listed by Agora; agora-rtc-sdk-ng 4.24.8 names no host under it",
    routes: ["direct"],
    source: /* @__PURE__ */ sources("firewallPage"),
  },
];

/** The table's entry for a pattern (the rules name their domains by pattern). */
export function firewallDomain(pattern: string): FirewallDomain {
  const domain = AGORA_FIREWALL_DOMAINS.find((entry) => entry.pattern === pattern);
  if (!domain) throw new Error(`No firewall domain ${pattern}`);
  return domain;
}
