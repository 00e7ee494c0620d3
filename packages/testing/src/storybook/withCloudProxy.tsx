"use client";

import {
  CloudProxyProvider,
  type CloudProxyError,
  type CloudProxyModeInput,
  type ModeChangePolicy,
} from "@agora-cloud-proxy/react";
import {
  createContext,
  StrictMode,
  useContext,
  useState,
  type ComponentType,
  type ReactElement,
  type ReactNode,
} from "react";
import { createFakeAgoraClient } from "../createFakeAgoraClient";
import { asAgoraRTCClient, type FakeAgoraClient, type FakeAgoraClientOptions } from "../fakeAgoraClient";
import { SdkCallLog } from "./SdkCallLog";

/**
 * What a story sets in `parameters.cloudProxy` to shape its fake client and provider.
 *
 * @example
 * ```ts
 * export const JoinFailed: Story = {
 *   parameters: { cloudProxy: { setup: (client) => client.fake.failNextJoin() } satisfies CloudProxyStoryParameters },
 * };
 * ```
 */
export interface CloudProxyStoryParameters {
  /** Options of `createFakeAgoraClient()`: latencies, `offline`, ... */
  client?: FakeAgoraClientOptions;
  /**
   * Runs on the fake client before the provider mounts (in the story's loader): queue a
   * failure (`client.fake.failNextJoin()`), hang the next join, or put the client in a call.
   */
  setup?: (client: FakeAgoraClient) => void | Promise<void>;
  /** `<CloudProxyProvider mode>`; default "udp". */
  mode?: CloudProxyModeInput;
  /** `<CloudProxyProvider onModeChange>`; default "rejoin". */
  onModeChange?: ModeChangePolicy;
  /** `<CloudProxyProvider fallbackAfterMs>` for mode "auto"; the provider's default (5 s) when omitted. */
  fallbackAfterMs?: number;
  /** Wraps the provider in `<StrictMode>`. */
  strictMode?: boolean;
  /** Shows a "Call mounted" switch above the provider, to unmount it from the story or its play function. */
  mountSwitch?: boolean;
}

/**
 * The part of a Storybook story context that {@link withCloudProxy} and
 * {@link loadFakeAgoraClient} read. Written out structurally, so this package needs no
 * Storybook types: Storybook's `StoryContext` is assignable to it.
 *
 * @example
 * ```ts
 * const context: CloudProxyStoryContext = { parameters: { cloudProxy: { mode: "tls" } }, loaded: {} };
 * ```
 */
export interface CloudProxyStoryContext {
  /** The story's parameters; {@link withCloudProxy} reads `parameters.cloudProxy`. */
  parameters?: { cloudProxy?: CloudProxyStoryParameters };
  /** What the story's loaders returned; {@link loadFakeAgoraClient} puts the fake client here. */
  loaded?: Record<string, unknown>;
}

/**
 * The type of {@link withCloudProxy}: assignable to Storybook's `Decorator` (for React), without
 * depending on Storybook.
 *
 * @example
 * ```ts
 * import type { Decorator } from "@storybook/react-vite";
 * const decorator = withCloudProxy satisfies CloudProxyDecorator satisfies Decorator;
 * ```
 */
export type CloudProxyDecorator = (Story: ComponentType, context: CloudProxyStoryContext) => ReactElement;

/**
 * The type of {@link loadFakeAgoraClient}: assignable to Storybook's `Loader`, without
 * depending on Storybook.
 *
 * @example
 * ```ts
 * import type { Loader } from "@storybook/react-vite";
 * const loader = loadFakeAgoraClient satisfies CloudProxyLoader satisfies Loader;
 * ```
 */
export type CloudProxyLoader = (
  context: Pick<CloudProxyStoryContext, "parameters">,
) => Promise<Record<typeof FAKE_CLIENT_KEY, FakeAgoraClient>>;

/**
 * The key under which {@link loadFakeAgoraClient} puts the story's fake client in `context.loaded`.
 *
 * @example
 * ```ts
 * const client = loaded[FAKE_CLIENT_KEY] as FakeAgoraClient; // or: getFakeAgoraClient(loaded)
 * ```
 */
export const FAKE_CLIENT_KEY = "fakeAgoraClient";

const FakeAgoraClientContext = createContext<FakeAgoraClient | null>(null);

/**
 * Storybook loader: a fresh fake client per story render (never shared between stories),
 * made by `createFakeAgoraClient(parameters.cloudProxy.client)` and prepared by
 * `parameters.cloudProxy.setup`. Play functions read it with {@link getFakeAgoraClient}.
 *
 * @example
 * ```ts
 * const meta = { component: CallPanel, decorators: [withCloudProxy], loaders: [loadFakeAgoraClient] } satisfies Meta<typeof CallPanel>;
 * ```
 */
export const loadFakeAgoraClient: CloudProxyLoader = async ({ parameters }) => {
  const options = parameters?.cloudProxy ?? {};
  const client = createFakeAgoraClient(options.client);
  await options.setup?.(client);
  return { [FAKE_CLIENT_KEY]: client };
};

/**
 * Storybook decorator: renders the story inside `<CloudProxyProvider>` on the story's fake
 * client (from {@link loadFakeAgoraClient}), so the story's components can call
 * `useCloudProxyClient()` / `useCloudProxyStatus()` and the play function can assert
 * `client.fake.calls`. Configure it per story with `parameters.cloudProxy`
 * ({@link CloudProxyStoryParameters}). Use it with its loader, through {@link cloudProxyStory}.
 *
 * Beside the story it shows the options in use and the {@link SdkCallLog}; provider errors
 * (`onError`) are listed under it (`data-testid="provider-errors"`). The markup is unstyled
 * and carries `story-*` class names to style.
 *
 * @example
 * ```tsx
 * const meta = { component: CallPanel, ...cloudProxyStory } satisfies Meta<typeof CallPanel>;
 * export const Joined: Story = {
 *   play: async ({ canvas, userEvent, loaded }) => {
 *     await userEvent.click(canvas.getByRole("button", { name: "Join" }));
 *     await waitFor(() => expect(sdkCalls(getFakeAgoraClient(loaded))).toEqual(["startProxyServer(3)", "join"]));
 *   },
 * };
 * ```
 */
export const withCloudProxy: CloudProxyDecorator = (Story, context) => (
  <CloudProxyStoryFrame client={getFakeAgoraClient(context.loaded)} options={context.parameters?.cloudProxy ?? {}}>
    <Story />
  </CloudProxyStoryFrame>
);

/**
 * The decorator and its loader together: spread into a CSF `meta`, or `preview.ts` for every story.
 *
 * @example
 * ```ts
 * const meta = { title: "Call/Lifecycle", component: CallPanel, ...cloudProxyStory } satisfies Meta<typeof CallPanel>;
 * ```
 */
export const cloudProxyStory: { decorators: CloudProxyDecorator[]; loaders: CloudProxyLoader[] } = {
  decorators: [withCloudProxy],
  loaders: [loadFakeAgoraClient],
};

/**
 * The story's fake client, from a play function's (or render function's) `loaded`.
 *
 * @example
 * ```ts
 * play: async ({ loaded }) => expect(getFakeAgoraClient(loaded).connectionState).toBe("DISCONNECTED"),
 * ```
 */
export function getFakeAgoraClient(loaded: Record<string, unknown> | undefined): FakeAgoraClient {
  const client = loaded?.[FAKE_CLIENT_KEY] as FakeAgoraClient | undefined;
  if (!client) {
    throw new Error(
      "No fake Agora client for this story. Add the loader too: spread `cloudProxyStory` into the meta (decorators and loaders), not only `withCloudProxy`.",
    );
  }
  return client;
}

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

function CloudProxyStoryFrame({
  client,
  options,
  children,
}: {
  client: FakeAgoraClient;
  options: CloudProxyStoryParameters;
  children: ReactNode;
}) {
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
          <span className="story-frame-options">
            mode <code>{String(options.mode ?? "udp")}</code> · onModeChange{" "}
            <code>{options.onModeChange ?? "rejoin"}</code>
            {options.strictMode ? (
              <>
                {" "}
                · <code>&lt;StrictMode&gt;</code>
              </>
            ) : null}
          </span>
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
