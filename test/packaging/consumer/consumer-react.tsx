// A React consumer of the published packages, type-checked like consumer.ts (see there).
import {
  CloudProxyProvider,
  isCloudProxyError,
  useCloudProxyClient,
  useCloudProxyStatus,
  type CloudProxyClientInput,
} from "@agora-cloud-proxy/react";
import { CloudProxyAgoraRTCProvider } from "@agora-cloud-proxy/react/agora-rtc-react";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import type { ReactNode } from "react";

// A lazy factory, as apps write it: `() => import("agora-rtc-sdk-ng").then(m => m.default.createClient(...))`.
// Here it is declared rather than written out because agora-rtc-sdk-ng's own typings give its
// default export a different type under moduleResolution "node16" (a CommonJS module
// imported from ESM); what is checked here is that an async factory fits `client`.
declare const loadClient: () => Promise<IAgoraRTCClient>;
const lazyClient: CloudProxyClientInput = () => loadClient();

export function App({ client }: { client?: IAgoraRTCClient }): ReactNode {
  return (
    <CloudProxyProvider client={client ?? lazyClient} mode="tls" onError={(error) => console.warn(error.code)}>
      <JoinButton />
    </CloudProxyProvider>
  );
}

function JoinButton(): ReactNode {
  const { join, leave, status } = useCloudProxyClient();
  const connected: boolean = useCloudProxyStatus((s) => s.connectionState === "CONNECTED");
  const onJoin = () =>
    join({ appid: "app", channel: "support", token: null }).catch((error: unknown) => {
      if (!isCloudProxyError(error, "CANCELLED")) throw error;
    });
  return connected ? (
    <button onClick={() => void leave()}>Leave ({status.mode})</button>
  ) : (
    <button onClick={() => void onJoin()}>Join</button>
  );
}

export function AgoraRtcReactApp({ client }: { client: IAgoraRTCClient }): ReactNode {
  return (
    <CloudProxyAgoraRTCProvider client={client} mode="udp" onModeChange="defer">
      <p>agora-rtc-react hooks go here</p>
    </CloudProxyAgoraRTCProvider>
  );
}
