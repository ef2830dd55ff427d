import { notFound } from "../errors";
import type { Prisma } from "../generated/prisma/client";
import { effectiveLimits, type LimitedAccount } from "./account-limits";
import type { PlanLimits } from "./plans";

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

export function startOfUtcDay(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}

export function secondsUntilUtcMidnight(now = new Date()): number {
  return Math.ceil((startOfUtcDay(now).getTime() + 86_400_000 - now.getTime()) / 1000);
}
