import type { CloudProxyMode, CloudProxyState } from "@agora-cloud-proxy/react";
import { useEffect, useState } from "react";

const MODE_LABEL: Record<CloudProxyMode, string> = { udp: "UDP · mode 3", tls: "TCP/TLS 443 · mode 5" };

type Tone = "neutral" | "progress" | "good" | "bad";

const PROXY_TONE: Record<CloudProxyState["proxy"], Tone> = {
  off: "neutral",
  starting: "progress",
  on: "good",
  stopping: "progress",
};

const CONNECTION_TONE: Record<CloudProxyState["connectionState"], Tone> = {
  DISCONNECTED: "neutral",
  CONNECTING: "progress",
  CONNECTED: "good",
  RECONNECTING: "progress",
  DISCONNECTING: "progress",
};

const MEDIA_TONE: Record<NonNullable<CloudProxyState["media"]>, Tone> = {
  unverified: "progress",
  flowing: "good",
  failed: "bad",
};

const MEDIA_HINT: Record<NonNullable<CloudProxyState["media"]>, string> = {
  unverified: "connected; no media seen yet",
  flowing: "the peer connection carries media",
  failed: "signalling connected, media did not: nobody hears anyone",
};

function modeText(mode: CloudProxyMode | null): string {
  return mode === null ? "none" : MODE_LABEL[mode];
}

/**
 * Mode "auto" decides at each join whether the proxy is needed (direct first, then UDP, then
 * TLS 443), so before a join, and on the direct route, "Use cloud proxy" is on while the proxy
 * is off: this says why, next to the proxy's state.
 */
function autoNote(status: CloudProxyState): string {
  if (status.route === null) return "auto: the route is picked at join (direct first, then UDP, then TLS 443)";
  if (status.route === "direct") return "auto: direct route, no proxy needed so far";
  return `auto: ${status.route === "udp" ? "UDP" : "TCP/TLS 443"} route`;
}

/**
 * The reconnect cycle: the attempt, and a countdown to it from `reconnect.nextAt` (ticking
 * while it waits), or that it is joining now.
 */
function ReconnectStatus({ reconnect }: { reconnect: NonNullable<CloudProxyState["reconnect"]> }) {
  const { attempt, attempts, nextAt } = reconnect;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (nextAt === null) return;
    const timer = setInterval(() => setNow(Date.now()), 100);
    return () => clearInterval(timer);
  }, [nextAt]);
  const left = nextAt === null ? null : Math.ceil((nextAt - now) / 1000);
  return (
    <span className="pill tone-progress" data-testid="status-reconnect" data-attempt={attempt}>
      reconnecting: attempt {attempt} of {attempts}
      {left === null ? ", joining now" : left > 0 ? ` in ${left} s` : ", starting"}
    </span>
  );
}

/**
 * The session's state as the SDK has it (`mode`, `connectionState`) next to what was asked for.
 * `auto`: the provider runs mode "auto" (the proxy is on or off per join, by route).
 */
export function StatusPanel({ status, auto }: { status: CloudProxyState; auto: boolean }) {
  const pendingMode = status.desiredMode !== status.mode;
  // A switch `onModeChange: "defer"` holds back while joined: the proxy is settled ("on" in
  // the old mode, or "off"), not "starting", and the mode asked for waits for the next leave.
  const deferred = pendingMode && (status.proxy === "on" || status.proxy === "off");
  return (
    <dl className="status-grid" aria-label="Session status">
      <div>
        <dt>Cloud proxy</dt>
        <dd>
          <span className={`pill tone-${PROXY_TONE[status.proxy]}`} data-testid="status-proxy">
            {status.proxy}
          </span>
          {auto ? (
            <span className="muted" data-testid="status-auto-note">
              {" "}
              {autoNote(status)}
            </span>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>Mode in force</dt>
        <dd>
          <span data-testid="status-mode" data-mode={status.mode ?? "off"}>
            {modeText(status.mode)}
          </span>
          {pendingMode ? (
            <span className="muted" data-testid="status-pending" data-deferred={String(deferred)}>
              {" → "}
              <span data-testid="status-desired-mode">{modeText(status.desiredMode)}</span>
              {deferred ? " (pending: applied at the next leave)" : null}
            </span>
          ) : null}
        </dd>
      </div>
      <div>
        <dt>Connection</dt>
        <dd>
          <span className={`pill tone-${CONNECTION_TONE[status.connectionState]}`} data-testid="status-connection">
            {status.connectionState}
          </span>
        </dd>
      </div>
      <div>
        <dt>Using cloud proxy</dt>
        <dd data-testid="status-using-proxy">
          {status.usingCloudProxy === null ? "—" : status.usingCloudProxy ? "yes" : "no (direct)"}
        </dd>
      </div>
      <div>
        <dt>Join requested</dt>
        <dd data-testid="status-join-requested">{status.joinRequested ? "yes" : "no"}</dd>
      </div>
      <div>
        <dt>UID</dt>
        <dd data-testid="status-uid">{status.uid ?? "—"}</dd>
      </div>
      <div>
        <dt>Media</dt>
        <dd>
          {status.media === null ? (
            <span data-testid="status-media" data-media="">
              —
            </span>
          ) : (
            <span
              className={`pill tone-${MEDIA_TONE[status.media]}`}
              data-testid="status-media"
              data-media={status.media}
              title={MEDIA_HINT[status.media]}
            >
              {status.media}
            </span>
          )}
        </dd>
      </div>
      <div>
        <dt>Reconnect</dt>
        <dd>
          {status.reconnect === null ? (
            <span data-testid="status-reconnect" data-attempt="">
              —
            </span>
          ) : (
            // A new wait starts its countdown from a fresh clock.
            <ReconnectStatus key={status.reconnect.nextAt ?? "joining"} reconnect={status.reconnect} />
          )}
        </dd>
      </div>
      <div className="status-wide">
        <dt>Route</dt>
        <dd>
          <span data-testid="status-route" data-route={status.route ?? ""}>
            {status.route ?? "—"}
          </span>
          {status.attempts.length > 1 ? (
            <span className="muted attempts" data-testid="status-attempts">
              {" "}
              (
              {status.attempts
                .map((attempt) => `${attempt.route} ${attempt.outcome} ${(attempt.ms / 1000).toFixed(1)} s`)
                .join(" → ")}
              )
            </span>
          ) : null}
        </dd>
      </div>
      <div className="status-error">
        <dt>Error</dt>
        <dd data-testid="status-error" data-code={status.error?.code ?? ""}>
          {status.error ? (
            <>
              <code>{status.error.code}</code> {status.error.message}
            </>
          ) : (
            <span className="muted">none</span>
          )}
        </dd>
      </div>
    </dl>
  );
}
