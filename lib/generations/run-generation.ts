import { chargeReserved, releaseReserved, reservedFor } from "../billing/credits";
import { db } from "../db";
import { recordGenerationEvent } from "../events/record-generation-event";
import { AppError } from "../errors";
import { lockAccount, lockAccountLimits } from "../limits/lock-account";
import { mediaExpiry } from "../limits/retention";
import type { z } from "zod";
import { followAttempt, submitAttempt } from "./attempt-provider";
import { readWarnings, readWarningsAsData, warningDetailsColumn } from "./generation-json";
import { settleOutputs } from "./settle-outputs";
import { cancelIfPastDeadline } from "./expire-deadlines";
import { rerouteGeneration } from "./reroute-generation";
import {
  type AttemptFailed,
  FollowOutcomeSchema,
  NothingSchema,
  type Produced,
  RerouteOutcomeSchema,
  type SlotBusy,
  type StartOutcome,
  StartOutcomeSchema,
  SubmitOutcomeSchema,
  type Submitted,
} from "./step-outcomes";

/** Runs a named step at most once to completion; a finished step's result is replayed, not redone. */
export interface StepRunner {
  /**
   * A memoised result is replayed through `schema` (step-outcomes.ts), never cast. With `keep`, a result it rejects
   * is returned but not memoised: the step is not finished and runs again when the workflow does (the start step
   * finding no free slot). An engine that memoises every result (Inngest) retries the step instead.
   */
  run<T>(name: string, fn: () => Promise<T>, options: StepOptions<T>): Promise<T>;
  /**
   * Engines whose steps should stay short (Inngest) follow a vendor task in slices of this many ms and, between
   * slices, wait for the vendor's callback event for up to the poll interval (`waitForCallback`). Without them the
   * follow step polls until the task ends, woken early by callbacks in-process.
   */
  followSliceMs?: number;
  waitForCallback?(name: string, generationId: string, timeoutMs: number): Promise<void>;
  /**
   * Called when the workflow's only work left is following a vendor's job (polling, callbacks): the in-process
   * runner then frees the run's work slot for another account's generation (lib/jobs/claim-generations.ts).
   */
  following?(): void;
}

export interface StepOptions<T> {
  schema: z.ZodType<T>;
  keep?(result: T): boolean;
}

/**
 * The generation workflow, written once: start → submit (to the vendor; a synchronous vendor's file is stored
 * here) → follow (poll/callbacks until done, then store the file) → complete. When the provider was chosen
 * automatically and it refused the job (outage, 429, 5xx) or its accepted job failed for good, a reroute step
 * moves the generation to the next candidate and the attempt repeats there (see attempt-provider.ts).
 * The in-process runner and the Inngest function both execute it through their own StepRunner. A provider
 * failure ends the generation as FAILED and releases its credits; any other exception escapes so the engine
 * retries the workflow (finished steps are not redone).
 */
export async function runGeneration(generationId: string, step: StepRunner, signal: AbortSignal = new AbortController().signal): Promise<RunOutcome> {
  const start = await step.run("start", () => startIfSlotFree(generationId), { schema: StartOutcomeSchema, keep: (outcome) => outcome.kind !== "slot_busy" });
  switch (start.kind) {
    case "slot_busy":
      return start;
    case "stopped":
      return { kind: "ended" };
    case "started":
      break;
  }
  let produced: Produced;
  try {
    const ended = await attemptUntilProduced(generationId, step, signal);
    switch (ended.kind) {
      case "produced":
        produced = ended;
        break;
      case "failed":
        await failGeneration(generationId, new AppError(ended.code, ended.message));
        return { kind: "ended" };
    }
  } catch (error) {
    if (signal.aborted || (error as Error).name === "AbortError") return { kind: "ended" }; // cancelled: cancelGeneration settled it
    throw error;
  }
  await step.run(
    "complete",
    async () => {
      await completeGeneration(generationId, produced);
      return null;
    },
    { schema: NothingSchema },
  );
  return { kind: "ended" };
}

/**
 * What a run of the workflow came to: it ended (the generation is final, or was already), or the account had no
 * free slot (`slot_busy`: nothing was done; the engine runs it again shortly, and that wait is not an attempt).
 */
export type RunOutcome = { kind: "ended" } | SlotBusy;

/** Attempts at the current provider, rerouting after an allowed failure, until one produced or none is left. */
async function attemptUntilProduced(generationId: string, step: StepRunner, signal: AbortSignal): Promise<Produced | AttemptFailed> {
  for (let attempt = 1; ; attempt++) {
    const suffix = attempt === 1 ? "" : `#${attempt}`;
    const submitted = await step.run(`submit${suffix}`, () => submitAttempt(generationId, signal), { schema: SubmitOutcomeSchema });
    let ended: Produced | AttemptFailed;
    switch (submitted.kind) {
      case "submitted":
        step.following?.();
        ended = await followUntilEnded(generationId, submitted, step, signal, suffix);
        break;
      case "produced":
      case "failed":
        ended = submitted;
        break;
    }
    if (ended.kind === "produced" || !ended.fallback) return ended;
    const next = await step.run(`reroute${suffix}`, () => rerouteGeneration(generationId), { schema: RerouteOutcomeSchema });
    switch (next.kind) {
      case "rerouted":
        continue;
      case "exhausted":
        return ended;
    }
  }
}

/** Follows the vendor's tasks, in slices when the engine asks for them, until the attempt produced or failed. */
async function followUntilEnded(generationId: string, submitted: Submitted, step: StepRunner, signal: AbortSignal, suffix: string): Promise<Produced | AttemptFailed> {
  for (let slice = 1; ; slice++) {
    const name = slice === 1 ? `follow${suffix}` : `follow${suffix}.${slice}`;
    const outcome = await step.run(name, () => followAttempt(generationId, submitted, signal, step.followSliceMs), { schema: FollowOutcomeSchema });
    switch (outcome.kind) {
      case "produced":
      case "failed":
        return outcome;
      case "pending":
        await step.waitForCallback?.(`callback${suffix}.${slice + 1}`, generationId, outcome.waitMs);
        break;
    }
  }
}

/**
 * QUEUED → PROCESSING, only while the account has a free parallel slot and no older generation of its own is
 * still waiting (so an account's queue runs in order). Counted under the account's row lock, so the limit holds
 * across runners and instances.
 */
async function startIfSlotFree(generationId: string): Promise<StartOutcome> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const generation = await tx.generation.findUniqueOrThrow({ where: { id: generationId }, select: { accountId: true, status: true, createdAt: true } });
    if (generation.status !== "QUEUED") return { kind: generation.status === "PROCESSING" ? "started" : "stopped" };
    if (await cancelIfPastDeadline(tx, generationId)) return { kind: "stopped" };
    const limits = await lockAccountLimits(tx, generation.accountId);
    if (limits.parallel !== null) {
      const running = await tx.generation.count({ where: { accountId: generation.accountId, status: "PROCESSING" } });
      if (running >= limits.parallel) return { kind: "slot_busy", reason: `All ${limits.parallel} parallel slots are busy` };
    }
    // One older row is enough to wait: findFirst stops there, where a count would read the whole queue.
    const older = await tx.generation.findFirst({ where: { accountId: generation.accountId, status: "QUEUED", createdAt: { lt: generation.createdAt } }, select: { id: true } });
    if (older) return { kind: "slot_busy", reason: "An older generation of this account is waiting" };
    const { count } = await tx.generation.updateMany({
      where: { id: generationId, status: "QUEUED" },
      data: { status: "PROCESSING", startedAt: new Date(), progress: 0 },
    });
    if (count === 1) await recordGenerationEvent(tx, generationId, "generation.started");
    return { kind: count === 1 ? "started" : "stopped" };
  });
}

/**
 * PROCESSING → COMPLETED with the files delivered. Several outputs asked for and some lost: the generation keeps
 * what was made, is charged per output delivered and releases the rest (settle-outputs.ts), with a warning. Under
 * the account lock and guarded by the status change, so the money moves exactly once even if this step reruns.
 */
async function completeGeneration(generationId: string, produced: Produced): Promise<void> {
  const client = await db();
  await client.$transaction(async (tx) => {
    const generation = await tx.generation.findUniqueOrThrow({ where: { id: generationId } });
    await lockAccount(tx, generation.accountId);
    const settled = await settleOutputs(tx, generation, produced);
    const completedAt = new Date();
    const { count } = await tx.generation.updateMany({
      where: { id: generationId, status: "PROCESSING" },
      data: {
        status: "COMPLETED",
        progress: 100,
        completedAt,
        mediaExpiresAt: mediaExpiry(generation.retentionSeconds, completedAt),
        storageKey: settled.first.storageKey,
        metadata: settled.first.metadata,
        creditCost: settled.creditCost,
        // The vendor bills what it made: the cost of the outputs delivered, as the charge is.
        ...(settled.lost > 0 && generation.vendorCost !== null
          ? { vendorCost: (Number(generation.vendorCost) * (generation.numOutputs - settled.lost)) / generation.numOutputs }
          : {}),
        ...(settled.warning && settled.notice
          ? {
              warnings: [...readWarnings(generation), settled.warning],
              warningDetails: warningDetailsColumn([...readWarningsAsData(generation), settled.notice]),
            }
          : {}),
        lockedBy: null,
        lockedUntil: null,
      },
    });
    if (count === 1 && generation.mode === "LIVE") {
      const reserved = await reservedFor(tx, generationId);
      const charge = Math.min(settled.creditCost, reserved);
      if (reserved > 0 && settled.lost === 0) await chargeReserved(tx, generation.accountId, generationId, charge, reserved);
      if (reserved > 0 && settled.lost > 0) {
        // Charged for what was delivered; the undelivered outputs' credits go back as their own RELEASE entry.
        await chargeReserved(tx, generation.accountId, generationId, charge, charge);
        if (reserved > charge)
          await releaseReserved(tx, generation.accountId, generationId, reserved - charge, `Refund: ${settled.lost} of ${generation.numOutputs} outputs not delivered`);
      }
    }
    if (count === 1) await recordGenerationEvent(tx, generationId, "generation.completed");
  });
}

export async function failGeneration(generationId: string, error: Error): Promise<void> {
  const code = error instanceof AppError ? error.code : "GENERATION_FAILED";
  const client = await db();
  await client.$transaction(async (tx) => {
    const generation = await tx.generation.findUniqueOrThrow({ where: { id: generationId } });
    await lockAccount(tx, generation.accountId);
    const { count } = await tx.generation.updateMany({
      where: { id: generationId, status: { in: ["QUEUED", "PROCESSING"] } },
      // A failed generation may have stored some outputs before it failed: they expire like a completed one's.
      data: {
        status: "FAILED",
        completedAt: new Date(),
        mediaExpiresAt: mediaExpiry(generation.retentionSeconds, new Date()),
        errorCode: code,
        errorMessage: error.message.slice(0, 500),
        lockedBy: null,
        lockedUntil: null,
      },
    });
    const reserved = count === 1 && generation.mode === "LIVE" ? await reservedFor(tx, generationId) : 0;
    if (reserved > 0) await releaseReserved(tx, generation.accountId, generationId, reserved, `Refund: ${code}`);
    if (count === 1) await recordGenerationEvent(tx, generationId, "generation.failed");
  });
}
