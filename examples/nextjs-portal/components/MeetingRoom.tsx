"use client";
import {
  CloudProxyProvider,
  useCloudProxyClient,
  type CloudProxyError,
  type CloudProxyModeInput,
} from "@agora-cloud-proxy/react";
import type { FakeAgoraClient } from "@agora-cloud-proxy/testing";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { useCallback, useState, useSyncExternalStore } from "react";

interface MeetingRoomProps {
  channel: string;
  /** From the server's configuration (`AGORA_CLOUD_PROXY_MODE`), as a prop. */
  proxyMode: CloudProxyModeInput;
  /** `AGORA_APP_ID`, or `null` for the simulated client. */
  appId: string | null;
}

/**
 * The meeting room: a client component that owns the call's cloud proxy session through
 * `<CloudProxyProvider>`. Its client is a lazy factory, called in an effect in the browser
 * only, so neither agora-rtc-sdk-ng nor the simulated client is ever imported on the server.
 */
export function MeetingRoom({ channel, proxyMode, appId }: MeetingRoomProps) {
  const [simulated, setSimulated] = useState<FakeAgoraClient | null>(null);
  const [lastError, setLastError] = useState<CloudProxyError | null>(null);

  const createClient = useCallback(async (): Promise<IAgoraRTCClient> => {
    if (appId) {
      const { default: AgoraRTC } = await import("agora-rtc-sdk-ng");
      return AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });
    }
    const { asAgoraRTCClient, createFakeAgoraClient } = await import("@agora-cloud-proxy/testing");
    const client = createFakeAgoraClient({ joinLatencyMs: 650, leaveLatencyMs: 150, joinAbortDelayMs: 250 });
    setSimulated(client);
    return asAgoraRTCClient(client);
  }, [appId]);

  return (
    <CloudProxyProvider
      client={createClient}
      mode={proxyMode}
      onError={setLastError}
      fallback={
        <section className="room" aria-busy="true">
          <p className="muted" data-testid="room-loading">
            Preparing the meeting room…
          </p>
        </section>
      }
    >
      <Room channel={channel} appId={appId} simulated={simulated} lastError={lastError} />
    </CloudProxyProvider>
  );
}

const CONNECTION_LABEL: Record<string, string> = {
  DISCONNECTED: "Not in the meeting",
  CONNECTING: "Joining…",
  CONNECTED: "In the meeting",
  RECONNECTING: "Reconnecting…",
  DISCONNECTING: "Leaving…",
};

function Room({
  channel,
  appId,
  simulated,
  lastError,
}: {
  channel: string;
  appId: string | null;
  simulated: FakeAgoraClient | null;
  lastError: CloudProxyError | null;
}) {
  const { join, leave, status } = useCloudProxyClient();
  const connected = status.connectionState === "CONNECTED";
  const route =
    status.usingCloudProxy === null ? "—" : status.usingCloudProxy ? "Agora cloud proxy" : "direct (no proxy)";
  const modeLabel = status.mode === "tls" ? "TCP/TLS 443" : status.mode === "udp" ? "UDP" : "off";

  return (
    <section className="room" aria-label="Meeting room">
      <div className="room-stage">
        <div className={`tile${connected ? " is-live" : ""}`}>
          <span className="tile-avatar">AM</span>
          <span className="tile-name">You{status.uid !== null ? ` · uid ${String(status.uid)}` : ""}</span>
        </div>
        <div className="tile is-empty">
          <span className="tile-name">{connected ? "Waiting for others to join" : "The room is quiet"}</span>
        </div>
      </div>
      <div className="room-bar">
        <span
          className={`state state-${status.connectionState.toLowerCase()}`}
          data-testid="meeting-connection"
          data-state={status.connectionState}
        >
          {CONNECTION_LABEL[status.connectionState] ?? status.connectionState}
        </span>
        <div className="room-actions">
          <button
            type="button"
            className="button primary"
            disabled={status.joinRequested}
            onClick={() => void join({ appid: appId ?? "simulated-app-id", channel, token: null })}
          >
            Join meeting
          </button>
          <button
            type="button"
            className="button danger"
            disabled={!status.joinRequested && status.connectionState === "DISCONNECTED"}
            onClick={() => void leave()}
          >
            Leave
          </button>
        </div>
      </div>
      <dl className="facts compact">
        <div>
          <dt>Cloud proxy</dt>
          <dd data-testid="meeting-proxy">
            {status.proxy} · {modeLabel}
          </dd>
        </div>
        <div>
          <dt>Media route</dt>
          <dd data-testid="meeting-route">{route}</dd>
        </div>
        <div>
          <dt>Client</dt>
          <dd>{appId ? "Agora SDK" : "Simulated (no AGORA_APP_ID)"}</dd>
        </div>
        <div>
          <dt>Last error</dt>
          <dd data-testid="meeting-error">{status.error?.code ?? lastError?.code ?? "none"}</dd>
        </div>
      </dl>
      {simulated ? <SimulatedCallLog client={simulated} /> : null}
    </section>
  );
}

/** What the log shows changes with a new call or a call settling: this string changes exactly then. */
function callLogVersion(client: FakeAgoraClient): string {
  const { calls } = client.fake;
  return `${calls.length} ${calls.filter((call) => call.outcome !== "pending").length}`;
}

/**
 * The simulated client's own record of SDK calls, re-read whenever the client logs a call or
 * one settles. (Re-reading on the room's status changes only would leave a leave "pending": it
 * resolves after the last status change, DISCONNECTED.)
 */
function SimulatedCallLog({ client }: { client: FakeAgoraClient }) {
  const subscribe = useCallback((onChange: () => void) => client.fake.subscribe(onChange), [client]);
  useSyncExternalStore(
    subscribe,
    () => callLogVersion(client),
    () => "",
  );
  const calls = client.fake.calls;
  return (
    <details className="diagnostics" open>
      <summary>Diagnostics · SDK calls on the simulated client</summary>
      <ol data-testid="sdk-calls">
        {calls.map((call, index) => (
          <li key={index} data-method={call.method} data-outcome={call.outcome}>
            <code>
              {call.method}({call.method === "join" ? "…" : call.args.map((arg) => JSON.stringify(arg)).join(", ")})
            </code>{" "}
            <span className={`outcome outcome-${call.outcome}`}>
              {call.outcome === "error" ? call.code : call.outcome}
            </span>
          </li>
        ))}
      </ol>
    </details>
  );
}
