import { AppError, ERROR_CODES, type ErrorCode } from "../errors";
import { env } from "../env";
import type { Generation } from "../generated/prisma/client";
import { createGeneration } from "../generations/create-generation";
import { waitForGeneration } from "../generations/wait-for-generation";
import type { Translated } from "./to-generate-input";
import type { V1Context } from "./v1-route";

/**
 * `generate`, then wait for the result, as OpenAI's image and speech calls answer with the media itself. The
 * wait is bounded (DOITONG_V1_WAIT_SECONDS): past it the answer is WAIT_TIMEOUT carrying the generation id, and
 * the generation goes on, so nothing paid for is lost. A client that hangs up stops the wait, not the generation.
 * The same Idempotency-Key header as GraphQL: a retry with the key finds the same generation and waits for it
 * again instead of paying twice.
 */
export async function createAndWait(ctx: V1Context, translated: Translated): Promise<Generation> {
  const { generation, replayed } = await createGeneration(ctx.caller, translated.input, { idempotencyKey: ctx.request.headers.get("idempotency-key") ?? undefined });
  if (replayed) ctx.meta.replayed = true;
  const seconds = env().DOITONG_V1_WAIT_SECONDS;
  const outcome = await waitForGeneration(ctx.caller, generation.id, { timeoutMs: seconds * 1000, signal: ctx.request.signal });
  const done = outcome.generation;
  if (outcome.kind === "waiting") {
    throw new AppError("WAIT_TIMEOUT", `Generation ${done.id} is still ${done.status.toLowerCase()} after ${seconds} s; it goes on: fetch it by id (GraphQL generation(id))`, {
      generationId: done.id,
    });
  }
  if (done.status !== "COMPLETED") throw generationError(done);
  return done;
}

/** A failed or cancelled generation as the error a synchronous caller gets, with its id. */
export function generationError(generation: Generation): AppError {
  const code: ErrorCode = generation.errorCode && generation.errorCode in ERROR_CODES ? (generation.errorCode as ErrorCode) : "GENERATION_FAILED";
  const message = generation.status === "CANCELLED" ? `Generation ${generation.id} was cancelled` : (generation.errorMessage ?? `Generation ${generation.id} failed`);
  return new AppError(code, message, { generationId: generation.id });
}
