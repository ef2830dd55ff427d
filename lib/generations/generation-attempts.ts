import { db } from "../db";
import type { AttemptStatus, Generation, GenerationAttempt } from "../generated/prisma/client";
import { findProvider } from "../providers/catalog";
import { chosenModel } from "../providers/lineup";
import { readAppliedOptions } from "./generation-json";

/**
 * The attempt log of a generation: one GenerationAttempt row per provider tried, in order. Opened when the job is
 * sent to the generation's current provider, given the vendor's task ids once it accepts, closed with how it ended.
 * Like every write to a generation's state, these change nothing once the generation is final (a vendor answering
 * after a cancel), see get-generation.ts.
 */

const UNFINISHED = { status: { in: ["QUEUED" as const, "PROCESSING" as const] } };

/**
 * Opens the attempt at the generation's current provider: the next number, its vendor model and price. A retried
 * submit step (a crash between the vendor's answer and the step's memo) reuses the attempt it had opened.
 */
export async function openAttempt(generation: Generation): Promise<void> {
  const spec = findProvider(generation.provider)?.models[generation.type];
  const model = spec ? chosenModel(spec, readAppliedOptions(generation)).vendorModelId : null;
  const client = await db();
  await client.$transaction(async (tx) => {
    const current = await tx.generation.findFirst({ where: { id: generation.id, ...UNFINISHED }, select: { id: true } });
    if (!current) return;
    const last = await tx.generationAttempt.findFirst({ where: { generationId: generation.id }, orderBy: { number: "desc" } });
    if (last?.status === "RUNNING" && last.provider === generation.provider) return;
    await tx.generationAttempt.create({
      // startedAt from this clock, as every other time of the workflow (followTask measures its limit from it).
      data: { generationId: generation.id, number: (last?.number ?? 0) + 1, provider: generation.provider, model, creditCost: generation.creditCost, startedAt: new Date() },
    });
  });
}

/** The vendor accepted the job: its task ids go on the attempt and on the generation (which the runner's claim reads). */
export async function recordVendorTasks(generation: Generation, vendorTaskId: string): Promise<void> {
  const client = await db();
  await client.$transaction([
    client.generation.updateMany({ where: { id: generation.id, status: "PROCESSING" }, data: { vendorTaskId } }),
    client.generationAttempt.updateMany({ where: runningAt(generation), data: { vendorTaskId } }),
  ]);
}

/** How the running attempt at the generation's current provider ended. */
export async function closeAttempt(generation: Generation, outcome: { status: Exclude<AttemptStatus, "RUNNING">; errorCode?: string; message?: string }): Promise<void> {
  const client = await db();
  await client.generationAttempt.updateMany({
    where: runningAt(generation),
    data: { status: outcome.status, errorCode: outcome.errorCode ?? null, message: outcome.message ?? null, endedAt: new Date() },
  });
}

function runningAt(generation: Pick<Generation, "id" | "provider">) {
  return { generationId: generation.id, provider: generation.provider, status: "RUNNING" as const, generation: UNFINISHED };
}

/** Every attempt of the generation, in the order they were made. */
export async function listAttempts(generationId: string): Promise<GenerationAttempt[]> {
  const client = await db();
  return client.generationAttempt.findMany({ where: { generationId }, orderBy: { number: "asc" } });
}

/** When the current provider's attempt began (the generation's start before any is open). */
export async function attemptStartedAt(generation: Generation): Promise<Date> {
  const client = await db();
  const current = await client.generationAttempt.findFirst({
    where: { generationId: generation.id, provider: generation.provider, status: "RUNNING" },
    orderBy: { number: "desc" },
    select: { startedAt: true },
  });
  return current?.startedAt ?? generation.startedAt ?? new Date();
}

/** An attempt as the API shows it (`Generation.attempts`): the status in lower case, as it always was. */
export interface AttemptView {
  provider: string;
  status: Lowercase<AttemptStatus>;
  errorCode: string | null;
  message: string | null;
  startedAt: Date;
  endedAt: Date | null;
}

export async function listAttemptViews(generationId: string): Promise<AttemptView[]> {
  return (await listAttempts(generationId)).map(toView);
}

/** The attempts of several generations in one query (a page of generations asking for theirs), by generation. */
export async function listAttemptViewsOf(generationIds: readonly string[]): Promise<Map<string, AttemptView[]>> {
  const client = await db();
  const rows = await client.generationAttempt.findMany({ where: { generationId: { in: [...new Set(generationIds)] } }, orderBy: [{ generationId: "asc" }, { number: "asc" }] });
  const views = new Map<string, AttemptView[]>(generationIds.map((id) => [id, []]));
  for (const row of rows) views.get(row.generationId)?.push(toView(row));
  return views;
}

function toView(a: GenerationAttempt): AttemptView {
  return {
    provider: a.provider,
    status: lowerStatus(a.status),
    errorCode: a.errorCode,
    message: a.message,
    startedAt: a.startedAt,
    endedAt: a.endedAt,
  };
}

function lowerStatus(status: AttemptStatus): Lowercase<AttemptStatus> {
  switch (status) {
    case "RUNNING":
      return "running";
    case "SUCCEEDED":
      return "succeeded";
    case "REFUSED":
      return "refused";
    case "FAILED":
      return "failed";
    case "TIMED_OUT":
      return "timed_out";
  }
}
