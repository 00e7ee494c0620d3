import { CloudProxyError } from "./CloudProxyError";
import { describeSetting } from "./describeValue";
import type { CloudProxyMode, ModeChangePolicy } from "./types";

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
        `Invalid cloud proxy mode (got ${describeSetting(input)}). Use "udp" (SDK mode 3), "tls" (SDK mode 5, TCP over TLS 443), "off", or "auto" (direct, then UDP, then TLS).`,
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
  return mode === "udp" ? 3 : 5;
}

/**
 * The proxy a client has, read from the SDK's own record `client._cloudProxyServerMode`
 * ("disabled" | "proxy3" | "proxy4" | "proxy5" | "fallback", agora-rtc-sdk-ng 4.x): `null`
 * when no cloud proxy was started ("fallback" is the SDK's own automatic fallback during a
 * call, reset at leave); "other" for the undocumented mode 4, which a session replaces.
 * `undefined` when the client keeps no such record (not an agora-rtc-sdk-ng client).
 */
export function readSdkProxyMode(client: object): CloudProxyMode | null | "other" | undefined {
  switch ((client as { _cloudProxyServerMode?: unknown })._cloudProxyServerMode) {
    case "proxy3":
      return "udp";
    case "proxy5":
      return "tls";
    case "proxy4":
      return "other";
    case undefined:
      return undefined;
    default:
      return null;
  }
}

/** A mode option, parsed: a missing one means "udp"; `null` is as invalid as any other non-mode. */
export function parseModeOption(mode: unknown): ReturnType<typeof parseCloudProxyMode> {
  return parseCloudProxyMode(mode === undefined ? "udp" : mode);
}

/** The `onModeChange` option, or `INVALID_MODE`. */
export function parsePolicy(policy: unknown): ModeChangePolicy {
  if (policy === undefined || policy === "rejoin" || policy === "defer") return policy ?? "rejoin";
  throw new CloudProxyError(
    "INVALID_MODE",
    `Invalid onModeChange (got ${describeSetting(policy)}). Use "rejoin" (default) or "defer".`,
  );
}
