import type { Metadata } from "next";
import { PROXY_MODE_LABEL, readPortalCallConfig } from "../../lib/portalConfig";

export const metadata: Metadata = { title: "Network policy" };

export default function NetworkPage() {
  const { proxyMode, appId } = readPortalCallConfig();
  return (
    <>
      <h1>Network policy</h1>
      <p className="lede">How meeting rooms reach Agora from this network. Set by the server at build time.</p>
      <dl className="facts">
        <div>
          <dt>Cloud proxy</dt>
          <dd>{PROXY_MODE_LABEL[proxyMode]}</dd>
        </div>
        <div>
          <dt>
            <code>AGORA_CLOUD_PROXY_MODE</code>
          </dt>
          <dd>
            <code>{proxyMode}</code> (one of <code>tls</code>, <code>udp</code>, <code>auto</code>, <code>off</code>;
            default <code>tls</code>)
          </dd>
        </div>
        <div>
          <dt>
            <code>AGORA_APP_ID</code>
          </dt>
          <dd>
            {appId
              ? "set: rooms use agora-rtc-sdk-ng, loaded in the browser"
              : "not set: rooms use the simulated client"}
          </dd>
        </div>
      </dl>
      <p className="muted">
        The room component receives the mode as a prop and hands it to <code>&lt;CloudProxyProvider&gt;</code>, which
        starts the proxy before any join and stops it only after the SDK has left.
      </p>
    </>
  );
}
