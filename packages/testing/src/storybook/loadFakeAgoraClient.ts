import { createFakeAgoraClient } from "../createFakeAgoraClient";
import type { FakeAgoraClient } from "../fakeAgoraClient";
import { FAKE_CLIENT_KEY, type CloudProxyLoader } from "./storyParameters";

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
