import type { RouteAttempt } from "./cloudProxyRoute";

/**
 * Every way a cloud proxy session can fail, as a stable string you can switch on.
 *
 * - `INVALID_MODE`: a mode other than "udp", "tls", 3, 5 or "off". Thrown synchronously.
 * - `INVALID_CLIENT`: what was passed is not an `IAgoraRTCClient`.
 * - `INVALID_JOIN_OPTIONS`: join options without an App ID or channel, or of the wrong type.
 * - `CLIENT_IN_USE`: another live session already owns this client.
 * - `PROXY_CONFLICT`: the client already uses `setProxyServer`, `setTurnServer` or local access points.
 * - `PROXY_FAILED`: the SDK refused to start or stop the cloud proxy for another reason.
 * - `JOIN_FAILED`: the SDK rejected `join` (see `sdkCode` and `cause`).
 * - `LEAVE_FAILED`: the SDK rejected `leave`.
 * - `CONNECTION_LOST`: the SDK gave up reconnecting and went DISCONNECTED on its own.
 * - `UNREACHABLE`: auto mode tried every route (direct, UDP proxy, TLS 443 proxy) and none connected; see `attempts`.
 * - `CANCELLED`: a later call replaced this one before the SDK got there.
 * - `DISPOSED`: the session was disposed; nothing reaches the SDK any more.
 *
 * @example
 * ```ts
 * session.store.subscribe(({ error }) => {
 *   const code: CloudProxyErrorCode | undefined = error?.code;
 *   if (code === "PROXY_CONFLICT") showBanner("Remove setProxyServer(), or set mode to off.");
 * });
 * ```
 */
export type CloudProxyErrorCode =
  | "INVALID_MODE"
  | "INVALID_CLIENT"
  | "INVALID_JOIN_OPTIONS"
  | "CLIENT_IN_USE"
  | "PROXY_CONFLICT"
  | "PROXY_FAILED"
  | "JOIN_FAILED"
  | "LEAVE_FAILED"
  | "CONNECTION_LOST"
  | "UNREACHABLE"
  | "CANCELLED"
  | "DISPOSED";

/**
 * The one error type of this library. `code` is stable; `message` says what happened,
 * which rule it broke and what to do next; `cause` holds the SDK's own error, if any.
 * Messages never contain App IDs or tokens.
 *
 * @example
 * ```ts
 * try {
 *   await session.join({ appid, channel, token });
 * } catch (error) {
 *   if (error instanceof CloudProxyError && error.code === "JOIN_FAILED") {
 *     console.warn(error.sdkCode); // e.g. "CAN_NOT_GET_GATEWAY_SERVER"
 *   }
 * }
 * ```
 */
export class CloudProxyError extends Error {
  override readonly name = "CloudProxyError";
  /** Stable code to switch on. */
  readonly code: CloudProxyErrorCode;
  /** The SDK's error code (`AgoraRTCError.code`) when the SDK raised the error. */
  readonly sdkCode: string | undefined;
  /** For `UNREACHABLE`: every route tried, with its outcome and duration. */
  readonly attempts: readonly RouteAttempt[] | undefined;

  constructor(
    code: CloudProxyErrorCode,
    message: string,
    options: { cause?: unknown; attempts?: readonly RouteAttempt[] } = {},
  ) {
    super(message, "cause" in options ? { cause: options.cause } : undefined);
    this.code = code;
    this.sdkCode = sdkErrorCode(options.cause);
    this.attempts = options.attempts;
  }
}

/**
 * Tells a {@link CloudProxyError} from anything else, across bundle copies of this library.
 *
 * @example
 * ```ts
 * if (isCloudProxyError(error, "DISPOSED")) return;
 * ```
 */
export function isCloudProxyError(error: unknown, code?: CloudProxyErrorCode): error is CloudProxyError {
  return (
    typeof error === "object" &&
    error !== null &&
    (error as { name?: unknown }).name === "CloudProxyError" &&
    (code === undefined || (error as { code?: unknown }).code === code)
  );
}

/** The `code` of an AgoraRTCError-like value, if it has one. */
export function sdkErrorCode(error: unknown): string | undefined {
  const code = typeof error === "object" && error !== null ? (error as { code?: unknown }).code : undefined;
  return typeof code === "string" ? code : undefined;
}
