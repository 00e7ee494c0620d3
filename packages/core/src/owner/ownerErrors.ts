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

export function clientChurnWarning(): string {
  return "[agora-cloud-proxy] The `client` passed to <CloudProxyProvider> (or useCloudProxyClient({ client })) is a new instance on every render, so every render starts a new session: the proxy stops and starts and the call drops. Pass a factory instead (client={() => AgoraRTC.createClient(...)}, called once), or create the client once (useState(() => AgoraRTC.createClient(...)) or at module level).";
}

declare const process: { env: { NODE_ENV?: string } };

/** `process.env.NODE_ENV`, as bundlers replace it; no `process` at all counts as development. */
export function isDevelopment(): boolean {
  try {
    return process.env.NODE_ENV !== "production";
  } catch {
    return true;
  }
}
