export { CloudProxyError, isCloudProxyError, type CloudProxyErrorCode } from "./CloudProxyError";
export { parseCloudProxyMode, toSdkProxyMode, type CloudProxyMode, type CloudProxyModeInput } from "./cloudProxyMode";
export type { CloudProxyState } from "./cloudProxyState";
export type { CloudProxyJoinOptions } from "./joinOptions";
export type { ModeChangePolicy } from "./planNextStep";
export { createCloudProxySession } from "./createCloudProxySession";
export type { CloudProxySession, CloudProxySessionOptions } from "./cloudProxySession";
export {
  createStorageRouteMemory,
  inMemoryRouteMemory,
  isNetworkJoinError,
  type CloudProxyRoute,
  type RememberedRoute,
  type RouteAttempt,
  type RouteMemory,
} from "./cloudProxyRoute";
export { AGORA_CLOUD_PROXY_FIREWALL_RULES, type FirewallRule } from "./firewallRules";
export type { CloudProxyHistoryEntry, ReadableStore } from "./cloudProxyHistory";
