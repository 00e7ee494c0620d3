/**
 * Where the firewall data comes from, as the `source` strings of its entries: Agora's
 * firewall page, Agora's cloud proxy guide for the Web SDK (its test addresses), and the
 * host names read in the agora-rtc-sdk-ng 4.24.8 bundle (`AgoraRTC_N-production.js`).
 *
 * @example
 * ```ts
 * const fromBundle = AGORA_FIREWALL_DOMAINS.filter((d) => d.source.includes(AGORA_FIREWALL_SOURCES.sdkBundle));
 * ```
 */
export const AGORA_FIREWALL_SOURCES = {
  /** Agora's "Firewall requirements" page, section "RTC SDK (Web)": domains and the direct route's ports. */
  firewallPage: "https://docs.agora.io/en/introduction/firewall",
  /** Agora's cloud proxy guide for the Web SDK: the test IP addresses and the cloud proxy's ports. */
  cloudProxyGuide: "https://docs.agora.io/en/Voice/cloud_proxy_web?platform=Web",
  /** Host names in the SDK's code (its access points, proxy entry hosts, edge and TURN host patterns). */
  sdkBundle: "agora-rtc-sdk-ng 4.24.8 bundle",
} as const;

/** An entry found in several sources names them all, in this order. */
export function sources(...names: (keyof typeof AGORA_FIREWALL_SOURCES)[]): string {
  return names.map((name) => AGORA_FIREWALL_SOURCES[name]).join(" + ");
}
