import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// afterCommit: what the outbox relies on to wake the webhook dispatcher. A callback runs once the transaction has
// committed — another connection (the dispatcher's) already sees its rows — and never for a rollback.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "doitong-after-commit-"));
process.env.DOITONG_DATA_DIR = dataDir;
delete process.env.DATABASE_URL;

const { db, disconnectDb, pgConfig } = await import("@/lib/db");
const { closeEmbedded } = await import("@/lib/db/embedded");
const { afterCommit } = await import("@/lib/db/after-commit");

let other: pg.Client;

beforeAll(async () => {
  const client = await db();
  await client.$executeRawUnsafe(`CREATE TABLE after_commit_probe (id text PRIMARY KEY)`);
  other = new pg.Client(await pgConfig());
  await other.connect();
});

afterAll(async () => {
  await other?.end();
  await disconnectDb();
  await closeEmbedded();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const seenByOthers = async (id: string) => (await other.query("SELECT 1 FROM after_commit_probe WHERE id = $1", [id])).rowCount === 1;

describe("afterCommit", () => {
  it("runs after the commit, when another connection can already read what the transaction wrote", async () => {
    const client = await db();
    const calls: boolean[] = [];
    let inside: Promise<boolean> | undefined;
    await client.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO after_commit_probe (id) VALUES ('committed')`;
      afterCommit(tx, () => {
        inside = seenByOthers("committed");
        calls.push(true);
      });
      // Not yet: the callback waits for the commit, and the row is not visible outside the transaction.
      expect(calls).toEqual([]);
    });
    expect(calls).toEqual([true]);
    expect(await inside).toBe(true);
  });

  it("never runs for a transaction that rolls back", async () => {
    const client = await db();
    let ran = false;
    const outcome = client.$transaction(async (tx) => {
      await tx.$executeRaw`INSERT INTO after_commit_probe (id) VALUES ('rolled-back')`;
      afterCommit(tx, () => (ran = true));
      throw new Error("changed my mind");
    });
    await expect(outcome).rejects.toThrow("changed my mind");
    expect(ran).toBe(false);
    expect(await seenByOthers("rolled-back")).toBe(false);
  });

  it("refuses a callback outside an interactive transaction, instead of running it too early", async () => {
    const client = await db();
    expect(() => afterCommit(client, () => undefined)).toThrow(/interactive transaction/);
  });
});
