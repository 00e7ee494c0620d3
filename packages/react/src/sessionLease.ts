"use client";
import {
  CloudProxyError,
  createCloudProxySession,
  isCloudProxyError,
  type CloudProxyModeInput,
  type CloudProxyRoute,
  type CloudProxySession,
  type CloudProxySessionOptions,
  type ModeChangePolicy,
} from "@agora-cloud-proxy/core";
import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";

/**
 * What an owner (a provider, or a component calling `useCloudProxyClient({ client })`) asks for.
 *
 * @example
 * ```ts
 * const request: SessionLeaseRequest = { mode: "udp", onModeChange: "rejoin", onError: console.warn };
 * ```
 */
export interface SessionLeaseRequest {
  /** The mode a new session starts with. A reused session gets the owner's mode via `setProxy`. */
  readonly mode: CloudProxyModeInput;
  /** Fixed for a session's life: a request with another policy waits for a new session. */
  readonly onModeChange: ModeChangePolicy | undefined;
  /** Receives the session's failures while this owner holds it (and after, until another does). */
  readonly onError: (error: CloudProxyError) => void;
  /** Receives route changes while this owner holds the session, like `onError`. */
  readonly onRouteChange?: (route: CloudProxyRoute | null) => void;
  /** Auto-mode settings a new session is created with; a reused session keeps its own. */
  readonly routing?: Pick<CloudProxySessionOptions, "fallbackAfterMs" | "routeMemory" | "routeTtlMs">;
}

/**
 * Called once the owner holds the session; `reused` when it outlived a release in the same tick.
 *
 * @example
 * ```ts
 * const granted: SessionLeaseGranted = (session, reused) => reused || console.info("new session");
 * ```
 */
export type SessionLeaseGranted = (session: CloudProxySession, reused: boolean) => void;

/**
 * Called instead when there is no session for this owner (`CLIENT_IN_USE`, `INVALID_CLIENT`, `INVALID_MODE`).
 *
 * @example
 * ```ts
 * const refused: SessionLeaseRefused = (error) => console.warn(error.code);
 * ```
 */
export type SessionLeaseRefused = (error: CloudProxyError) => void;

interface Lease {
  readonly session: CloudProxySession;
  readonly policy: ModeChangePolicy;
  held: boolean;
  report: (error: CloudProxyError) => void;
  routeChange: ((route: CloudProxyRoute | null) => void) | undefined;
  disposal: Promise<void> | null;
}

// One lease per raw client, keyed weakly: the app owns the client, we only borrow it.
const leases = new WeakMap<IAgoraRTCClient, Lease>();

/**
 * Gives `client`'s cloud proxy session to one owner at a time, and disposes it only when
 * no owner took it back within the same tick.
 *
 * React may unmount and mount an owner again at once (StrictMode's effect replay, a `key`
 * change, a move in the tree). A release therefore only schedules the dispose on a
 * microtask; an owner that asks for the same client before it runs gets the same session,
 * so the SDK never sees stop/start/leave/join for it. An owner that comes later (or wants
 * another `onModeChange` policy) waits for the old session to finish disposing, then gets a
 * new one: the core allows one session per client. Two owners holding the same client at
 * once: the second is refused with `CLIENT_IN_USE`; nothing throws.
 *
 * Returns the owner's release: it gives the session back, or cancels a request still waiting.
 *
 * @example
 * ```ts
 * useEffect(() => leaseCloudProxySession(client, request, (session) => setSession(session), report), [client]);
 * ```
 */
export function leaseCloudProxySession(
  client: IAgoraRTCClient,
  request: SessionLeaseRequest,
  granted: SessionLeaseGranted,
  refused: SessionLeaseRefused,
): () => void {
  const policy = request.onModeChange ?? "rejoin";
  let ended = false;
  let held: Lease | null = null;

  const tryTake = (): void => {
    if (ended) return;
    const lease = leases.get(client);
    if (lease && lease.held) {
      refused(
        new CloudProxyError(
          "CLIENT_IN_USE",
          "Another <CloudProxyProvider> or useCloudProxyClient({ client }) already owns this client. Render one provider per client and read it with useCloudProxyClient() below it, or create a client per owner.",
        ),
      );
      return;
    }
    if (lease && lease.disposal === null && lease.policy === policy) {
      lease.held = true;
      lease.report = request.onError;
      lease.routeChange = request.onRouteChange;
      held = lease;
      granted(lease.session, true);
      return;
    }
    if (lease) {
      void disposeLease(client, lease).then(tryTake);
      return;
    }
    const created: Omit<Lease, "session"> & { session?: CloudProxySession } = {
      policy,
      held: true,
      disposal: null,
      report: request.onError,
      routeChange: request.onRouteChange,
    };
    try {
      created.session = createCloudProxySession(client, {
        ...request.routing,
        mode: request.mode,
        onModeChange: policy,
        // The session's failures go to whichever owner holds the lease now.
        onError: (error) => created.report(error),
        onRouteChange: (route) => created.routeChange?.(route),
      });
    } catch (error) {
      refused(toCloudProxyError(error));
      return;
    }
    const taken = created as Lease;
    leases.set(client, taken);
    held = taken;
    granted(taken.session, false);
  };

  tryTake();

  return () => {
    if (ended) return;
    ended = true;
    const lease = held;
    held = null;
    if (!lease) return;
    lease.held = false;
    queueMicrotask(() => {
      if (!lease.held && leases.get(client) === lease) void disposeLease(client, lease);
    });
  };
}

function disposeLease(client: IAgoraRTCClient, lease: Lease): Promise<void> {
  lease.disposal ??= lease.session
    .dispose()
    .catch(() => {
      // LEAVE_FAILED already reached the owner's onError through the session.
    })
    .then(() => {
      if (leases.get(client) === lease) leases.delete(client);
    });
  return lease.disposal;
}

function toCloudProxyError(error: unknown): CloudProxyError {
  if (isCloudProxyError(error)) return error;
  return new CloudProxyError("INVALID_CLIENT", "Creating the cloud proxy session failed unexpectedly; see `cause`.", {
    cause: error,
  });
}
