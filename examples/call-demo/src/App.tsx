import {
  CloudProxyProvider,
  type CloudProxyError,
  type CloudProxyJoinOptions,
  type CloudProxyMode,
  type ModeChangePolicy,
  useCloudProxyPreflight,
} from "@agora-cloud-proxy/react";
import { asAgoraRTCClient, createFakeLocalTrack, type FakeAgoraClient } from "@agora-cloud-proxy/testing";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { useCallback, useMemo, useRef, useState } from "react";
import { createAgoraSdkClient, loadedSdkVersion } from "./clients/createAgoraSdkClient";
import { randomFromLocation } from "./clients/seededRandom";
import { SimulatedNetwork } from "./clients/simulatedNetwork";
import { CallPanel } from "./components/CallPanel";
import { FirewallRulesPanel } from "./components/FirewallRulesPanel";
import { NetworkTestPanel } from "./components/NetworkTestPanel";
import { SegmentedControl } from "./components/SegmentedControl";
import { Switch } from "./components/Switch";
import { recordSdkClient } from "./timeline/recordSdkClient";
import { SdkTimeline } from "./timeline/sdkTimeline";
import { TimelinePanel } from "./timeline/TimelinePanel";

/** The modes on offer: the two cloud proxy modes, and "auto" (direct, then UDP, then TLS 443). */
type DemoMode = CloudProxyMode | "auto";

const MODES = [
  { value: "udp", label: "UDP", hint: "mode 3" },
  { value: "tls", label: "TCP/TLS 443", hint: "mode 5" },
  { value: "auto", label: "Auto", hint: "direct first" },
] as const satisfies readonly { value: DemoMode; label: string; hint: string }[];

const MODE_NAME: Record<DemoMode, string> = { udp: "UDP", tls: "TCP/TLS 443", auto: "Auto" };

/** Mode "auto": how long a route may stay short of CONNECTED before the next one is tried. */
const FALLBACK_AFTER_MS = 2_500;

/** The network test: how long each route may take to connect (the simulated joins take 300-900 ms). */
const TEST_TIMEOUT_MS = { sim: 2_500, sdk: 5_000 } as const;

const POLICIES = [
  { value: "rejoin", label: "Rejoin now" },
  { value: "defer", label: "At next join" },
] as const satisfies readonly { value: ModeChangePolicy; label: string }[];

const DEFAULT_CHANNEL = "cloud-proxy-demo";

export function App() {
  const [timeline] = useState(() => new SdkTimeline());
  const [network] = useState(() => new SimulatedNetwork(randomFromLocation(window.location.search)));
  const clientCount = useRef({ sim: 0, sdk: 0, test: 0 });
  // The call's simulated client, for "Drop the network" (the test clients are never dropped).
  const callClient = useRef<FakeAgoraClient | null>(null);
  // A media-free fake microphone: the simulated call publishes it, so there is media to check.
  const [track] = useState(() => createFakeLocalTrack("audio"));

  const [appId, setAppId] = useState("");
  const [token, setToken] = useState("");
  const [channel, setChannel] = useState(DEFAULT_CHANNEL);
  const [useProxy, setUseProxy] = useState(true);
  const [mode, setMode] = useState<DemoMode>("udp");
  const [policy, setPolicy] = useState<ModeChangePolicy>("rejoin");
  const [firewall, setFirewall] = useState(false);
  const [mediaBlocked, setMediaBlocked] = useState(false);
  const [publishTrack, setPublishTrack] = useState(false);
  const [mounted, setMounted] = useState(true);

  const simulated = appId.trim() === "";
  const kind = simulated ? "sim" : "sdk";

  // A factory, called once per mount of the provider: the real SDK is imported only then,
  // and each mount gets a fresh client (the previous one is left and stopped by its session).
  const createClient = useCallback(async (): Promise<IAgoraRTCClient> => {
    clientCount.current[kind] += 1;
    const label = `${kind}-${clientCount.current[kind]}`;
    if (kind === "sdk") return recordSdkClient(await createAgoraSdkClient(), label, timeline);
    const client = network.createClient();
    callClient.current = client;
    return recordSdkClient(asAgoraRTCClient(client), label, timeline);
  }, [kind, network, timeline]);

  const dropNetwork = useCallback(() => {
    const client = callClient.current;
    if (client?.connectionState !== "CONNECTED") return;
    timeline.action("Network dropped");
    // The SDK gives up on its connection (DISCONNECTED, NETWORK_ERROR): the session's reconnect policy takes over.
    void client.fake.dropNetwork({ reason: "NETWORK_ERROR" });
  }, [timeline]);

  // The network test's throwaway clients, never the call's: on the same (simulated) network,
  // and on the timeline as test-1, test-2..., so their SDK calls are checked like the call's.
  const createTestClient = useCallback(async (): Promise<IAgoraRTCClient> => {
    clientCount.current.test += 1;
    const client = kind === "sim" ? asAgoraRTCClient(network.createClient()) : await createAgoraSdkClient();
    return recordSdkClient(client, `test-${clientCount.current.test}`, timeline);
  }, [kind, network, timeline]);

  const onError = useCallback(
    (error: CloudProxyError) =>
      timeline.add({ kind: "session", client: null, name: error.code, args: [error.message] }),
    [timeline],
  );

  const joinOptions = useMemo<CloudProxyJoinOptions>(
    () => ({
      appid: appId.trim() || "simulated-app-id",
      channel: channel.trim() || DEFAULT_CHANNEL,
      token: token.trim() || null,
      uid: null,
    }),
    [appId, channel, token],
  );

  const networkTest = useCloudProxyPreflight({
    createClient: createTestClient,
    join: joinOptions,
    timeoutMs: TEST_TIMEOUT_MS[kind],
  });
  const preflight = networkTest.result;
  const runNetworkTest = useCallback(() => {
    timeline.action("Network test started");
    void networkTest.run();
  }, [networkTest, timeline]);
  const sdkVersion = simulated ? "none: the simulated client" : (loadedSdkVersion() ?? "not loaded yet");

  return (
    <div className="app">
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <div>
            <h1>Cloud proxy call demo</h1>
            <p className="tagline">
              <code>@agora-cloud-proxy/react</code> orders Agora&apos;s cloud proxy, join and leave, whatever order the
              clicks come in.
            </p>
          </div>
        </div>
        {simulated ? (
          <span
            className="badge badge-simulated"
            data-testid="client-kind"
            title="No App ID: a fake client from @agora-cloud-proxy/testing that enforces the SDK's rules"
          >
            Simulated client · no network
          </span>
        ) : (
          <span className="badge badge-live" data-testid="client-kind">
            Agora SDK · live
          </span>
        )}
      </header>

      <main className="layout">
        <aside className="column stack">
          <section className="card">
            <h2>Connection</h2>
            <label className="field">
              <span>App ID</span>
              <input
                value={appId}
                onChange={(event) => setAppId(event.currentTarget.value)}
                placeholder="Optional"
                autoComplete="off"
                spellCheck={false}
              />
            </label>
            <label className="field">
              <span>Token</span>
              <input
                value={token}
                onChange={(event) => setToken(event.currentTarget.value)}
                placeholder="Optional"
                autoComplete="off"
                spellCheck={false}
              />
            </label>
            <label className="field">
              <span>Channel</span>
              <input
                value={channel}
                onChange={(event) => setChannel(event.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
              />
            </label>
            <p className="note">
              {simulated
                ? "No App ID: the call runs on the simulated client from @agora-cloud-proxy/testing (the SDK's rules, joins of 300-900 ms, no network)."
                : "With an App ID the real agora-rtc-sdk-ng is imported on demand and joins Agora."}
            </p>
            <div className="divider" />
            <Switch
              label="Simulate firewall"
              hint="Direct connections never complete; the cloud proxy gets through"
              checked={firewall}
              disabled={!simulated}
              onChange={(on) => {
                timeline.action(on ? "Firewall up" : "Firewall down");
                network.setFirewall(on);
                setFirewall(on);
              }}
            />
            <Switch
              label="Simulate media blocked on direct"
              hint="Direct joins connect (signalling on TCP 443), but no media flows: UDP media is dropped"
              checked={mediaBlocked}
              disabled={!simulated}
              onChange={(on) => {
                timeline.action(on ? "Media blocked on direct" : "Media unblocked on direct");
                network.setMediaBlockedOnDirect(on);
                setMediaBlocked(on);
              }}
            />
            <Switch
              label="Publish a simulated microphone"
              hint="A media-free fake track, published on every connection: the media check starts with it"
              checked={publishTrack}
              disabled={!simulated}
              onChange={(on) => {
                timeline.action(on ? "Microphone on" : "Microphone off");
                setPublishTrack(on);
              }}
            />
          </section>

          <section className="card">
            <h2>Cloud proxy</h2>
            <Switch
              label="Use cloud proxy"
              hint={
                useProxy && mode === "auto"
                  ? "Auto: each join tries direct first, and the cloud proxy only if direct fails"
                  : "Route media through Agora's cloud proxy (enterprise firewalls)"
              }
              checked={useProxy}
              onChange={(on) => {
                timeline.action(on ? "Cloud proxy turned on" : "Cloud proxy turned off");
                setUseProxy(on);
              }}
            />
            <SegmentedControl
              label="Proxy mode"
              value={mode}
              options={MODES}
              disabled={!useProxy}
              onChange={(next) => {
                timeline.action(`Mode set to ${MODE_NAME[next]}`);
                setMode(next);
              }}
            />
            <SegmentedControl
              label="Mode change while joined"
              value={policy}
              options={POLICIES}
              onChange={(next) => {
                // A live option: the mounted session takes it as it is, the call goes on.
                timeline.action(`Mode change while joined: ${next}`);
                setPolicy(next);
              }}
            />
          </section>

          <NetworkTestPanel test={networkTest} onRun={runNetworkTest} />
        </aside>

        <section className="column card call-card" aria-labelledby="call-heading">
          <div className="card-header">
            <h2 id="call-heading">Call</h2>
            <Switch
              label="Call mounted"
              checked={mounted}
              onChange={(on) => {
                timeline.action(on ? "Call mounted" : "Call unmounted");
                setMounted(on);
              }}
            />
          </div>
          {mounted ? (
            <CloudProxyProvider
              // Every option is live (mode, enabled, onModeChange, fallbackAfterMs...): a change
              // reaches the mounted session without a remount. Only a new kind of client needs
              // one: a factory is called once per mount.
              key={kind}
              client={createClient}
              mode={mode}
              enabled={useProxy}
              onModeChange={policy}
              fallbackAfterMs={FALLBACK_AFTER_MS}
              // Auto mode starts at the network test's best route.
              preflight={preflight}
              onError={onError}
              fallback={
                <p className="muted">{simulated ? "Starting the simulated client…" : "Loading the Agora SDK…"}</p>
              }
            >
              <CallPanel
                joinOptions={joinOptions}
                timeline={timeline}
                blockedByFirewall={firewall && !useProxy}
                auto={useProxy && mode === "auto"}
                preflight={preflight}
                onRunNetworkTest={runNetworkTest}
                networkTestRunning={networkTest.running}
                sdkVersion={sdkVersion}
                track={simulated ? track : null}
                publishTrack={simulated && publishTrack}
                onDropNetwork={simulated ? dropNetwork : null}
              />
            </CloudProxyProvider>
          ) : (
            <div className="unmounted" data-testid="call-unmounted">
              <p>
                <strong>The call is unmounted.</strong> Its session left the channel (if it was in one), then stopped
                the proxy, then removed its listeners: the end of the timeline shows it.
              </p>
            </div>
          )}
        </section>

        <TimelinePanel timeline={timeline} />

        <FirewallRulesPanel />
      </main>
    </div>
  );
}
