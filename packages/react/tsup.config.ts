import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { defineConfig } from "tsup";

// ESM + CJS with matching declarations (.d.ts / .d.cts) for both entries. Everything the
// package talks to stays external: react, core (a dependency), agora-rtc-react and the SDK
// (peers). Splitting puts the code both entries share (the React context above all) in one
// chunk, so "@agora-cloud-proxy/react/agora-rtc-react" and "@agora-cloud-proxy/react" see the
// same context, in ESM and in CJS.
export default defineConfig({
  entry: { index: "src/index.ts", "agora-rtc-react": "src/agora-rtc-react/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  splitting: true,
  target: "es2022",
  platform: "neutral",
  clean: true,
  external: [/^react($|\/)/, /^@agora-cloud-proxy\//, /^agora-rtc-(sdk-ng|react)($|\/)/, /^zustand($|\/)/],
  onSuccess: putUseClientFirst,
});

/**
 * Every built file holds hooks or components, so every one must start with "use client"
 * (React Server Components bundlers only honour the directive as the first statement of a
 * file). esbuild keeps the entry's own directive but not the chunks', and the CJS output
 * starts with `"use strict";Object.defineProperty(exports, ...)`, after which a directive is a
 * plain string. So: drop the directives esbuild left near the top and put one first.
 */
async function putUseClientFirst(): Promise<void> {
  for (const file of await readdir("dist")) {
    if (!/\.c?js$/.test(file)) continue;
    const code = await readFile(join("dist", file), "utf8");
    const headEnd = code.indexOf("\n\n") === -1 ? code.length : code.indexOf("\n\n");
    const head = code.slice(0, headEnd).replace(/(^|;|\n)\s*["']use client["'];?[ \t]*\n?/g, "$1");
    await writeFile(join("dist", file), `"use client";\n${head}${code.slice(headEnd)}`);
  }
}
