// The committed migrations must build exactly the schema that schema.prisma describes (a migration forgotten or
// edited by hand shows up here), and our applier must keep `_prisma_migrations` the way `prisma migrate deploy` does.
// Runs on PGlite always and on real PostgreSQL when TEST_DATABASE_URL is set.
import { createHash } from "node:crypto";
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, pgExecutor, pgliteExecutor, type SqlExecutor } from "@/lib/db/migrate";
import { schemaToSql } from "@/scripts/migration-sql";
import { connect, createTestDatabase, testServerUrl } from "../helpers/pg";
import { emptyPgliteDump } from "../helpers/pglite-template";

const migrationsDir = join(process.cwd(), "prisma/migrations");
const migrationNames = readdirSync(migrationsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort();

interface Opened {
  db: SqlExecutor;
  close(): Promise<void>;
}
// A new PGlite database runs initdb in WebAssembly (~7 CPU-s; the migrations take ~0.6). Every test still gets a
// database of its own that has never seen a migration: a copy of one empty database (PGlite's data directory dump,
// made beside the run's template: tests/helpers/pglite-template.ts), which opens in a quarter of the CPU.
const backends: { name: string; open(): Promise<Opened> }[] = [
  {
    name: "PGlite",
    open: async () => {
      const db = await PGlite.create({ loadDataDir: await emptyPgliteDump() });
      return { db: pgliteExecutor(db), close: () => db.close() };
    },
  },
];
if (testServerUrl) {
  backends.push({
    name: "PostgreSQL",
    open: async () => {
      const database = await createTestDatabase("migrations");
      const client = await connect(database.url);
      return {
        db: pgExecutor(client),
        close: async () => {
          await client.end();
          await database.drop();
        },
      };
    },
  });
}

// Column order and object oids are left out: Prisma appends new columns, and its drift check ignores order too.
// CHECK constraints too: schema.prisma cannot describe them, so they exist only in hand-written migration SQL
// (PriceVersion_markup_positive), like the triggers.
async function dumpSchema(db: SqlExecutor) {
  const rows = async (sql: string) => (await db.query(sql)).rows;
  const notOurs = (alias: string) => `${alias}.relname <> '_prisma_migrations'`;
  return {
    tables: await rows(`SELECT table_name, table_type FROM information_schema.tables
      WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY 1`),
    columns: await rows(`SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
        a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
      FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped AND ${notOurs("c")}
      ORDER BY 1, 2`),
    enums: await rows(`SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
      FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' GROUP BY 1 ORDER BY 1`),
    indexes: await rows(`SELECT tablename, indexname, indexdef FROM pg_indexes
      WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY 1, 2`),
    constraints: await rows(`SELECT c.relname AS table, co.conname AS name, co.contype::text AS type,
        pg_get_constraintdef(co.oid) AS definition
      FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = co.connamespace
      WHERE n.nspname = 'public' AND ${notOurs("c")} AND co.contype <> 'c' ORDER BY 1, 2`),
  };
}

const sha256 = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

const tempDirs: string[] = [];
afterAll(() => tempDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A scratch copy of prisma/migrations that a test may edit. */
function copyMigrations(): string {
  const root = mkdtempSync(join(tmpdir(), "migrations-test-"));
  tempDirs.push(root);
  cpSync(migrationsDir, join(root, "migrations"), { recursive: true });
  return join(root, "migrations");
}

let fromEmptySql = "";
beforeAll(async () => {
  // Prisma's engine asks a database for its version: the empty PGlite the tests copy answers it.
  const dump = join(mkdtempSync(join(tmpdir(), "migrations-test-")), "empty.tar");
  tempDirs.push(dirname(dump));
  writeFileSync(dump, Buffer.from(await (await emptyPgliteDump()).arrayBuffer()));
  fromEmptySql = await schemaToSql(join(process.cwd(), "prisma/schema.prisma"), undefined, dump);
  // initdb, then Prisma's engine, both in WebAssembly: ~15 CPU-s, which a loaded shared machine stretched past 3 minutes.
}, 300_000);

describe.each(backends)("migrations on $name", (backend) => {
  const opened: Opened[] = [];
  const open = async () => {
    const o = await backend.open();
    opened.push(o);
    return o.db;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((o) => o.close()));
  });

  it("the migrations produce exactly the schema that schema.prisma describes", async () => {
    const [a, b] = [await open(), await open()];
    expect((await applyMigrations(a, migrationsDir)).applied).toEqual(migrationNames);
    await b.exec(fromEmptySql);
    const [migrated, described] = [await dumpSchema(a), await dumpSchema(b)];
    expect(migrated.tables.map((t) => t.table_name)).toContain("Account");
    expect(migrated).toEqual(described);
  });

  it("is idempotent and records Prisma's bookkeeping with sha256 checksums", async () => {
    const db = await open();
    await applyMigrations(db, migrationsDir);
    expect((await applyMigrations(db, migrationsDir)).applied).toEqual([]);
    const { rows } = await db.query<{
      id: string;
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      rolled_back_at: Date | null;
      logs: string | null;
      applied_steps_count: number;
    }>(`SELECT * FROM "_prisma_migrations" ORDER BY migration_name`);
    expect(rows.map((r) => r.migration_name)).toEqual(migrationNames);
    for (const row of rows) {
      expect(row.checksum).toBe(sha256(join(migrationsDir, row.migration_name, "migration.sql")));
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect([row.rolled_back_at, row.logs, row.applied_steps_count]).toEqual([null, null, 1]);
    }
  });

  it("refuses an edited migration but accepts converted line endings", async () => {
    const db = await open();
    const dir = copyMigrations();
    await applyMigrations(db, dir);
    const file = join(dir, migrationNames[0], "migration.sql");
    const original = readFileSync(file, "utf8");
    writeFileSync(file, original.replace(/\n/g, "\r\n"));
    expect((await applyMigrations(db, dir)).applied).toEqual([]);
    appendFileSync(file, "-- edited\n");
    await expect(applyMigrations(db, dir)).rejects.toThrow(/was edited after it was applied/);
  });

  it("refuses to run after a failed migration", async () => {
    const db = await open();
    await applyMigrations(db, migrationsDir);
    await db.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)`, [
      "00000000-0000-4000-8000-000000000000",
      "0".repeat(64),
      "29990101000000_broken",
    ]);
    await expect(applyMigrations(db, migrationsDir)).rejects.toThrow(/29990101000000_broken failed earlier/);
  });
});

describe.skipIf(!testServerUrl)("migrations on PostgreSQL, concurrently", () => {
  it("two instances starting together apply each migration exactly once", async () => {
    const dir = copyMigrations();
    // Each extra migration logs its own run and sleeps, so an unlocked second applier would overlap and log twice.
    for (const [name, sql] of [
      ["99990101000000_log", `CREATE TABLE "ApplyLog" (name TEXT); INSERT INTO "ApplyLog" VALUES ('log'); SELECT pg_sleep(0.3);`],
      ["99990102000000_second", `INSERT INTO "ApplyLog" VALUES ('second'); SELECT pg_sleep(0.3);`],
    ]) {
      mkdirSync(join(dir, name));
      writeFileSync(join(dir, name, "migration.sql"), sql);
    }
    const database = await createTestDatabase("migrations_concurrent");
    const clients = [await connect(database.url), await connect(database.url)];
    try {
      const results = await Promise.all(clients.map((c) => applyMigrations(pgExecutor(c), dir)));
      expect(results.flatMap((r) => r.applied).sort()).toEqual([...migrationNames, "99990101000000_log", "99990102000000_second"]);
      const log = await clients[0].query(`SELECT name FROM "ApplyLog" ORDER BY name`);
      expect(log.rows.map((r) => r.name)).toEqual(["log", "second"]);
      const count = await clients[0].query(`SELECT count(*)::int AS n FROM "_prisma_migrations"`);
      expect(count.rows[0].n).toBe(migrationNames.length + 2);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
      await database.drop();
    }
  });
});

it("pgExecutor rejects a Pool, whose queries would not share one session's transaction and lock", () => {
  expect(() => pgExecutor(new pg.Pool())).toThrow(/not a Pool/);
});
