import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import type { CloudProxyError } from "../CloudProxyError";
import { factoryError } from "./ownerErrors";

/**
 * The client to run the cloud proxy on: an instance, or a factory (sync or async) that an
 * owner calls when it first mounts, so the SDK can be imported lazily in the browser and
 * never on the server.
 *
 * @example
 * ```ts
 * const client: CloudProxyClientInput = () =>
 *   import("agora-rtc-sdk-ng").then(({ default: AgoraRTC }) => AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }));
 * ```
 */
export type CloudProxyClientInput = IAgoraRTCClient | (() => IAgoraRTCClient | PromiseLike<IAgoraRTCClient>);

/** A client input, resolved: the client, a promise of it, or why there is none. */
export type ClientSource =
  { client: IAgoraRTCClient } | { pending: Promise<IAgoraRTCClient> } | { error: CloudProxyError };

/** Calls a factory (once: the owner keeps the result) or takes the instance as it is. */
export function resolveClient(input: CloudProxyClientInput): ClientSource {
  if (typeof input !== "function") return { client: input };
  try {
    const result = input();
    const then = (result as { then?: unknown } | null)?.then;
    return typeof then === "function" ? { pending: Promise.resolve(result) } : { client: result as IAgoraRTCClient };
  } catch (cause) {
    return { error: factoryError(cause, "threw") };
  }
}
