import Link from "next/link";
import { PROXY_MODE_LABEL, readPortalCallConfig } from "../lib/portalConfig";
import { MEETINGS } from "../lib/meetings";

export default function OverviewPage() {
  const { proxyMode, appId } = readPortalCallConfig();
  const [next, ...later] = MEETINGS;
  return (
    <>
      <h1>Good morning, Alex</h1>
      <p className="lede">Your meetings today, and how calls leave this network.</p>
      <div className="grid">
        {next ? (
          <section className="panel highlight">
            <p className="eyebrow">Next meeting</p>
            <h2>{next.title}</h2>
            <p className="muted">
              {next.when} · hosted by {next.host} · {next.attendees} attendee{next.attendees === 1 ? "" : "s"}
            </p>
            <Link className="button primary" href={`/meetings/${next.id}`}>
              Open meeting room
            </Link>
          </section>
        ) : null}
        <section className="panel">
          <p className="eyebrow">Network policy</p>
          <h2 data-testid="overview-proxy-mode">{PROXY_MODE_LABEL[proxyMode]}</h2>
          <p className="muted">
            Set by the server (<code>AGORA_CLOUD_PROXY_MODE</code>). Calls use{" "}
            {appId ? "the Agora SDK" : "the simulated client (no AGORA_APP_ID)"}.
          </p>
          <Link href="/network">Details</Link>
        </section>
        <section className="panel">
          <p className="eyebrow">Later</p>
          <ul className="plain-list">
            {later.map((meeting) => (
              <li key={meeting.id}>
                <Link href={`/meetings/${meeting.id}`}>{meeting.title}</Link>
                <span className="muted"> · {meeting.when}</span>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
