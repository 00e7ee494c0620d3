import type { UID } from "agora-rtc-sdk-ng";
import { CloudProxyError } from "../CloudProxyError";
import { describeShape } from "../describeValue";
import type { CloudProxyTokenProvider, CloudProxyTokenReason } from "../types";

/** A join's `token`: a string, `null`, or a provider the session asks before each SDK join. */
export type TokenSource = string | null | CloudProxyTokenProvider;

/**
 * The token for one SDK call: the string as it is, or the provider's answer for `reason`.
 * Returns the token, or a promise of it when the provider is async; a provider that throws,
 * rejects or answers something else than a string or `null` ends in `TOKEN_FAILED` (thrown,
 * or the promise rejects). The token itself never reaches a message.
 */
export function tokenFor(
  source: TokenSource,
  context: { channel: string; uid: UID | null; reason: CloudProxyTokenReason },
): string | null | Promise<string | null> {
  if (typeof source !== "function") return source;
  let answer: unknown;
  try {
    answer = source({ ...context });
  } catch (cause) {
    throw providerFailed(context.reason, cause);
  }
  if (!isThenable(answer)) return checked(answer, context.reason);
  return Promise.resolve(answer).then(
    (token) => checked(token, context.reason),
    (cause: unknown) => {
      throw providerFailed(context.reason, cause);
    },
  );
}

/** `TOKEN_FAILED` for the SDK refusing `renewToken` (an invalid or expired token). */
export function renewFailedError(cause: unknown): CloudProxyError {
  return new CloudProxyError(
    "TOKEN_FAILED",
    `The SDK refused the new token in renewToken() (${(cause as { code?: string } | null)?.code ?? "unknown error"}). Give join() a token for this channel and uid; the call stays up until the old token expires.`,
    { cause },
  );
}

function checked(token: unknown, reason: CloudProxyTokenReason): string | null {
  if (token === null || (typeof token === "string" && token.length > 0)) return token;
  throw new CloudProxyError(
    "TOKEN_FAILED",
    `The token provider answered the "${reason}" request with ${describeShape(token)}; it must return (or resolve to) a non-empty token string, or null for a project in testing mode.`,
  );
}

function providerFailed(reason: CloudProxyTokenReason, cause: unknown): CloudProxyError {
  // The provider's own error is kept as `cause`, never quoted: it may hold a token or an App ID.
  return new CloudProxyError(
    "TOKEN_FAILED",
    `The token provider failed for a "${reason}" token (see the error's cause). Check your token server; the session asks again on the next join().`,
    { cause },
  );
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}
