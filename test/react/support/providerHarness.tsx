import { CloudProxyProvider, type CloudProxyModeInput, type ModeChangePolicy } from "@agora-cloud-proxy/react";
import { JoinOnMount, StatusLine } from "./callComponents";
import type { SdkUnderTest } from "./sdkUnderTest";

export interface ProviderHarnessProps {
  sdk: SdkUnderTest;
  mode?: CloudProxyModeInput;
  enabled?: boolean;
  policy?: ModeChangePolicy;
  /** Mounts a call that joins; rerendering without it is how a test makes the call leave. */
  inCall?: boolean;
  /** The status line also shows a pending (deferred) switch: "on/udp->tls/CONNECTED". */
  showDesired?: boolean;
}

/**
 * A provider whose props a test changes by rerendering, as an app's settings would. It renders
 * the status line, so a test can wait for the state the SDK reached.
 */
export function ProviderHarness({
  sdk,
  mode = "udp",
  enabled = true,
  policy,
  inCall = false,
  showDesired = false,
}: ProviderHarnessProps) {
  return (
    <CloudProxyProvider client={sdk.client} mode={mode} enabled={enabled} onModeChange={policy}>
      {inCall && <JoinOnMount />}
      <StatusLine desired={showDesired} />
    </CloudProxyProvider>
  );
}
