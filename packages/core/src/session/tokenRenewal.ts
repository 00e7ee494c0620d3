import type { CloudProxyError } from "../CloudProxyError";
import type { Attempt, SdkConnection } from "./sdkConnection";
import type { JoinRequest } from "./sessionRequests";
import { renewFailedError } from "./sessionErrors";
import { tokenFor } from "./tokenSource";

/** Whether the SDK's token lags the one the call was last given (a string that `renewToken` takes). */
export function tokenBehind(attempt: Attempt): boolean {
  const token = attempt.request.token;
  return typeof token === "string" && token !== attempt.token && token !== attempt.refusedToken;
}

/**
 * The token side of a connected call (issue 14): a newer token string given by `join()`, or
 * the SDK's `token-privilege-will-expire` with a provider, goes to `client.renewToken`. The
 * planner only offers the step while CONNECTED; one renewal runs at a time, and the worker goes
 * on meanwhile (a slow token server never holds up a leave).
 */
export class TokenRenewal {
  /** A renewal is under way (its token being fetched, or renewToken in flight). */
  renewing = false;

  /** Whether the connected `attempt` of the wanted call needs a new token now. */
  due(attempt: Attempt | null, wanted: JoinRequest | null): boolean {
    if (this.renewing || attempt === null || attempt.uid === null || attempt.request !== wanted) return false;
    return tokenBehind(attempt) || (attempt.request.renewDue && typeof attempt.request.token === "function");
  }

  /** `token-privilege-will-expire`: a provider's fresh token is due (a string can't be refreshed by us). */
  willExpire(attempt: Attempt | null): boolean {
    if (!attempt || attempt.uid === null) return false;
    attempt.request.renewDue = true;
    return true;
  }

  /** Hands the call's new token to the SDK; failures go to `fail`, and `done` runs once it is over. */
  renew(connection: SdkConnection, attempt: Attempt, fail: (error: CloudProxyError) => void, done: () => void): void {
    const request = attempt.request;
    request.renewDue = false;
    this.renewing = true;
    const finish = (): void => {
      this.renewing = false;
      done();
    };
    let token: ReturnType<typeof tokenFor>;
    try {
      token = tokenFor(request.token, { channel: request.options.channel, uid: connection.uid, reason: "renew" });
    } catch (cause) {
      fail(cause as CloudProxyError);
      return finish();
    }
    void Promise.resolve(token)
      .then((fresh) => {
        // Only the connection it was fetched for, and only while CONNECTED: the SDK throws before that.
        if (fresh === null || fresh === attempt.token || connection.attempt !== attempt) return;
        if (connection.state !== "CONNECTED") return void (request.renewDue = true);
        return connection.renewToken(attempt, fresh).catch((cause: unknown) => fail(renewFailedError(cause)));
      })
      .catch((cause: unknown) => fail(cause as CloudProxyError))
      .then(finish);
  }
}
