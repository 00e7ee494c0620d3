import type { UID } from "agora-rtc-sdk-ng";
import { describeShape } from "../describeValue";
import type { CloudProxyTokenProvider, CloudProxyTokenReason } from "../types";
import { tokenAnswerError, tokenProviderError } from "./sessionErrors";

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
    throw tokenProviderError(context.reason, cause);
  }
  if (!isThenable(answer)) return checked(answer, context.reason);
  return Promise.resolve(answer).then(
    (token) => checked(token, context.reason),
    (cause: unknown) => {
      throw tokenProviderError(context.reason, cause);
    },
  );
}

function checked(token: unknown, reason: CloudProxyTokenReason): string | null {
  if (token === null || (typeof token === "string" && token.length > 0)) return token;
  throw tokenAnswerError(reason, describeShape(token));
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}
