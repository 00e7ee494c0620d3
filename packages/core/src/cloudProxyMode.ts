import { CloudProxyError } from "./CloudProxyError";
import { describeValue } from "./describeValue";

/**
 * A cloud proxy mode: "udp" is the SDK's mode 3, "tls" is mode 5 (TCP over TLS port 443).
 *
 * @example
 * ```ts
 * const mode: CloudProxyMode | null = session.store.getState().mode; // null: proxy off
 * ```
 */
export type CloudProxyMode = "udp" | "tls";

/**
 * What the API accepts for a mode: a name, the SDK's own number, "off" for no proxy, or
 * "auto": join direct first, then escalate to the UDP proxy, then to TLS 443, and remember
 * the route that worked.
 *
 * @example
 * ```ts
 * const mode: CloudProxyModeInput = process.env.PROXY === "tls" ? 5 : "auto";
 * ```
 */
export type CloudProxyModeInput = CloudProxyMode | 3 | 5 | "off" | "auto";

const SDK_MODE = { udp: 3, tls: 5 } as const satisfies Record<CloudProxyMode, number>;

/**
 * Turns a mode input into a mode (`null` for "off"), or throws `INVALID_MODE` naming the
 * valid values. It runs before anything reaches the SDK, so bad input never touches it.
 *
 * @example
 * ```ts
 * parseCloudProxyMode(5);     // "tls"
 * parseCloudProxyMode("off"); // null
 * parseCloudProxyMode("auto"); // "auto"
 * parseCloudProxyMode(4);     // throws CloudProxyError INVALID_MODE
 * ```
 */
export function parseCloudProxyMode(input: unknown): CloudProxyMode | null | "auto" {
  switch (input) {
    case "auto":
      return "auto";
    case "udp":
    case 3:
      return "udp";
    case "tls":
    case 5:
      return "tls";
    case "off":
      return null;
    default:
      throw new CloudProxyError(
        "INVALID_MODE",
        `Invalid cloud proxy mode ${describeValue(input)}. Use "udp" (SDK mode 3), "tls" (SDK mode 5, TCP over TLS 443), "off", or "auto" (direct, then UDP, then TLS).`,
      );
  }
}

/**
 * The number `client.startProxyServer(mode)` takes for a mode.
 *
 * @example
 * ```ts
 * client.startProxyServer(toSdkProxyMode("tls")); // 5
 * ```
 */
export function toSdkProxyMode(mode: CloudProxyMode): 3 | 5 {
  return SDK_MODE[mode];
}

/**
 * Reads the mode an SDK client already has from its internal `_cloudProxyServerMode`
 * ("disabled" | "proxy3" | "proxy5"); `null` when off or unknown.
 */
export function readSdkProxyMode(client: object): CloudProxyMode | null {
  const raw = (client as { _cloudProxyServerMode?: unknown })._cloudProxyServerMode;
  if (raw === "proxy3") return "udp";
  if (raw === "proxy5") return "tls";
  return null;
}
