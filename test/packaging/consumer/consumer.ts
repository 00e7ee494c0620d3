// A consumer of the published packages, type-checked by test/packaging/run.mjs in a scratch
// app with moduleResolution "bundler" and "node16" (tsconfig.*.json beside this file), and by
// `pnpm typecheck` in the workspace. Only the public entry points are imported.
import {
  createCloudProxySession,
  isCloudProxyError,
  parseCloudProxyMode,
  toSdkProxyMode,
  type CloudProxyErrorCode,
  type CloudProxyMode,
  type CloudProxySession,
  type CloudProxyState,
} from "@agora-cloud-proxy/core";
import { asAgoraRTCClient, createFakeAgoraClient, type FakeSdkCall } from "@agora-cloud-proxy/testing";
import type { IAgoraRTCClient, UID } from "agora-rtc-sdk-ng";

export async function call(client: IAgoraRTCClient): Promise<UID> {
  const session: CloudProxySession = createCloudProxySession(client, { mode: "tls", onModeChange: "defer" });
  session.store.subscribe((state: CloudProxyState) => {
    const code: CloudProxyErrorCode | undefined = state.error?.code;
    if (code === "PROXY_CONFLICT") console.warn(state.error?.message);
  });
  const uid = await session.join({ appid: "app", channel: "support", token: null });
  await session.setProxy(parseCloudProxyMode(3) ?? "off");
  await session.leave().catch((error: unknown) => {
    if (!isCloudProxyError(error, "CANCELLED")) throw error;
  });
  await session.dispose();
  return uid;
}

export function sdkModeOf(mode: CloudProxyMode): 3 | 5 {
  return toSdkProxyMode(mode);
}

export async function callOnFake(): Promise<readonly FakeSdkCall[]> {
  const fake = createFakeAgoraClient();
  await call(asAgoraRTCClient(fake));
  return fake.fake.calls;
}
