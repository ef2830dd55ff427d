import { recordAlert } from "../alerts/record-alert";
import { insufficientCredits, reserveCredits } from "../billing/credits";
import { db } from "../db";
import { AppError } from "../errors";
import { recordGenerationEvents } from "../events/record-generation-event";
import type { Generation, Prisma } from "../generated/prisma/client";
import { activeCapacity } from "../limits/account-limits";
import { countGenerations, lockAccountForAdmission, secondsUntilUtcMidnight } from "../limits/lock-account";
import { crossedWarning, keyCapRefusal, readKeyBudgets } from "../limits/key-spend";
import type { PlanLimits } from "../limits/plans";

/** A planned generation waiting to be recorded: its row as it will be inserted, and its price. */
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

/** One transaction for the batch; throws (having settled nothing) if it could not commit. */
async function writeBatch(batch: Waiting[]): Promise<void> {
  const accountId = batch[0].row.accountId;
  const client = await db();
  const outcomes = await client.$transaction(async (tx) => {
    const { limits, creditBalance, lowBalanceThreshold } = await lockAccountForAdmission(tx, accountId);
    const capacity = activeCapacity(limits);
    const counted = await countGenerations(tx, accountId, { today: limits.daily !== null, active: capacity !== null });
    const counts = { today: counted.today, active: counted.running + counted.queued };
    // Keys' spend caps, read under the same lock as the balance: as exact under concurrency as the balance is.
    const budgets = await readKeyBudgets(tx, [...new Set(batch.filter((w) => w.reserve > 0 && w.row.apiKeyId).map((w) => w.row.apiKeyId!))]);
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
    const rows = await tx.generation.createManyAndReturn({ data: accepted.map((w) => w.row) });
    const byId = new Map(rows.map((r) => [r.id, r]));
    const ordered = accepted.map((w) => byId.get(w.row.id)!);
    await reserveCredits(
      tx,
      accountId,
      creditBalance,
      accepted.filter((w) => w.reserve > 0).map((w) => ({ generationId: w.row.id, amount: w.reserve })),
    );
    await recordGenerationEvents(tx, ordered, "generation.created");
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
