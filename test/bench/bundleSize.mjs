// Bundle size per import, as an app ships it: esbuild bundles one import statement, minified,
// then gzip -9. Our packages are taken as a consumer gets them: the built dist with the
// published package.json (publishConfig's exports, as `pnpm pack` writes it), installed in a
// scratch node_modules, so neither the workspace's "@agora-cloud-proxy/source" condition nor
// its src/ exports take part. Plain JavaScript so that both bundle.bench.test.ts and
// bundleReport.mjs (a plain Node script) can use it; its types are in bundleSize.d.mts.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";

const root = join(import.meta.dirname, "../..");

/** What an app provides itself: peers and our one dependency's own dependency. */
export const EXTERNAL = [
  "react",
  "react/*",
  "react-dom",
  "react-dom/*",
  "zustand",
  "zustand/*",
  "agora-rtc-sdk-ng",
  "agora-rtc-react",
];

const PUBLISHED = ["core", "react"];

/**
 * Installs the built packages in a scratch directory the way npm would unpack their tarballs:
 * package.json with publishConfig applied, plus dist/. Returns the directory to resolve from
 * and a cleanup function. Throws when a package has not been built.
 */
export function stageConsumer() {
  const dir = mkdtempSync(join(tmpdir(), "agora-cloud-proxy-bundle-"));
  for (const name of PUBLISHED) {
    const source = join(root, "packages", name);
    const manifest = JSON.parse(readFileSync(join(source, "package.json"), "utf8"));
    const { publishConfig = {}, ...published } = manifest;
    for (const key of ["exports", "main", "module", "types"]) {
      if (key in publishConfig) published[key] = publishConfig[key];
    }
    const target = join(dir, "node_modules", manifest.name);
    mkdirSync(target, { recursive: true });
    writeFileSync(join(target, "package.json"), JSON.stringify(published, null, 2));
    try {
      cpSync(join(source, "dist"), join(target, "dist"), { recursive: true });
    } catch (error) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`${manifest.name} has no dist/: run \`pnpm build\` first (pnpm bench does)`, { cause: error });
    }
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * Bundles `code` (one import statement, re-exported so nothing is shaken off) resolved from
 * `resolveDir`, and returns its minified and gzipped sizes in bytes, and esbuild's metafile.
 */
export async function measureImport(code, { resolveDir, external = EXTERNAL, conditions = [] }) {
  const result = await build({
    stdin: { contents: code, resolveDir, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    external,
    conditions,
    metafile: true,
    define: { "process.env.NODE_ENV": '"production"' },
    logLevel: "silent",
  });
  const output = result.outputFiles[0].contents;
  return { min: output.byteLength, gzip: gzipSync(output, { level: 9 }).byteLength, metafile: result.metafile };
}

/**
 * The rows of benchmark 6: each import an app may write, with the budget and the
 * ceiling CI enforces until the budget is met (today's size and a little room: a regression
 * fails the build), both in gzipped bytes. Issue 14 (media check, reconnect policy, token
 * provider, all reachable from the provider's props) raised them from 10.8 / 16.8 kB to 13.9 / 19.9 kB.
 */
export const IMPORTS = [
  {
    name: "`{ CloudProxyProvider, useCloudProxyClient }` from react",
    code: 'export { CloudProxyProvider, useCloudProxyClient } from "@agora-cloud-proxy/react";',
    budget: 6.0 * 1024,
    ceiling: 13.9 * 1024,
  },
  {
    name: "`{ useCloudProxyStatus }` from react",
    code: 'export { useCloudProxyStatus } from "@agora-cloud-proxy/react";',
  },
  {
    name: "`{ createCloudProxySession }` from core",
    code: 'export { createCloudProxySession } from "@agora-cloud-proxy/core";',
  },
  {
    name: "everything from react + core",
    code: 'export * from "@agora-cloud-proxy/react";\nexport * from "@agora-cloud-proxy/core";',
    budget: 8.5 * 1024,
    ceiling: 19.9 * 1024,
  },
  {
    name: "`{ CloudProxyAgoraRTCProvider, useJoin }` from react/agora-rtc-react (agora-rtc-react external)",
    code: 'export { CloudProxyAgoraRTCProvider, useJoin } from "@agora-cloud-proxy/react/agora-rtc-react";',
  },
];

/**
 * The baseline: agora-rtc-react's own useJoin, as an app ships it. agora-rtc-react bundles its
 * own copy of the SDK, so only react and react-dom stay external.
 */
export const BASELINE = {
  name: "{ useJoin } from agora-rtc-react",
  code: 'export { useJoin } from "agora-rtc-react";',
  external: ["react", "react/*", "react-dom", "react-dom/*", "agora-rtc-sdk-ng"],
  resolveDir: join(root, "test"),
};
