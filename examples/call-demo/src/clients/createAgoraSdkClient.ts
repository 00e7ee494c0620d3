import type { IAgoraRTCClient } from "agora-rtc-sdk-ng";

/**
 * The real agora-rtc-sdk-ng client, imported only when the user gave an App ID: the SDK is
 * about 1.5 MB, touches `window` at import, and is not needed for the simulated call.
 *
 * @example
 * <CloudProxyProvider client={createAgoraSdkClient}>...</CloudProxyProvider>
 */
export async function createAgoraSdkClient(): Promise<IAgoraRTCClient> {
  const { default: AgoraRTC } = await import("agora-rtc-sdk-ng");
  loadedVersion = AgoraRTC.VERSION;
  AgoraRTC.setLogLevel(3); // warnings and errors only: the timeline already shows what happens
  return AgoraRTC.createClient({ mode: "rtc", codec: "vp8" });
}

let loadedVersion: string | null = null;

/** `AgoraRTC.VERSION` once the SDK was imported (for the report), else `null`. */
export function loadedSdkVersion(): string | null {
  return loadedVersion;
}
