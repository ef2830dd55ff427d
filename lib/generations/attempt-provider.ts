import fs from "node:fs";
import path from "node:path";
import { db } from "../db";
import { dataDir } from "../env";
import { AppError } from "../errors";
import { generationChanges } from "../events/generation-changes";
import { recordProgressEvent } from "../events/record-progress-event";
import type { Generation } from "../generated/prisma/client";
import { logger } from "../log";
import { outageLog } from "../log-outage";
import { processSingleton } from "../process-singleton";
import { probeMedia } from "../media/probe";
import { waitForCallback } from "../dispatch/callback-signal";
import { isVendorFault, ProviderError } from "../providers/http/provider-error";
import { findProvider } from "../providers/catalog";
import { getAdapter } from "../providers/registry";
import { promptWithApproximations } from "../providers/unified/treatment";
import type { GenerationJob, ProviderAdapter, ProviderResult, RunContext, VendorTask } from "../providers/types";
import { optionsForOutput, vendorJobs } from "../providers/unified/num-outputs";
import { vendorContextFor } from "../providers/vendor-context";
import { healthKey, recordOutcome } from "../routing/health-store";
import { putFile } from "../storage";
import { withUploadUrls } from "../uploads/upload-inputs";
import { isFinal } from "./get-generation";
import { attemptStartedAt, closeAttempt, openAttempt, recordVendorTasks } from "./generation-attempts";
import { readAppliedOptions, readInput, readOutputMetadata, readRouting } from "./generation-json";
import type { AttemptFailed, FollowOutcome, LostOutput, Produced, StoredOutput, SubmitOutcome, Submitted } from "./step-outcomes";

/**
 * Sends the job to the generation's current provider — once per output when the vendor makes one file per job
 * (several outputs, see lib/providers/unified/num-outputs.ts), all at once. A synchronous vendor's files are stored
 * in the same step; accepted tasks are recorded (and memoised by the step runner), so a restart follows them
 * instead of submitting again. Some outputs refused and others made: the attempt goes on with what it has.
 */
export async function submitAttempt(generationId: string, signal: AbortSignal): Promise<SubmitOutcome> {
  return withWorkingSet(generationId, signal, async ({ generation, adapter, job, ctx, jobs }) => {
    await openAttempt(generation);
    // Uploads become links the vendor can fetch (or we read back), made now so they are fresh when it does.
    const withUrls = await withUploadUrls(job, generation.accountId);
    const done = await storedIndexes(generation.id);
    const slots = openSlots(jobs, done);
    const perSlot = await slotContexts(ctx, slots);
    const settled = await Promise.allSettled(slots.map((index, k) => adapter.submit(jobFor(withUrls, index, jobs), perSlot[k])));
    const tasks: { index: number; task: VendorTask }[] = [];
    const errors: { index: number; error: unknown }[] = [];
    for (const [k, result] of settled.entries()) {
      const index = slots[k];
      if (result.status === "rejected") {
        errors.push({ index, error: result.reason });
        continue;
      }
      const submission = result.value;
      switch (submission.kind) {
        case "task":
          tasks.push({ index, task: submission.task });
          break;
        case "done":
          await storeAll(generation, index, submission.value);
          break;
      }
    }
    throwUnexpected(errors);
    const outputs = await storedOutputs(generation.id);
    if (outputs.length === 0 && tasks.length === 0) return attemptFailed(generation, errors[0].error);
    const lost = errors.map(({ index, error }) => lostOutput(index, error));
    if (tasks.length === 0) return attemptSucceeded(generation, outputs, lost);
    await recordVendorTasks(generation, tasks.map((t) => t.task.id).join(" "));
    return { kind: "submitted", task: tasks[0].task, tasks, lost };
  });
}

/** The abort reason of a run stopped because its generation was cancelled (not because the process is stopping). */
export const CANCELLED_BY_CLIENT = Object.assign(new Error("Cancelled by the client"), { name: "AbortError" });

/**
 * Follows the accepted vendor tasks together to their results and stores each file as it arrives (a slice or a
 * restart skips what is stored); a cancel asks the vendor to stop them all. Some tasks failed while others
 * delivered: the attempt succeeds with what it has, and the failed slots are reported as lost.
 */
export async function followAttempt(generationId: string, submitted: Submitted, signal: AbortSignal, sliceMs?: number): Promise<FollowOutcome> {
  return withWorkingSet(generationId, signal, async ({ generation, adapter, job, ctx, jobs }) => {
    if (!adapter.follow) throw new Error(`${adapter.id} returned a task but cannot follow one`);
    const follow = adapter.follow.bind(adapter);
    const done = await storedIndexes(generation.id);
    const open = (submitted.tasks ?? [{ index: 0, task: submitted.task }]).filter((t) => openSlots(jobs, done).includes(t.index));
    const perSlot = await slotContexts(
      { ...ctx, followSliceMs: sliceMs },
      open.map((t) => t.index),
    );
    const settled = await Promise.allSettled(open.map((t, k) => follow(jobFor(job, t.index, jobs), t.task, perSlot[k])));
    let waitMs: number | undefined;
    const errors: { index: number; error: unknown }[] = [];
    for (const [k, result] of settled.entries()) {
      const index = open[k].index;
      if (result.status === "rejected") {
        errors.push({ index, error: result.reason });
        continue;
      }
      const followed = result.value;
      switch (followed.kind) {
        case "done":
          await storeAll(generation, index, followed.value);
          break;
        case "slice":
          // Still running when the slice ended: the attempt is pending until the soonest of them is due again.
          waitMs = Math.min(waitMs ?? Infinity, followed.waitMs);
          break;
      }
    }
    // Only the client's cancel stops the vendor's jobs; a shutdown leaves them running, to be followed after restart.
    if (errors.length > 0 && signal.reason === CANCELLED_BY_CLIENT && adapter.cancel) {
      const cancel = adapter.cancel.bind(adapter);
      await Promise.all(
        open.map(({ task }) =>
          cancel(task, { ...ctx, signal: AbortSignal.timeout(15_000) }).catch((err: unknown) =>
            log.warn({ err, generationId: generation.id, provider: generation.provider }, "the vendor did not confirm the cancel; its job may run to the end"),
          ),
        ),
      );
    }
    throwUnexpected(errors);
    if (waitMs !== undefined) return { kind: "pending", waitMs };
    const outputs = await storedOutputs(generation.id);
    // Whatever went wrong while following, the vendor had accepted the job (and may still bill it).
    if (outputs.length === 0) return attemptFailed(generation, errors[0]?.error ?? new AppError("GENERATION_FAILED", "The vendor returned no file"), { accepted: true });
    const lost = [...(submitted.lost ?? []), ...errors.map(({ index, error }) => lostOutput(index, error))];
    return attemptSucceeded(generation, outputs, lost);
  });
}

/** Aborts and bugs are not a slot's failure: they escape, as they would from a single job. */
function throwUnexpected(errors: { error: unknown }[]): void {
  const unexpected = errors.find(({ error }) => (error as Error).name === "AbortError" || !(error instanceof AppError));
  if (unexpected) throw unexpected.error;
}

function lostOutput(index: number, error: unknown): LostOutput {
  const e = error as AppError;
  return { index, code: e.code, message: e.message };
}

/** Slots neither delivered nor reported (a vendor that made fewer files than asked in one job). */
function withMissing(lost: LostOutput[], outputs: StoredOutput[], asked: number): LostOutput[] {
  const known = new Set([...lost.map((l) => l.index), ...outputs.map((o) => o.index)]);
  const missing = Array.from({ length: asked }, (_, i) => i).filter((i) => !known.has(i));
  return [...lost, ...missing.map((index) => ({ index, code: "GENERATION_FAILED" as const, message: "The vendor returned fewer files than asked" }))];
}

/** Records the successful attempt and the provider's health. */
async function attemptSucceeded(generation: Generation, outputs: StoredOutput[], lost: LostOutput[]): Promise<Produced> {
  await recordOutcome(healthKey(generation.provider, generation), true);
  await closeAttempt(generation, { status: "SUCCEEDED" });
  return { kind: "produced", outputs, lost: withMissing(lost, outputs, generation.numOutputs) };
}

/** Records the failed attempt and the provider's health; rethrows what is not a provider's answer (bugs, aborts). */
async function attemptFailed(generation: Generation, error: unknown, known: { accepted?: true } = {}): Promise<AttemptFailed> {
  if ((error as Error).name === "AbortError" || !(error instanceof AppError)) throw error;
  const accepted = known.accepted ?? (error instanceof ProviderError ? error.accepted : error.code !== "PROVIDER_UNAVAILABLE");
  const timedOut = error.details.reason === "timeout";
  await recordOutcome(healthKey(generation.provider, generation), !isVendorFault(error));
  await closeAttempt(generation, { status: timedOut ? "TIMED_OUT" : accepted ? "FAILED" : "REFUSED", errorCode: error.code, message: error.message });
  return { kind: "failed", code: error.code, message: error.message, fallback: fallbackAllowed(generation, error, accepted, timedOut) };
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
  if (!readRouting(generation)?.priority) return false;
  if (!accepted) return error.code === "PROVIDER_UNAVAILABLE";
  return error.code === "GENERATION_FAILED" && !timedOut && !MODERATION.test(error.message);
}

interface Working {
  generation: Generation;
  adapter: ProviderAdapter;
  job: GenerationJob;
  ctx: RunContext;
  /** Vendor jobs this attempt runs: numOutputs when the vendor makes one file per job, else 1. */
  jobs: number;
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
    timing: { startedAt: await attemptStartedAt(generation), expectedSeconds: generation.estimatedTime },
  };
  const model = findProvider(generation.provider)?.models[generation.type];
  const jobs = model ? vendorJobs(model, generation.type, generation.numOutputs) : 1;
  try {
    return await fn({ generation, adapter, job, ctx, jobs });
  } finally {
    await fs.promises.rm(workDir, { recursive: true, force: true });
  }
}

/** Slots still to make: every job's slot not stored yet (one job making several files is done once any is stored). */
function openSlots(jobs: number, done: ReadonlySet<number>): number[] {
  if (jobs === 1) return done.size > 0 ? [] : [0];
  return Array.from({ length: jobs }, (_, i) => i).filter((i) => !done.has(i));
}

/** The job of one slot: the same request with seed+index, under a reference of its own (see GenerationJob). */
function jobFor(job: GenerationJob, index: number, jobs: number): GenerationJob {
  if (jobs === 1) return job;
  return { ...job, generationId: index === 0 ? job.generationId : `${job.generationId}.${index}`, options: optionsForOutput(job.options, index, true) };
}

/**
 * A context per slot: its own work directory (adapters name their files alike) and its share of the progress,
 * which is reported as the average over the slots.
 */
async function slotContexts(ctx: RunContext, slots: number[]): Promise<RunContext[]> {
  if (slots.length <= 1) return slots.map(() => ctx);
  const progress = slots.map(() => 0);
  return Promise.all(
    slots.map(async (index, k) => {
      const workDir = path.join(ctx.workDir, String(index));
      await fs.promises.mkdir(workDir, { recursive: true });
      const onProgress = (percent: number) => {
        progress[k] = percent;
        ctx.onProgress(progress.reduce((a, b) => a + b, 0) / progress.length);
      };
      return { ...ctx, workDir, onProgress };
    }),
  );
}

/** Stores every file of one job: its slot, or slots from it on when the vendor made several in one job. */
async function storeAll(generation: Generation, index: number, result: ProviderResult): Promise<void> {
  const files = result.files?.length ? result.files : [result.file];
  for (const [k, file] of files.slice(0, generation.numOutputs).entries()) await store(generation, file, index + k);
}

/** Measures the file, moves it into storage and records it as an output of the generation. */
async function store(generation: Generation, file: string, index: number): Promise<StoredOutput> {
  const info = await probeMedia(file);
  const name = index === 0 ? "output" : `output-${index}`;
  const stored = await putFile(`${generation.accountId}/${generation.id}/${name}.${info.format === "jpeg" ? "jpg" : info.format}`, file);
  const resolution = info.width && info.height ? `${info.width}x${info.height}` : null;
  const metadata = {
    format: info.format,
    mimeType: info.mimeType,
    size: stored.size,
    width: info.width ?? null,
    height: info.height ?? null,
    duration: info.duration ?? null,
    resolution,
    hasAudio: info.hasAudio ?? null,
  };
  const client = await db();
  const key = { generationId_index: { generationId: generation.id, index } };
  await client.generationOutput.upsert({
    where: key,
    create: { generationId: generation.id, index, storageKey: stored.key, metadata },
    update: { storageKey: stored.key, metadata },
  });
  return { index, storageKey: stored.key, metadata };
}

async function storedIndexes(generationId: string): Promise<Set<number>> {
  return new Set((await storedOutputs(generationId)).map((o) => o.index));
}

async function storedOutputs(generationId: string): Promise<StoredOutput[]> {
  const client = await db();
  const rows = await client.generationOutput.findMany({ where: { generationId }, orderBy: { index: "asc" } });
  return rows.map((r) => ({ index: r.index, storageKey: r.storageKey, metadata: readOutputMetadata(r) }));
}

function toJob(g: Generation): GenerationJob {
  const input = readInput(g);
  const options = readAppliedOptions(g);
  // Unified options the vendor has no field for but can read as words (style, camera motion) go into its prompt.
  const model = findProvider(g.provider)?.models[g.type];
  const text = model ? promptWithApproximations(model, g.type, input.text, options) : input.text;
  return { generationId: g.id, type: g.type, text, input, options, mode: g.mode };
}

/**
 * Progress writes per second over the whole process. Followed vendor jobs hold no runner slot, so there may be
 * thousands at once: without a shared budget their progress writes (and the progress events they record, each a
 * transaction under the account lock) would queue up in the database ahead of everyone's real work.
 */
const PROGRESS_WRITES_PER_SECOND = 10;
const budget = processSingleton("progress-budget", () => ({ second: 0, used: 0 }));

function takeProgressBudget(now: number): boolean {
  const second = Math.floor(now / 1000);
  if (budget.second !== second) Object.assign(budget, { second, used: 0 });
  return budget.used++ < PROGRESS_WRITES_PER_SECOND;
}

/**
 * Progress is written at most every half second per generation and within the process's budget (a skipped value
 * is carried by the next report, or the final state), so a chatty provider — or many — cannot flood the DB.
 */
function progressWriter(generationId: string): (percent: number) => void {
  let last = 0;
  let lastWritten = -1;
  return (percent) => {
    const value = Math.max(0, Math.min(99, Math.floor(percent)));
    const now = Date.now();
    if (value <= lastWritten || now - last < 500 || !takeProgressBudget(now)) return;
    last = now;
    lastWritten = value;
    // Best effort: the next report, or the final state, carries the progress if this write is lost.
    db()
      .then((c) => c.generation.updateMany({ where: { id: generationId, status: "PROCESSING" }, data: { progress: value } }))
      .then(async ({ count }) => {
        if (count !== 1) return;
        await generationChanges.publish(generationId); // pollers on every instance see the new progress
        await recordProgressEvent(generationId);
      })
      .then(
        () => progressOutage.succeeded(),
        (err: unknown) => progressOutage.failed(err, { generationId }),
      );
  };
}
