// Type tests (vitest typecheck) for @agora-cloud-proxy/react: selector inference, the
// `client` prop's accepted shapes, and mode literals. Nothing here runs.
import type { CloudProxyErrorCode, CloudProxyState } from "@agora-cloud-proxy/core";
import {
  CloudProxyProvider,
  useCloudProxyClient,
  useCloudProxyStatus,
  type CloudProxyClientInput,
  type CloudProxyProviderProps,
  type UseCloudProxyClientResult,
} from "@agora-cloud-proxy/react";
import { CloudProxyAgoraRTCProvider } from "@agora-cloud-proxy/react/agora-rtc-react";
import type { ConnectionState, IAgoraRTCClient } from "agora-rtc-sdk-ng";
import { describe, expectTypeOf, it } from "vitest";

declare const client: IAgoraRTCClient;
declare function loadSdk(): Promise<{
  default: { createClient(config: { mode: "rtc"; codec: "vp8" }): IAgoraRTCClient };
}>;

describe("useCloudProxyStatus", () => {
  it("infers the selected value's type from the selector", () => {
    expectTypeOf(useCloudProxyStatus((s) => s.connectionState === "CONNECTED")).toEqualTypeOf<boolean>();
    expectTypeOf(useCloudProxyStatus((s) => s.connectionState)).toEqualTypeOf<ConnectionState>();
    expectTypeOf(useCloudProxyStatus((s) => s.mode)).toEqualTypeOf<"udp" | "tls" | null>();
    expectTypeOf(useCloudProxyStatus((s) => s.error?.code)).toEqualTypeOf<CloudProxyErrorCode | undefined>();
    expectTypeOf(useCloudProxyStatus((s) => ({ proxy: s.proxy, uid: s.uid }))).toEqualTypeOf<{
      proxy: CloudProxyState["proxy"];
      uid: CloudProxyState["uid"];
    }>();
  });

  it("types the selector's argument as CloudProxyState and checks equalityFn against the selection", () => {
    useCloudProxyStatus((s) => {
      expectTypeOf(s).toEqualTypeOf<CloudProxyState>();
      return s.proxy;
    });
    useCloudProxyStatus(
      (s) => [s.proxy, s.mode] as const,
      (a, b) => a[0] === b[0] && a[1] === b[1],
    );
    const compareStrings = (a: string, b: string): boolean => a === b;
    // @ts-expect-error: equalityFn compares selections, here booleans, not strings
    useCloudProxyStatus((s) => s.disposed, compareStrings);
    // @ts-expect-error: no such field in CloudProxyState
    useCloudProxyStatus((s) => s.connected);
  });
});

describe("the client prop", () => {
  it("accepts an instance, a sync factory, or an async factory", () => {
    expectTypeOf<IAgoraRTCClient>().toExtend<CloudProxyClientInput>();
    expectTypeOf<() => IAgoraRTCClient>().toExtend<CloudProxyClientInput>();
    expectTypeOf<() => Promise<IAgoraRTCClient>>().toExtend<CloudProxyClientInput>();
    expectTypeOf<CloudProxyProviderProps["client"]>().toEqualTypeOf<CloudProxyClientInput>();

    <CloudProxyProvider client={client} />;
    <CloudProxyProvider client={() => client} />;
    <CloudProxyProvider client={async () => client} />;
    <CloudProxyProvider
      client={() => loadSdk().then(({ default: AgoraRTC }) => AgoraRTC.createClient({ mode: "rtc", codec: "vp8" }))}
    />;
    <CloudProxyAgoraRTCProvider client={async () => client} mode="tls" />;
  });

  it("rejects what is not a client or a factory of one", () => {
    // @ts-expect-error: a client is required
    <CloudProxyProvider mode="udp" />;
    // @ts-expect-error: not an IAgoraRTCClient
    <CloudProxyProvider client={{ join() {} }} />;
    // @ts-expect-error: a factory must return a client, not options for one
    <CloudProxyProvider client={() => ({ mode: "rtc", codec: "vp8" })} />;
    // @ts-expect-error: an async factory must resolve to a client
    <CloudProxyProvider client={async () => "client"} />;
  });
});

describe("modes and policies on the provider", () => {
  it("accepts the documented modes and rejects other literals", () => {
    <CloudProxyProvider client={client} mode="udp" onModeChange="defer" enabled={false} />;
    <CloudProxyProvider client={client} mode={5} />;
    // @ts-expect-error: modes are lower-case names
    <CloudProxyProvider client={client} mode="UDP" />;
    // @ts-expect-error: SDK mode 4 is undocumented, so the library does not accept it
    <CloudProxyProvider client={client} mode={4} />;
    // @ts-expect-error: only "rejoin" and "defer"
    <CloudProxyProvider client={client} onModeChange="never" />;
  });
});

describe("useCloudProxyClient", () => {
  it("returns the result inside a provider, and may return null when it owns the session", () => {
    expectTypeOf(useCloudProxyClient()).toEqualTypeOf<UseCloudProxyClientResult>();
    expectTypeOf(useCloudProxyClient({ client, mode: "tls" })).toEqualTypeOf<UseCloudProxyClientResult | null>();
    expectTypeOf(useCloudProxyClient().client).toEqualTypeOf<IAgoraRTCClient>();
    // @ts-expect-error: SDK mode 4 is not a mode here either
    useCloudProxyClient({ client, mode: 4 });
  });
});
