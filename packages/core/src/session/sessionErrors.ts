import { CloudProxyError, sdkErrorCode } from "../CloudProxyError";
import type { CloudProxyTokenReason, RouteAttempt } from "../types";

// Every error the session raises, in one place: what happened, which rule, what to do next.
// None of them may include join options: App IDs and tokens never reach a message.

const sdkCode = (cause: unknown) => sdkErrorCode(cause) ?? "unknown error";

/** startProxyServer/stopProxyServer threw: a proxy conflict, or anything else the SDK refused. */
export function proxyError(starting: boolean, cause: unknown): CloudProxyError {
  if (/already set the proxy/i.test(String((cause as { message?: unknown } | null)?.message))) {
    return new CloudProxyError(
      "PROXY_CONFLICT",
      'The SDK refused to start the cloud proxy because this client already has a proxy from setProxyServer(), setTurnServer() or setLocalAccessPoints(). Use one kind of proxy: remove those calls, or run the session with mode "off".',
      { cause },
    );
  }
  return new CloudProxyError(
    "PROXY_FAILED",
    `The SDK refused to ${starting ? "start" : "stop"} the cloud proxy (${sdkCode(cause)}). Check the SDK version (4.18 or later) and the mode.`,
    { cause },
  );
}

export function joinFailedError(cause: unknown): CloudProxyError {
  return new CloudProxyError(
    "JOIN_FAILED",
    `The SDK could not join the channel (${sdkCode(cause)}). Check the App ID, token and channel, then call join() again.`,
    { cause },
  );
}

export function unreachableError(attempts: readonly RouteAttempt[]): CloudProxyError {
  const tried = attempts.map(
    (a) => `${a.route} ${a.outcome}${a.errorCode ? ` (${a.errorCode})` : ""} after ${a.ms} ms`,
  );
  return new CloudProxyError(
    "UNREACHABLE",
    `No route reached Agora: ${tried.join("; ")}. Ask IT to open Agora's cloud proxy ports (see docs/firewall.md), or check the network.`,
    { attempts },
  );
}

export function leaveFailedError(cause: unknown): CloudProxyError {
  return new CloudProxyError(
    "LEAVE_FAILED",
    `The SDK could not leave the channel (${sdkCode(cause)}); the proxy stays on until it does. Call leave() again, or dispose() the session.`,
    { cause },
  );
}

export function connectionLostError(reason: string | undefined): CloudProxyError {
  if (reason === "TOKEN_EXPIRE") {
    return new CloudProxyError(
      "CONNECTION_LOST",
      "The token expired and the SDK left the channel (TOKEN_EXPIRE). Give join() a token provider (a function) so the session renews the token before it expires, or call join() with a new token.",
    );
  }
  return new CloudProxyError(
    "CONNECTION_LOST",
    `The SDK lost the connection and stopped reconnecting (${reason ?? "no reason given"}), and the session's reconnect attempts (if any) gave up. Call join() to try again; if it keeps happening behind a firewall, try mode "tls".`,
  );
}

export function mediaFailedError(route: string | null): CloudProxyError {
  return new CloudProxyError(
    "MEDIA_FAILED",
    `The SDK connected${route ? ` (route ${route})` : ""}, but no media flowed: a firewall that lets signalling through (TCP 443) may block media (UDP). The call stays up; try mode "auto" or "tls", or ask IT to open Agora's media ports (see docs/firewall.md).`,
  );
}

export function cancelledError(what: string): CloudProxyError {
  // An expected outcome, made in the worker: a stack would only show the library's internals,
  // and capturing one costs more than the rest of the call (benchmark 1).
  const errorClass = Error as { stackTraceLimit?: number };
  const limit = errorClass.stackTraceLimit;
  errorClass.stackTraceLimit = 0;
  try {
    return new CloudProxyError(
      "CANCELLED",
      `${what}. This is expected when calls overlap (e.g. React StrictMode); the latest call wins.`,
    );
  } finally {
    errorClass.stackTraceLimit = limit;
  }
}

export function disposedError(what: string): CloudProxyError {
  return new CloudProxyError(
    "DISPOSED",
    `${what} reached a disposed cloud proxy session; nothing was sent to the SDK. Create a new session (or mount a new <CloudProxyProvider>) for a new call.`,
  );
}

export function stalledError(steps: number): CloudProxyError {
  return new CloudProxyError(
    "INTERNAL",
    `The session's worker took ${steps} steps without reaching the state asked for: the client does not do what its calls say (e.g. leave() resolves but it stays connected). The worker stopped instead of freezing the page; the store shows what the SDK has. Call join()/leave() to try again, and please report this with session.history.`,
  );
}

/** A token provider threw or rejected. Its own error is kept as `cause`, never quoted: it may hold a token or an App ID. */
export function tokenProviderError(reason: CloudProxyTokenReason, cause: unknown): CloudProxyError {
  return new CloudProxyError(
    "TOKEN_FAILED",
    `The token provider failed for a "${reason}" token (see the error's cause). Check your token server; the session asks again on the next join().`,
    { cause },
  );
}

/** A token provider answered something else than a token string or `null` (`shape` describes it, never quotes it). */
export function tokenAnswerError(reason: CloudProxyTokenReason, shape: string): CloudProxyError {
  return new CloudProxyError(
    "TOKEN_FAILED",
    `The token provider answered the "${reason}" request with ${shape}; it must return (or resolve to) a non-empty token string, or null for a project in testing mode.`,
  );
}

/** The SDK refused the new token in `renewToken` (an invalid or expired token). */
export function renewFailedError(cause: unknown): CloudProxyError {
  return new CloudProxyError(
    "TOKEN_FAILED",
    `The SDK refused the new token in renewToken() (${sdkCode(cause)}). Give join() a token for this channel and uid; the call stays up until the old token expires.`,
    { cause },
  );
}
