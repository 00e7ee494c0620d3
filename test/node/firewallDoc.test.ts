// @vitest-environment node
import { AGORA_CLOUD_PROXY_DOMAINS, AGORA_CLOUD_PROXY_FIREWALL_RULES } from "@agora-cloud-proxy/core";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// docs/firewall.md (for IT admins) and the call demo's firewall panel list the same rules and
// the same domains: the panel renders the data, and this test holds the doc to it.

const doc = readFileSync(new URL("../../docs/firewall.md", import.meta.url), "utf8");
const outboundRules = doc.split("\n## Outbound rules\n")[1]?.split("\n## ")[0] ?? "";

describe("docs/firewall.md", () => {
  it("lists exactly the domains the demo's firewall panel renders", () => {
    const destinations = outboundRules.trim().split("\n\n")[0] ?? "";
    expect(destinations).toMatch(/^Destinations are Agora's domains/);
    expect([...destinations.matchAll(/`(\*\.[^`]+)`/g)].map((match) => match[1])).toEqual([
      ...AGORA_CLOUD_PROXY_DOMAINS,
    ]);
  });

  it("has one table row per rule of AGORA_CLOUD_PROXY_FIREWALL_RULES, the same rules in the same order", () => {
    const rows = outboundRules
      .split("\n")
      .filter((line) => /^\| (TCP|UDP) \|/.test(line))
      .map((line) => line.trim());
    expect(rows).toEqual(
      AGORA_CLOUD_PROXY_FIREWALL_RULES.map(
        (rule) => `| ${rule.protocol} | ${rule.ports} | ${rule.purpose} | ${rule.routes.join(", ")} |`,
      ),
    );
  });
});
