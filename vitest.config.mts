import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// graphql must resolve to one copy, or Yoga and our schema disagree about GraphQLSchema's realm.
const graphqlEntry = fileURLToPath(import.meta.resolve("graphql"));
const resolve = { alias: { "@": fileURLToPath(new URL("./", import.meta.url)), graphql: graphqlEntry } };

// globalSetup: one migrated PGlite data directory per run, copied for every embedded database (pglite-template.ts).
const shared = { testTimeout: 90_000, hookTimeout: 180_000, pool: "forks" as const, globalSetup: ["tests/helpers/pglite-template.ts"] };

// migrations.test.ts covers both databases itself (observability.test.ts runs its server on PostgreSQL itself); the
// vendor-routing, test-key, deadline and bucket tests exercise logic whose database side (credits, ledger, leases)
// the other files already run on PostgreSQL; large-media moves 1.4 GB through the server to measure its memory,
// which the database does not change (uploads.test.ts runs on both).
const POSTGRES_SKIPS = ["migrations", "test-mode", "routing", "deadlines", "s3-storage", "large-media", "observability"].map((name) => `tests/integration/${name}.test.ts`);

export default defineConfig({
  resolve,
  test: {
    maxWorkers: 2,
    projects: [
      // Everything, with servers on the embedded PGlite database; tests/domain on an embedded database of its own.
      { resolve, test: { ...shared, name: "pglite", include: ["tests/**/*.test.ts"] } },
      // With TEST_DATABASE_URL (CI), the server-level tests again on real PostgreSQL (but POSTGRES_SKIPS).
      ...(process.env.TEST_DATABASE_URL ? [{ resolve, test: { ...shared, name: "postgres", include: ["tests/integration/**/*.test.ts", "tests/domain/**/*.test.ts"], exclude: POSTGRES_SKIPS, env: { DOITONG_TEST_DB: "postgres" } } }] : []),
    ],
  },
});
