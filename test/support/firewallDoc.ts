/**
 * docs/firewall.md's generated parts, rendered from the library's data: the two firewall
 * tables and a sample report. test/node/firewallDoc.test.ts holds the doc to them
 * (`UPDATE_DOCS=1` rewrites the doc instead), and the call demo's e2e holds its firewall
 * panel to the doc.
 */
import {
  AGORA_CLOUD_PROXY_FIREWALL_RULES,
  AGORA_FIREWALL_DOMAINS,
  AGORA_FIREWALL_SOURCES,
  type CloudProxyPreflightResult,
  createCloudProxyReport,
  createCloudProxySession,
  type FirewallDestination,
} from "@agora-cloud-proxy/core";
import { asAgoraRTCClient, createFakeAgoraClient } from "@agora-cloud-proxy/testing";
import { vi } from "vitest";
import { freshRouteMemory } from "./routeMemory";

/** The short names the tables give the sources, with their links. */
export const SOURCE_LEGEND: readonly { label: string; source: string; text: string }[] = [
  {
    label: "page",
    source: AGORA_FIREWALL_SOURCES.firewallPage,
    text: `[Agora's firewall page](${AGORA_FIREWALL_SOURCES.firewallPage})`,
  },
  {
    label: "guide",
    source: AGORA_FIREWALL_SOURCES.cloudProxyGuide,
    text: `[Agora's cloud proxy guide for the Web SDK](${AGORA_FIREWALL_SOURCES.cloudProxyGuide}) (its test IP addresses)`,
  },
  {
    label: "sdk",
    source: AGORA_FIREWALL_SOURCES.sdkBundle,
    text: "host names read in the agora-rtc-sdk-ng 4.24.8 bundle",
  },
];

function sourceLabel(source: string): string {
  return source
    .split(" + ")
    .map((part) => SOURCE_LEGEND.find((entry) => entry.source === part)?.label ?? part)
    .join(" + ");
}

function destination(d: FirewallDestination): string {
  return `\`${d.host}\` (${sourceLabel(d.source)}${d.testOnly ? ", test only" : ""})`;
}

const row = (cells: string[]) => `| ${cells.join(" | ")} |`;

/** The legend of the source labels, one line. */
export function renderSourceLegend(): string {
  return `Sources: ${SOURCE_LEGEND.map((entry) => `**${entry.label}** = ${entry.text}`).join("; ")}.`;
}

/** The outbound rules, one row per rule of AGORA_CLOUD_PROXY_FIREWALL_RULES. */
export function renderRulesTable(): string {
  return [
    row(["protocol", "ports", "purpose", "needed by route", "destinations (source)"]),
    row(["---", "---", "---", "---", "---"]),
    ...AGORA_CLOUD_PROXY_FIREWALL_RULES.map((rule) =>
      row([
        rule.protocol,
        rule.ports,
        rule.purpose,
        rule.routes.join(", "),
        rule.destinations.map(destination).join(", "),
      ]),
    ),
  ].join("\n");
}

/** The domains, one row per entry of AGORA_FIREWALL_DOMAINS. */
export function renderDomainsTable(): string {
  return [
    row(["domain", "hosts agora-rtc-sdk-ng 4.24.8 contacts", "used for", "routes reaching a host under it", "source"]),
    row(["---", "---", "---", "---", "---"]),
    ...AGORA_FIREWALL_DOMAINS.map((domain) =>
      row([
        `\`${domain.pattern}\``,
        domain.examples.length === 0 ? "none" : domain.examples.map((host) => `\`${host}\``).join(", "),
        domain.purpose,
        domain.routes.join(", "),
        sourceLabel(domain.source),
      ]),
    ),
  ].join("\n");
}

const SAMPLE_TIME = Date.UTC(2025, 10, 24, 9, 30, 0);
const SAMPLE_USER_AGENT =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36";

/**
 * A realistic case, replayed on the fake client with fake timers (so the times are the same
 * on every run): a user behind a firewall that blocks direct connections joins in mode
 * "auto"; direct stays CONNECTING until the 5 s fallback, the UDP proxy connects. Then the
 * network test: direct timed out at 5 s, UDP and TLS connected.
 */
export async function sampleReport(): Promise<ReturnType<typeof createCloudProxyReport>> {
  vi.useFakeTimers({ now: SAMPLE_TIME });
  try {
    const fake = createFakeAgoraClient({ joinLatencyMs: 640, leaveLatencyMs: 120 });
    const session = createCloudProxySession(asAgoraRTCClient(fake), {
      mode: "auto",
      fallbackAfterMs: 5_000,
      routeMemory: freshRouteMemory(),
    });
    fake.fake.hangNextJoin(); // the firewall: a direct join never completes
    const joined = session.join({ appid: "sample-app-id", channel: "sample-channel", token: null });
    await vi.advanceTimersByTimeAsync(8_000);
    await joined;

    const startedAt = Date.now();
    const preflight: CloudProxyPreflightResult = {
      routes: [
        { route: "direct", outcome: "timeout", connectMs: null, errorCode: null, usingCloudProxy: null },
        { route: "udp", outcome: "connected", connectMs: 412, errorCode: null, usingCloudProxy: true },
        { route: "tls", outcome: "connected", connectMs: 655, errorCode: null, usingCloudProxy: true },
      ],
      best: "udp",
      startedAt,
      durationMs: 5_004,
    };
    await vi.advanceTimersByTimeAsync(5_004);
    const report = createCloudProxyReport({ session, preflight, sdkVersion: "4.24.8", userAgent: SAMPLE_USER_AGENT });
    void session.dispose();
    await vi.advanceTimersByTimeAsync(2_000);
    return report;
  } finally {
    vi.useRealTimers();
  }
}

/** The generated blocks of docs/firewall.md, between `<!-- name:start -->` and `<!-- name:end -->`. */
export async function renderFirewallDocBlocks(): Promise<Record<string, string>> {
  const sample = await sampleReport();
  return {
    "firewall-sources": renderSourceLegend(),
    "firewall-rules": renderRulesTable(),
    "firewall-domains": renderDomainsTable(),
    "sample-report": ["```text", sample.text.trimEnd(), "```"].join("\n"),
  };
}

/** The text between a block's markers, or `null` when the doc lacks them. */
export function docBlock(doc: string, name: string): string | null {
  const match = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)\\n?<!-- ${name}:end -->`).exec(doc);
  return match?.[1] ?? null;
}

/** The doc with each block replaced by its rendering. */
export function withBlocks(doc: string, blocks: Record<string, string>): string {
  let next = doc;
  for (const [name, text] of Object.entries(blocks)) {
    const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
    if (!pattern.test(next)) throw new Error(`docs/firewall.md has no ${name} block`);
    next = next.replace(pattern, (_, start: string, end: string) => `${start}${text}\n${end}`);
  }
  return next;
}
