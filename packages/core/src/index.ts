export { CloudProxyError, isCloudProxyError } from "./CloudProxyError";
export { parseCloudProxyMode, toSdkProxyMode } from "./cloudProxyMode";
export type {
  CloudProxyErrorCode,
  CloudProxyHistoryEntry,
  CloudProxyJoinOptions,
  CloudProxyMode,
  CloudProxyModeInput,
  CloudProxyPreflightResult,
  CloudProxyRoute,
  CloudProxyTokenContext,
  CloudProxyTokenProvider,
  CloudProxyTokenReason,
  ModeChangePolicy,
  ReadableStore,
  RememberedRoute,
  RouteAttempt,
  RouteMemory,
  RouteTestOutcome,
  RouteTestResult,
} from "./types";
export type { CloudProxyState } from "./cloudProxyState";
export type { CloudProxyMediaStatus } from "./session/mediaWatch";
export type { CloudProxyReconnectStatus } from "./session/reconnectPolicy";
export { createCloudProxySession } from "./session/createCloudProxySession";
export type { CloudProxySession, CloudProxySessionOptions } from "./cloudProxySession";
export { createStorageRouteMemory, inMemoryRouteMemory, isNetworkJoinError } from "./cloudProxyRoute";
export {
  AGORA_CLOUD_PROXY_DOMAINS,
  AGORA_CLOUD_PROXY_FIREWALL_RULES,
  type FirewallDestination,
  type FirewallRule,
} from "./firewallRules";
export { AGORA_FIREWALL_DOMAINS, type FirewallDomain } from "./firewallDomains";
export { AGORA_FIREWALL_SOURCES } from "./firewallSources";
export { createCloudProxyReport } from "./report/createCloudProxyReport";
export type {
  CloudProxyReport,
  CloudProxyReportHistoryEntry,
  CloudProxyReportOptions,
  CloudProxyReportRefusal,
  CloudProxyReportRoute,
  CloudProxyReportSession,
  CloudProxySessionSnapshot,
} from "./report/cloudProxyReport";
export { CloudProxyOwner, type CloudProxyOwnerOptions, type CloudProxyOwnerState } from "./owner/CloudProxyOwner";
export type { CloudProxyCalls } from "./owner/ownerCalls";
export type { CloudProxyClientInput } from "./owner/clientSource";
export { testCloudProxyRoutes, type TestCloudProxyRoutesOptions } from "./preflight/testCloudProxyRoutes";
