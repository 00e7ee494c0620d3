import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Build output in dist/, like every package of the monorepo (ignored by git, ESLint, Prettier).
  distDir: "dist",
  // The workspace packages are TypeScript sources (their package.json "exports" point at
  // src/*.ts in the repository; the published packages point at dist/): let Next compile them.
  transpilePackages: ["@agora-cloud-proxy/react", "@agora-cloud-proxy/core", "@agora-cloud-proxy/testing"],
  reactStrictMode: true,
  poweredByHeader: false,
};

export default nextConfig;
