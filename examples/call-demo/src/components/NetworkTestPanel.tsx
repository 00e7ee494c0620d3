import type { CloudProxyRoute, RouteTestResult, UseCloudProxyPreflightResult } from "@agora-cloud-proxy/react";

const ROUTES: { route: CloudProxyRoute; label: string }[] = [
  { route: "direct", label: "Direct (no proxy)" },
  { route: "udp", label: "UDP proxy · mode 3" },
  { route: "tls", label: "TCP/TLS 443 proxy · mode 5" },
];

const TONE: Record<RouteTestResult["outcome"], string> = {
  connected: "good",
  timeout: "bad",
  failed: "bad",
  aborted: "neutral",
};

function resultText(result: RouteTestResult | undefined, running: boolean): string {
  if (!result) return running ? "testing…" : "not tested";
  if (result.outcome === "connected") return `connected · ${result.connectMs ?? "?"} ms`;
  if (result.outcome === "failed") return `failed · ${result.errorCode ?? "?"}`;
  // A firewall that drops packets never answers: the SDK keeps trying, so a blocked route ends as a timeout.
  if (result.outcome === "timeout") return "failed · no answer (timeout)";
  return result.outcome;
}

/**
 * The network test: each route on a throwaway client (never the call's), in parallel, so the
 * user learns which routes get through before (or instead of) waiting on a stuck join.
 */
export function NetworkTestPanel({ test, onRun }: { test: UseCloudProxyPreflightResult; onRun: () => void }) {
  return (
    <section className="card" aria-labelledby="network-test-heading" data-testid="network-test">
      <div className="card-header">
        <h2 id="network-test-heading">Network test</h2>
        {test.running ? (
          <button type="button" className="button ghost" onClick={() => test.cancel()}>
            Cancel
          </button>
        ) : null}
      </div>
      <button type="button" className="button secondary" disabled={test.running} onClick={onRun}>
        Run network test
      </button>
      <ul className="route-tests">
        {ROUTES.map(({ route, label }) => {
          const result = test.results.find((r) => r.route === route);
          const tone = result ? TONE[result.outcome] : test.running ? "progress" : "neutral";
          return (
            <li key={route} data-testid={`network-test-${route}`} data-outcome={result?.outcome ?? ""}>
              <span>{label}</span>
              <span className={`pill tone-${tone}`}>{resultText(result, test.running)}</span>
            </li>
          );
        })}
      </ul>
      {test.error ? (
        <p className="hint warning" role="alert" data-testid="network-test-error">
          <code>{test.error.code}</code> {test.error.message}
        </p>
      ) : null}
      <p className="note" data-testid="network-test-best">
        {test.running
          ? "Joining a throwaway client per route…"
          : test.results.length === 0
            ? "Joins a throwaway client per route (direct, UDP proxy, TLS 443 proxy) and reports which connect."
            : test.best
              ? `Best route: ${test.best}. Mode "Auto" starts there.`
              : "No route connected: hand IT the report and the firewall rules."}
      </p>
    </section>
  );
}
