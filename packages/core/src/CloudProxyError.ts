import type { CloudProxyErrorCode, RouteAttempt } from "./types";

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
