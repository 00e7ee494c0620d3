import { AGORA_FIREWALL_SOURCES } from "../firewallSources";
import type { CloudProxyRoute } from "../types";
import type { CloudProxyReport } from "./cloudProxyReport";
import { oneLine } from "./oneLine";

const ROUTE_NAME: Record<CloudProxyRoute, string> = {
  direct: "direct (no proxy)",
  udp: "udp (cloud proxy over UDP, SDK mode 3)",
  tls: "tls (cloud proxy over TCP/TLS 443, SDK mode 5)",
};

// Sources are long (a URL each): the rules name them by a short label, listed once below.
const SOURCE_LABEL: [source: string, label: string][] = [
  [AGORA_FIREWALL_SOURCES.firewallPage, "page"],
  [AGORA_FIREWALL_SOURCES.cloudProxyGuide, "guide"],
  [AGORA_FIREWALL_SOURCES.sdkBundle, "sdk"],
];

/** The plain-text form of a report: what an IT ticket shows, from the same data as `json`. */
export function formatCloudProxyReport(report: CloudProxyReport): string {
  const lines: string[] = [
    "AGORA CLOUD PROXY REPORT (for IT)",
    "",
    ...pairs([
      ["Created", report.createdAt],
      // Cleaned again: a report's json may come from elsewhere than createCloudProxyReport.
      ["SDK", sdk(oneLine(report.sdkVersion))],
      ["Browser", oneLine(report.userAgent)],
    ]),
    "It holds no App ID, token or channel name.",
    "",
    "SUMMARY",
    ...pairs([
      ["Blocked routes", blocked(report)],
      ["Working routes", named(report.workingRoutes)],
      ["Cloud proxy used", yesNo(report.usingCloudProxy)],
      ["Network test", report.networkTest ? networkTest(report.networkTest) : "not run"],
    ]),
    // Said apart from the blocked routes: IT can't fix these, the app's developer can.
    ...report.refused.map(
      (r) => `Refused (not the firewall): ${r.route} ${r.errorCode ?? "unknown error"} — ${r.advice}`,
    ),
    "",
    "ROUTES TRIED",
    ...(report.routes.length === 0
      ? ["none"]
      : table([
          ["from", "route", "outcome", "SDK code", "time"],
          ...report.routes.map((r) => [
            r.from,
            r.route,
            r.outcome,
            r.errorCode ?? "-",
            r.ms === null ? "-" : `${r.ms} ms`,
          ]),
        ])),
    "",
    "CALL",
    ...(report.session ? callLines(report.session) : ["no session"]),
    "",
    `FIREWALL RULES THE BLOCKED ROUTES NEED (${list(report.failedRoutes.map((r) => (onlyStalled(report, r) ? `${r} stalled` : r)))})`,
    ...(report.firewallRules.length === 0 ? ["none: no route was blocked"] : ruleLines(report)),
    "",
    "HISTORY (oldest first)",
    ...(report.history.length === 0
      ? ["empty"]
      : table(report.history.map((entry) => [entry.at, entry.kind, entry.name, entry.detail ?? ""]))),
  ];
  return `${lines.join("\n")}\n`;
}

function callLines(session: NonNullable<CloudProxyReport["session"]>): string[] {
  const { error } = session;
  return pairs([
    ["Connection", session.connectionState],
    ["Proxy", `${session.proxy}${session.mode ? ` (${session.mode})` : ""}`],
    ["Route", session.route ?? "none"],
    ["Join requested", yesNo(session.joinRequested)],
    ["Stalled", session.stalledMs === null ? "no" : `CONNECTING for ${session.stalledMs} ms`],
    ["Error", error ? `${error.code}${error.sdkCode ? ` (SDK ${error.sdkCode})` : ""}: ${error.message}` : "none"],
  ]);
}

function ruleLines(report: CloudProxyReport): string[] {
  const lines: string[] = [];
  for (const rule of report.firewallRules) {
    lines.push(`${rule.protocol} ${rule.ports}: ${rule.purpose} (routes: ${rule.routes.join(", ")})`);
    lines.push(
      ...table(
        rule.destinations.map((d) => [`  ${d.host}`, d.testOnly ? "test only" : "", `[${sourceLabels(d.source)}]`]),
      ),
    );
  }
  lines.push(
    "Test-only addresses are Agora's, for trying the cloud proxy; production addresses are assigned by Agora per customer.",
    "Allow domains by name (each * is one label), not by IP address: Agora's edge addresses change.",
    `Sources: ${SOURCE_LABEL.map(([source, label]) => `${label} = ${source}`).join("; ")}`,
  );
  return lines;
}

// A stalled route is counted as blocked so IT gets its rules, but nothing proved it blocked:
// the text says so wherever it names one.
function blocked(report: CloudProxyReport): string {
  if (report.failedRoutes.length === 0) return "none";
  return report.failedRoutes
    .map((route) => {
      if (!onlyStalled(report, route)) return ROUTE_NAME[route];
      const ms = report.routes.find((r) => r.route === route && r.outcome === "stalled")?.ms;
      return `${ROUTE_NAME[route]} — stalled (CONNECTING${ms == null ? "" : ` for ${ms} ms`}), not a proven failure`;
    })
    .join("; ");
}

/** Whether a blocked route is blocked only by a stalled join (no timeout, no failure). */
const onlyStalled = (report: CloudProxyReport, route: CloudProxyRoute): boolean =>
  !report.routes.some((r) => r.route === route && (r.outcome === "timeout" || r.outcome === "failed"));

const sdk = (version: string): string => (/^\d/.test(version) ? `agora-rtc-sdk-ng ${version}` : version);

function networkTest(test: NonNullable<CloudProxyReport["networkTest"]>): string {
  return `started ${test.startedAt === null ? "at an unknown time" : test.startedAt}, took ${test.durationMs} ms, best route ${test.best ?? "none"}`;
}

function sourceLabels(source: string): string {
  return source
    .split(" + ")
    .map((part) => SOURCE_LABEL.find(([known]) => known === part)?.[1] ?? part)
    .join(" + ");
}

const named = (routes: readonly CloudProxyRoute[]): string =>
  routes.length === 0 ? "none" : routes.map((route) => ROUTE_NAME[route]).join("; ");
const list = (routes: readonly string[]): string => (routes.length === 0 ? "none" : routes.join(", "));
const yesNo = (value: boolean | null): string => (value === null ? "unknown" : value ? "yes" : "no");

// One column for every "label: value" line of the report, so its sections line up.
const LABEL_WIDTH = 19;

function pairs(rows: [label: string, value: string][]): string[] {
  const width = Math.max(LABEL_WIDTH, ...rows.map(([label]) => label.length + 2));
  return rows.map(([label, value]) => `${`${label}:`.padEnd(width)}${value}`);
}

/** Left-aligned columns, two spaces apart, no trailing spaces. */
function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0))) ?? [];
  return rows.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join("  ")
      .trimEnd(),
  );
}
