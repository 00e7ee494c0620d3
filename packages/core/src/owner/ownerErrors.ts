import { CloudProxyError, isCloudProxyError } from "../CloudProxyError";

// The errors and warnings only owners raise: what happened, and what to do next.

export function inUseError(): CloudProxyError {
  return new CloudProxyError(
    "CLIENT_IN_USE",
    "Another <CloudProxyProvider> or useCloudProxyClient({ client }) already owns this client; this one waits and takes over when that one unmounts. Render one provider per client and read it with useCloudProxyClient() below it, or create a client per owner.",
  );
}

export function factoryError(cause: unknown, how: "threw" | "rejected"): CloudProxyError {
  if (isCloudProxyError(cause)) return cause;
  const what = cause instanceof Error ? cause.name : typeof cause;
  return new CloudProxyError(
    "INVALID_CLIENT",
    `The client factory passed to <CloudProxyProvider client={...}> (or useCloudProxyClient({ client })) ${how} (${what}; see \`cause\`), so there is no session. Check that agora-rtc-sdk-ng loads here (browser only) and that the factory returns AgoraRTC.createClient(...); remount the provider (e.g. with a new key) to try again.`,
    { cause },
  );
}

/**
 * Three client switches each within a second of the last: a client created in render
 * (`client={AgoraRTC.createClient()}`), which starts a new session on every render. Said once
 * per owner, in development.
 */
export class ClientChurn {
  #count = 0;
  #at = 0;
  #warned = false;

  switched(): void {
    const now = Date.now();
    this.#count = now - this.#at < 1_000 ? this.#count + 1 : 1;
    this.#at = now;
    if (this.#count < 3 || this.#warned || !isDevelopment()) return;
    this.#warned = true;
    console.warn(clientChurnWarning());
  }
}

function clientChurnWarning(): string {
  return "[agora-cloud-proxy] The `client` passed to <CloudProxyProvider> (or useCloudProxyClient({ client })) is a new instance on every render, so every render starts a new session: the proxy stops and starts and the call drops. Pass a factory instead (client={() => AgoraRTC.createClient(...)}, called once), or create the client once (useState(() => AgoraRTC.createClient(...)) or at module level).";
}

declare const process: { env: { NODE_ENV?: string } };

/** `process.env.NODE_ENV`, as bundlers replace it; no `process` at all counts as development. */
function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== "production";
  } catch {
    return true;
  }
}

/** What creating a session threw, as a CloudProxyError (it always is one; anything else is a bug). */
export function toCloudProxyError(error: unknown): CloudProxyError {
  if (isCloudProxyError(error)) return error;
  return new CloudProxyError("INVALID_CLIENT", "Creating the cloud proxy session failed unexpectedly; see `cause`.", {
    cause: error,
  });
}
