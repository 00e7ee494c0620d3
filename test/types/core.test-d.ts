// Type tests (vitest typecheck): what the compiler accepts and rejects in the core API.
// Nothing here runs; `vitest run --project types` type-checks it with tsc.
import {
  createCloudProxySession,
  isCloudProxyError,
  parseCloudProxyMode,
  toSdkProxyMode,
  type CloudProxyError,
  type CloudProxyErrorCode,
  type CloudProxyMode,
  type CloudProxyModeInput,
  type CloudProxySession,
  type CloudProxyState,
} from "@agora-cloud-proxy/core";
import type { IAgoraRTCClient, UID } from "agora-rtc-sdk-ng";
import type { StoreApi } from "zustand/vanilla";
import { describe, expectTypeOf, it } from "vitest";

declare const client: IAgoraRTCClient;
declare const session: CloudProxySession;

describe("cloud proxy modes", () => {
  it("accepts the names, the SDK's numbers 3 and 5, and off", () => {
    expectTypeOf<"udp" | "tls" | 3 | 5 | "off">().toExtend<CloudProxyModeInput>();
    expectTypeOf(session.setProxy).parameter(0).toEqualTypeOf<CloudProxyModeInput>();
    createCloudProxySession(client, { mode: "tls" });
    createCloudProxySession(client, { mode: 3 });
    createCloudProxySession(client, { mode: "off" });
  });

  it("rejects invalid mode literals at compile time", () => {
    // @ts-expect-error: modes are lower-case names
    void session.setProxy("UDP");
    // @ts-expect-error: SDK mode 4 is undocumented, so the library does not accept it
    createCloudProxySession(client, { mode: 4 });
    // @ts-expect-error: SDK modes 1 and 2 are gone (the SDK throws NOT_SUPPORTED)
    void session.setProxy(1);
    // @ts-expect-error: a numeric string is not a mode
    createCloudProxySession(client, { mode: "5" });
    // @ts-expect-error: only "rejoin" and "defer" are policies
    createCloudProxySession(client, { onModeChange: "later" });
  });

  it("parses to a mode or null, and maps modes to the SDK's numbers", () => {
    expectTypeOf(parseCloudProxyMode).parameter(0).toBeUnknown(); // raw settings go straight in
    expectTypeOf<CloudProxyMode | null>().toExtend<ReturnType<typeof parseCloudProxyMode>>();
    expectTypeOf(toSdkProxyMode).parameter(0).toEqualTypeOf<CloudProxyMode>();
    expectTypeOf(toSdkProxyMode("tls")).toEqualTypeOf<3 | 5>();
  });
});

describe("the session", () => {
  it("takes an IAgoraRTCClient and returns a guarded one of the same type", () => {
    expectTypeOf(createCloudProxySession).parameter(0).toEqualTypeOf<IAgoraRTCClient>();
    expectTypeOf(session.client).toEqualTypeOf<IAgoraRTCClient>();
    // @ts-expect-error: not a client
    createCloudProxySession({});
  });

  it("resolves join with the uid and exposes a zustand store of CloudProxyState", () => {
    expectTypeOf(session.join({ appid: "app", channel: "room" })).resolves.toEqualTypeOf<UID>();
    expectTypeOf(session.store).toEqualTypeOf<StoreApi<CloudProxyState>>();
    expectTypeOf<CloudProxyState["proxy"]>().toEqualTypeOf<"off" | "starting" | "on" | "stopping">();
    expectTypeOf<CloudProxyState["error"]>().toEqualTypeOf<CloudProxyError | null>();
    // @ts-expect-error: join options need a channel
    void session.join({ appid: "app" });
  });

  it("narrows unknown errors with isCloudProxyError", () => {
    const error: unknown = new Error("x");
    if (isCloudProxyError(error, "DISPOSED")) {
      expectTypeOf(error.code).toEqualTypeOf<CloudProxyErrorCode>();
      expectTypeOf(error.sdkCode).toEqualTypeOf<string | undefined>();
    }
    // @ts-expect-error: not an error code
    isCloudProxyError(error, "TIMEOUT");
  });
});
