import { defineConfig } from "tsup";
import { putUseClientFirst } from "../../scripts/putUseClientFirst.mjs";

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
  // Every built file holds hooks or components.
  onSuccess: () => putUseClientFirst("dist", /\.c?js$/),
});
