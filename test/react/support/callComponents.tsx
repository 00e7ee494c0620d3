import { useCloudProxyClient, type CloudProxyJoinOptions } from "@agora-cloud-proxy/react";
import type { UID } from "agora-rtc-sdk-ng";
import { useEffect } from "react";
import { JOIN } from "./sdkUnderTest";

/** A call UI that joins when it mounts and leaves when it unmounts, as apps write it. */
export function JoinOnMount({
  options = JOIN,
  leaveOnUnmount = true,
  onJoin,
}: {
  options?: CloudProxyJoinOptions;
  leaveOnUnmount?: boolean;
  onJoin?: (joined: Promise<UID>) => void;
}) {
  const { join, leave } = useCloudProxyClient();
  useEffect(() => {
    const joined = join(options);
    onJoin?.(joined);
    return leaveOnUnmount ? () => void leave() : undefined;
  }, [join, leave, options, leaveOnUnmount, onJoin]);
  return <p>call</p>;
}

/** Shows the session state the way a status bar would; `desired` adds a switch still pending (`->tls`). */
export function StatusLine({ desired = false }: { desired?: boolean }) {
  const { status } = useCloudProxyClient();
  const pending = desired && status.desiredMode !== status.mode ? `->${status.desiredMode ?? "none"}` : "";
  return (
    <output>
      {status.proxy}/{status.mode ?? "none"}
      {pending}/{status.connectionState}
    </output>
  );
}
