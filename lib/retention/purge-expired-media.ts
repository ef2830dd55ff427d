import { db } from "../db";
import { forgetGeneration } from "../generations/get-generation";
import { logger } from "../log";
import { eraseGenerationMedia } from "./erase-generation-media";

const log = logger("retention");

/**
 * Deletes the files of up to `limit` generations whose retention has run out, and marks them `mediaExpiredAt`. The
 * record stays — status, cost, metadata, prompt — with `url: null` and no `outputs`. Files first, then the mark, so
 * a file that could not be deleted is tried again by the next purge instead of being forgotten. Several instances
 * may purge at once: deleting twice is harmless. Returns how many were purged.
 */
export async function purgeExpiredMedia(limit = 100, now = new Date()): Promise<number> {
  const client = await db();
  const due = await client.generation.findMany({
    where: { mediaExpiresAt: { lte: now }, mediaExpiredAt: null },
    orderBy: { mediaExpiresAt: "asc" },
    take: limit,
    select: { id: true, accountId: true },
  });
  const purged: string[] = [];
  for (const g of due) {
    try {
      await eraseGenerationMedia(g);
      purged.push(g.id);
    } catch (error) {
      log.error({ err: error, generationId: g.id }, "could not delete an expired generation's media; will retry");
    }
  }
  if (purged.length > 0) {
    await client.generation.updateMany({ where: { id: { in: purged }, mediaExpiredAt: null }, data: { mediaExpiredAt: now } });
    await forgetGeneration(...purged);
  }
  return purged.length;
}

/** When the next generation's media is due, if any is. */
export async function nextMediaExpiry(): Promise<Date | undefined> {
  const client = await db();
  const next = await client.generation.findFirst({
    where: { mediaExpiresAt: { not: null }, mediaExpiredAt: null },
    orderBy: { mediaExpiresAt: "asc" },
    select: { mediaExpiresAt: true },
  });
  return next?.mediaExpiresAt ?? undefined;
}
