import type { CloudProxyState } from "@agora-cloud-proxy/react";
import { useEffect, useRef } from "react";
import type { SdkTimeline } from "./sdkTimeline";

type Watched = Pick<CloudProxyState, "media" | "reconnect" | "attempts" | "route" | "connectionState" | "error">;

/**
 * Puts what the session decides on its own onto the timeline, as `state` rows next to the SDK
 * calls they cause: the media check (`media unverified`, `media flowing`, `media failed`), each
 * route attempt as it ends (`route direct media-failed`), and the reconnect cycle
 * (`reconnect attempt 1 of 5 in 1.0 s`, `... started`, `reconnected`, `gave up`). Read from
 * the session's state, so the rows say exactly what the status panel showed.
 *
 * @example
 * useSessionStateTimeline(status, timeline, "sim-1");
 */
export function useSessionStateTimeline(status: CloudProxyState, timeline: SdkTimeline, label: string | null): void {
  const { media, reconnect, attempts, route, connectionState, error } = status;
  const previous = useRef<Watched | null>(null);

  useEffect(() => {
    const next: Watched = { media, reconnect, attempts, route, connectionState, error };
    const before = previous.current;
    previous.current = next;
    // The first state seen is where the story starts, not a change (StrictMode runs this twice: same state, no row).
    if (before === null) return;
    const add = (name: string, value: string, detail: string | null = null) =>
      timeline.add({ kind: "state", client: label, name, args: detail === null ? [value] : [value, detail] });

    if (attempts !== before.attempts && attempts.length > 0) {
      // Attempts only grow within a join request; a new request starts a new list.
      const fresh = attempts.length > before.attempts.length ? attempts.slice(before.attempts.length) : attempts;
      for (const attempt of fresh) {
        const code = attempt.errorCode === null ? "" : ` · ${attempt.errorCode}`;
        add("route", `${attempt.route} ${attempt.outcome}`, `${(attempt.ms / 1000).toFixed(1)} s${code}`);
      }
    }

    const was = before.reconnect;
    if (reconnect !== null && reconnect.nextAt !== null && (was === null || was.attempt !== reconnect.attempt)) {
      const seconds = Math.max(0, (reconnect.nextAt - Date.now()) / 1000).toFixed(1);
      add("reconnect", `attempt ${reconnect.attempt} of ${reconnect.attempts} in ${seconds} s`);
    } else if (reconnect !== null && reconnect.nextAt === null && (was === null || was.nextAt !== null)) {
      add("reconnect", `attempt ${reconnect.attempt} of ${reconnect.attempts} started`);
    } else if (reconnect === null && was !== null) {
      if (connectionState === "CONNECTED") add("reconnect", "reconnected", `attempt ${was.attempt}`);
      else if (error?.code === "CONNECTION_LOST")
        add("reconnect", "gave up", `after ${was.attempt} of ${was.attempts}`);
      else add("reconnect", "ended", "left");
    }
    if (media !== before.media && media !== null) add("media", media, route);
  }, [media, reconnect, attempts, route, connectionState, error, timeline, label]);
}
