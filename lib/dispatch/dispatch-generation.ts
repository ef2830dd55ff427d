import { db } from "../db";
import { runnerKind } from "../env";
import type { Generation } from "../generated/prisma/client";
import { logger } from "../log";
import { notifyCallback } from "./callback-signal";
import { inngest, GENERATION_CANCELLED, GENERATION_REQUESTED, TEST_GENERATION_REQUESTED, VENDOR_CALLBACK } from "./inngest-client";
import { localRunner } from "./local-workers";

/** Hands a newly accepted generation to whichever engine runs workflows in this deployment. */
export async function enqueueGeneration(generation: Pick<Generation, "id" | "accountId" | "mode">): Promise<void> {
  if (runnerKind() === "inngest") {
    // The plan orders the run in Inngest's queue (its priority expression, lib/jobs/inngest-functions.ts).
    const client = await db();
    const account = await client.account.findUnique({ where: { id: generation.accountId }, select: { plan: true } });
    await inngest.send({
      name: generation.mode === "TEST" ? TEST_GENERATION_REQUESTED : GENERATION_REQUESTED,
      data: { generationId: generation.id, accountId: generation.accountId, plan: account?.plan ?? "FREE" },
    });
  } else {
    // The in-process runner also finds it by polling the database; waking it saves the poll interval (a second on
    // PostgreSQL; on the embedded database, where the idle runner sleeps until woken, up to DOITONG_QUIET_MAX_MS).
    localRunner()?.wake();
  }
}

/**
 * An account's plan or limits changed (call it after the commit): generations queued behind its old parallel limit
 * may fit now. Without the wake, the embedded database's idle runner would notice only at its next due time (up to
 * DOITONG_QUIET_MAX_MS); other processes' changes (npm run admin) wake it through the embedded database's server.
 */
export function accountLimitsChanged(): void {
  if (runnerKind() !== "inngest") localRunner()?.wake();
}

/** Stops the work of a generation that was just marked CANCELLED. */
export async function cancelRunningJob(generationId: string): Promise<void> {
  if (runnerKind() === "inngest") {
    await inngest.send({ name: GENERATION_CANCELLED, data: { generationId } });
  }
  // Runners on other instances notice the CANCELLED status on their next heartbeat.
  localRunner()?.abort(generationId);
}

/** A vendor called back: wake the follower wherever it waits (an Inngest waitForEvent, or an in-process poll). */
export async function signalVendorCallback(generationId: string): Promise<void> {
  notifyCallback(generationId);
  if (runnerKind() !== "inngest") return;
  // A callback is only a hint (the follower polls anyway): failing to pass it on must not fail the vendor's request.
  await inngest.send({ name: VENDOR_CALLBACK, data: { generationId } }).catch((err: unknown) => {
    logger("callbacks").warn({ err, generationId }, "could not pass a vendor callback on to Inngest; the follower's poll will see the result");
  });
}
