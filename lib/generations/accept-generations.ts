import { recordAlert } from "../alerts/record-alert";
import { insufficientCredits } from "../billing/credits";
import { db } from "../db";
import { AppError } from "../errors";
import { createdEvents } from "../events/record-generation-event";
import { type Generation, Prisma } from "../generated/prisma/client";
import { newId } from "../ids";
import { activeCapacity } from "../limits/account-limits";
import { lockAccountForAdmission, secondsUntilUtcMidnight } from "../limits/lock-account";
import { crossedWarning, keyCapRefusal, readAdmissionCounts } from "../limits/key-spend";
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

interface Waiting extends Admission {
  settle: (outcome: Generation | Error) => void;
}

/** Generations recorded per transaction at most. */
const MAX_BATCH = 100;

const queues = new Map<string, Waiting[]>();

/**
 * Records an accepted generation — limits checked, credits reserved, QUEUED, its `generation.created` event in the
 * outbox — and resolves with its row, or rejects with the limit or balance error that refused it.
 *
 * Group commit: every change to an account's generations takes its row lock, so one account's admissions run one
 * transaction at a time whatever we do. Requests that arrive for an account while its transaction is running
 * wait and then go together in the next one: the same lock, one count, one insert, one reservation, one commit
 * for the lot, each still judged in arrival order against the limits and the balance left by those before it. A
 * lone request goes at once, alone. If a shared transaction fails (an Idempotency-Key used twice in it, say),
 * nothing of it committed, and each request is retried in a transaction of its own, which reports its own error.
 */
export function acceptGeneration(admission: Admission): Promise<Generation> {
  return new Promise((resolve, reject) => {
    const accountId = admission.row.accountId;
    const queue = queues.get(accountId);
    const waiting: Waiting = { ...admission, settle: (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome)) };
    if (queue) {
      queue.push(waiting);
      return;
    }
    queues.set(accountId, [waiting]);
    void drain(accountId);
  });
}

async function drain(accountId: string): Promise<void> {
  const queue = queues.get(accountId)!;
  while (queue.length > 0) {
    const batch = queue.splice(0, MAX_BATCH);
    await writeBatch(batch).catch(async (error: Error) => {
      // A lone request's error is its own; a shared one is retried request by request to find whose it is.
      if (batch.length === 1) return batch[0].settle(error);
      for (const one of batch) await writeBatch([one]).catch((e: Error) => one.settle(e));
    });
  }
  queues.delete(accountId);
}

/**
 * One transaction for the batch; throws (having settled nothing) if it could not commit. Four round trips whatever
 * the batch: BEGIN; the account lock (limits, balance, retention default); the counts and key budgets (after the
 * lock, see countGenerations); one statement that inserts the generations, reserves their credits with the ledger
 * and records their events — then COMMIT. Alerts, when a threshold is crossed, add theirs.
 */
async function writeBatch(batch: Waiting[]): Promise<void> {
  const accountId = batch[0].row.accountId;
  const client = await db();
  const outcomes = await client.$transaction(async (tx) => {
    const { limits, creditBalance, lowBalanceThreshold, plan, retentionSeconds } = await lockAccountForAdmission(tx, accountId);
    const capacity = activeCapacity(limits);
    // Keys' spend caps, read under the same lock as the balance: as exact under concurrency as the balance is.
    const capped = [...new Set(batch.filter((w) => w.reserve > 0 && w.row.apiKeyId).map((w) => w.row.apiKeyId!))];
    const { counts: counted, budgets } = await readAdmissionCounts(tx, accountId, { today: limits.daily !== null, active: capacity !== null }, capped);
    const counts = { today: counted.today, active: counted.running + counted.queued };
    const spentBefore = new Map([...budgets].map(([id, b]) => [id, b.spent]));
    let balance = creditBalance;
    const refusals = new Map<Waiting, AppError>();
    const accepted: Waiting[] = [];
    for (const w of batch) {
      const budget = w.reserve > 0 && w.row.apiKeyId ? budgets.get(w.row.apiKeyId) : undefined;
      const refusal =
        limitRefusal(limits, capacity, counts) ??
        (budget && budget.spent + w.reserve > budget.cap ? keyCapRefusal(budget, w.reserve) : undefined) ??
        (w.reserve > balance ? insufficientCredits(w.reserve, balance) : undefined);
      if (refusal) {
        refusals.set(w, refusal);
        continue;
      }
      accepted.push(w);
      counts.today += 1;
      counts.active += 1;
      balance -= w.reserve;
      if (budget) budget.spent += w.reserve;
    }
    if (accepted.length === 0) return batch.map((w) => refusals.get(w)!);
    const workspaceRetention = effectiveRetention(plan, retentionSeconds);
    const rows = await insertAdmitted(
      tx,
      accountId,
      accepted.map((w) => ({ ...w.row, retentionSeconds: w.row.retentionSeconds === undefined ? workspaceRetention : w.row.retentionSeconds })),
      accepted.map((w) => w.reserve),
      creditBalance,
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    // Alerts for the thresholds this batch crossed: decided under the lock, so each crossing is recorded once.
    if (lowBalanceThreshold !== null && creditBalance >= lowBalanceThreshold && balance < lowBalanceThreshold) {
      await recordAlert(tx, accountId, { type: "account.low_balance", data: { balance, threshold: lowBalanceThreshold } });
    }
    for (const budget of budgets.values()) {
      if (!crossedWarning(budget.cap, spentBefore.get(budget.apiKeyId)!, budget.spent)) continue;
      const { apiKeyId, name, cap, period, spent, since } = budget;
      await recordAlert(tx, accountId, { type: "key.budget_warning", data: { apiKeyId, name, cap, period, spent, since: since.toISOString() } });
    }
    return batch.map((w) => refusals.get(w) ?? byId.get(w.row.id)!);
  });
  batch.forEach((w, i) => w.settle(outcomes[i]));
}

/**
 * Inserts accepted generations (QUEUED), takes their credits from the balance into `creditsReserved` with a
 * RESERVE ledger entry each (balanceAfter counting down from `balance`, the locked balance), and records their
 * generation.created events — one statement. The generation columns are the rows' own keys, so a column added to
 * the rows is inserted too; columns they leave out take their defaults.
 */
async function insertAdmitted(tx: Prisma.TransactionClient, accountId: string, rows: Admission["row"][], reserves: number[], balance: number): Promise<Generation[]> {
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
  const events = createdEvents(
    tx,
    written.map((row) => ({
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
    })),
  );
  const inserted = await tx.$queryRaw<(Generation & { reserved: boolean })[]>`
    WITH generations AS (
      INSERT INTO "Generation" (${list})
      SELECT ${list} FROM jsonb_populate_recordset(NULL::"Generation", ${JSON.stringify(written)}::jsonb)
      RETURNING *
    ), reserved AS (
      UPDATE "Account" SET "creditBalance" = "creditBalance" - ${total}, "creditsReserved" = "creditsReserved" + ${total}, "updatedAt" = ${at}
      WHERE id = ${accountId} AND ${total} > 0 AND "creditBalance" >= ${total}
      RETURNING id
    ), ledger AS (
      INSERT INTO "CreditLedgerEntry" (id, "accountId", "generationId", kind, amount, "balanceAfter", "createdAt")
      SELECT id, "accountId", "generationId", kind, amount, "balanceAfter", "createdAt" FROM jsonb_populate_recordset(NULL::"CreditLedgerEntry", ${JSON.stringify(ledger)}::jsonb)
    ), events AS (
      INSERT INTO "GenerationEvent" (id, "accountId", "generationId", type, data, "createdAt")
      SELECT id, "accountId", "generationId", type, data, "createdAt" FROM jsonb_populate_recordset(NULL::"GenerationEvent", ${JSON.stringify(events)}::jsonb)
    )
    SELECT generations.*, EXISTS (SELECT 1 FROM reserved) AS reserved FROM generations`;
  if (total > 0 && !inserted[0]?.reserved) throw new Error(`Reserving ${total} credits for ${accountId} without the account lock`);
  const byId = new Map(inserted.map(({ reserved: _reserved, ...row }) => [row.id, row]));
  return rows.map((row) => byId.get(row.id)!);
}

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
      { limit: "parallel_queue", retryAfter: 5 },
    );
  }
  return undefined;
}
