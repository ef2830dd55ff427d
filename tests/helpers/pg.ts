// Throwaway PostgreSQL databases for tests that need a real server (TEST_DATABASE_URL points at one, e.g.
// postgresql://postgres@127.0.0.1:5432/postgres). Each test makes its own database, so test files can run in parallel.
import { randomBytes } from "node:crypto";
import pg from "pg";

export const testServerUrl = process.env.TEST_DATABASE_URL;

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database, ending any connections still open to it. */
  drop(): Promise<void>;
}

/** Runs `fn` with a connection to the server's maintenance database (the one in the URL). */
async function withAdmin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(prefix = "test", serverUrl = testServerUrl): Promise<TestDatabase> {
  if (!serverUrl) throw new Error("createTestDatabase needs TEST_DATABASE_URL (a PostgreSQL server URL)");
  // Lower-case and unique across parallel workers and re-runs; unquoted-identifier safe.
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`.toLowerCase().replace(/[^a-z0-9_]/g, "_");
  await withAdmin(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      await withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** A connected client for `url`; the caller ends it. */
export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
