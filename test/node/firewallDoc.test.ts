// @vitest-environment node
import { AGORA_CLOUD_PROXY_FIREWALL_RULES, AGORA_FIREWALL_DOMAINS } from "@agora-cloud-proxy/core";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { docBlock, renderFirewallDocBlocks, sampleReport, withBlocks } from "../support/firewallDoc";

// docs/firewall.md (for IT admins) and the call demo's firewall panel show the same rules
// and the same domains: the panel renders the data, the doc's tables and its sample report
// are rendered from it (test/support/firewallDoc.ts), and this test holds the doc to them.
// After a change to the data: UPDATE_DOCS=1 npx vitest run --project core test/node/firewallDoc.test.ts

const docUrl = new URL("../../docs/firewall.md", import.meta.url);

describe("docs/firewall.md", () => {
  it("its generated blocks (sources, rules, domains, sample report) are what the data renders", async () => {
    const blocks = await renderFirewallDocBlocks();
    let doc = readFileSync(docUrl, "utf8");
    if (process.env.UPDATE_DOCS === "1") {
      doc = withBlocks(doc, blocks);
      writeFileSync(docUrl, doc);
    }
    for (const [name, text] of Object.entries(blocks)) expect(docBlock(doc, name), name).toBe(text);
  });

  it("has one rule row per rule and one domain row per domain, in the data's order, every destination named", () => {
    const doc = readFileSync(docUrl, "utf8");
    const rows = (block: string) =>
      (docBlock(doc, block) ?? "")
        .split("\n")
        .slice(2)
        .map((line) => line.split(" | ").map((cell) => cell.replace(/^\| |\s*\|$/g, "")));
    const rules = rows("firewall-rules");
    expect(rules.map((cells) => cells.slice(0, 4).join(" | "))).toEqual(
      AGORA_CLOUD_PROXY_FIREWALL_RULES.map(
        (rule) => `${rule.protocol} | ${rule.ports} | ${rule.purpose} | ${rule.routes.join(", ")}`,
      ),
    );
    rules.forEach((cells, index) => {
      const hosts = [...(cells[4] ?? "").matchAll(/`([^`]+)`/g)].map((match) => match[1]);
      expect(hosts).toEqual(AGORA_CLOUD_PROXY_FIREWALL_RULES[index]!.destinations.map((d) => d.host));
      expect((cells[4]?.match(/test only/g) ?? []).length).toBe(
        AGORA_CLOUD_PROXY_FIREWALL_RULES[index]!.destinations.filter((d) => d.testOnly).length,
      );
    });
    expect(rows("firewall-domains").map((cells) => cells[0])).toEqual(
      AGORA_FIREWALL_DOMAINS.map((domain) => `\`${domain.pattern}\``),
    );
  });

  it("the sample report is a realistic case: direct blocked, the call escalated to udp, the network test agrees", async () => {
    const { json, text } = await sampleReport();
    expect(json.routes.map((r) => `${r.from}: ${r.route} ${r.outcome} ${r.ms ?? "-"}`)).toEqual([
      "network test: direct timeout -",
      "network test: udp connected 412",
      "network test: tls connected 655",
      "call: direct timeout 5000",
      "call: udp connected 640",
    ]);
    expect(json).toMatchObject({ failedRoutes: ["direct"], workingRoutes: ["udp", "tls"], usingCloudProxy: true });
    expect(json.session).toMatchObject({ connectionState: "CONNECTED", mode: "udp", route: "udp", error: null });
    expect(text).not.toMatch(/sample-app-id|sample-channel/);
    console.log(
      `sample report: json ${Buffer.byteLength(JSON.stringify(json))} bytes (${Buffer.byteLength(JSON.stringify(json, null, 2))} indented), text ${Buffer.byteLength(text)} bytes`,
    );
  });
});
