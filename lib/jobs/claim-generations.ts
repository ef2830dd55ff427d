import { db } from "../db";
import { env } from "../env";
import type { KeyMode } from "../generated/prisma/client";
import { MAX_PLAN_WEIGHT, PLANS } from "../limits/plans";

/**
 * A runner's capacity is split into pools, so no kind of work can take another's turn:
 * - `work`: generations being started, submitted or rendered here (live and test separately — test-key work can
 *   never take a live slot);
 * - `follow`: vendor jobs that are only being followed (status queries, callbacks). Following is cheap waiting,
 *   so it holds no work slot: thousands of them cannot delay a local render.
 */
export interface Pool {
  mode: KeyMode;
  following: boolean;
}

export const POOLS: readonly Pool[] = [
  { mode: "LIVE", following: false },
  { mode: "TEST", following: false },
  { mode: "LIVE", following: true },
  { mode: "TEST", following: true },
];

export function poolName(pool: Pool): string {
  return `${pool.mode.toLowerCase()}${pool.following ? "-follow" : ""}`;
}

/** How many generations of a pool one instance runs at once. */
export function poolCapacity(pool: Pool): number {
  const settings = env();
  if (pool.following) return settings.DOITONG_FOLLOW_CONCURRENCY;
  return pool.mode === "TEST" ? settings.DOITONG_TEST_RUNNER_CONCURRENCY : settings.DOITONG_RUNNER_CONCURRENCY;
}

export interface Claimed {
  id: string;
  pool: Pool;
}

const UNLIMITED = 2_147_483_647;

/**
 * Leases up to `free[pool]` claimable generations of each pool to `runnerId`, taken round-robin across accounts,
 * weighted by plan — not oldest-first, which let one account's backlog (or its hanging jobs) take every slot.
 *
 * Each account's queue still runs in order. Accounts take turns by `round` (an account's first `weight` queued
 * generations are in round 1, the next `weight` in round 2…), and within a round the account served longest ago
 * goes first: its `weight`-th most recent start is the oldest (or it has none). Over repeated claims of one slot
 * that is exactly weighted round-robin — a weight-3 account starts 3 for each 1 of a weight-1 account — and an
 * account arriving with new work starts before anyone who started recently, whatever their backlog.
 *
 * Atomic across instances: the rows are locked FOR UPDATE SKIP LOCKED and rechecked, so two runners never lease one.
 */
export async function claimGenerations(runnerId: string, leaseSeconds: number, free: (pool: Pool) => number): Promise<Claimed[]> {
  const [liveFree, testFree, liveFollowFree, testFollowFree] = POOLS.map((p) => Math.max(0, free(p)));
  if (liveFree + testFree + liveFollowFree + testFollowFree === 0) return [];
  const [freePlan, starter, pro, enterprise] = (["FREE", "STARTER", "PRO", "ENTERPRISE"] as const).map((p) => PLANS[p].limits.parallel ?? UNLIMITED);
  const [wFree, wStarter, wPro, wEnterprise] = (["FREE", "STARTER", "PRO", "ENTERPRISE"] as const).map((p) => PLANS[p].weight);
  const client = await db();
  // Each account's queue is read from its head, never whole, through indexes that no other plan could pass for (the
  // embedded database never gathers statistics, and a new PostgreSQL table has none for a while):
  // - the accounts with queued work, from a walk of the queue index (one probe an account), and those with running
  //   generations to claim (handed back, followed jobs between polls, or left by a runner that died: few), read
  //   once through (status, lockedUntil);
  // - each pool of each account reads at most the rows it could be given, `free × weight`: a row further back has at
  //   least that many of its own account's ahead of it in the turns below. Queued rows come from the queue index in
  //   order.
  // A backlog of 20,000 had made every claim read all of it: ~70 ms on the embedded database, about ten times a
  // second (every finished run and every write wakes the runner), to claim one; 50 s on PostgreSQL without statistics.
  // Queued generations of accounts whose parallel slots are all busy are not read (the start step enforces the limit
  // exactly; this only saves claiming work that would be handed straight back).
  const rows = await client.$queryRaw<{ id: string; mode: KeyMode; following: boolean }[]>`
    WITH RECURSIVE queued AS (
      (SELECT g."accountId" FROM "Generation" g WHERE g.status = 'QUEUED' ORDER BY g."accountId" LIMIT 1)
      UNION ALL
      SELECT (SELECT g."accountId" FROM "Generation" g WHERE g.status = 'QUEUED' AND g."accountId" > q."accountId" ORDER BY g."accountId" LIMIT 1)
      FROM queued q WHERE q."accountId" IS NOT NULL
    ), processing AS (
      SELECT g.id, g."accountId", g.mode, g."createdAt", g."vendorTaskId" IS NOT NULL AS following
      FROM "Generation" g WHERE g.status = 'PROCESSING' AND (g."lockedUntil" IS NULL OR g."lockedUntil" < now())
    ), waiting AS (
      SELECT "accountId" FROM queued WHERE "accountId" IS NOT NULL
      UNION
      SELECT "accountId" FROM processing
    ), accounts AS (
      SELECT a.id,
             CASE a.plan WHEN 'FREE' THEN ${wFree}::int WHEN 'STARTER' THEN ${wStarter}::int WHEN 'PRO' THEN ${wPro}::int ELSE ${wEnterprise}::int END AS weight,
             (SELECT count(*) FROM "Generation" r WHERE r."accountId" = a.id AND r.status = 'PROCESSING') < CASE
               WHEN a."parallelLimit" = 0 THEN ${UNLIMITED}::int
               WHEN a."parallelLimit" IS NOT NULL THEN a."parallelLimit"
               ELSE CASE a.plan WHEN 'FREE' THEN ${freePlan}::int WHEN 'STARTER' THEN ${starter}::int WHEN 'PRO' THEN ${pro}::int ELSE ${enterprise}::int END
             END AS "slotFree"
      FROM waiting w JOIN "Account" a ON a.id = w."accountId"
    ), pools (mode, following, free) AS (
      VALUES ('LIVE'::"KeyMode", false, ${liveFree}::int), ('TEST'::"KeyMode", false, ${testFree}::int),
             ('LIVE'::"KeyMode", true, ${liveFollowFree}::int), ('TEST'::"KeyMode", true, ${testFollowFree}::int)
    ), ranked AS (
      SELECT c.id, c."createdAt", c.place, a.id AS "accountId", a.weight, p.mode, p.following
      FROM accounts a CROSS JOIN pools p CROSS JOIN LATERAL (
        SELECT h.id, h."createdAt", row_number() OVER (ORDER BY h."createdAt", h.id) AS place
        FROM (
          (SELECT g.id, g."createdAt" FROM "Generation" g
           WHERE NOT p.following AND a."slotFree" AND g."accountId" = a.id AND g.mode = p.mode AND g.status = 'QUEUED'
             AND (g."lockedUntil" IS NULL OR g."lockedUntil" < now())
           ORDER BY g."createdAt", g.id LIMIT p.free * a.weight)
          UNION ALL
          (SELECT r.id, r."createdAt" FROM processing r
           WHERE r."accountId" = a.id AND r.mode = p.mode AND r.following = p.following
           ORDER BY r."createdAt", r.id LIMIT p.free * a.weight)
        ) h
        ORDER BY h."createdAt", h.id
        LIMIT p.free * a.weight
      ) c
      WHERE p.free > 0
    ), keyed AS (
      SELECT k.id, k.mode, k.following, k."createdAt",
             ceil(k.place::numeric / k.weight) AS round,
             -- Followers are not started here (they were, before a restart): their turns go by queue place alone.
             CASE WHEN k.following THEN NULL ELSE (
               SELECT (array_agg(s."startedAt" ORDER BY s."startedAt" DESC))[k.weight]
               FROM (SELECT s."startedAt" FROM "Generation" s
                     WHERE s."accountId" = k."accountId" AND s.mode = k.mode AND s."startedAt" IS NOT NULL
                     ORDER BY s."startedAt" DESC LIMIT ${MAX_PLAN_WEIGHT}::int) s
             ) END AS "servedAt"
      FROM ranked k
    ), ordered AS (
      SELECT id, mode, following,
             row_number() OVER (PARTITION BY mode, following ORDER BY round, "servedAt" NULLS FIRST, "createdAt", id) AS turn
      FROM keyed
    ), picked AS (
      -- By primary key, and still queued or running (checked again on the row locked): a join, or the same check as
      -- status IN (...), let a planner without statistics read every unlocked generation for the few picked.
      SELECT g.id, o.mode, o.following FROM "Generation" g JOIN ordered o ON o.id = g.id
      WHERE g.id = ANY (ARRAY(
              SELECT t.id FROM ordered t
              WHERE t.turn <= CASE WHEN t.mode = 'TEST' THEN (CASE WHEN t.following THEN ${testFollowFree}::int ELSE ${testFree}::int END)
                                   ELSE (CASE WHEN t.following THEN ${liveFollowFree}::int ELSE ${liveFree}::int END) END))
        AND g.status NOT IN ('COMPLETED', 'FAILED', 'CANCELLED') AND (g."lockedUntil" IS NULL OR g."lockedUntil" < now())
      FOR UPDATE OF g SKIP LOCKED
    )
    UPDATE "Generation" u SET "lockedBy" = ${runnerId}, "lockedUntil" = now() + make_interval(secs => ${leaseSeconds}),
           "runCount" = u."runCount" + 1
    FROM picked p WHERE u.id = p.id
    RETURNING u.id, p.mode, p.following`;
  return rows.map((r) => ({ id: r.id, pool: { mode: r.mode, following: r.following } }));
}

/**
 * The next moment the claimable set changes by time alone, as far as this database knows: the earliest lease or
 * hand-back to lapse (a retry's backoff, an account's turn, a slot-busy pause) or queued generation's deadline to
 * pass. Null: nothing waits on the clock. Everything else that makes work claimable is a write, which wakes the
 * runner on the embedded database (see in-process-runner.ts).
 */
export async function nextClaimChangeAt(): Promise<Date | null> {
  const client = await db();
  const [row] = await client.$queryRaw<{ at: Date | null }[]>`
    SELECT least(
      (SELECT min("lockedUntil") FROM "Generation" WHERE status IN ('QUEUED', 'PROCESSING') AND "lockedUntil" > now()),
      (SELECT min(deadline) FROM "Generation" WHERE status = 'QUEUED')
    ) AS at`;
  return row?.at ?? null;
}
