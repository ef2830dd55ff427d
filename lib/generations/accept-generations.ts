import { recordAlert } from "../alerts/record-alert";
import { db } from "../db";
import { afterCommit } from "../db/after-commit";
import type { AppError } from "../errors";
import { countCreated } from "../events/record-generation-event";
import type { Generation } from "../generated/prisma/client";
import { readKeyBudgets } from "../limits/key-spend";
import { lockAccountForAdmission, recountActive } from "../limits/lock-account";
import { admitDirectly } from "./admit-directly";
import { type Admission, admittedRows, cappedKeys, insertAdmittedSql, judgeAdmissions } from "./admission-rules";

export type { Admission } from "./admission-rules";

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
 * One transaction for the batch; throws (having settled nothing) if it could not commit. Written directly on a
 * connection of the pool in one or two round trips when it can be (admit-directly.ts); in Prisma's interactive
 * transaction otherwise (a batch that crosses an alert threshold: recordAlert writes with Prisma), with the same
 * statements and the same rules (admission-rules.ts): BEGIN; the account lock (limits, balance, retention default,
 * counts); the key budgets (after the lock); the exact count of queued and running generations, only when the row's
 * would refuse one; one statement that inserts the generations, reserves their credits with the ledger and records
 * their events; the alerts; COMMIT.
 */
async function writeBatch(batch: Waiting[]): Promise<void> {
  const direct = await admitDirectly(batch);
  const outcomes = direct ?? (await writeInTransaction(batch));
  batch.forEach((w, i) => w.settle(outcomes[i]));
}

async function writeInTransaction(batch: Waiting[]): Promise<(Generation | AppError)[]> {
  const accountId = batch[0].row.accountId;
  const client = await db();
  return client.$transaction(async (tx) => {
    const lock = await lockAccountForAdmission(tx, accountId);
    // Keys' spend caps, read under the same lock as the balance: as exact under concurrency as the balance is.
    // Judging spends the budgets it is given: each verdict gets its own.
    const judge = async (active: number) => judgeAdmissions(batch, { ...lock, counts: { ...lock.counts, active } }, await readKeyBudgets(tx, cappedKeys(batch)));
    let verdict = await judge(lock.counts.active);
    if (verdict.queueFull) verdict = await judge(await recountActive(tx, accountId));
    if (verdict.accepted.length === 0) return batch.map((w) => verdict.refusals.get(w)!);
    const insert = insertAdmittedSql(
      accountId,
      verdict.rows,
      verdict.accepted.map((w) => w.reserve),
    );
    const rows = admittedRows(await tx.$queryRaw<Generation[]>(insert.sql), verdict.rows, insert.total, accountId);
    afterCommit(tx, () => countCreated(insert.created));
    for (const alert of verdict.alerts) await recordAlert(tx, accountId, alert);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return batch.map((w) => verdict.refusals.get(w) ?? byId.get(w.row.id)!);
  });
}
