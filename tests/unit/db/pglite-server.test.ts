import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type PgliteServer, servePglite } from "@/lib/db/pglite-server";

// The embedded database's server (lib/db/pglite-server.ts) against a real PGlite and node-postgres, the client the
// app's pool uses: what a laptop's server does for every statement.

let db: PGlite;
let server: PgliteServer & { port: number };
let dir: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-pglite-server-"));
  db = await PGlite.create();
  server = await servePglite(db, { path: path.join(dir, ".s.PGSQL.5432") });
});

afterAll(async () => {
  await server.close();
  await db.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const client = async () => {
  const c = new pg.Client({ host: dir, port: 5432, user: "postgres", database: "postgres" });
  await c.connect();
  return c;
};

/** The heap still in use after a full collection, in bytes. */
function retainedHeap(): number {
  v8.setFlagsFromString("--expose-gc");
  (vm.runInNewContext("gc") as () => void)();
  return process.memoryUsage().heapUsed;
}

describe("the embedded database's server", () => {
  it("answers simple and extended queries on several connections", async () => {
    const [a, b] = [await client(), await client()];
    try {
      expect((await a.query("SELECT 1 + 1 AS two")).rows).toEqual([{ two: 2 }]);
      expect((await b.query("SELECT $1::text || $2::text AS joined", ["do", "itong"])).rows).toEqual([{ joined: "doitong" }]);
    } finally {
      await a.end();
      await b.end();
    }
  });

  it("keeps nothing of the rows it has served (PGlite's raw replies are not parsed and kept)", async () => {
    const c = await client();
    try {
      const row = "x".repeat(4_000);
      // Warm up the client and the server's code before measuring.
      for (let i = 0; i < 200; i++) await c.query("SELECT repeat('x', 4000) AS v");
      const before = retainedHeap();
      for (let i = 0; i < 3_000; i++) {
        const { rows } = await c.query<{ v: string }>("SELECT repeat('x', 4000) AS v");
        expect(rows[0].v).toBe(row);
      }
      const grew = retainedHeap() - before;
      // 3,000 rows of 4 kB went through: 12 MB. Kept, their parsed messages took more than that.
      expect(grew).toBeLessThan(4 * 1024 * 1024);
    } finally {
      await c.end();
    }
  });
});
