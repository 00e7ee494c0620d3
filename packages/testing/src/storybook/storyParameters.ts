import type { CloudProxyModeInput, ModeChangePolicy } from "@agora-cloud-proxy/react";
import type { ComponentType, ReactElement } from "react";
import type { FakeAgoraClient, FakeAgoraClientOptions } from "../fakeAgoraClient";

// What a story hands the decorator and its loader, typed structurally: Storybook's own
// `StoryContext`, `Decorator` and `Loader` are assignable to these, so this package needs no
// Storybook types.

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
