import fs from "node:fs";
import path from "node:path";
import { db } from "../db";
import { dataDir } from "../env";
import { AppError, type ErrorCode } from "../errors";
import { recordProgressEvent } from "../events/record-progress-event";
import type { Generation, Prisma } from "../generated/prisma/client";
import { logger } from "../log";
import { outageLog } from "../log-outage";
import { probeMedia } from "../media/probe";
import { waitForCallback } from "../dispatch/callback-signal";
import { FollowSlice } from "../providers/http/follow-task";
import { isVendorFault, ProviderError } from "../providers/http/provider-error";
import { findProvider } from "../providers/catalog";
import { getAdapter } from "../providers/registry";
import { promptWithApproximations } from "../providers/unified/treatment";
import type { GenerationJob, Options, ProviderAdapter, RunContext, VendorTask } from "../providers/types";
import { vendorContextFor } from "../providers/vendor-context";
import { healthKey, recordOutcome } from "../routing/health-store";
import { putFile } from "../storage";
import { withUploadUrls } from "../uploads/upload-inputs";
import { isFinal } from "./get-generation";

export interface Produced {
  storageKey: string;
  metadata: Record<string, string | number | boolean | null>;
}

/** A provider attempt that ended without a result, as data so the step runner memoises it like any outcome. */
export interface AttemptFailure {
  code: ErrorCode;
  message: string;
  /** Whether another candidate may be tried (see fallbackAllowed). */
  fallback: boolean;
}

export interface Attempt {
  provider: string;
  status: "running" | "succeeded" | "refused" | "failed" | "timed_out";
  errorCode: string | null;
  message?: string;
  startedAt: string;
  endedAt: string | null;
}


/**
 * Sends the job to the generation's current provider. A synchronous vendor's file is stored in the same step; an
 * accepted task is recorded (and memoised by the step runner), so a restart follows it instead of submitting again.
 */
export async function submitAttempt(generationId: string, signal: AbortSignal): Promise<Produced | { task: VendorTask } | { failure: AttemptFailure }> {
  return withWorkingSet(generationId, signal, async ({ generation, adapter, job, ctx }) => {
    await logAttempt(generation.id, { provider: generation.provider, status: "running", errorCode: null, startedAt: new Date().toISOString(), endedAt: null });
    try {
      // Uploads become links the vendor can fetch (or we read back), made now so they are fresh when it does.
      const submission = await adapter.submit(await withUploadUrls(job, generation.accountId), ctx);
      if ("file" in submission) {
        const produced = await store(generation, submission.file);
        await settleAttempt(generation, { status: "succeeded" });
        return produced;
      }
      const client = await db();
      await client.generation.updateMany({ where: { id: generationId, status: "PROCESSING" }, data: { vendorTaskId: submission.task.id } });
      return { task: submission.task };
    } catch (error) {
      return { failure: await attemptFailed(generation, error) };
    }
  });
}

/** The abort reason of a run stopped because its generation was cancelled (not because the process is stopping). */
export const CANCELLED_BY_CLIENT = Object.assign(new Error("Cancelled by the client"), { name: "AbortError" });

/** Follows an accepted vendor task to its result and stores it; a cancel asks the vendor to stop too. */
export async function followAttempt(
  generationId: string,
  task: VendorTask,
  signal: AbortSignal,
  sliceMs?: number,
): Promise<Produced | { failure: AttemptFailure } | { pending: { waitMs: number } }> {
  return withWorkingSet(generationId, signal, async ({ generation, adapter, job, ctx }) => {
    if (!adapter.follow) throw new Error(`${adapter.id} returned a task but cannot follow one`);
    try {
      const produced = await store(generation, (await adapter.follow(job, task, { ...ctx, followSliceMs: sliceMs })).file);
      await settleAttempt(generation, { status: "succeeded" });
      return produced;
    } catch (error) {
      if (error instanceof FollowSlice) return { pending: { waitMs: error.waitMs } };
      // Only the client's cancel stops the vendor's job; a shutdown leaves it running, to be followed after restart.
      if (signal.reason === CANCELLED_BY_CLIENT && adapter.cancel) {
        await adapter.cancel(task, { ...ctx, signal: AbortSignal.timeout(15_000) }).catch((err: unknown) =>
          log.warn({ err, generationId: generation.id, provider: generation.provider }, "the vendor did not confirm the cancel; its job may run to the end"),
        );
      }
      // Whatever went wrong while following, the vendor had accepted the job (and may still bill it).
      return { failure: await attemptFailed(generation, error, { accepted: true }) };
    }
  });
}

/** Records the failed attempt and the provider's health; rethrows what is not a provider's answer (bugs, aborts). */
async function attemptFailed(generation: Generation, error: unknown, known: { accepted?: true } = {}): Promise<AttemptFailure> {
  if ((error as Error).name === "AbortError" || !(error instanceof AppError)) throw error;
  const accepted = known.accepted ?? (error instanceof ProviderError ? error.accepted : error.code !== "PROVIDER_UNAVAILABLE");
  const timedOut = error.details.reason === "timeout";
  await recordOutcome(healthKey(generation.provider, generation), !isVendorFault(error));
  await settleAttempt(generation, { status: timedOut ? "timed_out" : accepted ? "failed" : "refused", errorCode: error.code, message: error.message });
  return { code: error.code, message: error.message, fallback: fallbackAllowed(generation, error, accepted, timedOut) };
}

const MODERATION = /moderat|safety|sensitive|content polic|filtered/i;
const log = logger("generations");
const progressOutage = outageLog(log, "Writing generation progress");

/**
 * Another candidate is tried only for automatically routed generations, and only when this vendor refused the
 * job before accepting it (outage, 429, 5xx) or its accepted job failed for good. Never after a timeout — the
 * job may still finish and be billed to us — and never for moderation or bad parameters, which would fail again.
 */
function fallbackAllowed(generation: Generation, error: AppError, accepted: boolean, timedOut: boolean): boolean {
  const routing = generation.routing as { priority?: string | null } | null;
  if (!routing?.priority) return false;
  if (!accepted) return error.code === "PROVIDER_UNAVAILABLE";
  return error.code === "GENERATION_FAILED" && !timedOut && !MODERATION.test(error.message);
}

async function settleAttempt(generation: Generation, outcome: Pick<Attempt, "status"> & Partial<Pick<Attempt, "errorCode" | "message">>): Promise<void> {
  if (outcome.status === "succeeded") await recordOutcome(healthKey(generation.provider, generation), true);
  await updateAttempts(generation.id, (attempts) => {
    const current = attempts.findLast((a) => a.provider === generation.provider && a.status === "running");
    if (current) Object.assign(current, { errorCode: null, ...outcome, endedAt: new Date().toISOString() });
    return attempts;
  });
}

async function logAttempt(generationId: string, attempt: Attempt): Promise<void> {
  await updateAttempts(generationId, (attempts) => {
    // A retried step (crash between submit and its memo) reuses the attempt it had opened.
    if (!attempts.some((a) => a.provider === attempt.provider && a.status === "running")) attempts.push(attempt);
    return attempts;
  });
}

async function updateAttempts(generationId: string, change: (attempts: Attempt[]) => Attempt[]): Promise<void> {
  const client = await db();
  const row = await client.generation.findUniqueOrThrow({ where: { id: generationId }, select: { attempts: true } });
  const attempts = change(Array.isArray(row.attempts) ? (row.attempts as unknown as Attempt[]) : []);
  // A finished generation's row is final (see get-generation.ts): a vendor answering after a cancel changes nothing.
  await client.generation.updateMany({
    where: { id: generationId, status: { in: ["QUEUED", "PROCESSING"] } },
    data: { attempts: attempts as unknown as Prisma.InputJsonValue },
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
  if (isFinal(generation.status)) throw Object.assign(new Error("Generation already finished"), { name: "AbortError" });
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
    timing: { startedAt: attemptStartedAt(generation), expectedSeconds: generation.estimatedTime },
  };
  try {
    return await fn({ generation, adapter, job, ctx });
  } finally {
    await fs.promises.rm(workDir, { recursive: true, force: true });
  }
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
  // Unified options the vendor has no field for but can read as words (style, camera motion) go into its prompt.
  const model = findProvider(g.provider)?.models[g.type];
  const text = model ? promptWithApproximations(model, g.type, input.text, options) : input.text;
  return { generationId: g.id, type: g.type, text, input, options, mode: g.mode };
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
    // Best effort: the next report, or the final state, carries the progress if this write is lost.
    db()
      .then((c) => c.generation.updateMany({ where: { id: generationId, status: "PROCESSING" }, data: { progress: value } }))
      .then(({ count }) => count === 1 && recordProgressEvent(generationId))
      .then(
        () => progressOutage.succeeded(),
        (err: unknown) => progressOutage.failed(err, { generationId }),
      );
  };
}


/** When the current provider's attempt began (the generation's start for the first one). */
function attemptStartedAt(generation: Generation): Date {
  const attempts = (Array.isArray(generation.attempts) ? generation.attempts : []) as unknown as Attempt[];
  const current = attempts.findLast((a) => a.provider === generation.provider && a.status === "running");
  return current ? new Date(current.startedAt) : (generation.startedAt ?? new Date());
}
