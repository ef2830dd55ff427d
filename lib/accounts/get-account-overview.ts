import type { Caller } from "../auth/caller";
import { db } from "../db";
import { notFound } from "../errors";
import type { Plan } from "../generated/prisma/client";
import { activeCapacity, effectiveLimits } from "../limits/account-limits";
import { countGenerations } from "../limits/lock-account";
import type { PlanLimits } from "../limits/plans";

export interface AccountOverview {
  accountId: string;
  email: string;
  plan: Plan;
  credits: { balance: number; reserved: number };
  /** Below this balance the account is warned once per crossing; null: never. */
  lowBalanceThreshold: number | null;
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
    lowBalanceThreshold: account.lowBalanceThreshold,
    limits: effectiveLimits(account),
    queueCapacity: activeCapacity(effectiveLimits(account)),
  };
}

/** Generations created today (UTC), running and queued (`me.usage`): resolved only when asked for. */
export async function getAccountUsage(caller: Caller): Promise<AccountUsage> {
  const { today, running, queued } = await countGenerations(await db(), caller.accountId);
  return { generationsToday: today, running, queued };
}
