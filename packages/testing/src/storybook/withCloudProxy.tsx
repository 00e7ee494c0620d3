"use client";

import { CloudProxyStoryFrame } from "./CloudProxyStoryFrame";
import { getFakeAgoraClient, loadFakeAgoraClient } from "./loadFakeAgoraClient";
import type { CloudProxyDecorator, CloudProxyLoader } from "./storyParameters";

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
