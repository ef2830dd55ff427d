import { AppError } from "../errors";
import { type KeySpendPeriod, Prisma } from "../generated/prisma/client";
import { secondsUntilUtcMidnight, startOfUtcDay } from "./lock-account";

/** A key's spend cap and what it has spent in the cap's current period. */
export interface KeyBudget {
  apiKeyId: string;
  name: string;
  cap: number;
  period: KeySpendPeriod;
  /** Since when the period counts (the key's whole life for TOTAL). */
  since: Date;
  spent: number;
}

export function startOfUtcMonth(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

export function spendPeriodStart(period: KeySpendPeriod, now = new Date()): Date {
  switch (period) {
    case "DAY":
      return startOfUtcDay(now);
    case "MONTH":
      return startOfUtcMonth(now);
    case "TOTAL":
      return new Date(0);
  }
}

/**
 * A key's spend in a period comes from the ledger itself: what its generations created since then reserved, less
 * what was released or refunded — so credits held by a running generation count, and a failed one gives its share
 * back.
 *
 * The budgets of the capped keys among `apiKeyIds`, read inside an admission: call it after lockAccountForAdmission
 * took the account's row lock, so every reservation of the account's keys committed before is counted and none can
 * commit meanwhile — a key's cap is then exact under concurrency, exactly as the balance is.
 */
export async function readKeyBudgets(tx: Prisma.TransactionClient, apiKeyIds: string[], now = new Date()): Promise<Map<string, KeyBudget>> {
  if (apiKeyIds.length === 0) return new Map();
  return toBudgets(await tx.$queryRaw<BudgetRow[]>(keyBudgetsSql(apiKeyIds, now)), now);
}

export interface BudgetRow {
  id: string;
  name: string;
  spendCap: number;
  spendPeriod: KeySpendPeriod;
  spent: bigint | number;
}

/** readKeyBudgets' statement (a row per capped key), for a caller that sends it on its own connection. */
export function keyBudgetsSql(apiKeyIds: string[], now = new Date()): Prisma.Sql {
  const day = startOfUtcDay(now);
  const month = startOfUtcMonth(now);
  return Prisma.sql`
    SELECT k.id, k.name, k."spendCap", k."spendPeriod",
      COALESCE((SELECT -SUM(l.amount) FROM "CreditLedgerEntry" l JOIN "Generation" g ON g.id = l."generationId"
        WHERE g."apiKeyId" = k.id AND l.kind IN ('RESERVE', 'CHARGE', 'RELEASE')
          AND g."createdAt" >= CASE k."spendPeriod" WHEN 'DAY' THEN ${day}::timestamp WHEN 'MONTH' THEN ${month}::timestamp ELSE '-infinity'::timestamp END), 0) AS spent
    FROM "ApiKey" k
    WHERE k.id IN (${Prisma.join(apiKeyIds)}) AND k."spendCap" IS NOT NULL AND k."spendPeriod" IS NOT NULL`;
}

/** keyBudgetsSql's rows as budgets by key id. */
export function toBudgets(rows: BudgetRow[], now: Date): Map<string, KeyBudget> {
  const budgets = new Map<string, KeyBudget>();
  for (const r of rows) {
    budgets.set(r.id, { apiKeyId: r.id, name: r.name, cap: r.spendCap, period: r.spendPeriod, since: spendPeriodStart(r.spendPeriod, now), spent: Number(r.spent) });
  }
  return budgets;
}

const PERIOD_WORDS: Record<KeySpendPeriod, string> = { DAY: "per day", MONTH: "per month", TOTAL: "in total" };

/** INSUFFICIENT_CREDITS for the key (not the account): extensions.scope = "key" and `cap` names which one. */
export function keyCapRefusal(budget: KeyBudget, amount: number, now = new Date()): AppError {
  const left = Math.max(0, budget.cap - budget.spent);
  const resets = budget.period === "DAY" ? { retryAfter: secondsUntilUtcMidnight(now) } : {};
  return new AppError(
    "INSUFFICIENT_CREDITS",
    `This API key may spend ${budget.cap} credits ${PERIOD_WORDS[budget.period]}; it has ${left} left and this generation costs ${amount}`,
    { scope: "key", cap: budget.period.toLowerCase(), limit: budget.cap, spent: budget.spent, required: amount, available: left, ...resets },
  );
}

/** True when this spend moved the key from below 80 % of its cap to 80 % or more (the warning fires once per crossing). */
export function crossedWarning(cap: number, before: number, after: number): boolean {
  return before * 5 < cap * 4 && after * 5 >= cap * 4;
}
