import { CloudProxyProvider, useCloudProxyClient } from "@agora-cloud-proxy/react";

// A factory runs in an effect, so the SDK loads in the browser only (never on the server).
export const createClient = () =>
  import("agora-rtc-sdk-ng").then(({ default: AgoraRTC }) => AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }));

export function Call({ appid, channel }: { appid: string; channel: string }) {
  const { join, leave, status } = useCloudProxyClient(); // join waits for the proxy; leave keeps it on
  const toggle = () => void (status.joinRequested ? leave() : join({ appid, channel, token: null }));
  return (
    <section>
      <p>{`Cloud proxy ${status.proxy} (${status.mode ?? "off"}), ${status.connectionState}`}</p>
      <button onClick={toggle}>{status.joinRequested ? "Leave" : "Join"}</button>
      {status.error && <p role="alert">{status.error.message}</p>}
    </section>
  );
}

export function App({ appid }: { appid: string }) {
  return (
    <CloudProxyProvider client={createClient} mode="tls" fallback={<p>Loading…</p>}>
      <Call appid={appid} channel="support" />
    </CloudProxyProvider>
  );
}
