import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // Native, WASM or worker-spawning packages are loaded from node_modules at run time instead of bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@prisma/adapter-pg", "@prisma/client", "sharp"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
