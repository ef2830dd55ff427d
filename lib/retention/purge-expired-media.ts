import { db } from "../db";
import { forgetGeneration } from "../generations/get-generation";
import { logger } from "../log";
import { eraseGenerationMedia } from "./erase-generation-media";

const log = logger("retention");

/** A claim outlives any batch's deletions by far, so only a purger that died mid-batch loses its claims. */
const CLAIM_SECONDS = 600;
/** A generation whose files could not be deleted is tried again after this, not in a tight loop. */
const RETRY_SECONDS = 30;

/**
 * Deletes the files of up to `limit` generations whose retention has run out, and marks them `mediaExpiredAt`. The
 * record stays — status, cost, metadata, prompt — with `url: null` and no `outputs`. Every instance runs a purger,
 * so the batch is first claimed (FOR UPDATE SKIP LOCKED, then `mediaPurgeClaimedUntil`): two purgers never take the
 * same generation, and a purger that dies leaves claims that lapse. Files first, then the mark, so a file that could
 * not be deleted is tried again (after RETRY_SECONDS) instead of being forgotten. Returns the ids purged.
 */
export async function purgeExpiredMedia(limit = 100, now = new Date()): Promise<string[]> {
  const client = await db();
  const due = await client.$queryRaw<{ id: string; accountId: string }[]>`
    UPDATE "Generation" SET "mediaPurgeClaimedUntil" = ${new Date(now.getTime() + CLAIM_SECONDS * 1000)}
    WHERE id IN (
      SELECT id FROM "Generation"
      WHERE "mediaExpiresAt" <= ${now} AND "mediaExpiredAt" IS NULL AND ("mediaPurgeClaimedUntil" IS NULL OR "mediaPurgeClaimedUntil" < ${now})
      ORDER BY "mediaExpiresAt" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
    RETURNING id, "accountId"`;
  const purged: string[] = [];
  const failed: string[] = [];
  for (const g of due) {
    try {
      await eraseGenerationMedia(g);
      purged.push(g.id);
    } catch (error) {
      failed.push(g.id);
      log.error({ err: error, generationId: g.id }, "could not delete an expired generation's media; will retry");
    }
  }
  if (purged.length > 0) {
    await client.generation.updateMany({ where: { id: { in: purged }, mediaExpiredAt: null }, data: { mediaExpiredAt: now, mediaPurgeClaimedUntil: null } });
    await forgetGeneration(...purged);
  }
  if (failed.length > 0) {
    await client.generation.updateMany({ where: { id: { in: failed } }, data: { mediaPurgeClaimedUntil: new Date(now.getTime() + RETRY_SECONDS * 1000) } });
  }
  return purged;
}

/** When the next generation's media is due that no purger has claimed, if any is. */
export async function nextMediaExpiry(now = new Date()): Promise<Date | undefined> {
  const client = await db();
  const next = await client.generation.findFirst({
    where: { mediaExpiresAt: { not: null }, mediaExpiredAt: null, OR: [{ mediaPurgeClaimedUntil: null }, { mediaPurgeClaimedUntil: { lt: now } }] },
    orderBy: { mediaExpiresAt: "asc" },
    select: { mediaExpiresAt: true },
  });
  return next?.mediaExpiresAt ?? undefined;
}
