import { notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { effectiveLimits, type LimitedAccount } from "./account-limits";
import type { PlanLimits } from "./plans";

/**
 * Lock order: every transaction that changes both an account and one of its generations locks the ACCOUNT row
 * first (this function or lockAccountLimits), then the generation. Taking them the other way round somewhere
 * lets two transactions wait on each other (PostgreSQL aborts one as a deadlock).
 */
export async function lockAccount(tx: Prisma.TransactionClient, accountId: string): Promise<void> {
  await tx.$queryRaw`SELECT id FROM "Account" WHERE id = ${accountId} FOR UPDATE`;
}

/**
 * Locks the account row for the rest of the transaction and returns its current limits. Everything that must
 * count-then-act for one account (day limit, queue bound, parallel slots) does it under this lock, so concurrent
 * requests — on any number of instances — are counted one after another.
 */
export async function lockAccountLimits(tx: Prisma.TransactionClient, accountId: string): Promise<PlanLimits> {
  const rows = await tx.$queryRaw<LimitedAccount[]>`
    SELECT plan, "rpmLimit", "parallelLimit", "dailyLimit" FROM "Account" WHERE id = ${accountId} FOR UPDATE`;
  if (!rows[0]) throw notFound("Account", accountId);
  return effectiveLimits(rows[0]);
}

/** lockAccountLimits, plus the balance (as of the lock) for reserving credits in the same transaction. */
export async function lockAccountForAdmission(tx: Prisma.TransactionClient, accountId: string): Promise<{ limits: PlanLimits; creditBalance: number }> {
  const rows = await tx.$queryRaw<(LimitedAccount & { creditBalance: number })[]>`
    SELECT plan, "rpmLimit", "parallelLimit", "dailyLimit", "creditBalance" FROM "Account" WHERE id = ${accountId} FOR UPDATE`;
  if (!rows[0]) throw notFound("Account", accountId);
  return { limits: effectiveLimits(rows[0]), creditBalance: rows[0].creditBalance };
}

/**
 * Generations created today (UTC) and those QUEUED or PROCESSING, in one round trip, each only when asked for (a
 * limit that is off needs no count). Run it after taking the account lock: a statement started later sees every
 * generation committed by whoever held the lock before.
 */
export async function countForLimits(tx: Prisma.TransactionClient, accountId: string, want: { today: boolean; active: boolean }): Promise<{ today: number; active: number }> {
  if (!want.today && !want.active) return { today: 0, active: 0 };
  const [row] = await tx.$queryRaw<{ today: bigint | null; active: bigint | null }[]>`
    SELECT
      CASE WHEN ${want.today} THEN (SELECT count(*) FROM "Generation" WHERE "accountId" = ${accountId} AND "createdAt" >= ${startOfUtcDay()}) END AS today,
      CASE WHEN ${want.active} THEN (SELECT count(*) FROM "Generation" WHERE "accountId" = ${accountId} AND status IN ('QUEUED', 'PROCESSING')) END AS active`;
  return { today: Number(row?.today ?? 0), active: Number(row?.active ?? 0) };
}

export function startOfUtcDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function secondsUntilUtcMidnight(now = new Date()): number {
  return Math.ceil((startOfUtcDay(now).getTime() + 86_400_000 - now.getTime()) / 1000);
}
