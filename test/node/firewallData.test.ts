// @vitest-environment node
import {
  AGORA_CLOUD_PROXY_DOMAINS,
  AGORA_CLOUD_PROXY_FIREWALL_RULES,
  AGORA_FIREWALL_DOMAINS,
  AGORA_FIREWALL_SOURCES,
} from "@agora-cloud-proxy/core";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

// The firewall data says where each entry comes from. The entries attributed to the SDK are
// checked here against the SDK bundle itself: every Agora host it names must be matched by
// one of our patterns, and each pattern said to come from the bundle must match one of them.

// The package's main file is the bundle (its exports map hides package.json, so resolve ".").
const bundlePath = createRequire(import.meta.url).resolve("agora-rtc-sdk-ng");
const sdkVersion = (JSON.parse(readFileSync(join(dirname(bundlePath), "package.json"), "utf8")) as { version: string })
  .version;
const bundle = readFileSync(bundlePath, "utf8");

const ROOTS = /(?:[a-z0-9-]+\.)*(?:agora\.io|sd-rtn\.com|rtnsvc\.com|rtesvc\.com|agoraio\.cn)\b/g;

/**
 * The Agora host names in the bundle. A fragment that starts with a dot is the end of a host
 * built at run time (`"uap-ap-web-2-".concat(area, ".ap.sd-rtn.com")`); a bare root
 * (`"agora.io"`) or edge domain (`"edge.agora.io"` in GATEWAY_DOMAINS and TURN_DOMAINS) is a
 * parent the SDK puts a label in front of (`<a-b-c-d>.edge.agora.io`). Both get a label, `x`.
 */
function bundleHosts(): string[] {
  const found = new Set<string>();
  for (const match of bundle.matchAll(new RegExp(`[.]?${ROOTS.source}`, "g"))) {
    const text = match[0];
    const parent = text.startsWith(".") || /^(edge\.)?[a-z0-9-]+\.(io|com|cn)$/.test(text);
    found.add(parent ? `x.${text.replace(/^\./, "")}` : text);
  }
  return [...found].sort();
}

/** `*.a.b` matches a host exactly one label below `a.b` (the strictest reading of `*`). */
function matchesOneLabel(pattern: string, host: string): boolean {
  const parent = pattern.replace(/^\*\./, "");
  return host.endsWith(`.${parent}`) && !host.slice(0, -parent.length - 1).includes(".");
}

const matchedBy = (patterns: readonly string[], host: string) =>
  patterns.filter((pattern) => matchesOneLabel(pattern, host));

describe("the firewall data against agora-rtc-sdk-ng's bundle", () => {
  it(`reads the SDK version the sources name (${AGORA_FIREWALL_SOURCES.sdkBundle})`, () => {
    // A new SDK version must be read again before the data may claim it.
    expect(AGORA_FIREWALL_SOURCES.sdkBundle).toBe(`agora-rtc-sdk-ng ${sdkVersion} bundle`);
    expect(bundleHosts()).toContain("webrtc2-4.ap.sd-rtn.com");
  });

  it("every Agora host the bundle names is one label below one of AGORA_CLOUD_PROXY_DOMAINS", () => {
    const hosts = bundleHosts();
    expect(hosts.length).toBeGreaterThan(100);
    const unmatched = hosts.filter((host) => matchedBy(AGORA_CLOUD_PROXY_DOMAINS, host).length === 0);
    // agoraio.cn is the domain of SDKs before 4.4 (Agora's 3.x page); 4.24.8 names none.
    expect(unmatched).toEqual([]);
  });

  it("the two-label hosts of the issue need the two-label patterns: the old list missed them", () => {
    const oldList = ["*.agora.io", "*.edge.agora.io", "*.sd-rtn.com", "*.edge.sd-rtn.com"];
    for (const host of [
      "webrtc2-4.ap.sd-rtn.com",
      "web-2.statscollector.sd-rtn.com",
      "east-usa.webrtc-cloud-proxy.sd-rtn.com",
    ]) {
      expect(matchedBy(oldList, host), host).toEqual([]);
      expect(matchedBy(AGORA_CLOUD_PROXY_DOMAINS, host), host).toHaveLength(1);
    }
  });

  it("a pattern sourced from the bundle matches a host in it, and its examples are such hosts", () => {
    const hosts = bundleHosts();
    for (const domain of AGORA_FIREWALL_DOMAINS) {
      const inBundle = hosts.filter((host) => matchesOneLabel(domain.pattern, host));
      expect({ pattern: domain.pattern, fromBundle: inBundle.length > 0 }).toEqual({
        pattern: domain.pattern,
        fromBundle: domain.source.includes(AGORA_FIREWALL_SOURCES.sdkBundle),
      });
      for (const example of domain.examples) {
        expect(matchesOneLabel(domain.pattern, example), example).toBe(true);
        // `a-b-c-d` stands for an edge node's address, which the SDK puts in front of the domain.
        expect(hosts, example).toContain(example.replace(/^a-b-c-d\./, "x."));
      }
    }
  });
});

describe("AGORA_CLOUD_PROXY_FIREWALL_RULES", () => {
  it("AGORA_CLOUD_PROXY_DOMAINS is the pattern column of AGORA_FIREWALL_DOMAINS, and every pattern is on Agora's page", () => {
    expect(AGORA_CLOUD_PROXY_DOMAINS).toEqual(AGORA_FIREWALL_DOMAINS.map((domain) => domain.pattern));
    for (const domain of AGORA_FIREWALL_DOMAINS) expect(domain.source).toContain(AGORA_FIREWALL_SOURCES.firewallPage);
  });

  it("lists the test addresses of Agora's cloud proxy guide, test-only, on the guide's ports", () => {
    const ips = (protocol: string, ports: string) =>
      AGORA_CLOUD_PROXY_FIREWALL_RULES.find((rule) => rule.protocol === protocol && rule.ports === ports)!
        .destinations.filter((d) => d.kind === "ip")
        .map((d) => d.host);
    expect(ips("TCP", "443, 4000")).toEqual(["23.236.115.138", "148.153.66.218"]);
    expect(ips("TCP", "3433-3460")).toEqual(["23.236.115.138", "148.153.66.218"]);
    expect(ips("TCP", "443")).toEqual(["47.74.211.17", "52.80.192.229", "52.52.84.170", "47.96.234.219"]);
    expect(ips("UDP", "3478-3500")).toEqual(["23.236.115.138", "148.153.66.218"]);
    const destinations = AGORA_CLOUD_PROXY_FIREWALL_RULES.flatMap((rule) => rule.destinations);
    for (const d of destinations) {
      expect(d.testOnly, d.host).toBe(d.kind === "ip");
      if (d.kind === "ip") expect(d.source, d.host).toBe(AGORA_FIREWALL_SOURCES.cloudProxyGuide);
    }
  });

  it("every route has rules, every rule has destinations, and every domain destination is a known pattern or a bundle host", () => {
    for (const route of ["direct", "udp", "tls"] as const) {
      expect(
        AGORA_CLOUD_PROXY_FIREWALL_RULES.some((rule) => rule.routes.includes(route)),
        route,
      ).toBe(true);
    }
    const hosts = bundleHosts();
    for (const rule of AGORA_CLOUD_PROXY_FIREWALL_RULES) {
      expect(rule.destinations.length, rule.ports).toBeGreaterThan(0);
      for (const d of rule.destinations.filter((d) => d.kind === "domain")) {
        const domain = AGORA_FIREWALL_DOMAINS.find((entry) => entry.pattern === d.host);
        if (domain) expect(d.source).toBe(domain.source);
        else
          expect({ host: d.host, inBundle: hosts.includes(d.host), source: d.source }).toEqual({
            host: d.host,
            inBundle: true,
            source: AGORA_FIREWALL_SOURCES.sdkBundle,
          });
      }
    }
  });

  it("the domains' routes and the rules' agree: a route of a domain reaches a host under it that the route's rules name, and the domain says which when the rules name hosts, not the pattern", () => {
    const under = (pattern: string, host: string) => host === pattern || matchesOneLabel(pattern, host);
    const domainOf = (host: string) =>
      AGORA_FIREWALL_DOMAINS.find((domain) => domain.pattern === host) ??
      AGORA_FIREWALL_DOMAINS.find((domain) => matchesOneLabel(domain.pattern, host));
    for (const rule of AGORA_CLOUD_PROXY_FIREWALL_RULES) {
      for (const d of rule.destinations.filter((d) => d.kind === "domain")) {
        const domain = domainOf(d.host);
        for (const route of rule.routes)
          expect({ host: d.host, route, in: domain?.routes.includes(route) }).toEqual({
            host: d.host,
            route,
            in: true,
          });
      }
    }
    for (const domain of AGORA_FIREWALL_DOMAINS) {
      for (const route of domain.routes) {
        const named = AGORA_CLOUD_PROXY_FIREWALL_RULES.filter((rule) => rule.routes.includes(route))
          .flatMap((rule) => rule.destinations)
          .filter((d) => d.kind === "domain" && under(domain.pattern, d.host) && domainOf(d.host) === domain)
          .map((d) => d.host);
        expect({ pattern: domain.pattern, route, named: named.length > 0 }).toEqual({
          pattern: domain.pattern,
          route,
          named: true,
        });
        // Only some hosts under it on this route: the domain's own text must say which.
        if (!named.includes(domain.pattern)) {
          for (const host of new Set(named)) expect(domain.purpose, `${domain.pattern} on ${route}`).toContain(host);
        }
      }
    }
  });
});
