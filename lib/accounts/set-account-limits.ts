import { type Db, db } from "../db";
import { invalidInput, notFound } from "../errors";
import type { Plan, Prisma } from "../generated/prisma/client";
import { effectiveLimits } from "../limits/account-limits";
import { PLAN_IDS, type PlanLimits } from "../limits/plans";

export interface LimitsChange {
  plan?: Plan;
  /** Custom limits: a number ≥ 1, 0 for unlimited, null to fall back to the plan's. */
  rpm?: number | null;
  parallel?: number | null;
  daily?: number | null;
}

/**
 * An operator changes an account's plan or custom limits; the next request of the account sees them. `client` is
 * another process's database, as in createAccount, or a transaction (the console audits the change in it).
 */
export async function setAccountLimits(
  accountId: string,
  change: LimitsChange,
  client?: Db | Prisma.TransactionClient,
): Promise<{ accountId: string; plan: Plan; limits: PlanLimits }> {
  if (change.plan !== undefined && !PLAN_IDS.includes(change.plan)) {
    throw invalidInput("plan", `Unknown plan ${change.plan}; one of ${PLAN_IDS.join(", ")}`);
  }
  for (const field of ["rpm", "parallel", "daily"] as const) {
    const value = change[field];
    if (value !== undefined && value !== null && (!Number.isSafeInteger(value) || value < 0)) {
      throw invalidInput(field, `${field} must be a whole number ≥ 0 (0 = unlimited)`);
    }
  }
  const database = client ?? (await db());
  const found = await database.account.findUnique({ where: { id: accountId }, select: { id: true } });
  if (!found) throw notFound("Account", accountId);
  const account = await database.account.update({
    where: { id: accountId },
    data: { plan: change.plan, rpmLimit: change.rpm, parallelLimit: change.parallel, dailyLimit: change.daily },
  });
  return { accountId, plan: account.plan, limits: effectiveLimits(account) };
}
