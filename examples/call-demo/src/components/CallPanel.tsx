import {
  useCloudProxyClient,
  type CloudProxyJoinOptions,
  type CloudProxyPreflightResult,
} from "@agora-cloud-proxy/react";
import type { ILocalTrack } from "agora-rtc-sdk-ng";
import { useEffect } from "react";
import { timelineLabelOf } from "../timeline/recordSdkClient";
import type { SdkTimeline } from "../timeline/sdkTimeline";
import { useSessionStateTimeline } from "../timeline/useSessionStateTimeline";
import { LocalPreview } from "./LocalPreview";
import { ReportButton } from "./ReportButton";
import { StatusPanel } from "./StatusPanel";

interface CallPanelProps {
  joinOptions: CloudProxyJoinOptions;
  timeline: SdkTimeline;
  /** The simulated firewall is up and the proxy is off: a join can never connect. */
  blockedByFirewall: boolean;
  /** The provider runs mode "auto": the route (and so the proxy) is picked at each join. */
  auto: boolean;
  /** The last network test, for the report. */
  preflight: CloudProxyPreflightResult | null;
  /** Starts the network test (the stuck-join hint offers it). */
  onRunNetworkTest: () => void;
  networkTestRunning: boolean;
  sdkVersion: string;
  /** The simulated client only: a media-free local track, published whenever the call is CONNECTED and `publishTrack` is on. */
  track: ILocalTrack | null;
  publishTrack: boolean;
  /** The simulated client only: drops the call's network (the SDK gives up: DISCONNECTED, NETWORK_ERROR). */
  onDropNetwork: (() => void) | null;
}

/**
 * The call itself, below `<CloudProxyProvider>`: Join and Leave go to the session, which
 * orders them with the proxy. Nothing here awaits or sequences anything.
 */
export function CallPanel(props: CallPanelProps) {
  const { joinOptions, timeline, blockedByFirewall, auto } = props;
  const { client, join, leave, status } = useCloudProxyClient();
  const { track, publishTrack } = props;
  const connected = status.connectionState === "CONNECTED";
  useSessionStateTimeline(status, timeline, timelineLabelOf(client));

  // What an app does with its tracks: publish them on every connection (the SDK forgets them
  // when it drops to DISCONNECTED, so after a reconnect too). Through the session's client, so
  // the media check hears of it. After a media escalation the session publishes them again
  // itself, on a microtask once the new route connected: a timer looks after it had its turn.
  useEffect(() => {
    if (!connected) return;
    const timer = setTimeout(() => {
      if (client.connectionState !== "CONNECTED") return;
      const published = track !== null && client.localTracks.includes(track);
      // A failure (a leave got there first) shows on the timeline; the next connection tries again.
      if (track && publishTrack && !published) client.publish(track).catch(() => {});
      if (track && !publishTrack && published) client.unpublish(track).catch(() => {});
    }, 0);
    return () => clearTimeout(timer);
  }, [client, connected, track, publishTrack]);

  const idle = !status.joinRequested && status.connectionState === "DISCONNECTED";
  // How long the join has been stuck short of CONNECTED past the session's threshold, or null.
  const stalledMs = status.stalledMs;

  return (
    <div className="call">
      <div className="call-actions">
        <button
          type="button"
          className="button primary"
          disabled={status.joinRequested}
          onClick={() => {
            timeline.action("Join clicked", joinOptions.channel);
            // Fire and forget: the session's promises never reject unhandled, and failures
            // land in status.error.
            void join(joinOptions);
          }}
        >
          Join
        </button>
        <button
          type="button"
          className="button danger"
          disabled={idle}
          onClick={() => {
            timeline.action("Leave clicked");
            void leave();
          }}
        >
          Leave
        </button>
        {props.onDropNetwork ? (
          <button
            type="button"
            className="button secondary"
            disabled={!connected}
            title="The simulated network goes away: the SDK gives up (DISCONNECTED, NETWORK_ERROR) and the session reconnects"
            onClick={props.onDropNetwork}
          >
            Drop the network
          </button>
        ) : null}
        <ReportButton status={status} preflight={props.preflight} sdkVersion={props.sdkVersion} />
        <span className="call-channel">
          channel <code>{joinOptions.channel}</code>
        </span>
      </div>
      {stalledMs !== null ? (
        <p className="hint warning" role="status" data-testid="stalled-hint">
          <strong>Still connecting ({Math.round(stalledMs / 1000)} s):</strong> a firewall may block Agora; run the
          network test.{" "}
          <button
            type="button"
            className="button secondary small"
            disabled={props.networkTestRunning}
            onClick={props.onRunNetworkTest}
          >
            Run the network test
          </button>
        </p>
      ) : null}
      {blockedByFirewall && status.connectionState === "CONNECTING" ? (
        <p className="hint warning" role="status">
          The simulated firewall blocks direct connections, so this join stays CONNECTING (as the real SDK does). Turn
          on <strong>Use cloud proxy</strong>: the session leaves, starts the proxy and joins again.
        </p>
      ) : null}
      <StatusPanel status={status} auto={auto} />
      <LocalPreview />
    </div>
  );
}
