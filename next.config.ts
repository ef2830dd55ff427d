import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

/**
 * Security headers on every response (pages, the GraphQL endpoint and GraphiQL, media, API routes). They are
 * fixed when the app is built: Next.js bakes headers() into the build.
 *
 * The CSP fits the pages as they are: Next.js and the inlined GraphiQL run inline scripts and styles (no nonces
 * without a proxy, which would also cap request bodies), GraphiQL's editor starts workers from blob: URLs and uses
 * data: icons and fonts, and results play from our own /media URLs (the public URL's origin when it is another),
 * which redirect to the bucket when there is one (S3_* must then be set at build time too).
 * Nothing may frame the app, and nothing loads from other origins.
 */
function contentSecurityPolicy(): string {
  const dev = process.env.NODE_ENV !== "production";
  const publicOrigin = originOf(process.env.DOITONG_PUBLIC_URL);
  const media = ["'self'", "data:", "blob:", ...(publicOrigin ? [publicOrigin] : []), ...bucketOrigins()].join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${media}`,
    `media-src ${media}`,
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws: wss:" : ""}${publicOrigin ? ` ${publicOrigin}` : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Media links redirect to the bucket when S3_BUCKET is set (lib/storage/bucket.ts): pages may load from it. */
function bucketOrigins(): string[] {
  const bucket = process.env.S3_BUCKET;
  if (!bucket) return [];
  const endpoint = originOf(process.env.S3_ENDPOINT);
  if (endpoint) return [endpoint, endpoint.replace("://", `://${bucket}.`)];
  const region = process.env.S3_REGION || "us-east-1";
  return [`https://${bucket}.s3.${region}.amazonaws.com`, `https://s3.${region}.amazonaws.com`];
}

function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

const HSTS = { key: "Strict-Transport-Security", value: "max-age=63072000; includeSubDomains" };

const nextConfig: NextConfig = {
  // A separate build directory lets two checkouts' worth of work (or parallel test runs) build side by side.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // Native, WASM or worker-spawning packages are loaded from node_modules at run time instead of bundled.
  serverExternalPackages: ["@electric-sql/pglite", "pg", "@prisma/adapter-pg", "@prisma/client", "sharp", "@aws-sdk/client-s3", "@aws-sdk/s3-request-presigner"],
  poweredByHeader: false,
  // CI has just type-checked the same tsconfig with `npm run typecheck` (.ci/run sets this after it passed); the
  // build's own check would repeat it. Every other build checks types as usual.
  typescript: { ignoreBuildErrors: process.env.DOITONG_BUILD_SKIP_TYPECHECK === "1" },
  // Turbopack keeps a cache of the build in .next/cache for the next build; writing it takes 10–20 s after the build
  // itself, and a build that finds it spends about half the CPU (CI keeps it between runs: scripts/ci-tool-cache.sh).
  // DOITONG_BUILD_CACHE=off builds without it.
  // preloadEntriesOnStart: false — Next loads every page's and route handler's bundle when it starts (its default),
  // about 25 MB of JavaScript here (two more copies of GraphiQL's editor, the password checker's dictionaries, every
  // page), most of a start's CPU. A server that never serves a page never needs them; each loads on its first request.
  experimental: { turbopackFileSystemCacheForBuild: process.env.DOITONG_BUILD_CACHE !== "off", preloadEntriesOnStart: false },
  typedRoutes: false,
  headers() {
    const always = [
      { key: "Content-Security-Policy", value: contentSecurityPolicy() },
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "X-Frame-Options", value: "DENY" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
    ];
    // HSTS only where the site is served over HTTPS: built with an https DOITONG_PUBLIC_URL, or — whatever the
    // build saw — a request that reached the TLS-terminating proxy over HTTPS (X-Forwarded-Proto). Never on plain
    // http://localhost, where it would pin a developer's browser to HTTPS. (Browsers ignore HSTS sent over HTTP, so
    // a client forging X-Forwarded-Proto gains nothing.)
    const httpsSite = process.env.DOITONG_PUBLIC_URL?.startsWith("https://");
    return [
      { source: "/:path*", headers: httpsSite ? [...always, HSTS] : always },
      ...(httpsSite ? [] : [{ source: "/:path*", has: [{ type: "header" as const, key: "x-forwarded-proto", value: "https" }], headers: [HSTS] }]),
    ];
  },
};

// next-intl without locale routing: i18n/request.ts picks each request's language (README, "Languages").
export default createNextIntlPlugin("./i18n/request.ts")(nextConfig);
