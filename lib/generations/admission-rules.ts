import type { Alert } from "../alerts/record-alert";
import { insufficientCredits } from "../billing/credits";
import { AppError } from "../errors";
import { type CreatedEventRow, createdEventRows } from "../events/record-generation-event";
import { type Generation, Prisma } from "../generated/prisma/client";
import { newId } from "../ids";
import { activeCapacity } from "../limits/account-limits";
import { crossedWarning, type KeyBudget, keyCapRefusal } from "../limits/key-spend";
import { type AdmissionLock, generationsTodaySql, secondsUntilUtcMidnight, utcDate } from "../limits/lock-account";
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
  const workspaceRetention = effectiveRetention(plan, retentionSeconds);
  const rows = accepted.map((w) => ({ ...w.row, retentionSeconds: w.row.retentionSeconds === undefined ? workspaceRetention : w.row.retentionSeconds }));
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

/**
 * The statement that inserts accepted generations (QUEUED), takes their credits from the balance into
 * `creditsReserved` with a RESERVE ledger entry each (balanceAfter counting down from `balance`, the locked
 * balance), and records their generation.created events; it returns the inserted rows, each with `reserved`. When
 * credits were due and the balance did not cover them (a caller without the lock) it fails instead, so that a
 * COMMIT sent with it (admit-directly.ts) never runs. The generation columns are
 * the rows' own keys, so a column added to the rows is inserted too; columns they leave out take their defaults.
 * `created`: the new generations as their events describe them, for their metric once committed (countCreated).
 */
export function insertAdmittedSql(
  accountId: string,
  rows: Admission["row"][],
  reserves: number[],
  balance: number,
): { sql: Prisma.Sql; total: number; created: Parameters<typeof createdEventRows>[0] } {
  const at = new Date();
  const written = rows.map((row) => ({ ...row, createdAt: at, updatedAt: at }));
  const columns = [...new Set(written.flatMap((row) => Object.keys(row).filter((k) => row[k as keyof typeof row] !== undefined)))];
  if (columns.some((c) => !/^[A-Za-z]+$/.test(c))) throw new Error(`Unexpected generation column in ${columns.join(", ")}`);
  const list = Prisma.raw(columns.map((c) => `"${c}"`).join(", "));
  let after = balance;
  const ledger = rows.flatMap((row, i) =>
    reserves[i] > 0 ? [{ id: newId("led"), accountId, generationId: row.id, kind: "RESERVE", amount: -reserves[i], balanceAfter: (after -= reserves[i]), createdAt: at }] : [],
  );
  const total = balance - after;
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
    WITH generations AS (
      INSERT INTO "Generation" (${list})
      SELECT ${list} FROM jsonb_populate_recordset(NULL::"Generation", ${JSON.stringify(written)}::jsonb)
      RETURNING *
    ), reserved AS (
      -- The account's counts of today's generations and of those queued or running (the day limit's and the queue
      -- bound's, read under the lock), then its credits: one UPDATE, since a statement may change a row once. Not
      -- covered: nothing changes, and the check below fails.
      UPDATE "Account" SET "creditBalance" = "creditBalance" - ${total}, "creditsReserved" = "creditsReserved" + ${total},
        "generationsToday" = ${generationsTodaySql(at)} + ${rows.length}, "generationsTodayDate" = ${utcDate(at)}::date,
        "activeGenerations" = "activeGenerations" + ${rows.length}, "updatedAt" = ${at}
      WHERE id = ${accountId} AND "creditBalance" >= ${total}
      RETURNING ${total} > 0 AS reserved
    ), ledger AS (
      INSERT INTO "CreditLedgerEntry" (id, "accountId", "generationId", kind, amount, "balanceAfter", "createdAt")
      SELECT id, "accountId", "generationId", kind, amount, "balanceAfter", "createdAt" FROM jsonb_populate_recordset(NULL::"CreditLedgerEntry", ${JSON.stringify(ledger)}::jsonb)
    ), events AS (
      INSERT INTO "GenerationEvent" (id, "accountId", "generationId", type, data, "createdAt")
      SELECT id, "accountId", "generationId", type, data, "createdAt" FROM jsonb_populate_recordset(NULL::"GenerationEvent", ${JSON.stringify(events)}::jsonb)
    )
    SELECT generations.*, EXISTS (SELECT 1 FROM reserved WHERE reserved) AS reserved FROM generations
    -- Credits due but not reserved (a caller without the lock, whose balance ran out): fail, so nothing commits.
    WHERE (CASE WHEN ${total} > 0 AND NOT EXISTS (SELECT 1 FROM reserved) THEN ('credits reserved without the account lock: ' || generations.id)::int END) IS NULL`;
  return { sql, total, created };
}

/** The inserted rows in the order of `rows`, checked: credits due were reserved (the caller held the lock). */
export function admittedRows(inserted: (Generation & { reserved: boolean })[], rows: Admission["row"][], total: number, accountId: string): Generation[] {
  if (total > 0 && !inserted[0]?.reserved) throw new Error(`Reserving ${total} credits for ${accountId} without the account lock`);
  const byId = new Map(inserted.map(({ reserved: _reserved, ...row }) => [row.id, row]));
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
