import { db } from "../db";
import { mediaDeleted } from "../limits/retention";

/**
 * Whether a validly signed media link names a file we deleted on purpose: a generation's output after its retention
 * ran out, after deleteGeneration or the workspace's deletion, or an upload that expired or was deleted. The /media
 * route answers those 410 Gone (a client should not retry), and 404 only for a file that is missing otherwise. It
 * asks the database (one primary-key read), because with a bucket the route would otherwise redirect to an object
 * that no longer exists.
 */
export async function isMediaGone(key: string, now = new Date()): Promise<boolean> {
  const [first, second] = key.split("/");
  const client = await db();
  if (first === "uploads" && second?.startsWith("upload_")) {
    const upload = await client.upload.findUnique({ where: { id: second }, select: { expiresAt: true } });
    return !upload || upload.expiresAt <= now;
  }
  if (!second?.startsWith("gen_")) return false;
  const g = await client.generation.findUnique({
    where: { id: second },
    select: { accountId: true, mediaExpiresAt: true, mediaExpiredAt: true, deletedAt: true },
  });
  return !g || g.accountId !== first || mediaDeleted(g, now.getTime());
}
