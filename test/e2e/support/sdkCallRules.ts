/**
 * An independent checker of the SDK's ordering rules (docs/architecture.md, "The SDK's
 * rules") over a recorded timeline of SDK calls and events, such as the call demo's. It
 * replays the timeline per client: the connection state comes from the
 * `connection-state-change` events, the proxy from the successful `startProxyServer` /
 * `stopProxyServer` calls, and every call is checked against the state it was made in.
 *
 * | call | legal only when |
 * | --- | --- |
 * | `startProxyServer(mode?)` | DISCONNECTED; mode undefined, 3 or 5; no `setProxyServer`/`setTurnServer` in force |
 * | `stopProxyServer()` | DISCONNECTED |
 * | `join(...)` | DISCONNECTED, and no earlier join of that client still pending (not cancelled by a leave) |
 * | `leave()` | always |
 *
 * Besides, no call may fail, except a join that a leave cancelled (`OPERATION_ABORTED`) and
 * the failures a test asks for (`allowedFailureCodes`).
 */

/** One recorded row: a call, a call's settled result, or an event. Other kinds are ignored. */
export interface RecordedEntry {
  readonly seq: number;
  readonly kind: string;
  readonly client: string;
  readonly name: string;
  readonly args: readonly unknown[];
  /** For calls: the `connectionState` the recorder read from the client at the call. */
  readonly state?: string;
  readonly outcome?: string;
  readonly code?: string;
  /** For results: the call they settle. */
  readonly callSeq?: number;
}

export interface Violation {
  readonly seq: number;
  readonly client: string;
  readonly rule: string;
  readonly message: string;
}

/** What a client was left with at the end of the timeline. */
export interface ClientEndState {
  readonly connectionState: string;
  /** 3 or 5 while a cloud proxy is in force; `null` when off. */
  readonly proxyMode: number | null;
  /** Join calls without a result yet. */
  readonly pendingJoins: number;
  /** Calls of any kind without a result yet (sync calls never have one). */
  readonly unsettledCalls: readonly number[];
}

export interface CheckResult {
  readonly violations: readonly Violation[];
  readonly clients: ReadonlyMap<string, ClientEndState>;
  /** How many SDK calls were checked. */
  readonly calls: number;
}

const ASYNC_METHODS = new Set(["join", "leave", "publish", "unpublish", "subscribe", "unsubscribe"]);
const VALID_PROXY_MODES = new Set<unknown>([undefined, null, 3, 5]);

interface ClientReplay {
  connectionState: string;
  proxyMode: number | null;
  manualProxy: boolean;
  /** Join calls (by seq) with no result yet, and whether a later leave cancelled them. */
  pendingJoins: Map<number, { cancelled: boolean }>;
  unsettled: Set<number>;
}

/** Replays `entries` (in `seq` order) and returns every rule broken, and each client's end state. */
export function checkSdkCallOrder(
  entries: readonly RecordedEntry[],
  options: { allowedFailureCodes?: readonly string[] } = {},
): CheckResult {
  const allowed = new Set(options.allowedFailureCodes ?? []);
  const sorted = [...entries].sort((a, b) => a.seq - b.seq);
  const failedSyncCalls = new Set(
    sorted.filter((entry) => entry.kind === "result" && entry.outcome === "error").map((entry) => entry.callSeq),
  );
  const clients = new Map<string, ClientReplay>();
  const violations: Violation[] = [];
  let calls = 0;

  const replay = (client: string): ClientReplay => {
    let state = clients.get(client);
    if (!state) {
      state = {
        connectionState: "DISCONNECTED",
        proxyMode: null,
        manualProxy: false,
        pendingJoins: new Map(),
        unsettled: new Set(),
      };
      clients.set(client, state);
    }
    return state;
  };

  for (const entry of sorted) {
    const client = replay(entry.client);
    const violation = (rule: string, message: string) =>
      violations.push({
        seq: entry.seq,
        client: entry.client,
        rule,
        message: `#${entry.seq} ${entry.client}: ${message}`,
      });

    if (entry.kind === "event") {
      if (entry.name === "connection-state-change") client.connectionState = String(entry.args[0]);
      continue;
    }

    if (entry.kind === "result") {
      if (entry.callSeq !== undefined) {
        client.unsettled.delete(entry.callSeq);
        const pending = entry.name === "join" ? client.pendingJoins.get(entry.callSeq) : undefined;
        if (entry.name === "join") client.pendingJoins.delete(entry.callSeq);
        if (entry.outcome === "error") {
          const cancelledJoin =
            entry.name === "join" && entry.code === "OPERATION_ABORTED" && pending?.cancelled === true;
          if (!cancelledJoin && !allowed.has(entry.code ?? "")) {
            violation("call-failed", `${entry.name} (call #${entry.callSeq}) failed with ${entry.code ?? "an error"}`);
          }
        }
      }
      continue;
    }

    if (entry.kind !== "call") continue;
    calls += 1;
    const disconnected = client.connectionState === "DISCONNECTED";
    if (entry.state !== undefined && entry.state !== "" && entry.state !== client.connectionState) {
      violation(
        "timeline-consistent",
        `${entry.name} was made in ${entry.state}, but the events recorded so far say ${client.connectionState}`,
      );
    }
    const succeeded = !failedSyncCalls.has(entry.seq);
    switch (entry.name) {
      case "startProxyServer": {
        const mode = entry.args[0];
        if (!disconnected)
          violation("start-proxy-when-disconnected", `startProxyServer() in ${client.connectionState}`);
        if (!VALID_PROXY_MODES.has(mode))
          violation("proxy-mode-valid", `startProxyServer(${String(mode)}): only 3 and 5`);
        if (client.manualProxy) violation("one-kind-of-proxy", "startProxyServer() after setProxyServer/setTurnServer");
        if (succeeded) client.proxyMode = typeof mode === "number" ? mode : 3;
        break;
      }
      case "stopProxyServer":
        if (!disconnected) violation("stop-proxy-when-disconnected", `stopProxyServer() in ${client.connectionState}`);
        if (succeeded) client.proxyMode = null;
        break;
      case "setProxyServer":
      case "setTurnServer":
        client.manualProxy = true;
        break;
      case "join": {
        if (!disconnected) violation("join-when-disconnected", `join() in ${client.connectionState}`);
        const live = [...client.pendingJoins.values()].filter((pending) => !pending.cancelled).length;
        if (live > 0) violation("one-join-at-a-time", `join() while ${live} earlier join(s) are still pending`);
        client.pendingJoins.set(entry.seq, { cancelled: false });
        break;
      }
      case "leave":
        for (const pending of client.pendingJoins.values()) pending.cancelled = true;
        break;
    }
    if (ASYNC_METHODS.has(entry.name)) client.unsettled.add(entry.seq);
  }

  const ends = new Map<string, ClientEndState>();
  for (const [name, client] of clients) {
    ends.set(name, {
      connectionState: client.connectionState,
      proxyMode: client.proxyMode,
      pendingJoins: client.pendingJoins.size,
      unsettledCalls: [...client.unsettled],
    });
  }
  return { violations, clients: ends, calls };
}

/** Violations as lines for an assertion message. */
export function formatViolations(violations: readonly Violation[]): string {
  return violations.map((violation) => `[${violation.rule}] ${violation.message}`).join("\n");
}
