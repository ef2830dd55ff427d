import { db } from "../db";
import { WEBHOOK_TIMEOUT_MS } from "./post-webhook";

/** A claimed delivery is ours for this long: longer than one attempt can take, so only a dead worker loses it. */
const CLAIM_SECONDS = Math.ceil(WEBHOOK_TIMEOUT_MS / 1000) + 30;

/**
 * Claims up to `limit` deliveries that are due, for one worker. FOR UPDATE SKIP LOCKED lets any number of workers
 * (dispatchers on several instances, Inngest runs) share the queue without taking the same delivery; the claim
 * (lockedUntil) lapses if the worker dies mid-attempt, and the delivery is attempted again.
 */
export async function claimDueDeliveries(limit: number): Promise<string[]> {
  const client = await db();
  const rows = await client.$queryRaw<{ id: string }[]>`
    UPDATE "WebhookDelivery" SET "lockedUntil" = now() + make_interval(secs => ${CLAIM_SECONDS})
    WHERE id IN (
      SELECT id FROM "WebhookDelivery"
      WHERE status = 'PENDING' AND "nextAttemptAt" <= now() AND ("lockedUntil" IS NULL OR "lockedUntil" < now())
      ORDER BY "nextAttemptAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id`;
  return rows.map((r) => r.id);
}

/**
 * When the next pending delivery falls due (null: none pending), so a dispatcher can sleep until then. A claimed
 * one counts from its claim's lapse (its worker may die mid-attempt); a live worker's own say so when they end.
 */
export async function nextDueAt(): Promise<Date | null> {
  const client = await db();
  const [row] = await client.$queryRaw<{ at: Date | null }[]>`
    SELECT min(greatest("nextAttemptAt", "lockedUntil")) AS at FROM "WebhookDelivery" WHERE status = 'PENDING' AND "nextAttemptAt" IS NOT NULL`;
  return row?.at ?? null;
}

/** Releases every claim: only for a process that is the sole dispatcher (the embedded database's owner) at start. */
export async function releaseAllClaims(): Promise<void> {
  const client = await db();
  await client.webhookDelivery.updateMany({ where: { status: "PENDING", lockedUntil: { not: null } }, data: { lockedUntil: null } });
}
