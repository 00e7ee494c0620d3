import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import type { SdkTimeline } from "./sdkTimeline";

/** The SDK methods the timeline records: everything that changes the connection, the proxy, the token, and media. */
const RECORDED_METHODS = [
  "startProxyServer",
  "stopProxyServer",
  "setProxyServer",
  "setTurnServer",
  "join",
  "leave",
  "publish",
  "unpublish",
  "subscribe",
  "unsubscribe",
  "renewToken",
] as const;

/** The SDK events the timeline records. */
const RECORDED_EVENTS = [
  "connection-state-change",
  "is-using-cloud-proxy",
  "join-fallback-to-proxy",
  "user-joined",
  "user-left",
  "peerconnection-state-change",
  "token-privilege-will-expire",
  "token-privilege-did-expire",
] as const;

/** Where a recorded client keeps its timeline label, read through the session's guarded client too. */
const TIMELINE_LABEL = Symbol("timeline label");

/** The label `recordSdkClient` gave this client (or the guarded client over it), or `null`. */
export function timelineLabelOf(client: object): string | null {
  const label: unknown = Reflect.get(client, TIMELINE_LABEL);
  return typeof label === "string" ? label : null;
}

/**
 * Records every call of {@link RECORDED_METHODS} on the raw SDK client, and every event of
 * {@link RECORDED_EVENTS}, into `timeline`, in the order the SDK sees them. It wraps the
 * client's own methods (an own property over the prototype's), so the calls recorded are the
 * ones the session's worker really makes, with the `connectionState` they were made in.
 * Call this before handing the client to `<CloudProxyProvider>`.
 *
 * @example
 * const client = recordSdkClient(AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }), "sdk-1", timeline);
 */
export function recordSdkClient<Client extends IAgoraRTCClient>(
  client: Client,
  label: string,
  timeline: SdkTimeline,
): Client {
  const methods = client as unknown as Record<string, unknown>;
  Reflect.set(client, TIMELINE_LABEL, label);
  let joins = 0;
  const pendingJoins = new Set<number>();
  for (const method of RECORDED_METHODS) {
    const original = methods[method];
    if (typeof original !== "function") continue;
    methods[method] = function recorded(this: unknown, ...args: unknown[]): unknown {
      const joinNumber = method === "join" ? (joins += 1) : undefined;
      const call = timeline.add({
        kind: "call",
        client: label,
        name: method,
        args: redactArguments(method, args),
        connectionState: client.connectionState,
        ...(joinNumber === undefined ? {} : { joinNumber }),
        ...(method === "leave" && pendingJoins.size > 0 ? { cancelsJoins: [...pendingJoins] } : {}),
      });
      if (joinNumber !== undefined) pendingJoins.add(joinNumber);
      const settled = (outcome: "ok" | "error", fields: { args?: unknown[]; code?: string; durationMs?: number }) => {
        if (joinNumber !== undefined) pendingJoins.delete(joinNumber);
        timeline.add({
          kind: "result",
          client: label,
          name: method,
          args: [],
          outcome,
          callSeq: call.seq,
          durationMs: performance.now() - call.at,
          ...(joinNumber === undefined ? {} : { joinNumber }),
          ...fields,
        });
      };
      let result: unknown;
      try {
        result = (original as (...callArgs: unknown[]) => unknown).apply(client, args);
      } catch (error) {
        settled("error", { code: errorCode(error), durationMs: 0 }); // threw before returning
        throw error;
      }
      if (!isPromiseLike(result)) return result;
      return result.then(
        (value) => {
          settled("ok", method === "join" ? { args: [toPlain(value)] } : {});
          return value;
        },
        (error: unknown) => {
          settled("error", { code: errorCode(error) });
          throw error;
        },
      );
    };
  }
  for (const event of RECORDED_EVENTS) {
    client.on(event, (...args: unknown[]) => {
      timeline.add({ kind: "event", client: label, name: event, args: args.map(toPlain) });
    });
  }
  return client;
}

/** Never show or store an App ID or a token: a screenshot of the timeline is shared freely. */
function redactArguments(method: string, args: unknown[]): unknown[] {
  if (method !== "join") return args.map(toPlain);
  const [appid, channel, token, ...rest] = args;
  return [appid ? "<appid>" : appid, channel, token ? "<token>" : (token ?? null), ...rest.map(toPlain)];
}

/** Arguments as JSON-safe data: primitives as they are, a remote user as its uid, anything else by its type. */
function toPlain(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === "string" || typeof value === "number" || typeof value === "boolean") return value;
  if (typeof value === "object" && "uid" in value) return { uid: value.uid };
  return `[${typeof value}]`;
}

function errorCode(error: unknown): string {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : error instanceof Error ? error.name : "UNKNOWN";
}

function isPromiseLike(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}
