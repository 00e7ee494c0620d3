import {
  AGORA_CLOUD_PROXY_FIREWALL_RULES,
  AGORA_FIREWALL_DOMAINS,
  AGORA_FIREWALL_SOURCES,
  type FirewallDestination,
} from "@agora-cloud-proxy/core";

// The sources' short names, as in docs/firewall.md.
const SOURCES: { label: string; source: string; title: string }[] = [
  { label: "page", source: AGORA_FIREWALL_SOURCES.firewallPage, title: "Agora's firewall page" },
  {
    label: "guide",
    source: AGORA_FIREWALL_SOURCES.cloudProxyGuide,
    title: "Agora's cloud proxy guide (test addresses)",
  },
  { label: "sdk", source: AGORA_FIREWALL_SOURCES.sdkBundle, title: "host names in the agora-rtc-sdk-ng 4.24.8 bundle" },
];

const sourceLabel = (source: string) =>
  source
    .split(" + ")
    .map((part) => SOURCES.find((entry) => entry.source === part)?.label ?? part)
    .join(" + ");

function Destination({ destination }: { destination: FirewallDestination }) {
  return (
    <span className="destination">
      <code>{destination.host}</code>
      <span className="muted">
        {" "}
        ({sourceLabel(destination.source)}
        {destination.testOnly ? ", test only" : ""})
      </span>
    </span>
  );
}

/**
 * The outbound rules and the domains IT must allow, rendered from the same data as
 * docs/firewall.md (the library's AGORA_CLOUD_PROXY_FIREWALL_RULES and AGORA_FIREWALL_DOMAINS),
 * so the two never list different things.
 */
export function FirewallRulesPanel() {
  return (
    <section className="card span-all" aria-labelledby="firewall-heading" data-testid="firewall-rules">
      <h2 id="firewall-heading">Firewall rules for IT</h2>
      <p className="note">
        Outbound, from the clients. <strong>Test only</strong> addresses are Agora&apos;s for trying the cloud proxy;
        production addresses are assigned by Agora per customer. Allow domains by name, each <code>*</code> one label.
        Sources:{" "}
        {SOURCES.map((entry, index) => (
          <span key={entry.label}>
            {index > 0 ? "; " : null}
            <strong>{entry.label}</strong> = {entry.title}
          </span>
        ))}
        . The same tables for IT: docs/firewall.md.
      </p>
      <table className="rules" data-testid="firewall-rule-table">
        <thead>
          <tr>
            <th scope="col">Protocol</th>
            <th scope="col">Ports</th>
            <th scope="col">Purpose</th>
            <th scope="col">Route</th>
            <th scope="col">Destinations (source)</th>
          </tr>
        </thead>
        <tbody>
          {AGORA_CLOUD_PROXY_FIREWALL_RULES.map((rule) => (
            <tr key={`${rule.protocol} ${rule.ports} ${rule.purpose}`}>
              <td>{rule.protocol}</td>
              <td>{rule.ports}</td>
              <td>{rule.purpose}</td>
              <td>{rule.routes.join(", ")}</td>
              <td className="destinations">
                {rule.destinations.map((destination, index) => (
                  <span key={destination.host}>
                    {index > 0 ? ", " : null}
                    <Destination destination={destination} />
                  </span>
                ))}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <table className="rules domains" data-testid="firewall-domain-table">
        <thead>
          <tr>
            <th scope="col">Domain</th>
            <th scope="col">Hosts agora-rtc-sdk-ng 4.24.8 contacts</th>
            <th scope="col">Used for</th>
            <th scope="col">Routes reaching a host under it</th>
            <th scope="col">Source</th>
          </tr>
        </thead>
        <tbody data-testid="firewall-domains">
          {AGORA_FIREWALL_DOMAINS.map((domain) => (
            <tr key={domain.pattern}>
              <td>
                <code>{domain.pattern}</code>
              </td>
              <td className="destinations">{domain.examples.length === 0 ? "none" : domain.examples.join(", ")}</td>
              <td>{domain.purpose}</td>
              <td>{domain.routes.join(", ")}</td>
              <td>{sourceLabel(domain.source)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
