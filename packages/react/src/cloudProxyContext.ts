"use client";
import type { CloudProxyOwner } from "@agora-cloud-proxy/core";
import { createContext } from "react";

/**
 * The owner of the nearest `<CloudProxyProvider>`; `null` outside any.
 *
 * @example
 * ```ts
 * const owner = useContext(CloudProxyContext); // what the hooks read
 * ```
 */
export const CloudProxyContext = createContext<CloudProxyOwner | null>(null);
CloudProxyContext.displayName = "CloudProxyContext";

/**
 * The error a context hook throws outside a provider: a programming error, so it says what to add.
 *
 * @example
 * ```ts
 * if (owner === null) throw missingProviderError("useCloudProxyStatus");
 * ```
 */
export function missingProviderError(hook: string): Error {
  const alternative = hook === "useCloudProxyClient" ? " or pass { client } to the hook" : "";
  return new Error(
    `${hook}() was called outside <CloudProxyProvider>. Wrap the call UI in <CloudProxyProvider client={...}>${alternative}.`,
  );
}
