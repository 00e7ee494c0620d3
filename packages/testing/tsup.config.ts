import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { defineConfig } from "tsup";

// ESM + CJS with matching declarations (.d.ts / .d.cts) for both entries. The main entry (the
// fake) has no runtime dependencies; the SDK is only ever imported for types. The storybook
// entry imports react and @agora-cloud-proxy/react (optional peers), kept external. Splitting
// puts the fake, which both entries use, in one chunk, so a fake client made through either
// entry is the same code (and the main entry stays free of React).
export default defineConfig({
  entry: { index: "src/index.ts", storybook: "src/storybook/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  splitting: true,
  target: "es2022",
  platform: "neutral",
  clean: true,
  external: [/^react($|\/)/, /^@agora-cloud-proxy\//, /^agora-rtc-sdk-ng($|\/)/],
  onSuccess: putUseClientFirst,
});

/** The built files that hold hooks or components: the storybook entry's, in both formats. */
const CLIENT_FILES = /^storybook\.c?js$/;

/**
 * The same fix as packages/react/tsup.config.ts, for the storybook entry only: React Server
 * Components bundlers honour "use client" only as the first statement of a file. esbuild keeps
 * the entry's own directive but not its modules', and the CJS output starts with
 * `"use strict";Object.defineProperty(exports, ...)` and esbuild's helper functions, after which
 * a directive is a plain string. So: drop the directives esbuild left near the top and put one first. The main entry and the
 * shared chunk (the fake, no React) get none.
 */
async function putUseClientFirst(): Promise<void> {
  for (const file of await readdir("dist")) {
    if (!CLIENT_FILES.test(file)) continue;
    const code = await readFile(join("dist", file), "utf8");
    const headEnd = code.indexOf("\n\n") === -1 ? code.length : code.indexOf("\n\n");
    const head = code.slice(0, headEnd).replace(/(^|[;}]|\n)\s*["']use client["'];?[ \t]*\n?/g, "$1");
    await writeFile(join("dist", file), `"use client";\n${head}${code.slice(headEnd)}`);
  }
}
