import { defineConfig } from "tsup";

// ESM + CJS with matching declarations (.d.ts / .d.cts). The fake has no runtime
// dependencies; the SDK is only ever imported for types.
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  target: "es2022",
  platform: "neutral",
  clean: true,
  external: [/^agora-rtc-sdk-ng($|\/)/],
});
