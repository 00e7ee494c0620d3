import react from "@vitejs/plugin-react";
import { defaultClientConditions, defineConfig } from "vite";

// The workspace packages resolve to their TypeScript sources (their "@agora-cloud-proxy/source"
// export condition), so the demo runs from a fresh clone without building the packages first.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ["@agora-cloud-proxy/source", ...defaultClientConditions] },
  server: { host: "localhost" },
  build: { chunkSizeWarningLimit: 2_000 },
});
