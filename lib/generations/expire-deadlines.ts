import { releaseReserved, reservedFor } from "../billing/credits";
import { db } from "../db";
import { recordGenerationEvent } from "../events/record-generation-event";
import type { Prisma } from "../generated/prisma/client";
import { lockAccount } from "../limits/lock-account";

type Tx = Prisma.TransactionClient;

export const DEADLINE_MESSAGE = "Not started before its deadline; cancelled and nothing was charged";

/**
 * A QUEUED generation whose start deadline has passed becomes CANCELLED with its reservation released, under the
 * account lock (the status guard makes it exclusive with starting and with a client's cancel). True if it did.
 */
export async function cancelIfPastDeadline(tx: Tx, generationId: string, now = new Date()): Promise<boolean> {
  const g = await tx.generation.findUniqueOrThrow({ where: { id: generationId }, select: { accountId: true, mode: true, deadline: true, status: true } });
  if (g.status !== "QUEUED" || !g.deadline || g.deadline > now) return false;
  await lockAccount(tx, g.accountId);
  const { count } = await tx.generation.updateMany({
    where: { id: generationId, status: "QUEUED" },
    data: { status: "CANCELLED", completedAt: now, errorCode: "DEADLINE_EXCEEDED", errorMessage: DEADLINE_MESSAGE, lockedBy: null, lockedUntil: null },
  });
  if (count === 0) return false;
  const reserved = g.mode === "LIVE" ? await reservedFor(tx, generationId) : 0;
  if (reserved > 0) await releaseReserved(tx, g.accountId, generationId, reserved, "Refund: deadline passed before start");
  await recordGenerationEvent(tx, generationId, "generation.cancelled");
  return true;
}

/** Sweeps queued generations past their deadline (those waiting behind full slots are never claimed to notice). */
export async function expireDeadlines(limit = 100): Promise<number> {
  const client = await db();
  const due = await client.generation.findMany({ where: { status: "QUEUED", deadline: { lte: new Date() } }, select: { id: true }, take: limit });
  let expired = 0;
  for (const { id } of due) {
    if (await client.$transaction((tx) => cancelIfPastDeadline(tx, id))) expired++;
  }
  return expired;
}
