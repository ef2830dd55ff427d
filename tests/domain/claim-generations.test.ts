import { db, newAccount } from "../helpers/domain";
import { describe, expect, it } from "vitest";
import { claimGenerations } from "@/lib/jobs/claim-generations";

// A runner is woken by every finished run and, on the embedded database, by every write, and claims each time. A
// claim that read every queued generation (~70 ms a claim behind a backlog of 20,000 on PGlite, ten times a second;
// 50 s on PostgreSQL without statistics) made the runner slower the longer the queue it was there to work off.
//
// Rows read are PostgreSQL's own counts (pg_stat_user_tables/_indexes). Only the embedded database is asked: it has
// one session, whose counts the test can flush at once; PostgreSQL's sessions report theirs up to 10 s later.
describe.skipIf(process.env.DOITONG_TEST_DB === "postgres")("claiming generations", () => {
  it("reads the heads of the queues, not the backlog behind them, and still takes turns across accounts", async () => {
    const [big, small] = [await newAccount({ keyMode: "TEST", plan: "FREE" }), await newAccount({ keyMode: "TEST", plan: "FREE" })];
    const client = await db();
    const queue = (accountId: string, prefix: string, count: number, from: string) =>
      client.$executeRawUnsafe(
        `INSERT INTO "Generation" (id, "accountId", type, provider, input, options, "creditCost", "estimatedTime", "updatedAt", mode, "createdAt")
         SELECT $2 || lpad(n::text, 5, '0'), $1, 'IMAGE', 'local', '{}', '{}', 1, 5, now(), 'TEST', $3::timestamp + n * interval '1 ms'
         FROM generate_series(1, $4::int) n`,
        accountId,
        prefix,
        from,
        count,
      );
    await queue(big.accountId, "backlog-", 3000, "2026-12-01T00:00:00");
    await queue(small.accountId, "later-", 3, "2026-12-01T01:00:00");
    const rowsRead = async () => {
      // The next statement's end reports this session's counts, and the snapshot is dropped so that they are read.
      await client.$queryRawUnsafe(`SELECT pg_stat_force_next_flush()::text`);
      const [row] = await client.$queryRawUnsafe<{ read: number }[]>(
        `SELECT (SELECT coalesce(seq_tup_read, 0) FROM pg_stat_user_tables WHERE relname = 'Generation')
              + (SELECT coalesce(sum(idx_tup_read), 0) FROM pg_stat_user_indexes WHERE relname = 'Generation') AS read, pg_stat_clear_snapshot()::text`,
      );
      return Number(row.read);
    };
    const before = await rowsRead();
    const claimed = await claimGenerations("claim-test", 30, (pool) => (pool.mode === "TEST" && !pool.following ? 2 : 0));
    const read = (await rowsRead()) - before;
    expect(claimed.map((c) => c.id).sort()).toEqual(["backlog-00001", "later-00001"]);
    expect(read).toBeLessThan(50);
  });
});
