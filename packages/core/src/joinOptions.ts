import { CloudProxyError } from "./CloudProxyError";
import { describeShape } from "./describeValue";
import type { CloudProxyJoinOptions } from "./types";

/**
 * Checks join options before anything reaches the SDK. The message names the field and
 * never its value, so an App ID or token never lands in an error or a log.
 */
export function validateJoinOptions(options: unknown): CloudProxyJoinOptions {
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    throw invalid(`join() needs an options object { appid, channel, token?, uid? }; got ${describeShape(options)}.`);
  }
  const { appid, channel, token, uid } = options as Record<string, unknown>;
  if (typeof appid !== "string" || appid.length === 0) {
    throw invalid("join() needs `appid`: your Agora App ID as a non-empty string.");
  }
  if (typeof channel !== "string" || channel.length === 0) {
    throw invalid("join() needs `channel`: the channel name as a non-empty string.");
  }
  if (token != null && typeof token !== "string" && typeof token !== "function") {
    throw invalid(
      "join() `token` must be a string, a function that returns one (a token provider), or null for a project in testing mode.",
    );
  }
  if (uid != null && typeof uid !== "string" && typeof uid !== "number") {
    throw invalid("join() `uid` must be a number, a string, or null to let Agora assign one.");
  }
  return { appid, channel, token: (token as CloudProxyJoinOptions["token"]) ?? null, uid: uid ?? null };
}

/**
 * Two joins into the same call: same App ID, channel and uid, and both with a token (or both
 * without). They differ at most by the token, which the SDK takes through `renewToken`
 * without leaving: a second join() like that is free, or a renewal.
 */
export function sameCall(a: CloudProxyJoinOptions, b: CloudProxyJoinOptions): boolean {
  return (
    a.appid === b.appid &&
    a.channel === b.channel &&
    (a.token == null) === (b.token == null) &&
    (a.uid ?? null) === (b.uid ?? null)
  );
}

function invalid(message: string): CloudProxyError {
  return new CloudProxyError("INVALID_JOIN_OPTIONS", message);
}
