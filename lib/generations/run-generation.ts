import fs from "node:fs";
import path from "node:path";
import { chargeReserved, releaseReserved } from "../billing/credits";
import { db } from "../db";
import { dataDir } from "../env";
import { AppError } from "../errors";
import type { Generation } from "../generated/prisma/client";
import { probeMedia } from "../media/probe";
import { lockAccount, lockAccountLimits } from "../limits/lock-account";
import { waitForCallback } from "../providers/callback-signal";
import { getAdapter } from "../providers/registry";
import type { GenerationJob, Options, ProviderAdapter, RunContext, VendorTask } from "../providers/types";
import { vendorContextFor } from "../providers/vendor-context";
import { putFile } from "../storage";

/** Runs a named step at most once to completion; a finished step's result is replayed, not redone. */
export interface StepRunner {
  run<T>(name: string, fn: () => Promise<T>): Promise<T>;
}

interface Produced {
  storageKey: string;
  metadata: Record<string, string | number | boolean | null>;
}

const FINAL = new Set(["COMPLETED", "FAILED", "CANCELLED"]);

/**
 * The generation workflow, written once: start → submit (to the vendor; a synchronous vendor's file is stored
 * here) → follow (poll/callbacks until done, then store the file) → complete.
 * The in-process runner and the Inngest function both execute it through their own StepRunner. A provider
 * failure ends the generation as FAILED and releases its credits; any other exception escapes so the engine
 * retries the workflow (finished steps are not redone).
 */
export async function runGeneration(generationId: string, step: StepRunner, signal: AbortSignal = new AbortController().signal): Promise<void> {
  const started = await step.run("start", () => startIfSlotFree(generationId));
  if (!started.proceed) return;

  let produced: Produced;
  try {
    const submitted = await step.run("submit", () => submit(generationId, signal));
    produced = "task" in submitted ? await step.run("follow", () => follow(generationId, submitted.task, signal)) : submitted;
  } catch (error) {
    if (signal.aborted || (error as Error).name === "AbortError") return; // cancelled: cancelGeneration settled it
    if (error instanceof AppError) {
      await failGeneration(generationId, error);
      return;
    }
    throw error;
  }
  await step.run("complete", () => completeGeneration(generationId, produced));
}

/** Thrown by the start step when the account's parallel slots are full; the engine tries again shortly. */
export class SlotUnavailable extends Error {
  override name = "SlotUnavailable";
}

/**
 * QUEUED → PROCESSING, only while the account has a free parallel slot and no older generation of its own is
 * still waiting (so an account's queue runs in order). Counted under the account's row lock, so the limit holds
 * across runners and instances.
 */
async function startIfSlotFree(generationId: string): Promise<{ proceed: boolean }> {
  const client = await db();
  return client.$transaction(async (tx) => {
    const generation = await tx.generation.findUniqueOrThrow({ where: { id: generationId }, select: { accountId: true, status: true, createdAt: true } });
    if (generation.status !== "QUEUED") return { proceed: generation.status === "PROCESSING" };
    const limits = await lockAccountLimits(tx, generation.accountId);
    if (limits.parallel !== null) {
      const running = await tx.generation.count({ where: { accountId: generation.accountId, status: "PROCESSING" } });
      if (running >= limits.parallel) throw new SlotUnavailable(`All ${limits.parallel} parallel slots are busy`);
    }
    const older = await tx.generation.count({ where: { accountId: generation.accountId, status: "QUEUED", createdAt: { lt: generation.createdAt } } });
    if (older > 0) throw new SlotUnavailable("An older generation of this account is waiting");
    const { count } = await tx.generation.updateMany({
      where: { id: generationId, status: "QUEUED" },
      data: { status: "PROCESSING", startedAt: new Date(), progress: 0 },
    });
    return { proceed: count === 1 };
  });
}

interface Working {
  generation: Generation;
  adapter: ProviderAdapter;
  job: GenerationJob;
  ctx: RunContext;
}

/** Everything a step needs to talk to the vendor; the work directory lives until the step ends. */
async function withWorkingSet<T>(generationId: string, signal: AbortSignal, fn: (w: Working) => Promise<T>): Promise<T> {
  const client = await db();
  const generation = await client.generation.findUniqueOrThrow({ where: { id: generationId } });
  if (FINAL.has(generation.status)) throw Object.assign(new Error("Generation already finished"), { name: "AbortError" });
  const adapter = await getAdapter(generation.provider);
  const job = toJob(generation);
  const workDir = path.join(dataDir(), "work", generationId);
  await fs.promises.mkdir(workDir, { recursive: true });
  const ctx: RunContext = {
    signal,
    workDir,
    onProgress: progressWriter(generationId),
    vendor: await vendorContextFor(adapter, job),
    waitForCallback: (ms) => waitForCallback(generationId, ms, signal),
  };
  try {
    return await fn({ generation, adapter, job, ctx });
  } finally {
    await fs.promises.rm(workDir, { recursive: true, force: true });
  }
}

/**
 * Sends the job to the vendor. A synchronous vendor's file is stored in the same step; an accepted task is
 * recorded (and memoised by the step runner), so a restart follows it instead of submitting again.
 */
async function submit(generationId: string, signal: AbortSignal): Promise<Produced | { task: VendorTask }> {
  return withWorkingSet(generationId, signal, async ({ generation, adapter, job, ctx }) => {
    const submission = await adapter.submit(job, ctx);
    if ("file" in submission) return store(generation, submission.file);
    const client = await db();
    await client.generation.updateMany({ where: { id: generationId }, data: { vendorTaskId: submission.task.id } });
    return { task: submission.task };
  });
}

/** Follows an accepted vendor task to its result and stores it; a cancel asks the vendor to stop too. */
async function follow(generationId: string, task: VendorTask, signal: AbortSignal): Promise<Produced> {
  return withWorkingSet(generationId, signal, async ({ generation, adapter, job, ctx }) => {
    if (!adapter.follow) throw new Error(`${adapter.id} returned a task but cannot follow one`);
    try {
      return await store(generation, (await adapter.follow(job, task, ctx)).file);
    } catch (error) {
      if (signal.aborted && adapter.cancel) await adapter.cancel(task, { ...ctx, signal: AbortSignal.timeout(15_000) }).catch(() => undefined);
      throw error;
    }
  });
}

/** Measures the file and moves it into storage. */
async function store(generation: Generation, file: string): Promise<Produced> {
  const info = await probeMedia(file);
  const stored = await putFile(`${generation.accountId}/${generation.id}/output.${info.format === "jpeg" ? "jpg" : info.format}`, file);
  const resolution = info.width && info.height ? `${info.width}x${info.height}` : null;
  return {
    storageKey: stored.key,
    metadata: {
      format: info.format,
      mimeType: info.mimeType,
      size: stored.size,
      width: info.width ?? null,
      height: info.height ?? null,
      duration: info.duration ?? null,
      resolution,
      hasAudio: info.hasAudio ?? null,
    },
  };
}

function toJob(g: Generation): GenerationJob {
  const input = (g.input ?? {}) as GenerationJob["input"] & { text: string };
  const options = (g.appliedOptions ?? g.options ?? {}) as Options;
  return { generationId: g.id, type: g.type, text: input.text, input, options, mode: g.mode };
}

/** Progress is written at most every half second (and always at 100), so a chatty provider cannot flood the DB. */
function progressWriter(generationId: string): (percent: number) => void {
  let last = 0;
  let lastWritten = -1;
  return (percent) => {
    const value = Math.max(0, Math.min(99, Math.floor(percent)));
    const now = Date.now();
    if (value <= lastWritten || now - last < 500) return;
    last = now;
    lastWritten = value;
    void db()
      .then((c) => c.generation.updateMany({ where: { id: generationId, status: "PROCESSING" }, data: { progress: value } }))
      .catch(() => undefined);
  };
}

async function completeGeneration(generationId: string, produced: Produced): Promise<void> {
  const client = await db();
  await client.$transaction(async (tx) => {
    const generation = await tx.generation.findUniqueOrThrow({ where: { id: generationId } });
    await lockAccount(tx, generation.accountId);
    const { count } = await tx.generation.updateMany({
      where: { id: generationId, status: "PROCESSING" },
      data: { status: "COMPLETED", progress: 100, completedAt: new Date(), storageKey: produced.storageKey, metadata: produced.metadata, lockedBy: null, lockedUntil: null },
    });
    if (count === 1 && generation.mode === "LIVE" && generation.creditCost > 0) await chargeReserved(tx, generation.accountId, generationId, generation.creditCost);
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
      data: { status: "FAILED", completedAt: new Date(), errorCode: code, errorMessage: error.message.slice(0, 500), lockedBy: null, lockedUntil: null },
    });
    if (count === 1 && generation.mode === "LIVE" && generation.creditCost > 0) {
      await releaseReserved(tx, generation.accountId, generationId, generation.creditCost, `Refund: ${code}`);
    }
  });
}
