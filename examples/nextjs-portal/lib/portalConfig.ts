import type { CloudProxyModeInput } from "@agora-cloud-proxy/react";

/** The cloud proxy modes an administrator can set in `AGORA_CLOUD_PROXY_MODE`. */
const MODES = ["udp", "tls", "auto", "off"] as const satisfies readonly CloudProxyModeInput[];
type PortalProxyMode = (typeof MODES)[number];

/** What the portal's server knows about calls: read from its environment, never from the browser. */
export interface PortalCallConfig {
  /**
   * `AGORA_CLOUD_PROXY_MODE`: "tls" (default: TCP/TLS 443 gets through most firewalls), "udp",
   * "auto" (direct first, then UDP, then TLS 443) or "off".
   */
  readonly proxyMode: PortalProxyMode;
  /** `AGORA_APP_ID`; `null` runs meetings on the simulated client. */
  readonly appId: string | null;
}

/**
 * Reads the call configuration from the server's environment. Server components call it and
 * pass the result to the meeting's client component as props; pages are prerendered, so the
 * values in force are those of `next build`.
 *
 * @example
 * const { proxyMode, appId } = readPortalCallConfig();
 */
export function readPortalCallConfig(env: NodeJS.ProcessEnv = process.env): PortalCallConfig {
  const raw = (env.AGORA_CLOUD_PROXY_MODE ?? "tls").trim().toLowerCase();
  if (!(MODES as readonly string[]).includes(raw)) {
    throw new Error(
      `AGORA_CLOUD_PROXY_MODE=${JSON.stringify(raw)} is not a cloud proxy mode. Use "tls" (TCP/TLS 443, the default), "udp", "auto" or "off".`,
    );
  }
  const appId = env.AGORA_APP_ID?.trim();
  return { proxyMode: raw as PortalProxyMode, appId: appId ? appId : null };
}

/** How the portal names a mode. */
export const PROXY_MODE_LABEL: Record<PortalProxyMode, string> = {
  tls: "Cloud proxy · TCP/TLS 443",
  udp: "Cloud proxy · UDP",
  auto: "Automatic · direct, then cloud proxy",
  off: "Direct (no cloud proxy)",
};
