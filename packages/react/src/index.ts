"use client";
export { CloudProxyProvider, type CloudProxyProviderProps } from "./CloudProxyProvider";
export type { CloudProxyOptions } from "./cloudProxyOptions";
export { useCloudProxyClient, type UseCloudProxyClientResult } from "./useCloudProxyClient";
export { useCloudProxyStatus } from "./useCloudProxyStatus";
export { useCloudProxyDiagnostics, type CloudProxyDiagnostics } from "./useCloudProxyDiagnostics";
export { useCloudProxyPreflight, type UseCloudProxyPreflightResult } from "./useCloudProxyPreflight";
export type { CloudProxyPreflightState, UseCloudProxyPreflightOptions } from "./preflightRunner";
export {
  CloudProxyError,
  isCloudProxyError,
  type CloudProxyErrorCode,
  type CloudProxyJoinOptions,
  type CloudProxyMode,
  type CloudProxyModeInput,
  type CloudProxyState,
  type CloudProxyMediaStatus,
  type CloudProxyReconnectStatus,
  type CloudProxyTokenContext,
  type CloudProxyTokenProvider,
  type CloudProxyTokenReason,
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
  type CloudProxyReportRefusal,
  type CloudProxyReportRoute,
  type CloudProxyReportSession,
  type CloudProxySessionSnapshot,
  type CloudProxyClientInput,
  testCloudProxyRoutes,
  type TestCloudProxyRoutesOptions,
  type CloudProxyPreflightResult,
  type RouteTestResult,
  type RouteTestOutcome,
} from "@agora-cloud-proxy/core";
