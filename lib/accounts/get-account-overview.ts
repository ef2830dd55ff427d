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
  usage: { generationsToday: number; running: number; queued: number };
}

/** Balance, plan, limits and current usage of the caller's account (`me` and the dashboard overview). */
export async function getAccountOverview(caller: Caller): Promise<AccountOverview> {
  const client = await db();
  const startOfDay = startOfUtcDay();
  const [account, generationsToday, byStatus] = await Promise.all([
    client.account.findUnique({ where: { id: caller.accountId } }),
    client.generation.count({ where: { accountId: caller.accountId, createdAt: { gte: startOfDay } } }),
    client.generation.groupBy({
      by: ["status"],
      where: { accountId: caller.accountId, status: { in: ["QUEUED", "PROCESSING"] } },
      _count: { _all: true },
    }),
  ]);
  if (!account) throw notFound("Account", caller.accountId);
  const count = (status: string) => byStatus.find((s) => s.status === status)?._count._all ?? 0;
  return {
    accountId: account.id,
    email: account.email,
    plan: account.plan,
    credits: { balance: account.creditBalance, reserved: account.creditsReserved },
    limits: effectiveLimits(account),
    queueCapacity: activeCapacity(effectiveLimits(account)),
    usage: { generationsToday, running: count("PROCESSING"), queued: count("QUEUED") },
  };
}
