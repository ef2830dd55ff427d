import type { Caller } from "../auth/caller";
import { db } from "../db";
import { notFound } from "../errors";
import type { Plan } from "../generated/prisma/client";
import { activeCapacity, effectiveLimits } from "../limits/account-limits";
import { startOfUtcDay } from "../limits/lock-account";
import type { PlanLimits } from "../limits/plans";

export interface AccountOverview {
  accountId: string;
  email: string;
  plan: Plan;
  credits: { balance: number; reserved: number };
  limits: PlanLimits;
  queueCapacity: number | null;
}

export interface AccountUsage {
  generationsToday: number;
  running: number;
  queued: number;
}

/** Balance, plan and limits of the caller's account (`me`): one row. */
export async function getAccountOverview(caller: Caller): Promise<AccountOverview> {
  const client = await db();
  const account = await client.account.findUnique({ where: { id: caller.accountId } });
  if (!account) throw notFound("Account", caller.accountId);
  return {
    accountId: account.id,
    email: account.email,
    plan: account.plan,
    credits: { balance: account.creditBalance, reserved: account.creditsReserved },
    limits: effectiveLimits(account),
    queueCapacity: activeCapacity(effectiveLimits(account)),
  };
}

/**
 * Generations created today (UTC), running and queued (`me.usage`), in one query. Resolved only when asked for:
 * a client checking its balance should not pay for counting its history.
 */
export async function getAccountUsage(caller: Caller): Promise<AccountUsage> {
  const client = await db();
  const [row] = await client.$queryRaw<{ today: bigint; running: bigint; queued: bigint }[]>`
    SELECT
      (SELECT count(*) FROM "Generation" WHERE "accountId" = ${caller.accountId} AND "createdAt" >= ${startOfUtcDay()}) AS today,
      count(*) FILTER (WHERE status = 'PROCESSING') AS running,
      count(*) FILTER (WHERE status = 'QUEUED') AS queued
    FROM "Generation" WHERE "accountId" = ${caller.accountId} AND status IN ('QUEUED', 'PROCESSING')`;
  return { generationsToday: Number(row.today), running: Number(row.running), queued: Number(row.queued) };
}
