import { defineConfig } from "tsup";

// ESM + CJS with matching declarations (.d.ts / .d.cts). zustand and the SDK stay external:
// zustand is a dependency, and the SDK is only ever imported for types.
export default defineConfig({
  entry: { index: "src/index.ts" },
  format: ["esm", "cjs"],
  dts: true,
  target: "es2022",
  platform: "neutral",
  clean: true,
  external: [/^zustand($|\/)/, /^agora-rtc-sdk-ng($|\/)/],
});
