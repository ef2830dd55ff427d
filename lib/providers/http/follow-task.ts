import fs from "node:fs";
import path from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { setTimeout as sleep } from "node:timers/promises";
import { logger } from "../../log";
import type { Followed, RunContext } from "../types";
import { isAbort, ProviderError } from "./provider-error";
import { retryDelayMs } from "./vendor-request";

export type TaskState<T> = { done: false; progress?: number } | { done: true; value: T };

export interface FollowOptions<T> {
  provider: string;
  vendorName: string;
  ctx: RunContext;
  /** The vendor's recommended poll interval (scaled by the context's timeScale). */
  intervalMs: number;
  /** Give up after this long: the vendor job is then cancelled (where possible) and failed, so credits return. */
  maxWaitMs: number;
  check(): Promise<TaskState<T>>;
  cancel?(): Promise<void>;
}

/**
 * The id of the job a vendor just accepted. A reply without one still means the vendor may have taken (and may
 * bill) the job: PROVIDER_UNAVAILABLE, accepted, so it is neither retried nor sent elsewhere.
 */
export function acceptedTaskId(id: unknown, vendor: { provider: string; vendorName: string }): string {
  if ((typeof id === "string" && id) || typeof id === "number") return String(id);
  throw new ProviderError("PROVIDER_UNAVAILABLE", `${vendor.vendorName} accepted the request without a task id`, { provider: vendor.provider, accepted: true });
}

/**
 * Followed in slices (Inngest), a job is asked about at most this many times before its time limit: the wait between
 * slices stretches beyond the vendor's poll interval for long limits, so a run stays well inside Inngest's 1,000
 * steps per function (each slice is a step and a waitForEvent). A callback still ends a wait at once.
 */
const MAX_FOLLOW_SLICES = 250;

/** Status queries in a row that may fail (outage, rate limit) before following gives up on a running job. */
const MAX_FAILED_CHECKS = 5;

/**
 * Polls a vendor task until it ends, waking early when the vendor calls back (a callback is only a hint; the
 * vendor is always re-queried). Progress the vendor reports is passed on. Followed in slices (ctx.followSliceMs),
 * it answers `slice` when one ends with the task still running; the adapter passes that on untouched.
 *
 * Every failure here is about a job the vendor has accepted, and says so (`accepted`): it may still run and be
 * billed, so it is never a reason to send the job elsewhere. A status query the vendor cannot answer right now
 * (outage, 429) is asked again at the next interval, up to MAX_FAILED_CHECKS times in a row; a task the vendor no
 * longer knows (its "bad request" to a query) is a failed job, not the client's bad input.
 */
export async function followTask<T>(options: FollowOptions<T>): Promise<Followed<T>> {
  const { ctx } = options;
  // Measured from the attempt's start, so following in slices (or again after a restart) keeps the same limit.
  const deadline = (ctx.timing?.startedAt.getTime() ?? Date.now()) + options.maxWaitMs * ctx.vendor.timeScale;
  const sliceEnd = ctx.followSliceMs === undefined ? Number.POSITIVE_INFINITY : Date.now() + ctx.followSliceMs;
  let failedChecks = 0;
  for (;;) {
    let state: TaskState<T>;
    try {
      state = await options.check();
      failedChecks = 0;
    } catch (error) {
      if (!(error instanceof ProviderError)) throw error;
      const transient = error.code === "PROVIDER_UNAVAILABLE" && ++failedChecks < MAX_FAILED_CHECKS && Date.now() < deadline;
      if (!transient) throw acceptedJobError(error, options);
      state = { done: false };
    }
    if (state.done) return { kind: "done", value: state.value };
    const progress = state.progress ?? estimatedProgress(ctx);
    if (progress !== undefined) ctx.onProgress(progress);
    if (Date.now() >= deadline) {
      // Best effort: the job is abandoned either way; the vendor may still finish it (and bill it).
      await options.cancel?.().catch((err: unknown) => logger("providers").warn({ err, provider: options.provider }, "cancelling an abandoned vendor job failed"));
      const minutes = Math.round(options.maxWaitMs / 60_000);
      throw new ProviderError("GENERATION_FAILED", `${options.vendorName} did not finish within ${minutes} minutes; the job was abandoned`, {
        provider: options.provider,
        accepted: true,
        reason: "timeout",
      });
    }
    ctx.signal.throwIfAborted();
    if (Date.now() >= sliceEnd) return { kind: "slice", waitMs: Math.max(options.intervalMs, options.maxWaitMs / MAX_FOLLOW_SLICES) * ctx.vendor.timeScale };
    await ctx.waitForCallback(options.intervalMs * ctx.vendor.timeScale);
  }
}

/**
 * For a vendor whose one request is the whole job (a synchronous render): runs it with a time limit, `nominalMs`
 * scaled like every other wait (at least `minMs`). Past the limit the request is abandoned as a timeout — the job may
 * still finish and be billed, so, as for followTask's limit, it is never a reason to run it elsewhere.
 */
export async function withJobLimit<T>(
  options: { provider: string; vendorName: string; ctx: RunContext; nominalMs: number; minMs?: number },
  run: (signal: AbortSignal, limitMs: number) => Promise<T>,
): Promise<T> {
  const { ctx, nominalMs } = options;
  const limitMs = Math.max(options.minMs ?? 1, nominalMs * ctx.vendor.timeScale);
  const limit = AbortSignal.timeout(limitMs);
  try {
    return await run(AbortSignal.any([ctx.signal, limit]), limitMs);
  } catch (error) {
    if (!limit.aborted || ctx.signal.aborted) throw error;
    const within = nominalMs % 60_000 === 0 ? `${nominalMs / 60_000} minutes` : `${Math.round(nominalMs / 1000)} s`;
    throw new ProviderError("GENERATION_FAILED", `${options.vendorName} did not finish within ${within}; the request was abandoned`, {
      provider: options.provider,
      accepted: true,
      reason: "timeout",
    });
  }
}

function acceptedJobError(error: ProviderError, options: Pick<FollowOptions<unknown>, "provider" | "vendorName">): ProviderError {
  if (error.code === "INVALID_INPUT") {
    return new ProviderError("GENERATION_FAILED", `${options.vendorName} no longer knows this task: ${error.message}`, {
      provider: options.provider,
      vendorCode: error.details.vendorCode as string | number | undefined,
      status: error.details.status as number | undefined,
      accepted: true,
    });
  }
  if (error.accepted) return error;
  const { provider: _provider, ...facts } = error.details as Record<string, never>;
  return new ProviderError(error.code as "PROVIDER_UNAVAILABLE" | "GENERATION_FAILED", error.message, { ...facts, provider: options.provider, accepted: true });
}

export interface DownloadOptions {
  provider: string;
  vendorName: string;
  ctx: RunContext;
  /** File name inside the work directory. */
  name: string;
  headers?: Record<string, string>;
  maxBytes?: number;
}

const MAX_RESULT_BYTES = 2 * 1024 ** 3;

/**
 * Copies a vendor's result into the work directory as soon as it exists: vendor links expire (BFL in 10
 * minutes). An expired or missing link is a failed generation (refunded), said plainly; outages are retried.
 * The body streams to the file (a 500 MB video never sits in memory); a result larger than allowed is cut off.
 */
export async function downloadResult(url: string, options: DownloadOptions): Promise<string> {
  const { ctx } = options;
  const file = path.join(ctx.workDir, options.name);
  const maxBytes = options.maxBytes ?? MAX_RESULT_BYTES;
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(url, { headers: options.headers, signal: AbortSignal.any([ctx.signal, AbortSignal.timeout(10 * 60_000)]) });
      if (res.status === 403 || res.status === 404 || res.status === 410) {
        await res.body?.cancel();
        throw new ProviderError("GENERATION_FAILED", `The result link from ${options.vendorName} expired before it could be copied (HTTP ${res.status})`, {
          provider: options.provider,
          status: res.status,
          accepted: true,
        });
      }
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw new Error(`HTTP ${res.status}`);
      }
      const tooLarge = new ProviderError("GENERATION_FAILED", `The result from ${options.vendorName} is larger than allowed`, { provider: options.provider, accepted: true });
      if (Number(res.headers.get("content-length") ?? 0) > maxBytes) {
        await res.body.cancel();
        throw tooLarge;
      }
      let size = 0;
      const limit = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          size += chunk.length;
          done(size > maxBytes ? tooLarge : null, chunk);
        },
      });
      await pipeline(Readable.fromWeb(res.body as NodeReadableStream<Uint8Array>), limit, fs.createWriteStream(file));
      if (size === 0) throw new Error("empty body");
      return file;
    } catch (error) {
      if (error instanceof ProviderError || (isAbort(error) && ctx.signal.aborted)) throw error;
      if (attempt >= 4) {
        throw new ProviderError("PROVIDER_UNAVAILABLE", `Could not download the result from ${options.vendorName}: ${(error as Error).message}`, {
          provider: options.provider,
          accepted: true,
        });
      }
      await sleep(retryDelayMs(attempt) * ctx.vendor.timeScale, undefined, { signal: ctx.signal });
    }
  }
}

/** Writes bytes a synchronous vendor returned inline (base64 audio, image bytes) into the work directory. */
export async function writeResult(ctx: RunContext, name: string, bytes: Buffer): Promise<string> {
  const file = path.join(ctx.workDir, name);
  await fs.promises.writeFile(file, bytes);
  return file;
}

/**
 * For vendors that report no progress: the share of this model's usual time that has passed, easing off towards
 * 95 % so an over-running job never shows 100 % before it is done.
 */
export function estimatedProgress(ctx: Pick<RunContext, "timing">): number | undefined {
  if (!ctx.timing || ctx.timing.expectedSeconds <= 0) return undefined;
  const fraction = (Date.now() - ctx.timing.startedAt.getTime()) / 1000 / ctx.timing.expectedSeconds;
  return 95 * (1 - Math.exp(-1.5 * fraction));
}
