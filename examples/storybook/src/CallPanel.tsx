import { useCloudProxyClient, type CloudProxyModeInput } from "@agora-cloud-proxy/react";

const JOIN_OPTIONS = { appid: "storybook-app-id", channel: "storybook", token: null } as const;

const MODE_BUTTONS: readonly { mode: CloudProxyModeInput; label: string }[] = [
  { mode: "udp", label: "UDP" },
  { mode: "tls", label: "TCP/TLS 443" },
  { mode: "auto", label: "Auto" },
  { mode: "off", label: "Proxy off" },
];

/**
 * A minimal call UI on `useCloudProxyClient()`: Join, Leave, a proxy mode switch and the
 * session's status. It sequences nothing; the session orders every SDK call.
 */
export function CallPanel() {
  const { join, leave, setProxy, status } = useCloudProxyClient();
  const wanted = status.desiredMode ?? "off";
  // Join while a join is wanted (joining or in the call) would do nothing; Leave with nothing
  // to leave neither: the buttons say so.
  const idle = !status.joinRequested && status.connectionState === "DISCONNECTED";
  return (
    <section className="call-panel" aria-label="Call">
      <div className="call-panel-actions">
        <button
          type="button"
          className="primary"
          disabled={status.joinRequested}
          onClick={() => void join(JOIN_OPTIONS)}
        >
          Join
        </button>
        <button type="button" disabled={idle} onClick={() => void leave()}>
          Leave
        </button>
        <span className="segmented" role="group" aria-label="Proxy mode">
          {MODE_BUTTONS.map(({ mode, label }) => (
            <button key={label} type="button" aria-pressed={wanted === mode} onClick={() => void setProxy(mode)}>
              {label}
            </button>
          ))}
        </span>
      </div>
      <dl className="call-panel-status">
        <div>
          <dt>Proxy</dt>
          <dd data-testid="status-proxy">{status.proxy}</dd>
        </div>
        <div>
          <dt>Mode in force</dt>
          <dd data-testid="status-mode">{status.mode ?? "none"}</dd>
        </div>
        <div>
          <dt>Desired mode</dt>
          <dd data-testid="status-desired-mode">{status.desiredMode ?? "none"}</dd>
        </div>
        <div>
          <dt>Connection</dt>
          <dd data-testid="status-connection">{status.connectionState}</dd>
        </div>
        <div>
          <dt>Join requested</dt>
          <dd data-testid="status-join-requested">{String(status.joinRequested)}</dd>
        </div>
        <div>
          <dt>Using cloud proxy</dt>
          <dd data-testid="status-using-proxy">{String(status.usingCloudProxy)}</dd>
        </div>
        <div>
          <dt>Error</dt>
          <dd data-testid="status-error">{status.error ? `${status.error.code}: ${status.error.message}` : "none"}</dd>
        </div>
      </dl>
    </section>
  );
}
