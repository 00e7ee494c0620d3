"use client";

/**
 * `@agora-cloud-proxy/testing/storybook`: a Storybook decorator and loader that render each
 * story inside `<CloudProxyProvider>` on a fresh fake client, with the SDK call log beside it.
 * Needs `react` and `@agora-cloud-proxy/react` (optional peers of this package); typed
 * structurally, so it needs no Storybook package, and fits Storybook's `Decorator` / `Loader`.
 *
 * @example
 * import type { Meta, StoryObj } from "@storybook/react-vite";
 * import { cloudProxyStory, getFakeAgoraClient, sdkCalls } from "@agora-cloud-proxy/testing/storybook";
 *
 * const meta = { component: CallPanel, ...cloudProxyStory } satisfies Meta<typeof CallPanel>;
 * export default meta;
 *
 * export const JoinFailed: StoryObj<typeof meta> = {
 *   parameters: { cloudProxy: { setup: (client) => client.fake.failNextJoin() } },
 *   play: async ({ canvas, userEvent, loaded }) => {
 *     await userEvent.click(canvas.getByRole("button", { name: "Join" }));
 *     await waitFor(() => expect(sdkCalls(getFakeAgoraClient(loaded))).toEqual(["startProxyServer(3)", "join"]));
 *   },
 * };
 *
 * @module
 */
export { cloudProxyStory, withCloudProxy } from "./withCloudProxy";
export { getFakeAgoraClient, loadFakeAgoraClient } from "./loadFakeAgoraClient";
export { useStoryFakeClient } from "./storyFakeClient";
export {
  FAKE_CLIENT_KEY,
  type CloudProxyDecorator,
  type CloudProxyLoader,
  type CloudProxyStoryContext,
  type CloudProxyStoryParameters,
} from "./storyParameters";
export { SdkCallLog } from "./SdkCallLog";
export { formatSdkCall, sdkCalls } from "./sdkCalls";
