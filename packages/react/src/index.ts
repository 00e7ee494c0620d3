"use client";
export { CloudProxyProvider, type CloudProxyProviderProps } from "./CloudProxyProvider";
export type { CloudProxyOptions } from "./cloudProxyOptions";
export { useCloudProxyClient, type UseCloudProxyClientResult } from "./useCloudProxyClient";
export { useCloudProxyStatus } from "./useCloudProxyStatus";
export { useCloudProxyDiagnostics, type CloudProxyDiagnostics } from "./useCloudProxyDiagnostics";
export {
  CloudProxyError,
  isCloudProxyError,
  type CloudProxyErrorCode,
  type CloudProxyJoinOptions,
  type CloudProxyMode,
  type CloudProxyModeInput,
  type CloudProxyState,
  type ModeChangePolicy,
  type CloudProxyRoute,
  type RouteAttempt,
  type RouteMemory,
  type RememberedRoute,
  type CloudProxyHistoryEntry,
  createStorageRouteMemory,
  AGORA_CLOUD_PROXY_DOMAINS,
  AGORA_CLOUD_PROXY_FIREWALL_RULES,
  AGORA_FIREWALL_DOMAINS,
  AGORA_FIREWALL_SOURCES,
  type FirewallDestination,
  type FirewallDomain,
  type FirewallRule,
  createCloudProxyReport,
  type CloudProxyReport,
  type CloudProxyReportHistoryEntry,
  type CloudProxyReportOptions,
  type CloudProxyReportRoute,
  type CloudProxyReportSession,
  type CloudProxySessionSnapshot,
  type CloudProxyPreflightResult,
  type RouteTestOutcome,
  type RouteTestResult,
  type CloudProxyClientInput,
} from "@agora-cloud-proxy/core";
