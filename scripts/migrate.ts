// `npm run db:migrate`: applies prisma/migrations to DATABASE_URL with our applier (Prisma 7's
// `migrate deploy` needs a schema engine download). The bookkeeping matches Prisma's, so either tool can follow.
import pg from "pg";
import { applyMigrations, pgExecutor } from "../lib/db/migrate";

async function main() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("Set DATABASE_URL (postgresql://…) to the database to migrate");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { applied } = await applyMigrations(pgExecutor(client));
    console.log(applied.length ? `Applied ${applied.length} migration(s):\n  ${applied.join("\n  ")}` : "Database is up to date.");
  } finally {
    await client.end();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
