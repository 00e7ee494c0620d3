import type { StorybookConfig } from "@storybook/react-vite";
import { defaultClientConditions, mergeConfig } from "vite";

const config: StorybookConfig = {
  stories: ["../src/**/*.stories.@(ts|tsx)"],
  framework: { name: "@storybook/react-vite", options: {} },
  // Offline by design: no telemetry, no "what's new" fetches.
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  typescript: { reactDocgen: false },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      // The workspace packages resolve to their TypeScript sources ("@agora-cloud-proxy/source").
      resolve: { conditions: ["@agora-cloud-proxy/source", ...defaultClientConditions] },
      // React's development build, in `storybook build` too: StrictMode then really mounts,
      // unmounts and mounts again (the "StrictMode remount" story asserts it), and React's
      // warnings reach the console, where the browser suite fails on any console error.
      define: { "process.env.NODE_ENV": JSON.stringify("development") },
      build: {
        chunkSizeWarningLimit: 2_000,
        rolldownOptions: {
          // The packages' "use client" banners are for React Server Components; a client-only
          // bundle drops them on purpose.
          onwarn(warning, warn) {
            if (warning.code !== "MODULE_LEVEL_DIRECTIVE") warn(warning);
          },
        },
      },
    }),
};

export default config;
