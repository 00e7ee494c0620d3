"use client";
export { CloudProxyProvider, type CloudProxyProviderProps } from "./CloudProxyProvider";
export type { CloudProxyClientInput, CloudProxyOptions } from "./cloudProxyOptions";
export { useCloudProxyClient, type UseCloudProxyClientResult } from "./useCloudProxyClient";
export { useCloudProxyStatus } from "./useCloudProxyStatus";
export {
  CloudProxyError,
  isCloudProxyError,
  type CloudProxyErrorCode,
  type CloudProxyJoinOptions,
  type CloudProxyMode,
  type CloudProxyModeInput,
  type CloudProxyState,
  type ModeChangePolicy,
} from "@agora-cloud-proxy/core";
