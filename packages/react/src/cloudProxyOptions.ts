"use client";
import type { CloudProxyOwnerOptions } from "@agora-cloud-proxy/core";

/**
 * What an owner of a session takes: `<CloudProxyProvider>`'s props (besides `children` and
 * `fallback`) and `useCloudProxyClient(options)`'s options. Every option is live: a new
 * value reaches the mounted owner's session without a remount. `client`: an instance, or a
 * factory (sync or async) called once per owner when it mounts; a new instance switches to
 * that client's session, a new factory function is ignored (pass a new `key` to start over).
 * `onError` also receives the owner's own failures: a factory that threw or rejected
 * (`INVALID_CLIENT`), a client held by another provider (`CLIENT_IN_USE`, until it takes
 * over), an invalid `mode` (`INVALID_MODE`). Callbacks run on a microtask; the latest one is used.
 *
 * @example
 * ```ts
 * const options: CloudProxyOptions = { client, mode: "tls", enabled: behindFirewall, onError: console.warn };
 * ```
 */
export type CloudProxyOptions = CloudProxyOwnerOptions;
