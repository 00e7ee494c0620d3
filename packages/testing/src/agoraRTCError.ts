import type { AgoraRTCErrorCode } from "agora-rtc-sdk-ng";

/**
 * A code the SDK's `AgoraRTCError` can carry: one of the codes its typings declare, as plain
 * string literals (editors autocomplete them), or any other string, because the SDK's runtime
 * throws a few codes its typings leave out (e.g. `"INVALID_VENDOR_KEY"`).
 *
 * The SDK declares its codes as a TypeScript `enum`; a template literal over it gives the
 * same names without importing the enum at runtime (this package has no runtime deps).
 *
 * @example
 * const code: AgoraRTCErrorCodeName = "INVALID_OPERATION";
 */
export type AgoraRTCErrorCodeName = `${AgoraRTCErrorCode}` | (string & Record<never, never>);

/**
 * The shape of an error thrown by agora-rtc-sdk-ng 4.x (its internal `AgoraRTCError`):
 * `name` is always `"AgoraRTCException"` and `message` is `"AgoraRTCError " + code + ": " + text`.
 * Both the real SDK's errors and the fake's satisfy it.
 *
 * @example
 * try {
 *   client.startProxyServer(1);
 * } catch (error) {
 *   if (isAgoraRTCErrorLike(error) && error.code === "NOT_SUPPORTED") {
 *     // proxy modes 1 and 2 are gone
 *   }
 * }
 */
export interface AgoraRTCErrorLike extends Error {
  readonly name: "AgoraRTCException";
  readonly code: AgoraRTCErrorCodeName;
  readonly message: string;
  readonly data?: unknown;
}

/**
 * An error built exactly like the SDK builds its own: same `name`, `code`, `message`
 * format, optional `data`, and the same `toString()`.
 *
 * @example
 * const error = new FakeAgoraRTCError("OPERATION_ABORTED", "cancel token canceled");
 * error.message; // "AgoraRTCError OPERATION_ABORTED: cancel token canceled"
 */
export class FakeAgoraRTCError extends Error implements AgoraRTCErrorLike {
  // Own enumerable properties, like the SDK's (tests that spread or serialise an error see the same keys).
  override readonly name = "AgoraRTCException" as const;
  readonly code: AgoraRTCErrorCodeName;
  override readonly message: string;
  readonly data?: unknown;

  constructor(code: AgoraRTCErrorCodeName, text = "", data?: unknown) {
    super(text);
    this.code = code;
    this.message = `AgoraRTCError ${code}: ${text}`;
    this.data = data;
  }

  /** Same format as the SDK: the message, plus the data as JSON when there is any. */
  override toString(): string {
    return this.data === undefined ? this.message : `${this.message}\ndata: ${JSON.stringify(this.data)}`;
  }
}

/**
 * Creates an error shaped like the SDK's `AgoraRTCError`.
 *
 * @param code the SDK error code, e.g. `"INVALID_OPERATION"`
 * @param text the text after the code; the message becomes `"AgoraRTCError <code>: <text>"`
 * @param data optional extra data, as the SDK attaches to some errors
 *
 * @example
 * const error = createAgoraRTCError("INVALID_OPERATION", "Start proxy server before join channel");
 * expect(() => client.startProxyServer(3)).toThrow(error.message);
 */
export function createAgoraRTCError(code: AgoraRTCErrorCodeName, text = "", data?: unknown): FakeAgoraRTCError {
  return new FakeAgoraRTCError(code, text, data);
}

/**
 * Whether `value` looks like an error thrown by agora-rtc-sdk-ng (real or fake).
 *
 * It checks the shape, not the class: the real SDK does not export its error class, and the
 * copy bundled by agora-rtc-react is a different class again.
 *
 * @example
 * await client.join(appid, channel, null).catch((error: unknown) => {
 *   if (isAgoraRTCErrorLike(error) && error.code === "OPERATION_ABORTED") return; // left while joining
 *   throw error;
 * });
 */
export function isAgoraRTCErrorLike(value: unknown): value is AgoraRTCErrorLike {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { name?: unknown; code?: unknown; message?: unknown };
  return (
    candidate.name === "AgoraRTCException" &&
    typeof candidate.code === "string" &&
    typeof candidate.message === "string" &&
    candidate.message.startsWith(`AgoraRTCError ${candidate.code}:`)
  );
}
