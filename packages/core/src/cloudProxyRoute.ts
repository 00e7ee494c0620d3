import { sdkErrorCode } from "./CloudProxyError";
import type { CloudProxyMode, CloudProxyRoute, RememberedRoute, RouteMemory } from "./types";

/** Escalation order when nothing is remembered: the cheapest route first. */
export const ROUTE_ORDER: readonly CloudProxyRoute[] = ["direct", "udp", "tls"];

/** The SDK proxy mode a route needs (`null`: no proxy). */
export function routeMode(route: CloudProxyRoute): CloudProxyMode | null {
  return route === "direct" ? null : route;
}

/** The route a proxy mode gives. */
export function modeRoute(mode: CloudProxyMode | null): CloudProxyRoute {
  return mode ?? "direct";
}

/**
 * The routes to try, in order: `preferred` (a network test's best route) first if given,
 * else the remembered one while it is younger than `ttlMs` (after that, direct is probed
 * again), else `unverified` (a route that connected in this session with no media to prove
 * it), then the others in {@link ROUTE_ORDER}.
 */
export function routePlan(
  memory: RouteMemory,
  ttlMs: number,
  now: number,
  preferred: CloudProxyRoute | null = null,
  unverified: CloudProxyRoute | null = null,
): CloudProxyRoute[] {
  if (preferred !== null && ROUTE_ORDER.includes(preferred))
    return [preferred, ...ROUTE_ORDER.filter((r) => r !== preferred)];
  const remembered = safeRead(memory);
  const start = remembered && now - remembered.at < ttlMs ? remembered.route : (unverified ?? "direct");
  return [start, ...ROUTE_ORDER.filter((route) => route !== start)];
}

// Errors no other route can fix (credentials, bans, bad arguments). Anything else from a
// join (gateway unreachable, sockets closed, timeouts) is treated as the network's fault. The
// one list of such codes: the session, the network test and the report all read it (the
// report's advice for each is keyed by this list, so the session does not ship the advice).
export const REFUSAL_CODES = [
  "INVALID_VENDOR_KEY",
  "INVALID_PARAMS",
  "INVALID_OPERATION",
  "UID_BANNED",
  "IP_BANNED",
  "CHANNEL_BANNED",
  "NOT_SUPPORTED",
  "OPERATION_ABORTED",
] as const;
const REFUSALS: ReadonlySet<string> = new Set(REFUSAL_CODES);
// The SDK also answers a bad App ID or token with a network-looking code
// (CAN_NOT_GET_GATEWAY_SERVER) and the reason in its message.
// The texts are the SDK's own (its table of gateway refusals, agora-rtc-sdk-ng 4.24.8): a
// token where the project needs none or the reverse, a disabled project, a region rule.
const FATAL_TEXT =
  /vendor key|token|dynamic key|static key|app ?id|banned|invalid channel|license|no active status|forbidden in this area|unable to allocate services in this area/i;

/**
 * Whether an SDK error code may be the network's fault: `false` for the codes no route
 * fixes (invalid App ID, banned uid, invalid parameters...), `true` for any other code and
 * for none (`null`: a timeout). The code alone; {@link isNetworkJoinError} also reads the
 * message, and is the one to use when the error itself is at hand.
 *
 * @example
 * ```ts
 * isNetworkErrorCode("CAN_NOT_GET_GATEWAY_SERVER"); // true
 * isNetworkErrorCode("INVALID_VENDOR_KEY");         // false
 * ```
 */
export function isNetworkErrorCode(code: string | null | undefined): boolean {
  return code == null || !REFUSALS.has(code);
}

/**
 * Whether a join error is the network's fault (another route may work) rather than
 * something no route fixes (bad token, invalid App ID, banned uid): its code
 * (the list `isNetworkErrorCode` reads) and its message both say so.
 *
 * @example
 * ```ts
 * isNetworkJoinError({ code: "CAN_NOT_GET_GATEWAY_SERVER", message: "timeout" }); // true
 * isNetworkJoinError({ code: "INVALID_VENDOR_KEY" });                            // false
 * ```
 */
export function isNetworkJoinError(error: unknown): boolean {
  if (!isNetworkErrorCode(sdkErrorCode(error))) return false;
  if (typeof error !== "object" || error === null) return true;
  const { message, data } = error as { message?: unknown; data?: { retry?: unknown } };
  // The gateway answered and said retrying can't help: the route works, the request does not.
  if (data?.retry === false) return false;
  return !FATAL_TEXT.test(typeof message === "string" ? message : "");
}

function safeRead(memory: RouteMemory): RememberedRoute | null {
  try {
    const entry = memory.read();
    return entry && ROUTE_ORDER.includes(entry.route) && Number.isFinite(entry.at) ? entry : null;
  } catch {
    return null; // a broken storage must not stop a call
  }
}

let pageMemory: RememberedRoute | null = null;

/**
 * The default route memory: one per page (JavaScript realm), forgotten on reload. It holds
 * no user data, only which network path worked.
 *
 * @example
 * ```ts
 * createCloudProxySession(client, { mode: "auto", routeMemory: inMemoryRouteMemory });
 * ```
 */
export const inMemoryRouteMemory: RouteMemory = {
  read: () => pageMemory,
  write: (entry) => {
    pageMemory = entry;
  },
};

/**
 * Route memory in a Web Storage (`localStorage`) under `key`, so the next visit starts on
 * the route that worked. Storage errors (private mode, quota) are ignored.
 *
 * @example
 * ```ts
 * createCloudProxySession(client, { mode: "auto", routeMemory: createStorageRouteMemory(localStorage) });
 * ```
 */
export function createStorageRouteMemory(
  storage: Pick<Storage, "getItem" | "setItem">,
  key = "agora-cloud-proxy:route",
): RouteMemory {
  return {
    read: () => {
      const raw = storage.getItem(key);
      return raw ? (JSON.parse(raw) as RememberedRoute) : null;
    },
    write: (entry) => {
      try {
        storage.setItem(key, JSON.stringify(entry));
      } catch {
        // Quota or private mode: the in-page behaviour still works.
      }
    },
  };
}
