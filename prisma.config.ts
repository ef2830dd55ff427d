// Prisma's generator never runs the schema engine, but without this variable it tries to download one
// (no network here). The real CLI elsewhere can still run `prisma migrate deploy` on prisma/migrations.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= "/dev/null";

import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/doitong" },
});
