// What the React model test takes from the packages, in one place.
export {
  CloudProxyProvider,
  useCloudProxyClient,
  type CloudProxyModeInput,
  type CloudProxyOptions,
  type UseCloudProxyClientResult,
} from "@agora-cloud-proxy/react";
export { parseCloudProxyMode as parseCloudProxyModeForTest } from "@agora-cloud-proxy/core";
