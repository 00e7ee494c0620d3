import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createElement, isValidElement } from "react";
import { describe, expect, it } from "vitest";
import { createFakeAgoraClient } from "../src";
import {
  cloudProxyStory,
  FAKE_CLIENT_KEY,
  getFakeAgoraClient,
  loadFakeAgoraClient,
  sdkCalls,
  withCloudProxy,
} from "../src/storybook";

describe("@agora-cloud-proxy/testing/storybook", () => {
  it("loads a fresh fake client per render, prepared by parameters.cloudProxy", async () => {
    const parameters = {
      cloudProxy: {
        client: { joinLatencyMs: 0 },
        setup: (client: ReturnType<typeof createFakeAgoraClient>) => client.startProxyServer(5),
      },
    };
    const first = await loadFakeAgoraClient({ parameters });
    const second = await loadFakeAgoraClient({ parameters });
    expect(first[FAKE_CLIENT_KEY]).not.toBe(second[FAKE_CLIENT_KEY]);
    expect(sdkCalls(getFakeAgoraClient(first))).toEqual(["startProxyServer(5)"]);
    expect(sdkCalls(getFakeAgoraClient(await loadFakeAgoraClient({})))).toEqual([]);
  });

  it("formats the call log for assertions: join without its arguments", async () => {
    const client = createFakeAgoraClient();
    client.startProxyServer(3);
    await client.join("secret-app-id", "room", "secret-token");
    await client.leave();
    expect(sdkCalls(client)).toEqual(["startProxyServer(3)", "join", "leave()"]);
  });

  it("the decorator needs the loader, and says so", () => {
    expect(() => getFakeAgoraClient({})).toThrow(/spread `cloudProxyStory`/);
    expect(() => withCloudProxy(() => null, { parameters: {}, loaded: {} })).toThrow(/No fake Agora client/);
  });

  it("wraps the story in an element when the loader ran", async () => {
    const loaded = await loadFakeAgoraClient({});
    const Story = () => createElement("p", null, "story");
    expect(isValidElement(withCloudProxy(Story, { parameters: { cloudProxy: { mode: "tls" } }, loaded }))).toBe(true);
    expect(cloudProxyStory).toEqual({ decorators: [withCloudProxy], loaders: [loadFakeAgoraClient] });
  });

  it("keeps React out of the main entry: only src/storybook imports react", () => {
    const src = fileURLToPath(new URL("../src", import.meta.url));
    const mainFiles = readdirSync(src).filter((file) => /\.tsx?$/.test(file));
    expect(mainFiles.length).toBeGreaterThan(0);
    for (const file of mainFiles) {
      const code = readFileSync(join(src, file), "utf8");
      expect(code, file).not.toMatch(/from "(react|@agora-cloud-proxy\/react)(\/[^"]*)?"/);
      expect(code, file).not.toMatch(/from "\.\/storybook/);
    }
  });
});
