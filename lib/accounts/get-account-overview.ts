import type { Caller } from "../auth/caller";
import { db, pgPool } from "../db";
import { notFound } from "../errors";
import type { Account, Plan } from "../generated/prisma/client";
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

type OverviewRow = Pick<Account, "id" | "email" | "plan" | "creditBalance" | "creditsReserved" | "lowBalanceThreshold" | "rpmLimit" | "parallelLimit" | "dailyLimit">;

/**
 * Balance, plan and limits of the caller's account (`me`): one row, read with one statement on db()'s pool. `me` is
 * what clients poll for their balance, and Prisma's layer cost more than the read (~0.4 ms of CPU a statement, see
 * admit-directly.ts).
 */
export async function getAccountOverview(caller: Caller): Promise<AccountOverview> {
  const pool = await pgPool();
  const { rows } = await pool.query<OverviewRow>(
    `SELECT id, email, plan, "creditBalance", "creditsReserved", "lowBalanceThreshold", "rpmLimit", "parallelLimit", "dailyLimit"
     FROM "Account" WHERE id = $1`,
    [caller.accountId],
  );
  const account = rows[0];
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
