import { memo, useLayoutEffect, useRef, useSyncExternalStore } from "react";
import type { SdkTimeline, TimelineEntry } from "./sdkTimeline";

const KIND_ICON: Record<TimelineEntry["kind"], string> = {
  call: "→",
  result: "←",
  event: "⚡",
  session: "!",
  state: "◆",
  action: "●",
};

const PROXY_MODE_NAME: Record<number, string> = { 3: "UDP", 5: "TCP/TLS 443" };

function formatTime(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  const seconds = (ms % 60_000) / 1000;
  return `${minutes.toString().padStart(2, "0")}:${seconds.toFixed(3).padStart(6, "0")}`;
}

/** A recorded value as text: strings as they are, everything else as JSON. */
function plain(value: unknown): string {
  return typeof value === "string" ? value : (JSON.stringify(value) ?? "");
}

function formatArgs(args: readonly unknown[]): string {
  return args
    .map((arg) => (typeof arg === "string" ? JSON.stringify(arg) : (JSON.stringify(arg) ?? "undefined")))
    .join(", ");
}

/** "1 call", "2 calls". */
function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** A join with its number ("join #2"), so its late result can be matched to it; other methods as they are. */
function callName(entry: TimelineEntry): string {
  return entry.joinNumber === undefined ? entry.name : `${entry.name} #${entry.joinNumber}`;
}

function describe(entry: TimelineEntry): { text: string; detail?: string } {
  switch (entry.kind) {
    case "call": {
      const mode = entry.name === "startProxyServer" ? PROXY_MODE_NAME[entry.args[0] as number] : undefined;
      const cancels = entry.cancelsJoins?.length ? ` · cancels join #${entry.cancelsJoins.join(", #")}` : "";
      return {
        text: `${callName(entry)}(${formatArgs(entry.args)})`,
        detail: mode ?? `in ${entry.connectionState}${cancels}`,
      };
    }
    case "result": {
      const duration = entry.durationMs === undefined ? undefined : `${Math.round(entry.durationMs)} ms`;
      if (entry.outcome === "ok") {
        const uid = entry.name === "join" ? ` uid ${String((entry.args[0] as string | number | undefined) ?? "")}` : "";
        return { text: `${callName(entry)} resolved${uid}`, detail: duration };
      }
      if (entry.code === "OPERATION_ABORTED") {
        // The SDK's answer to a join that leave() cancelled: the plan working, not a failure.
        return {
          text: `${callName(entry)} → OPERATION_ABORTED`,
          detail: `cancelled by leave()${duration ? ` · ${duration}` : ""}`,
        };
      }
      const verb = entry.name === "join" || entry.name === "leave" ? "rejected" : "threw";
      return { text: `${callName(entry)} ${verb} ${entry.code ?? ""}`, detail: duration };
    }
    case "event":
      if (entry.name === "connection-state-change") {
        const [current, previous, reason] = entry.args;
        return {
          text: `→ ${plain(current)}`,
          detail: `from ${plain(previous)}${reason ? ` · ${plain(reason)}` : ""}`,
        };
      }
      return { text: `${entry.name} ${formatArgs(entry.args)}` };
    case "session":
      return { text: `CloudProxyError ${entry.name}`, detail: plain(entry.args[0]) };
    case "state": {
      const [value, detail] = entry.args;
      return { text: `${entry.name} ${plain(value)}`, detail: detail === undefined ? undefined : plain(detail) };
    }
    case "action":
      return { text: entry.args.length > 0 ? `${entry.name}: ${plain(entry.args[0])}` : entry.name };
  }
}

const TimelineRow = memo(function TimelineRow({ entry }: { entry: TimelineEntry }) {
  const { text, detail } = describe(entry);
  const failed = entry.outcome === "error" && entry.code !== "OPERATION_ABORTED";
  const cancelled = entry.outcome === "error" && entry.code === "OPERATION_ABORTED";
  return (
    <li
      className={`timeline-row kind-${entry.kind}${failed ? " is-error" : ""}${cancelled ? " is-cancelled" : ""}`}
      data-seq={entry.seq}
      data-at={Math.round(entry.at)}
      data-kind={entry.kind}
      data-client={entry.client ?? ""}
      data-name={entry.name}
      data-args={JSON.stringify(entry.args)}
      data-state={entry.connectionState ?? ""}
      data-outcome={entry.outcome ?? ""}
      data-code={entry.code ?? ""}
      data-call-seq={entry.callSeq ?? ""}
      data-join={entry.joinNumber ?? ""}
      data-cancels-joins={entry.cancelsJoins?.join(" ") ?? ""}
    >
      <time className="timeline-time">{formatTime(entry.at)}</time>
      <span className="timeline-client">{entry.client ?? "you"}</span>
      <span className="timeline-icon" aria-hidden="true">
        {KIND_ICON[entry.kind]}
      </span>
      <span className="timeline-text">
        {entry.kind === "event" && entry.name === "connection-state-change" ? (
          <span className="timeline-event-name" title="connection-state-change">
            connection{" "}
          </span>
        ) : null}
        <span className="timeline-main">{text}</span>
        {detail ? <span className="timeline-detail">{detail}</span> : null}
      </span>
    </li>
  );
});

/**
 * Every SDK call and event, oldest first, with a timestamp: the proof that however fast the
 * clicks come, the SDK sees start -> join -> leave -> stop. Sticks to the bottom while you
 * are there, and stays put when you scroll up to read.
 */
export function TimelinePanel({ timeline }: { timeline: SdkTimeline }) {
  const entries = useSyncExternalStore(timeline.subscribe, timeline.getSnapshot);
  const list = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);

  useLayoutEffect(() => {
    const element = list.current;
    if (element && pinned.current) element.scrollTop = element.scrollHeight;
  }, [entries]);

  const calls = entries.filter((entry) => entry.kind === "call").length;
  const events = entries.filter((entry) => entry.kind === "event").length;

  return (
    <section className="column card timeline-card" aria-labelledby="timeline-heading">
      <div className="card-header">
        <div>
          <h2 id="timeline-heading">SDK timeline</h2>
          <p className="muted small" data-testid="timeline-counts">
            {count(calls, "call", "calls")} · {count(events, "event", "events")}
          </p>
        </div>
        <button type="button" className="button ghost" onClick={() => timeline.clear()} disabled={entries.length === 0}>
          Clear
        </button>
      </div>
      <ul className="legend" aria-label="Legend">
        <li className="kind-action">● you</li>
        <li className="kind-call">→ SDK call</li>
        <li className="kind-result">← settled</li>
        <li className="kind-event">⚡ SDK event</li>
        <li className="kind-session">! session error</li>
        <li className="kind-state">◆ session state</li>
      </ul>
      <ol
        ref={list}
        className="timeline"
        data-testid="timeline"
        onScroll={(event) => {
          const element = event.currentTarget;
          pinned.current = element.scrollHeight - element.scrollTop - element.clientHeight < 24;
        }}
      >
        {entries.length === 0 ? <li className="timeline-empty">Nothing yet: the SDK has not been called.</li> : null}
        {entries.map((entry) => (
          <TimelineRow key={entry.seq} entry={entry} />
        ))}
      </ol>
    </section>
  );
}
