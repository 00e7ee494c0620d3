"use client";

import { CloudProxyProvider, type CloudProxyError } from "@agora-cloud-proxy/react";
import { StrictMode, useCallback, useState, useSyncExternalStore, type ReactElement, type ReactNode } from "react";
import { asAgoraRTCClient, type FakeAgoraClient } from "../fakeAgoraClient";
import { SdkCallLog } from "./SdkCallLog";
import { FakeAgoraClientContext } from "./storyFakeClient";
import type { CloudProxyStoryParameters } from "./storyParameters";

/**
 * What {@link withCloudProxy} renders around a story: `<CloudProxyProvider>` on the story's
 * fake client (in `<StrictMode>` if asked), a bar with the options in use and the optional
 * "Call mounted" switch, the SDK call log, and the provider's `onError` codes. Unstyled;
 * `story-*` class names to style.
 */
export function CloudProxyStoryFrame({
  client,
  options,
  children,
}: {
  client: FakeAgoraClient;
  options: CloudProxyStoryParameters;
  children: ReactNode;
}): ReactElement {
  const [mounted, setMounted] = useState(true);
  const [errors, setErrors] = useState<CloudProxyError[]>([]);
  const provider = (
    <CloudProxyProvider
      client={asAgoraRTCClient(client)}
      mode={options.mode ?? "udp"}
      onModeChange={options.onModeChange ?? "rejoin"}
      {...(options.fallbackAfterMs === undefined ? {} : { fallbackAfterMs: options.fallbackAfterMs })}
      onError={(error) => setErrors((previous) => [...previous, error])}
    >
      {children}
    </CloudProxyProvider>
  );
  return (
    <FakeAgoraClientContext.Provider value={client}>
      <div className="story-frame">
        <div className="story-frame-bar">
          <span className="story-badge">Simulated client · @agora-cloud-proxy/testing</span>
          <ProxyInForce client={client} />
          <OptionsInUse options={options} />
          {options.mountSwitch ? (
            <label className="story-switch">
              <input
                type="checkbox"
                role="switch"
                checked={mounted}
                onChange={(event) => setMounted(event.currentTarget.checked)}
              />
              Call mounted
            </label>
          ) : null}
        </div>
        <div className="story-frame-body">
          <div>
            {mounted ? (
              options.strictMode ? (
                <StrictMode>{provider}</StrictMode>
              ) : (
                provider
              )
            ) : (
              <p className="story-unmounted" data-testid="unmounted">
                Unmounted: the session leaves (if needed), stops the proxy and removes its listeners.
              </p>
            )}
          </div>
          <SdkCallLog client={client} />
        </div>
        {errors.length > 0 ? (
          <p className="story-errors" data-testid="provider-errors">
            onError: {errors.map((error) => error.code).join(", ")}
          </p>
        ) : null}
      </div>
    </FakeAgoraClientContext.Provider>
  );
}

/** The SDK's `_cloudProxyServerMode` as the modes are named here. */
const PROXY_IN_FORCE: Record<string, string> = { disabled: "none", proxy3: "udp", proxy5: "tls" };

/**
 * The proxy the fake SDK runs now, read from the client on every call and event: after a
 * story's `setProxy("tls")` it says `tls`, whatever mode the provider started with.
 */
function ProxyInForce({ client }: { client: FakeAgoraClient }): ReactElement {
  const subscribe = useCallback((onChange: () => void) => client.fake.subscribe(onChange), [client]);
  const mode = useSyncExternalStore(subscribe, () => client._cloudProxyServerMode);
  return (
    <span className="story-frame-proxy">
      proxy in force <code data-testid="story-proxy-in-force">{PROXY_IN_FORCE[mode] ?? mode}</code>
    </span>
  );
}

/**
 * The provider props the story mounted with, labelled as props: a story may change the mode
 * later (`setProxy`), which {@link ProxyInForce} shows.
 */
function OptionsInUse({ options }: { options: CloudProxyStoryParameters }): ReactElement {
  return (
    <span className="story-frame-options">
      provider props: mode <code>{String(options.mode ?? "udp")}</code> · onModeChange{" "}
      <code>{options.onModeChange ?? "rejoin"}</code>
      {options.strictMode ? (
        <>
          {" "}
          · <code>&lt;StrictMode&gt;</code>
        </>
      ) : null}
    </span>
  );
}
