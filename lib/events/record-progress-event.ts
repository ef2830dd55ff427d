import { db } from "../db";
import { lockAccount } from "../limits/lock-account";
import { logger } from "../log";
import { outageLog } from "../log-outage";
import { recordGenerationEvent } from "./record-generation-event";

/** At most one progress event per generation per this many milliseconds (webhooks promise ≤ 1 per second). */
const MIN_INTERVAL_MS = 1_000;
const lastRecorded = new Map<string, number>();
const outage = outageLog(logger("events"), "Recording progress events");

/**
 * Records a generation.progress event for a generation whose progress was just written — at most one per
 * generation per second, best effort (a lost progress event is harmless: the next one, or the final event, carries
 * the state). Runs in a short transaction of its own under the account lock, so it keeps the log's sequence =
 * commit order; the in-memory throttle only saves that transaction, the one-per-second promise is checked against
 * the log itself under the lock (so it holds whatever the lock wait, and across processes).
 */
export async function recordProgressEvent(generationId: string, now = Date.now()): Promise<boolean> {
  const last = lastRecorded.get(generationId);
  if (last !== undefined && now - last < MIN_INTERVAL_MS) return false;
  lastRecorded.set(generationId, now);
  forgetOld(now);
  try {
    const client = await db();
    const recorded = await client.$transaction(async (tx) => {
      const generation = await tx.generation.findUnique({ where: { id: generationId }, select: { accountId: true } });
      if (!generation) return false;
      await lockAccount(tx, generation.accountId);
      const row = await tx.generation.findUnique({ where: { id: generationId } });
      if (row?.status !== "PROCESSING") return false;
      const at = new Date();
      const previous = await tx.generationEvent.findFirst({
        where: { generationId, type: "generation.progress", createdAt: { gt: new Date(at.getTime() - MIN_INTERVAL_MS) } },
        select: { id: true },
      });
      if (previous) return false;
      await recordGenerationEvent(tx, row, "generation.progress", at);
      return true;
    });
    outage.succeeded();
    return recorded;
  } catch (err) {
    outage.failed(err, { generationId });
    return false;
  }
}

/** Keeps the throttle map small: generations not heard of for a minute are done or gone. */
function forgetOld(now: number): void {
  if (lastRecorded.size < 1_000) return;
  for (const [id, at] of lastRecorded) if (now - at > 60_000) lastRecorded.delete(id);
}
