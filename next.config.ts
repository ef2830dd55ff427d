import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A separate build directory lets two checkouts' worth of work (or parallel test runs) build side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native, WASM or worker-spawning packages are loaded from node_modules at run time instead of bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@prisma/adapter-pg", "@prisma/client", "sharp"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
