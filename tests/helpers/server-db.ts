// The test process's own connection to a running test server's database, for setting up accounts through lib/
// (createAccount, setAccountLimits) instead of spawning `scripts/admin.ts` per account (~1.5 s of tsx start-up
// each). Spawning the CLI is tested on its own (tests/integration/recovery.test.ts).
import path from "node:path";
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface ServerDatabase {
  client(): Promise<PrismaClient>;
  /** Ends the connections (before the server is killed or stopped: a killed server's socket goes away). */
  close(): Promise<void>;
}

/**
 * A lazily opened Prisma client on the database the server at `dataDir` uses: PostgreSQL at `databaseUrl`, or the
 * embedded PGlite database the server owns, joined through its socket as `npm run admin` joins it. Call it only
 * while the server runs: with nobody owning the embedded database, the test process would open it itself.
 */
export function serverDatabase(dataDir: string, databaseUrl: string | undefined): ServerDatabase {
  let opened: Promise<PrismaClient> | undefined;
  return {
    client() {
      opened ??= (async () => {
        // Loaded on first use: Playwright's global set-up starts servers through this module and needs none of it.
        const [{ prismaClient }, { connectEmbedded }] = await Promise.all([import("@/lib/db"), import("@/lib/db/embedded")]);
        const config = databaseUrl
          ? { connectionString: databaseUrl, max: 2 }
          : { ...(await connectEmbedded(path.join(dataDir, "db"), 10_000)), user: "postgres", database: "postgres", max: 2 };
        // The server's transaction limits: under CI's load Prisma's 2 s default for a transaction to start ran out
        // while the server held the embedded database ("Unable to start a transaction in the given time").
        return prismaClient(config);
      })();
      return opened;
    },
    async close() {
      const client = opened;
      opened = undefined;
      if (client) await (await client).$disconnect();
    },
  };
}
