import type { Alert } from "../alerts/record-alert";
import { insufficientCredits } from "../billing/credits";
import { AppError } from "../errors";
import { type CreatedEventRow, createdEventRows } from "../events/record-generation-event";
import { type Generation, type Plan, Prisma } from "../generated/prisma/client";
import { newId } from "../ids";
import { activeCapacity, effectiveLimits } from "../limits/account-limits";
import { crossedWarning, type KeyBudget, keyCapRefusal } from "../limits/key-spend";
import { type AdmissionLock, type AdmissionLockRow, generationsTodaySql, secondsUntilUtcMidnight, utcDate } from "../limits/lock-account";
import type { PlanLimits } from "../limits/plans";
import { effectiveRetention } from "../limits/retention";

/**
 * A planned generation waiting to be recorded: its row as it will be inserted, and its price. A row without
 * `retentionSeconds` (the request named none) gets the workspace's default under the plan, read with the lock.
 */
export interface Admission {
  row: Prisma.GenerationCreateManyInput & { id: string; accountId: string };
  /** Credits to reserve now (0 for TEST generations, which never touch the balance). */
  reserve: number;
}

/** What the rules decided for a batch, in arrival order, from what was read under the account's lock. */
export interface Verdict<A extends Admission> {
  accepted: A[];
  refusals: Map<A, AppError>;
  /** The accepted rows as they are inserted (the workspace's retention default filled in). */
  rows: Admission["row"][];
  /** Alerts for the thresholds the accepted ones crossed: decided under the lock, so each crossing is recorded once. */
  alerts: Alert[];
  /**
   * Some were refused by the queue bound: the caller judges the batch again against an exact count
   * (recountActiveSql), so that no refusal rests on the account row's count alone.
   */
  queueFull: boolean;
}

/** The API keys whose spend caps the batch must be judged against (only generations that reserve credits). */
export function cappedKeys(batch: Admission[]): string[] {
  return [...new Set(batch.filter((w) => w.reserve > 0 && w.row.apiKeyId).map((w) => w.row.apiKeyId!))];
}

/**
 * Judges each admission in arrival order against the day limit, the queue bound, its key's spend cap and the
 * balance, each as left by those accepted before it, starting from the counts and balance read with the lock. Pure:
 * both ways of writing a batch (accept-generations.ts) decide exactly the same.
 */
export function judgeAdmissions<A extends Admission>(batch: A[], lock: AdmissionLock, budgets: Map<string, KeyBudget>): Verdict<A> {
  const { limits, creditBalance, lowBalanceThreshold, plan, retentionSeconds } = lock;
  const capacity = activeCapacity(limits);
  const counts = { ...lock.counts };
  let queueFull = false;
  const spentBefore = new Map([...budgets].map(([id, b]) => [id, b.spent]));
  let balance = creditBalance;
  const refusals = new Map<A, AppError>();
  const accepted: A[] = [];
  for (const w of batch) {
    const budget = w.reserve > 0 && w.row.apiKeyId ? budgets.get(w.row.apiKeyId) : undefined;
    const refusal =
      limitRefusal(limits, capacity, counts) ??
      (budget && budget.spent + w.reserve > budget.cap ? keyCapRefusal(budget, w.reserve) : undefined) ??
      (w.reserve > balance ? insufficientCredits(w.reserve, balance) : undefined);
    if (refusal) {
      refusals.set(w, refusal);
      queueFull ||= refusal.details.limit === QUEUE_LIMIT;
      continue;
    }
    accepted.push(w);
    counts.today += 1;
    counts.active += 1;
    balance -= w.reserve;
    if (budget) budget.spent += w.reserve;
  }
  const rows = withRetention(accepted, plan, retentionSeconds);
  const alerts: Alert[] = [];
  if (accepted.length > 0 && lowBalanceThreshold !== null && creditBalance >= lowBalanceThreshold && balance < lowBalanceThreshold) {
    alerts.push({ type: "account.low_balance", data: { balance, threshold: lowBalanceThreshold } });
  }
  for (const budget of budgets.values()) {
    if (!crossedWarning(budget.cap, spentBefore.get(budget.apiKeyId)!, budget.spent)) continue;
    const { apiKeyId, name, cap, period, spent, since } = budget;
    alerts.push({ type: "key.budget_warning", data: { apiKeyId, name, cap, period, spent, since: since.toISOString() } });
  }
  return { accepted, refusals, rows, alerts, queueFull };
}

/** The rows as inserted: a row that names no retention gets the workspace's default under the plan. */
export function withRetention(accepted: Admission[], plan: Plan, workspaceDefault: number | null): Admission["row"][] {
  const fallback = effectiveRetention(plan, workspaceDefault);
  return accepted.map((w) => ({ ...w.row, retentionSeconds: w.row.retentionSeconds === undefined ? fallback : w.row.retentionSeconds }));
}

/**
 * What the rules read from the account row besides its balance and counts: its plan, limits, retention default and
 * low-balance threshold. They rarely change, so an instance remembers them from an account's last admission
 * (admit-directly.ts) and writes the next one in one statement that holds only while they still hold (termsHoldSql).
 */
export type AccountTerms = Pick<AdmissionLockRow, "plan" | "parallelLimit" | "dailyLimit" | "retentionSeconds" | "lowBalanceThreshold">;

export function termsOf(row: AdmissionLockRow): AccountTerms {
  const { plan, parallelLimit, dailyLimit, retentionSeconds, lowBalanceThreshold } = row;
  return { plan, parallelLimit, dailyLimit, retentionSeconds, lowBalanceThreshold };
}

/**
 * The conditions on the account row under which judgeAdmissions, given `terms`, accepts every one of `batch`
 * (costing `total`) with no alert to record: the terms are still the row's, the day limit and the queue bound have
 * room for all of them, the balance covers them (insertAdmittedSql's own condition), they do not take it below the
 * low-balance threshold, and none of their keys has a spend cap.
 * In an UPDATE's WHERE, PostgreSQL checks them on the row as it is once locked, after any admission before it
 * committed, so they are as exact as a judgement under the lock. Anything else (a refusal, an alert) is left to the
 * judgement.
 */
export function termsHoldSql(terms: AccountTerms, batch: Admission[], total: number, at: Date): Prisma.Sql {
  const count = batch.length;
  const keys = cappedKeys(batch);
  const limits = effectiveLimits({ ...terms, rpmLimit: null });
  const capacity = activeCapacity(limits);
  const threshold = terms.lowBalanceThreshold;
  return Prisma.sql`plan = ${terms.plan} AND "parallelLimit" IS NOT DISTINCT FROM ${terms.parallelLimit}::int
    AND "dailyLimit" IS NOT DISTINCT FROM ${terms.dailyLimit}::int AND "retentionSeconds" IS NOT DISTINCT FROM ${terms.retentionSeconds}::int
    AND "lowBalanceThreshold" IS NOT DISTINCT FROM ${threshold}::int
    ${limits.daily === null ? Prisma.empty : Prisma.sql`AND ${generationsTodaySql(at)} + ${count} <= ${limits.daily}`}
    ${capacity === null ? Prisma.empty : Prisma.sql`AND "activeGenerations" + ${count} <= ${capacity}`}
    ${threshold === null || total === 0 ? Prisma.empty : Prisma.sql`AND NOT ("creditBalance" >= ${threshold} AND "creditBalance" - ${total} < ${threshold})`}
    ${keys.length === 0 ? Prisma.empty : Prisma.sql`AND NOT EXISTS (SELECT 1 FROM "ApiKey" k WHERE k.id IN (${Prisma.join(keys)}) AND k."spendCap" IS NOT NULL AND k."spendPeriod" IS NOT NULL)`}`;
}

/**
 * The statement that inserts accepted generations (QUEUED), takes their credits from the balance into
 * `creditsReserved` with a RESERVE ledger entry each (balanceAfter counting down to the balance left), raises the
 * account's counts, and records their generation.created events; it returns the inserted rows. It writes all of
 * that only if the account row's UPDATE matched: the balance covers the credits and `guard` (termsHoldSql), if
 * given, holds; otherwise it writes nothing and returns no row. A caller holding the account lock passes no guard:
 * it judged the batch itself. The generation columns are the rows' own keys, so a
 * column added to the rows is inserted too; columns they leave out take their defaults.
 * `created`: the new generations as their events describe them, for their metric once committed (countCreated).
 */
export function insertAdmittedSql(
  accountId: string,
  rows: Admission["row"][],
  reserves: number[],
  guard?: (total: number, at: Date) => Prisma.Sql,
): { sql: Prisma.Sql; total: number; created: Parameters<typeof createdEventRows>[0] } {
  const at = new Date();
  const written = rows.map((row) => ({ ...row, createdAt: at, updatedAt: at }));
  const columns = [...new Set(written.flatMap((row) => Object.keys(row).filter((k) => row[k as keyof typeof row] !== undefined)))];
  if (columns.some((c) => !/^[A-Za-z]+$/.test(c))) throw new Error(`Unexpected generation column in ${columns.join(", ")}`);
  const list = Prisma.raw(columns.map((c) => `"${c}"`).join(", "));
  const total = reserves.reduce((sum, r) => sum + r, 0);
  // balanceAfter is written here as what is left to reserve after the entry; the statement adds the balance left.
  let left = total;
  const ledger = rows.flatMap((row, i) =>
    reserves[i] > 0 ? [{ id: newId("led"), accountId, generationId: row.id, kind: "RESERVE", amount: -reserves[i], balanceAfter: (left -= reserves[i]), createdAt: at }] : [],
  );
  const created = written.map((row) => ({
    id: row.id,
    accountId: row.accountId,
    type: row.type,
    provider: row.provider,
    creditCost: row.creditCost,
    estimatedTime: row.estimatedTime,
    createdAt: row.createdAt,
    // What the columns the row leaves out hold once inserted (their defaults).
    status: "QUEUED" as const,
    mode: row.mode ?? "LIVE",
    progress: 0,
    numOutputs: row.numOutputs ?? 1,
    metadata: null,
    warnings: (row.warnings ?? null) as Generation["warnings"],
    errorCode: null,
    errorMessage: null,
    startedAt: null,
    completedAt: null,
  }));
  const events: CreatedEventRow[] = createdEventRows(created);
  const sql = Prisma.sql`
    WITH reserved AS (
      -- The account's counts of today's generations and of those queued or running (what the day limit and the
      -- queue bound read), then its credits: one UPDATE, since a statement may change a row once.
      UPDATE "Account" SET "creditBalance" = "creditBalance" - ${total}, "creditsReserved" = "creditsReserved" + ${total},
        "generationsToday" = ${generationsTodaySql(at)} + ${rows.length}, "generationsTodayDate" = ${utcDate(at)}::date,
        "activeGenerations" = "activeGenerations" + ${rows.length}, "updatedAt" = ${at}
      WHERE id = ${accountId} ${total > 0 ? Prisma.sql`AND "creditBalance" >= ${total}` : Prisma.empty}
        ${guard ? Prisma.sql`AND ${guard(total, at)}` : Prisma.empty}
      RETURNING "creditBalance" AS balance
    ), generations AS (
      INSERT INTO "Generation" (${list})
      SELECT ${list} FROM jsonb_populate_recordset(NULL::"Generation", ${JSON.stringify(written)}::jsonb) WHERE EXISTS (SELECT 1 FROM reserved)
      RETURNING *
    ), ledger AS (
      INSERT INTO "CreditLedgerEntry" (id, "accountId", "generationId", kind, amount, "balanceAfter", "createdAt")
      SELECT l.id, l."accountId", l."generationId", l.kind, l.amount, r.balance + l."balanceAfter", l."createdAt"
      FROM jsonb_populate_recordset(NULL::"CreditLedgerEntry", ${JSON.stringify(ledger)}::jsonb) l, reserved r
    ), events AS (
      INSERT INTO "GenerationEvent" (id, "accountId", "generationId", type, data, "createdAt")
      SELECT id, "accountId", "generationId", type, data, "createdAt" FROM jsonb_populate_recordset(NULL::"GenerationEvent", ${JSON.stringify(events)}::jsonb)
      WHERE EXISTS (SELECT 1 FROM reserved)
    )
    SELECT * FROM generations`;
  return { sql, total, created };
}

/**
 * The inserted rows in the order of `rows`, from a caller that judged them under the account lock: the statement
 * cannot have found the balance short, so no row written means a caller without the lock (a bug), never a refusal.
 */
export function admittedRows(inserted: Generation[], rows: Admission["row"][], total: number, accountId: string): Generation[] {
  if (inserted.length !== rows.length) throw new Error(`Reserving ${total} credits for ${accountId} without the account lock: nothing was written`);
  const byId = new Map(inserted.map((row) => [row.id, row]));
  return rows.map((row) => byId.get(row.id)!);
}

/** `extensions.limit` of the queue bound's refusal. */
const QUEUE_LIMIT = "parallel_queue";

/** The day limit, then the queue bound: the same order, and the same errors, for every request. */
function limitRefusal(limits: PlanLimits, capacity: number | null, counts: { today: number; active: number }): AppError | undefined {
  if (limits.daily !== null && counts.today >= limits.daily) {
    const retryAfter = secondsUntilUtcMidnight();
    return new AppError("RATE_LIMIT", `Daily limit reached: ${limits.daily} generations per day (resets at 00:00 UTC, in ${retryAfter} s).`, {
      limit: "day",
      retryAfter,
    });
  }
  if (capacity !== null && counts.active >= capacity) {
    return new AppError(
      "RATE_LIMIT",
      `Too many generations waiting: ${limits.parallel} may run at once and ${capacity - (limits.parallel ?? 0)} more may queue. Retry when one finishes.`,
      { limit: QUEUE_LIMIT, retryAfter: 5 },
    );
  }
  return undefined;
}
