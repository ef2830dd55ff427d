import type { Caller } from "../auth/caller";
import { db } from "../db";
import { deleteStored } from "../storage/streams";
import { getUploadOrThrow } from "./get-upload";

/**
 * Deletes one of the caller's uploads at once — its bytes, then its row — as deleteGeneration does for results.
 * A generation already running with it keeps the copy its vendor was handed; later generations cannot name it.
 */
export async function deleteUpload(caller: Pick<Caller, "accountId" | "mode">, id: string): Promise<boolean> {
  const upload = await getUploadOrThrow(caller, id);
  await deleteStored(upload.storageKey);
  const client = await db();
  const { count } = await client.upload.deleteMany({ where: { id: upload.id } });
  return count === 1;
}
