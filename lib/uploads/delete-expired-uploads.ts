import { db } from "../db";
import { logger } from "../log";
import { deleteStored } from "../storage/streams";

const log = logger("uploads");

/**
 * Deletes up to `limit` expired uploads: their bytes first, then their rows, so a failure to delete a file leaves
 * the row for the next sweep instead of an orphan file. Several instances may sweep at once; deleting twice is
 * harmless. Returns how many were deleted.
 */
export async function deleteExpiredUploads(limit = 100, now = new Date()): Promise<number> {
  const client = await db();
  const expired = await client.upload.findMany({ where: { expiresAt: { lte: now } }, orderBy: { expiresAt: "asc" }, take: limit, select: { id: true, storageKey: true } });
  const deleted: string[] = [];
  for (const upload of expired) {
    try {
      await deleteStored(upload.storageKey);
      deleted.push(upload.id);
    } catch (error) {
      log.error({ err: error, uploadId: upload.id }, "could not delete an expired upload's file; will retry");
    }
  }
  if (deleted.length > 0) await client.upload.deleteMany({ where: { id: { in: deleted } } });
  return deleted.length;
}

/** When the next upload expires, if any does. */
export async function nextUploadExpiry(): Promise<Date | undefined> {
  const client = await db();
  const next = await client.upload.findFirst({ orderBy: { expiresAt: "asc" }, select: { expiresAt: true } });
  return next?.expiresAt;
}
