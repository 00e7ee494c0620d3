"use client";
import type { CloudProxySession } from "@agora-cloud-proxy/core";
import { createContext } from "react";

/**
 * The session of the nearest `<CloudProxyProvider>`; `null` outside any.
 *
 * @example
 * ```ts
 * const session = useContext(CloudProxyContext); // what the hooks read
 * ```
 */
export const CloudProxyContext = createContext<CloudProxySession | null>(null);
CloudProxyContext.displayName = "CloudProxyContext";

/**
 * The error a context hook throws outside a provider: a programming error, so it says what to add.
 *
 * @example
 * ```ts
 * if (session === null) throw missingProviderError("useCloudProxyStatus");
 * ```
 */
export function missingProviderError(
  hook: "useCloudProxyClient" | "useCloudProxyStatus" | "useCloudProxyDiagnostics",
): Error {
  const alternative = hook === "useCloudProxyClient" ? " or pass { client } to the hook" : "";
  return new Error(
    `${hook}() was called outside <CloudProxyProvider>. Wrap the call UI in <CloudProxyProvider client={...}>${alternative}.`,
  );
}
