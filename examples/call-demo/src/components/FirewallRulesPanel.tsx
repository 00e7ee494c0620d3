import { AGORA_CLOUD_PROXY_DOMAINS, AGORA_CLOUD_PROXY_FIREWALL_RULES } from "@agora-cloud-proxy/core";

/**
 * The outbound rules IT must allow for the cloud proxy, from the same data as docs/firewall.md
 * (the library's rules, and the domains), so the two never list different things.
 */
export function FirewallRulesPanel() {
  return (
    <section className="card" aria-labelledby="firewall-heading" data-testid="firewall-rules">
      <h2 id="firewall-heading">Firewall rules for IT</h2>
      <p className="note">
        Outbound to Agora&apos;s domains, by name (not by IP address: Agora&apos;s edge addresses change):{" "}
        <span data-testid="firewall-domains">
          {AGORA_CLOUD_PROXY_DOMAINS.map((domain, index) => (
            <span key={domain}>
              {index > 0 ? ", " : null}
              <code>{domain}</code>
            </span>
          ))}
        </span>
        . The same rules for IT: docs/firewall.md.
      </p>
      <table className="rules">
        <thead>
          <tr>
            <th scope="col">Protocol</th>
            <th scope="col">Ports</th>
            <th scope="col">Purpose</th>
            <th scope="col">Route</th>
          </tr>
        </thead>
        <tbody>
          {AGORA_CLOUD_PROXY_FIREWALL_RULES.map((rule) => (
            <tr key={`${rule.protocol} ${rule.ports} ${rule.purpose}`}>
              <td>{rule.protocol}</td>
              <td>{rule.ports}</td>
              <td>{rule.purpose}</td>
              <td>{rule.routes.join(", ")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
