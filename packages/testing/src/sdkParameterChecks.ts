import { createAgoraRTCError } from "./agoraRTCError";

/*
 * Argument checks copied, message for message, from agora-rtc-sdk-ng 4.24.8's minified
 * validators, so a fake call with bad arguments fails exactly like a real one. The SDK
 * names are given next to each function so the next SDK upgrade can be diffed against them.
 */

/**
 * The SDK's string check (`PN` in 4.24.8): present, a string, length within bounds and,
 * by default, only characters with a code below 256 ("ASCII" in the SDK's words).
 *
 * @example
 * checkString(proxyServer, "proxyServer"); // throws INVALID_PARAMS "proxyServer cannot be empty" for null
 */
export function checkString(value: unknown, name: string, min = 1, max = 255, asciiOnly = true): void {
  if (value === null || value === undefined) {
    throw createAgoraRTCError("INVALID_PARAMS", `${name} cannot be empty`);
  }
  if (!isStringWithin(value, min, max, asciiOnly)) {
    throw createAgoraRTCError(
      "INVALID_PARAMS",
      `Invalid ${name}: Length of the string: [${min},${max}].${asciiOnly ? " ASCII characters only." : ""}`,
    );
  }
}

/**
 * The SDK's array check (`LN`).
 *
 * @example
 * checkArray(serverList, "serverList"); // INVALID_PARAMS "serverList should be an array"
 */
export function checkArray(value: unknown, name: string): void {
  if (!Array.isArray(value)) throw createAgoraRTCError("INVALID_PARAMS", `${name} should be an array`);
}

/**
 * The SDK's number range check (`NN`). Like the SDK it compares with JavaScript's loose
 * `<` / `>`, so a numeric string passes when `integerOnly` is false.
 *
 * @example
 * checkNumberRange(70000, "accessPoints.port", 0, 65535); // INVALID_PARAMS
 */
export function checkNumberRange(value: unknown, name: string, min = 1, max = 10_000, integerOnly = true): void {
  const loose = value as number;
  const isInteger = typeof value === "number" && value % 1 === 0;
  if (loose < min || loose > max || (integerOnly && !isInteger)) {
    throw createAgoraRTCError("INVALID_PARAMS", `invalid ${name}: the value range is [${min}, ${max}]. integer only`);
  }
}

/**
 * The SDK's boolean check (`wN`).
 *
 * @example
 * checkBoolean("yes", "forceturn"); // INVALID_PARAMS "Invalid forceturn: The value is of the boolean type."
 */
export function checkBoolean(value: unknown, name: string): void {
  if (typeof value !== "boolean") {
    throw createAgoraRTCError("INVALID_PARAMS", `Invalid ${name}: The value is of the boolean type.`);
  }
}

const CHANNEL_NAME = /^[a-zA-Z0-9 !#$%&()+\-:;<=.>?@[\]^_{}|~,]{1,64}$/;

/**
 * The SDK's channel name check (`aF`).
 *
 * @example
 * checkChannelName("my channel"); // fine
 */
export function checkChannelName(channel: unknown): void {
  if (typeof channel !== "string" || !CHANNEL_NAME.test(channel)) {
    throw createAgoraRTCError(
      "INVALID_PARAMS",
      "The length must be within 64 bytes. The supported characters: a-z,A-Z,0-9,space,!, #, $, %, &, (, ), +, -, :, ;, <, =, ., >, ?, @, [, ], ^, _,  {, }, |, ~, ,",
    );
  }
}

/**
 * The SDK's user id check (`cF`): an integer in [0, 2^32 - 1] or a 1-255 character string.
 * (The SDK's message says [0,10000]; the code accepts the full 32-bit range.)
 *
 * @example
 * checkUid(-1); // INVALID_PARAMS
 */
export function checkUid(uid: unknown): void {
  const validNumber = typeof uid === "number" && Math.floor(uid) === uid && uid >= 0 && uid <= 4_294_967_295;
  if (!validNumber && !isStringWithin(uid, 1, 255, true)) {
    throw createAgoraRTCError(
      "INVALID_PARAMS",
      "[String uid] Length of the string: [1,255]. ASCII characters only. [Number uid] The value range is [0,10000]",
    );
  }
}

/**
 * The argument checks `client.join()` runs before it touches the connection state, in
 * the SDK's order: token, app id, channel, uid, options. Falsy uids and options are skipped,
 * as in the SDK (so `uid: ""` or `0` means "let the server assign one").
 *
 * @example
 * checkJoinArguments(appid, "room", undefined, 1); // INVALID_PARAMS "Invalid token: undefined. ..."
 */
export function checkJoinArguments(
  appid: unknown,
  channel: unknown,
  token: unknown,
  uid: unknown,
  options: unknown,
): void {
  if (!token && token !== null) {
    // Only falsy primitives get here (undefined, "", 0, false...); the template prints them as
    // the SDK's string concatenation does.
    throw createAgoraRTCError(
      "INVALID_PARAMS",
      `Invalid token: ${token as string}. If you don not use token, set it to null`,
    );
  }
  if (token) checkString(token, "token", 1, 2047);
  checkString(appid, "appid", 1, 2047);
  checkChannelName(channel);
  if (uid) checkUid(uid);
  if (!options) return;
  if (typeof options === "string") {
    checkString(options, "optionalInfo", 1, 256);
    return;
  }
  if (typeof options !== "object") {
    throw createAgoraRTCError("INVALID_PARAMS", "Invalid options: options is not a string or object");
  }
  const { autoSubscribe, autoReceiveAndPlayAudio, enableInstantMuteRestore, networkQualityProbe } = options as Record<
    string,
    unknown
  >;
  if (autoSubscribe !== undefined) checkBoolean(autoSubscribe, "autoSubscribe");
  if (autoReceiveAndPlayAudio !== undefined) checkBoolean(autoReceiveAndPlayAudio, "autoReceiveAndPlayAudio");
  if (enableInstantMuteRestore) checkBoolean(enableInstantMuteRestore, "enableInstantMuteRestore");
  if (networkQualityProbe) checkBoolean(networkQualityProbe, "networkQualityProbe");
}

/**
 * The SDK's check of one `TurnServerConfig` (`$N`). Ports and flags are only checked when
 * truthy, as in the SDK (so `udpport: 0` passes).
 *
 * @example
 * checkTurnServer({ turnServerURL: "turn.example.com", username: "u", password: "p", tcpport: 100000 }); // INVALID_PARAMS
 */
export function checkTurnServer(config: unknown): void {
  const server = (config ?? {}) as Record<string, unknown>;
  checkString(server.turnServerURL, "turnServerURL");
  checkString(server.username, "username");
  checkString(server.password, "password");
  if (server.udpport) checkNumberRange(server.udpport, "udpport", 1, 99_999, true);
  if (server.forceturn) checkBoolean(server.forceturn, "forceturn");
  if (server.security) checkBoolean(server.security, "security");
  if (server.tcpport) checkNumberRange(server.tcpport, "tcpport", 1, 99_999, true);
}

/**
 * Whether a `setTurnServer` argument is a non-empty list of `RTCIceServer`-style entries
 * (each with `urls`), which the SDK stores as "original-manual" and does NOT count as a
 * manual proxy (`QN`).
 *
 * @example
 * isIceServerList([{ urls: "turn:turn.example.com" }]); // true
 */
export function isIceServerList(servers: readonly unknown[]): boolean {
  return servers.length > 0 && servers.every((server) => Boolean((server as { urls?: unknown } | null)?.urls));
}

function isStringWithin(value: unknown, min: number, max: number, asciiOnly: boolean): value is string {
  if (typeof value !== "string" || value.length < min || value.length > max) return false;
  if (!asciiOnly) return true;
  for (let index = 0; index < value.length; index += 1) {
    if (value.charCodeAt(index) > 255) return false;
  }
  return true;
}
