"use client";
import {
  CloudProxyError,
  isCloudProxyError,
  parseCloudProxyMode,
  type CloudProxyModeInput,
  type CloudProxySession,
} from "@agora-cloud-proxy/core";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";
import type { CloudProxyOptions } from "./cloudProxyOptions";
import { leaseCloudProxySession, type SessionLeaseRequest } from "./sessionLease";

/**
 * What an owner has: its session once it exists, or why there is none.
 *
 * @example
 * ```ts
 * const { session, error }: CloudProxyOwnerState = owner.getState();
 * ```
 */
export interface CloudProxyOwnerState {
  readonly session: CloudProxySession | null;
  readonly error: CloudProxyError | null;
}

type ClientSource = { client: IAgoraRTCClient } | { pending: Promise<IAgoraRTCClient> } | { error: CloudProxyError };

const IDLE: CloudProxyOwnerState = { session: null, error: null };

// The mode an owner last asked each session for (at creation or through setProxy). The store
// can't tell: in "auto" mode its `desiredMode` is the mode of the route being tried (null for
// direct), which would make "auto" -> "off" look like no change.
const askedModes = new WeakMap<CloudProxySession, CloudProxyModeInput>();

/**
 * Owns one component's session for as long as it is mounted, as a tiny external store that
 * React reads with `useSyncExternalStore` (TanStack Query's observer idea). React calls
 * `setOptions` and `connect` from effects only; render never creates a session or touches
 * a client, so a discarded render or a server render has no side effect.
 *
 * @example
 * ```ts
 * const owner = new CloudProxySessionOwner();
 * owner.setOptions({ client, mode: "tls" }); // in an effect
 * const release = owner.connect();            // in an effect; its cleanup is `release`
 * owner.getState().session?.join(options);
 * ```
 */
export class CloudProxySessionOwner {
  private state: CloudProxyOwnerState = IDLE;
  private readonly listeners = new Set<() => void>();
  private options: CloudProxyOptions | null = null;
  /** The mode this owner last asked its session for; only a change of the props is passed on. */
  private requestedMode: CloudProxyModeInput | null = null;
  /** A factory's outcome, kept for the owner's life so StrictMode's replay doesn't call it twice. */
  private factorySource: ClientSource | null = null;
  /** The failure reported in this tick, if any. */
  private failingNow: string | null = null;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): CloudProxyOwnerState => this.state;

  /** Takes the latest props; a changed `mode` or `enabled` becomes `session.setProxy(...)`. */
  setOptions(options: CloudProxyOptions): void {
    this.options = options;
    const { session } = this.state;
    if (session && !sameMode(this.requestedMode, this.desiredMode())) this.requestMode(session);
  }

  /** Resolves the client and leases its session. Returns the effect cleanup that releases it. */
  connect(): () => void {
    if (this.options === null) return () => {};
    // A missing client (`client={undefined}` from untyped code) reaches the core's check and
    // fails with INVALID_CLIENT like any other non-client, instead of waiting silently.
    const input = this.options.client;
    let active = true;
    let granted = false;
    let release = (): void => {};
    const desiredMode = (): CloudProxyModeInput => this.desiredMode();
    const request: SessionLeaseRequest = {
      get mode() {
        return desiredMode();
      },
      onModeChange: this.options?.onModeChange,
      routing: {
        fallbackAfterMs: this.options?.fallbackAfterMs,
        routeMemory: this.options?.routeMemory,
        routeTtlMs: this.options?.routeTtlMs,
      },
      onError: (error) => {
        // A session disposing after this owner let go (unmount, new client) reports no more.
        if (active) this.report(error);
      },
      // The core calls it on a microtask already; the latest prop is used.
      onRouteChange: (route) => {
        if (active) this.options?.onRouteChange?.(route);
      },
    };
    const take = (client: IAgoraRTCClient): void => {
      if (!active) return;
      release = leaseCloudProxySession(
        client,
        request,
        (session, reused) => {
          granted = true;
          this.requestedMode = this.desiredMode();
          if (reused) this.requestMode(session);
          else askedModes.set(session, this.requestedMode);
          this.setState({ session, error: null });
        },
        (error) => this.fail(error),
      );
    };

    if (typeof input !== "function") this.factorySource = null;
    const source = typeof input === "function" ? this.callFactory(input) : { client: input };
    if ("client" in source) take(source.client);
    else if ("error" in source) this.fail(source.error);
    else source.pending.then(take, (cause: unknown) => active && this.fail(factoryError(cause, "rejected")));

    if (!granted && this.state.session) this.setState(IDLE);
    return () => {
      active = false;
      release();
    };
  }

  private desiredMode(): CloudProxyModeInput {
    // Only a missing mode means "udp": `null` is as invalid as any other non-mode (INVALID_MODE).
    const mode = this.options?.mode;
    return this.options?.enabled === false ? "off" : mode === undefined ? "udp" : mode;
  }

  /** Asks the session for the desired mode unless it already wants it (a reused session may not). */
  private requestMode(session: CloudProxySession): void {
    const mode = this.desiredMode();
    this.requestedMode = mode;
    try {
      if (!sessionWants(session, mode)) {
        askedModes.set(session, mode);
        void session.setProxy(mode);
      }
    } catch (error) {
      this.report(error as CloudProxyError);
    }
  }

  private callFactory(factory: () => IAgoraRTCClient | PromiseLike<IAgoraRTCClient>): ClientSource {
    if (this.factorySource) return this.factorySource;
    let source: ClientSource;
    try {
      const result = factory();
      source = isPromiseLike(result) ? { pending: Promise.resolve(result) } : { client: result };
    } catch (cause) {
      source = { error: factoryError(cause, "threw") };
    }
    this.factorySource = source;
    return source;
  }

  private fail(error: CloudProxyError): void {
    this.setState({ session: null, error });
    // StrictMode's replayed effect fails the same way in the same tick: report it once.
    const key = `${error.code}: ${error.message}`;
    if (this.failingNow === key) return;
    this.failingNow = key;
    queueMicrotask(() => (this.failingNow = null));
    this.report(error);
  }

  private report(error: CloudProxyError): void {
    queueMicrotask(() => this.options?.onError?.(error));
  }

  private setState(next: CloudProxyOwnerState): void {
    if (next.session === this.state.session && next.error === this.state.error) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}

/**
 * Whether an owner already asked `session` for `mode`, so asking again would be a no-op
 * (StrictMode's replay, a remount with a new `key`). A reused session keeps what was asked of
 * it since, through its guarded client too; only a different mode from the props is passed on.
 */
function sessionWants(session: CloudProxySession, mode: CloudProxyModeInput): boolean {
  const asked = askedModes.get(session);
  return asked !== undefined && parseCloudProxyMode(asked) === parseCloudProxyMode(mode);
}

function sameMode(a: CloudProxyModeInput | null, b: CloudProxyModeInput): boolean {
  if (a === b) return true;
  try {
    return a !== null && parseCloudProxyMode(a) === parseCloudProxyMode(b);
  } catch {
    return false;
  }
}

function isPromiseLike(value: unknown): value is PromiseLike<IAgoraRTCClient> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function factoryError(cause: unknown, how: "threw" | "rejected"): CloudProxyError {
  if (isCloudProxyError(cause)) return cause;
  const what = cause instanceof Error ? cause.name : typeof cause;
  return new CloudProxyError(
    "INVALID_CLIENT",
    `The client factory passed to <CloudProxyProvider client={...}> (or useCloudProxyClient({ client })) ${how} (${what}; see \`cause\`), so there is no session. Check that agora-rtc-sdk-ng loads here (browser only) and that the factory returns AgoraRTC.createClient(...); remount the provider (e.g. with a new key) to try again.`,
    { cause },
  );
}
