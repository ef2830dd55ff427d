import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { dataDir, env } from "../env";
import { PrismaClient } from "../generated/prisma/client";
import { installAfterCommit } from "./after-commit";
import { connectEmbedded, ownerConnectionName, ownsEmbeddedDatabase } from "./embedded";
import { applyMigrations, pgExecutor } from "./migrate";
import { processSlot } from "../process-singleton";

export type Db = PrismaClient;

interface DbState {
  client: PrismaClient;
  poolConfig: pg.PoolConfig;
  /** The client's own connection pool (its adapter's), for the few statements that bypass Prisma (pgPool). */
  pool: pg.Pool;
}

// Next.js may load this module in more than one bundle of the same process; keep one client per process.
const state = processSlot<Promise<DbState>>("db");

/**
 * The Prisma client for this process: PostgreSQL at DATABASE_URL, or the embedded PGlite database under
 * DOITONG_DATA_DIR (opened or joined, see embedded.ts). Migrations are applied on first use; they are
 * idempotent and serialised by an advisory lock, so every process may try.
 */
export async function db(): Promise<PrismaClient> {
  return (await dbState()).client;
}

/**
 * The pool under db()'s client: the same connections, limits and database. For the hot path's SQL that Prisma's
 * layer would make several round trips of (lib/generations/admit-directly.ts); everything else goes through db().
 */
export async function pgPool(): Promise<pg.Pool> {
  return (await dbState()).pool;
}

/** Connection settings for code that needs plain `pg` (LISTEN, raw SQL in tests). */
export async function pgConfig(): Promise<pg.PoolConfig> {
  return (await dbState()).poolConfig;
}

function dbState(): Promise<DbState> {
  return state.getOrCreate(() =>
    open().catch((error) => {
      state.clear();
      throw error;
    }),
  );
}

async function open(): Promise<DbState> {
  const url = env().DATABASE_URL;
  const poolConfig: pg.PoolConfig = url ? { connectionString: url, max: 10 } : { ...(await connectEmbedded(`${dataDir()}/db`)), user: "postgres", database: "postgres", max: 8 };
  // The owner's own connections say so: its database server then tells other processes' changes apart (embedded.ts).
  if (!url && ownsEmbeddedDatabase()) poolConfig.application_name = ownerConnectionName();
  const migrator = new pg.Client(poolConfig);
  await migrator.connect();
  try {
    await applyMigrations(pgExecutor(migrator));
  } finally {
    await migrator.end();
  }
  const pool = new pg.Pool(poolConfig);
  const client = prismaClient(pool);
  installAfterCommit(client);
  return { client, poolConfig, pool };
}

/**
 * A Prisma client on `poolConfig` with this app's transaction limits: the server's own client, and any other
 * process joining the same database (the test harness, tools) — the embedded database serves one connection's
 * statements at a time, so a joiner's transaction waits behind the server's as the server's own do.
 */
export function prismaClient(poolConfig: pg.PoolConfig | pg.Pool): PrismaClient {
  // Concurrent requests for one account queue on its row lock (see lib/limits/lock-account.ts), and with a small
  // pool a burst waits for connections: allow for that instead of failing a request after Prisma's 2 s default.
  // A pool passed in is the client's to close ($disconnect ends it), as one made from a config is.
  return new PrismaClient({ adapter: new PrismaPg(poolConfig, { disposeExternalPool: true }), transactionOptions: { maxWait: 30_000, timeout: 30_000 } });
}

/** Disconnects this process's client (CLI commands and tests call this before exiting). */
export async function disconnectDb(): Promise<void> {
  const opened = state.get();
  state.clear();
  if (opened) await (await opened).client.$disconnect();
}
