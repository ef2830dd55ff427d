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
  const most = Math.max(liveFree, testFree, liveFollowFree, testFollowFree);
  if (most === 0) return [];
  const [freePlan, starter, pro, enterprise] = (["FREE", "STARTER", "PRO", "ENTERPRISE"] as const).map((p) => PLANS[p].limits.parallel ?? UNLIMITED);
  const [wFree, wStarter, wPro, wEnterprise] = (["FREE", "STARTER", "PRO", "ENTERPRISE"] as const).map((p) => PLANS[p].weight);
  const client = await db();
  // Queued generations of accounts whose parallel slots are all busy are not worth claiming (the start step
  // enforces the limit exactly; this only saves claiming work that would be handed straight back).
  const rows = await client.$queryRaw<{ id: string; mode: KeyMode; following: boolean }[]>`
    WITH claimable AS (
      SELECT g.id, g."accountId", g.mode, g."createdAt",
             (g.status = 'PROCESSING' AND g."vendorTaskId" IS NOT NULL) AS following,
             CASE a.plan WHEN 'FREE' THEN ${wFree}::int WHEN 'STARTER' THEN ${wStarter}::int WHEN 'PRO' THEN ${wPro}::int ELSE ${wEnterprise}::int END AS weight
      FROM "Generation" g JOIN "Account" a ON a.id = g."accountId"
      WHERE g.status IN ('QUEUED', 'PROCESSING') AND (g."lockedUntil" IS NULL OR g."lockedUntil" < now())
        AND (g.status = 'PROCESSING' OR (
          SELECT count(*) FROM "Generation" r WHERE r."accountId" = g."accountId" AND r.status = 'PROCESSING'
        ) < CASE
              WHEN a."parallelLimit" = 0 THEN ${UNLIMITED}::int
              WHEN a."parallelLimit" IS NOT NULL THEN a."parallelLimit"
              ELSE CASE a.plan WHEN 'FREE' THEN ${freePlan}::int WHEN 'STARTER' THEN ${starter}::int WHEN 'PRO' THEN ${pro}::int ELSE ${enterprise}::int END
            END)
    ), ranked AS (
      SELECT c.*, row_number() OVER (PARTITION BY c."accountId", c.mode, c.following ORDER BY c."createdAt", c.id) AS place
      FROM claimable c
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
      WHERE k.place <= ${most}::int * k.weight
    ), ordered AS (
      SELECT id, mode, following,
             row_number() OVER (PARTITION BY mode, following ORDER BY round, "servedAt" NULLS FIRST, "createdAt", id) AS turn
      FROM keyed
    ), picked AS (
      SELECT g.id, o.mode, o.following FROM "Generation" g JOIN ordered o ON o.id = g.id
      WHERE o.turn <= CASE WHEN o.mode = 'TEST' THEN (CASE WHEN o.following THEN ${testFollowFree}::int ELSE ${testFree}::int END)
                           ELSE (CASE WHEN o.following THEN ${liveFollowFree}::int ELSE ${liveFree}::int END) END
        AND g.status IN ('QUEUED', 'PROCESSING') AND (g."lockedUntil" IS NULL OR g."lockedUntil" < now())
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
