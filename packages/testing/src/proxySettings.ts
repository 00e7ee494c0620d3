import type { ConnectionState } from "agora-rtc-sdk-ng";
import { createAgoraRTCError } from "./agoraRTCError";
import { checkArray, checkNumberRange, checkString, checkTurnServer, isIceServerList } from "./sdkParameterChecks";

/**
 * The SDK's internal cloud proxy mode (`client._cloudProxyServerMode`): `startProxyServer(3|4|5)`
 * sets `"proxy3"|"proxy4"|"proxy5"`, `stopProxyServer()` sets `"disabled"`. The SDK also reads a
 * `"fallback"` value (its `_reset()` turns it back into `"disabled"`), but nothing in 4.24.8 ever
 * assigns it, so no SDK call can reach it and the fake leaves it out.
 *
 * @example
 * const mode: CloudProxyServerMode = client._cloudProxyServerMode; // "proxy5" after startProxyServer(5)
 */
export type CloudProxyServerMode = "disabled" | "proxy3" | "proxy4" | "proxy5";

/**
 * The SDK's internal TURN setting (`client._turnServer`). Only `"manual"` (set from
 * `TurnServerConfig`s) conflicts with the cloud proxy; `"original-manual"` (a list of
 * `RTCIceServer`-style `{ urls }` entries) does not.
 *
 * @example
 * client.setTurnServer({ turnServerURL: "turn.example.com", username: "u", password: "p" });
 * client._turnServer.mode; // "manual"
 */
export interface TurnServerSetting {
  readonly mode: "auto" | "manual" | "original-manual";
  readonly servers: readonly unknown[];
}

/**
 * Every proxy-related setting the SDK keeps on a client, with the rules that change them.
 * One instance per fake client; the methods throw exactly what the SDK throws and leave the
 * settings untouched when they do.
 *
 * Rules (agora-rtc-sdk-ng 4.24.8): docs/architecture.md, "The SDK's rules"; the ones it does
 * not spell out, measured on the real client:
 * - `stopProxyServer()` also forgets `setProxyServer` and manual TURN, but never a local access point.
 * - `leave()` (in any state) and every drop to DISCONNECTED forget `setProxyServer` only.
 * - A local access point cannot be undone on that client.
 *
 * @example
 * const settings = new ProxySettings();
 * settings.start("DISCONNECTED", 5);
 * settings.cloudProxyServerMode; // "proxy5"
 */
export class ProxySettings {
  cloudProxyServerMode: CloudProxyServerMode = "disabled";
  proxyServer: string | undefined = undefined;
  turnServer: TurnServerSetting = { mode: "auto", servers: [] };
  useLocalAccessPoint = false;

  /** `client.startProxyServer(mode)`: the SDK's checks, in the SDK's order. */
  start(state: ConnectionState, mode: unknown): void {
    if (state !== "DISCONNECTED")
      throw createAgoraRTCError("INVALID_OPERATION", "Start proxy server before join channel");
    if (this.proxyServer || this.turnServer.mode === "manual" || this.useLocalAccessPoint) {
      throw createAgoraRTCError("INVALID_OPERATION", "You have already set the proxy");
    }
    // The SDK switches on the value with ===: "3", 3.5, NaN and null are all invalid.
    switch (mode === undefined ? 3 : mode) {
      case 1:
      case 2:
        throw createAgoraRTCError("NOT_SUPPORTED", "proxy mode 1/2 has been deprecated and not supported.");
      case 3:
        this.cloudProxyServerMode = "proxy3";
        return;
      case 4:
        this.cloudProxyServerMode = "proxy4";
        return;
      case 5:
        this.cloudProxyServerMode = "proxy5";
        return;
      default:
        throw createAgoraRTCError("INVALID_PARAMS", "proxy server mode must be 3|4|5");
    }
  }

  /** `client.stopProxyServer()`: also clears `setProxyServer` and any TURN setting. */
  stop(state: ConnectionState): void {
    if (state !== "DISCONNECTED")
      throw createAgoraRTCError("INVALID_OPERATION", "Stop proxy server after leave channel");
    this.cloudProxyServerMode = "disabled";
    this.proxyServer = undefined;
    this.turnServer = { mode: "auto", servers: [] };
  }

  /** `client.setProxyServer(url)`: validates the string first, then the state, then conflicts. */
  setProxyServer(state: ConnectionState, proxyServer: unknown): void {
    checkString(proxyServer, "proxyServer");
    if (state !== "DISCONNECTED")
      throw createAgoraRTCError("INVALID_OPERATION", "Set proxy server before join channel");
    if (this.cloudProxyServerMode !== "disabled" || this.useLocalAccessPoint) {
      throw createAgoraRTCError("INVALID_OPERATION", "You have already set the proxy");
    }
    this.proxyServer = proxyServer as string;
  }

  /** `client.setTurnServer(config | config[])`: state and conflicts first, then the configs. */
  setTurnServer(state: ConnectionState, config: unknown): void {
    const servers: readonly unknown[] = Array.isArray(config) ? config : [config];
    if (state !== "DISCONNECTED") throw createAgoraRTCError("INVALID_OPERATION", "Set turn server before join channel");
    if (this.cloudProxyServerMode !== "disabled" || this.useLocalAccessPoint) {
      throw createAgoraRTCError("INVALID_OPERATION", "You have already set the proxy");
    }
    if (isIceServerList(servers)) {
      this.turnServer = { mode: "original-manual", servers: [...servers] };
      return;
    }
    servers.forEach(checkTurnServer);
    // Like the SDK, an empty list passes every check and still counts as a manual TURN setting.
    this.turnServer = { mode: "manual", servers: [...servers] };
  }

  /**
   * `client.setLocalAccessPoints(serverList, domain)` (undocumented v1 API). No state check,
   * and its conflict message differs from the others.
   */
  setLocalAccessPoints(serverList: unknown, domain: unknown): void {
    checkArray(serverList, "serverList");
    checkString(domain, "domain");
    this.assertNoCloudProxyForLocalAccessPoint();
    this.useLocalAccessPoint = true;
  }

  /** `client.setLocalAccessPointsV2(config)`. */
  setLocalAccessPointsV2(config: unknown): void {
    const { accessPoints, report } = (config ?? {}) as {
      accessPoints?: { serverList?: unknown; domain?: unknown; port?: unknown };
      report?: { port?: unknown };
    };
    if (!accessPoints) throw createAgoraRTCError("INVALID_PARAMS", "accessPoints is required.");
    checkArray(accessPoints.serverList, "accessPoints.serverList");
    checkString(accessPoints.domain, "accessPoints.domain");
    if (accessPoints.port) checkNumberRange(accessPoints.port, "accessPoints.port", 0, 65_535, true);
    this.assertNoCloudProxyForLocalAccessPoint();
    // The SDK marks the access point as set before it checks the report port, so a bad
    // report port throws and still leaves the access point in force.
    this.useLocalAccessPoint = true;
    if (report?.port) checkNumberRange(report.port, "report.port", 0, 65_535, true);
  }

  /** What the SDK's `_reset()` does to these settings (on every leave and drop to DISCONNECTED). */
  forgetProxyServer(): void {
    this.proxyServer = undefined;
  }

  private assertNoCloudProxyForLocalAccessPoint(): void {
    if (this.proxyServer || this.cloudProxyServerMode !== "disabled") {
      throw createAgoraRTCError(
        "INVALID_OPERATION",
        "set local access point failed, You have already set the cloud proxy",
      );
    }
  }
}
