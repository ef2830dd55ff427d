// Applies prisma/migrations/*/migration.sql and records them in `_prisma_migrations` exactly as
// `prisma migrate deploy` does, so the real Prisma CLI (where its engine can be downloaded) sees them as applied.
// We need our own applier because Prisma 7's migrate commands cannot run without that download.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PGlite } from "@electric-sql/pglite";

export interface SqlExecutor {
  /** Runs one or more statements (simple protocol). */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

/** The key `prisma migrate deploy` locks, so our applier and Prisma's also exclude each other. */
const MIGRATE_LOCK_KEY = 72707369;

// Same DDL as the schema engine's create_migrations_table for PostgreSQL.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
}
interface LocalMigration {
  name: string;
  sql: string;
  checksum: string;
}

const sha256 = (data: Buffer | string) => createHash("sha256").update(data).digest("hex");

/** Like the engine, accept a file whose line endings git converted (LF <-> CRLF) since it was applied. */
function matchesChecksum(m: LocalMigration, checksum: string): boolean {
  if (m.checksum === checksum) return true;
  const lf = m.sql.replace(/\r\n/g, "\n");
  return sha256(lf) === checksum || sha256(lf.replace(/\n/g, "\r\n")) === checksum;
}

function readMigrations(dir: string): LocalMigration[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = join(dir, name, "migration.sql");
      if (!existsSync(file)) throw new Error(`Migration folder ${name} has no migration.sql`);
      const bytes = readFileSync(file);
      return { name, sql: bytes.toString("utf8"), checksum: sha256(bytes) };
    });
}

/** Runs `fn` in a transaction holding the migrate lock; the lock ends with the transaction. */
async function lockedTransaction<T>(db: SqlExecutor, fn: () => Promise<T>): Promise<T> {
  await db.exec("BEGIN");
  try {
    await db.query(`SELECT pg_advisory_xact_lock(${MIGRATE_LOCK_KEY})`);
    const result = await fn();
    await db.exec("COMMIT");
    return result;
  } catch (err) {
    // A broken connection cannot roll back; the original error is the one worth reporting.
    await db.exec("ROLLBACK").catch(() => undefined);
    throw err;
  }
}

/** Fails on anything `migrate deploy` would also stop at, plus edited migrations (which deploy ignores). */
async function appliedNames(db: SqlExecutor, local: LocalMigration[]): Promise<Set<string>> {
  const { rows } = await db.query<MigrationRow>(`SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`);
  const failed = rows.find((row) => row.finished_at === null);
  if (failed) {
    throw new Error(
      `Migration ${failed.migration_name} failed earlier (its _prisma_migrations row has no finished_at). ` +
        "Repair the database, then mark the row rolled back (rolled_back_at) or applied before migrating again.",
    );
  }
  for (const row of rows) {
    const file = local.find((m) => m.name === row.migration_name);
    if (file && !matchesChecksum(file, row.checksum)) {
      throw new Error(
        `Migration ${row.migration_name} was edited after it was applied (checksum ${row.checksum} in the database, ` +
          `${file.checksum} on disk). Restore the file and put the change in a new migration.`,
      );
    }
  }
  return new Set(rows.map((row) => row.migration_name));
}

/**
 * Applies each pending migration in name order, each in its own transaction with its bookkeeping row. Every
 * transaction takes the advisory lock and re-reads the table, so app instances starting together apply each
 * migration once. `db` must be one session (pg Client / PoolClient, PGlite), not a pool.
 */
export async function applyMigrations(db: SqlExecutor, dir = join(process.cwd(), "prisma/migrations")): Promise<{ applied: string[] }> {
  const local = readMigrations(dir);
  const appliedBefore = await lockedTransaction(db, async () => {
    await db.exec(CREATE_TABLE);
    return appliedNames(db, local);
  });
  const applied: string[] = [];
  // A migration applied already stays applied: only the pending ones need a transaction of their own. (Every start
  // of the app runs this; a transaction per migration, each re-reading the table, cost ~0.6 CPU-s on PGlite.)
  for (const migration of local.filter((m) => !appliedBefore.has(m.name))) {
    await lockedTransaction(db, async () => {
      if ((await appliedNames(db, local)).has(migration.name)) return;
      const id = randomUUID();
      await db.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ($1, $2, $3)`, [id, migration.checksum, migration.name]);
      try {
        await db.exec(migration.sql);
      } catch (err) {
        throw new Error(`Migration ${migration.name} failed: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
      }
      await db.query(`UPDATE "_prisma_migrations" SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1`, [id]);
      applied.push(migration.name);
    });
  }
  return { applied };
}

/** node-postgres Client or PoolClient. Without values pg uses the simple protocol, which allows many statements. */
export function pgExecutor(client: { query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> }): SqlExecutor {
  if ("totalCount" in client) throw new Error("pgExecutor needs one connection (Client or pool.connect()), not a Pool");
  return {
    exec: async (sql) => void (await client.query(sql)),
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await client.query(sql, params)).rows as T[] }),
  };
}

export function pgliteExecutor(db: PGlite): SqlExecutor {
  return {
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T>(sql: string, params?: unknown[]) => ({ rows: (await db.query<T>(sql, params)).rows }),
  };
}
