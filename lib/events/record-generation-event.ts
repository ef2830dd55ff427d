import type { Generation, GenerationEvent, Prisma } from "../generated/prisma/client";
import { afterCommit } from "../db/after-commit";
import { newId } from "../ids";
import { countGenerationStatus } from "../ops/metrics";
import { enqueueEventDeliveries } from "../webhooks/enqueue-event-deliveries";
import type { GenerationEventType } from "../webhooks/event-types";
import { generationChanges } from "./generation-changes";
import { generationSnapshot, type SnapshotSource } from "./generation-snapshot";

/**
 * Appends a state change to the event log, and queues its webhooks, inside the transaction that made the change:
 * the log, the generation and the outbox commit or roll back together.
 *
 * Must be called after the transaction has locked the account row (every state change does, see
 * lib/limits/lock-account.ts). Sequence numbers are taken under that lock, so one account's events commit in
 * sequence order and a reader paging `after` a sequence can never skip one that commits later.
 *
 * `generation` is the row as changed, or its id to read it back inside the transaction.
 */
export async function recordGenerationEvent(
  tx: Prisma.TransactionClient,
  generation: Generation | string,
  type: GenerationEventType,
  at: Date = new Date(),
): Promise<GenerationEvent> {
  const row = typeof generation === "string" ? await tx.generation.findUniqueOrThrow({ where: { id: generation } }) : generation;
  const [event] = await recordGenerationEvents(tx, [row], type, at);
  return event;
}

/** recordGenerationEvent for several generations (created together): one insert for the lot, in the given order. */
export async function recordGenerationEvents(tx: Prisma.TransactionClient, rows: Generation[], type: GenerationEventType, at: Date = new Date()): Promise<GenerationEvent[]> {
  const outputs = await outputsOf(tx, rows);
  const events = await tx.generationEvent.createManyAndReturn({
    data: rows.map((row) => ({
      id: newId("evt"),
      accountId: row.accountId,
      generationId: row.id,
      type,
      data: generationSnapshot(row, outputs.get(row.id)) as unknown as Prisma.InputJsonValue,
      createdAt: at,
    })),
  });
  const byGeneration = new Map(rows.map((row) => [row.id, row]));
  for (const event of events) await enqueueEventDeliveries(tx, byGeneration.get(event.generationId)!, event);
  // Counted once the change is real (a rolled-back transaction changed nothing).
  if (type !== "generation.progress") afterCommit(tx, () => rows.forEach((row) => countGenerationStatus(row.provider, row.mode, row.status)));
  // Every instance forgets its copy of the rows at the commit (a progress event's row write published already).
  if (type !== "generation.progress") await generationChanges.publishOnCommit(tx, ...rows.map((row) => row.id));
  return events;
}

/** A generation.created event, as a row for the statement that inserts its generation (accept-generations.ts). */
export interface CreatedEventRow {
  id: string;
  accountId: string;
  generationId: string;
  type: "generation.created";
  data: Prisma.InputJsonValue;
  createdAt: Date;
}

/**
 * The generation.created events of generations about to be inserted, for the insert's own statement (one round
 * trip for generations, reservation and events, lib/generations/admission-rules.ts): a new row's snapshot is known
 * before it is written, a new id is cached nowhere, and a created event queues no webhooks
 * (enqueueEventDeliveries). Sequence order is insert order, under the account lock as recordGenerationEvent
 * requires. Their metric is counted by countCreated once the insert has committed.
 */
export function createdEventRows(rows: (SnapshotSource & { accountId: string })[]): CreatedEventRow[] {
  return rows.map((row) => ({
    id: newId("evt"),
    accountId: row.accountId,
    generationId: row.id,
    type: "generation.created",
    data: generationSnapshot(row) as unknown as Prisma.InputJsonValue,
    createdAt: row.createdAt,
  }));
}

/** The metric of generations created, once their transaction has committed. */
export function countCreated(rows: Pick<SnapshotSource, "provider" | "mode" | "status">[]): void {
  for (const row of rows) countGenerationStatus(row.provider, row.mode, row.status);
}

/** The outputs of completed generations of several outputs, so their events carry every file (one query). */
async function outputsOf(tx: Prisma.TransactionClient, rows: Generation[]): Promise<Map<string, { index: number; metadata: unknown }[]>> {
  const ids = rows.filter((r) => r.status === "COMPLETED" && r.numOutputs > 1).map((r) => r.id);
  const byGeneration = new Map<string, { index: number; metadata: unknown }[]>();
  if (ids.length === 0) return byGeneration;
  const found = await tx.generationOutput.findMany({
    where: { generationId: { in: ids } },
    orderBy: { index: "asc" },
    select: { generationId: true, index: true, metadata: true },
  });
  for (const o of found) byGeneration.set(o.generationId, [...(byGeneration.get(o.generationId) ?? []), { index: o.index, metadata: o.metadata }]);
  return byGeneration;
}
