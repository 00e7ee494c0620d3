import { defineConfig } from "tsup";
import { putUseClientFirst } from "../../scripts/putUseClientFirst.mjs";

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
  // Only the storybook entry holds React code; the main entry and the fake's chunk get none.
  onSuccess: () => putUseClientFirst("dist", /^storybook\.c?js$/),
});
