// A Storybook consumer of @agora-cloud-proxy/testing/storybook, type-checked like consumer.ts
// (see there). The scratch app has no Storybook: `StorybookDecorator` and `StorybookLoader`
// copy the shape of Storybook's React `Decorator` / `Loader` (a story function taking an
// optional context update, a story context whose parameters and loaded values are `any`
// records), which the decorator and loader must fit without depending on Storybook.
import {
  cloudProxyStory,
  getFakeAgoraClient,
  loadFakeAgoraClient,
  sdkCalls,
  SdkCallLog,
  useStoryFakeClient,
  withCloudProxy,
  type CloudProxyStoryParameters,
} from "@agora-cloud-proxy/testing/storybook";
import type { ReactElement, ReactNode } from "react";

/* eslint-disable @typescript-eslint/no-explicit-any -- Storybook's own types use any here */
interface StorybookContext {
  id: string;
  name: string;
  args: Record<string, any>;
  parameters: Record<string, any>;
  loaded: Record<string, any>;
  abortSignal: AbortSignal;
}
type StorybookDecorator = (
  story: (update?: { args?: Record<string, any> }) => ReactElement<unknown>,
  context: StorybookContext,
) => ReactElement<unknown>;
type StorybookLoader = (context: StorybookContext) => Promise<Record<string, any> | void> | Record<string, any> | void;
/* eslint-enable @typescript-eslint/no-explicit-any */

export const decorators: StorybookDecorator[] = [withCloudProxy, ...cloudProxyStory.decorators];
export const loaders: StorybookLoader[] = [loadFakeAgoraClient, ...cloudProxyStory.loaders];

export const parameters: { cloudProxy: CloudProxyStoryParameters } = {
  cloudProxy: {
    mode: "tls",
    onModeChange: "defer",
    client: { joinLatencyMs: 300 },
    setup: (c) => c.fake.failNextJoin(),
  },
};

export async function play({ loaded }: { loaded: Record<string, unknown> }): Promise<string[]> {
  return sdkCalls(getFakeAgoraClient(loaded));
}

export function CallLogPanel(): ReactNode {
  return <SdkCallLog client={useStoryFakeClient()} />;
}
