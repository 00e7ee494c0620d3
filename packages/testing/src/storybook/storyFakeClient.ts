"use client";

import { createContext, useContext } from "react";
import type { FakeAgoraClient } from "../fakeAgoraClient";

/** The story's fake client, provided by the decorator's frame to the story's components. */
export const FakeAgoraClientContext = createContext<FakeAgoraClient | null>(null);

/**
 * The fake client of the story being rendered, for components below {@link withCloudProxy}.
 *
 * @example
 * ```tsx
 * function CallLogPanel() {
 *   return <SdkCallLog client={useStoryFakeClient()} />;
 * }
 * ```
 */
export function useStoryFakeClient(): FakeAgoraClient {
  const client = useContext(FakeAgoraClientContext);
  if (!client) throw new Error("useStoryFakeClient() needs the withCloudProxy decorator around the story.");
  return client;
}
