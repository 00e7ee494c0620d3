// @vitest-environment node
import { createCloudProxySession } from "@agora-cloud-proxy/core";
import { asAgoraRTCClient, createFakeAgoraClient } from "@agora-cloud-proxy/testing";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// docs/getting-started.md documents the store's state field by field, and the modes a session
// takes: both must cover what the code has.

const doc = readFileSync(new URL("../../docs/getting-started.md", import.meta.url), "utf8");

describe("docs/getting-started.md", () => {
  it("documents every field of the session's state in its state table", async () => {
    const session = createCloudProxySession(asAgoraRTCClient(createFakeAgoraClient()), { mode: "off" });
    const fields = Object.keys(session.store.getState());
    await session.dispose();
    const table =
      doc.split("`session.store` is a zustand vanilla store of `CloudProxyState`:")[1]?.split("\n\n")[1] ?? "";
    const documented = [...table.matchAll(/^\| ([^|]+) \|/gm)].flatMap((match) =>
      [...match[1]!.matchAll(/`(\w+)`/g)].map((name) => name[1]),
    );
    expect(fields.length).toBeGreaterThan(8);
    expect([...documented].sort()).toEqual([...fields].sort());
  });

  it('names every mode in the session example\'s mode comment, "auto" included', () => {
    const modeLine = doc.split("\n").find((line) => line.trim().startsWith('mode: "udp",'));
    const comment = doc.slice(doc.indexOf(modeLine!), doc.indexOf("onModeChange:", doc.indexOf(modeLine!)));
    for (const mode of ['"udp"', '"tls"', '"off"', '"auto"']) expect(comment).toContain(mode);
  });
});
