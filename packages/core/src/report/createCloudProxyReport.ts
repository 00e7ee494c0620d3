import type { CloudProxyState } from "../cloudProxyState";
import { firewallRulesFor } from "../firewallRules";
import type { CloudProxyHistoryEntry } from "../types";
import type { CloudProxyReport, CloudProxyReportOptions, CloudProxyReportSession } from "./cloudProxyReport";
import { formatCloudProxyReport } from "./formatCloudProxyReport";
import { oneLine } from "./oneLine";
import { blockedRoutes, refusals, reportRoutes, stalledMsOf, workingRoutes } from "./reportRoutes";

/**
 * A report for IT about why a call could not reach Agora (or how it did): `json` is plain
 * data ({@link CloudProxyReport}), `text` the same as a readable plain-text ticket. Give it
 * the call's session, a network test's result, or both. It reads only what the session keeps
 * (state, attempts, history), which never includes the App ID, the token or the channel name,
 * and it leaves out the uid: a report can be attached to a ticket as it is.
 *
 * @example
 * ```ts
 * const { json, text } = createCloudProxyReport({ session, preflight, sdkVersion: AgoraRTC.VERSION });
 * const link = Object.assign(document.createElement("a"), {
 *   href: URL.createObjectURL(new Blob([text], { type: "text/plain" })),
 *   download: `agora-report-${json.createdAt.replace(/[:.]/g, "-")}.txt`,
 * });
 * link.click();
 * ```
 */
export function createCloudProxyReport(options: CloudProxyReportOptions = {}): {
  json: CloudProxyReport;
  text: string;
} {
  const { preflight = null } = options;
  const snapshot = readSession(options.session);
  const state = snapshot?.state ?? null;

  const routes = reportRoutes(preflight, state);
  const failedRoutes = blockedRoutes(routes);

  const json: CloudProxyReport = {
    format: "agora-cloud-proxy-report/1",
    createdAt: new Date().toISOString(),
    sdkVersion: oneLine(options.sdkVersion),
    userAgent: oneLine(options.userAgent ?? globalThis.navigator?.userAgent),
    usingCloudProxy: state?.usingCloudProxy ?? null,
    networkTest: preflight
      ? {
          startedAt: isoTime(preflight.startedAt),
          durationMs: preflight.durationMs,
          best: preflight.best,
        }
      : null,
    routes,
    failedRoutes,
    workingRoutes: workingRoutes(routes),
    refused: refusals(routes),
    session: state ? sessionPart(state) : null,
    history: (snapshot?.history ?? []).map((entry) => ({
      at: isoTime(entry.at) ?? "unknown",
      kind: entry.kind,
      name: entry.name,
      detail: entry.detail,
    })),
    firewallRules: firewallRulesFor(failedRoutes),
  };
  return { json, text: formatCloudProxyReport(json) };
}

// An epoch-ms time as ISO 8601, or `null` when it is not one (NaN, a string from a hand-made
// preflight): `toISOString` would throw, and a report must never throw.
function isoTime(ms: unknown): string | null {
  if (typeof ms !== "number") return null;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function readSession(
  session: CloudProxyReportOptions["session"],
): { state: CloudProxyState; history: readonly CloudProxyHistoryEntry[] } | null {
  if (!session) return null;
  if ("store" in session) return { state: session.store.getState(), history: session.history.getState() };
  return session;
}

function sessionPart(state: CloudProxyState): CloudProxyReportSession {
  const error = state.error;
  return {
    connectionState: state.connectionState,
    proxy: state.proxy,
    mode: state.mode,
    route: state.route,
    joinRequested: state.joinRequested,
    stalledMs: stalledMsOf(state),
    error: error ? { code: error.code, sdkCode: error.sdkCode ?? null, message: error.message } : null,
  };
}
