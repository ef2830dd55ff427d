import type { Caller } from "../auth/caller";
import { db } from "../db";
import { AppError } from "../errors";
import type { Upload } from "../generated/prisma/client";
import { deleteStored, readHead, storedSize } from "../storage/streams";
import { bucket } from "../storage/bucket";
import { HEAD_BYTES, inspectUploadHead } from "./inspect-upload";
import { isUploadId } from "./upload-kinds";

/**
 * The caller's upload: only its own account's, made in the same key mode (a test key's uploads are invisible to a
 * live key and the reverse), and not expired. Anything else is NOT_FOUND, exactly like an id that never existed.
 * A bucket upload still PENDING is checked here, since the bytes went straight to the bucket (completeBucketUpload).
 */
export async function getUploadOrThrow(caller: Pick<Caller, "accountId" | "mode">, id: string, field = "id", now = new Date()): Promise<Upload> {
  const client = await db();
  const row = isUploadId(id) ? await client.upload.findFirst({ where: { id, accountId: caller.accountId, mode: caller.mode ?? "LIVE" } }) : null;
  if (!row) throw new AppError("NOT_FOUND", `Upload ${JSON.stringify(id)} was not found`, { id, field });
  if (row.expiresAt <= now) {
    throw new AppError("NOT_FOUND", `Upload ${JSON.stringify(id)} expired at ${row.expiresAt.toISOString()}; upload the file again`, { id, field });
  }
  return row.status === "PENDING" && bucket() ? completeBucketUpload(row, field) : row;
}

/**
 * A client PUTs a bucket upload's bytes to the bucket directly, so we look at them the first time the upload is
 * read after that: the object's size (the presigned PUT already bound it) and its first bytes, sniffed. A file that
 * is not what was declared is deleted (the client may PUT again while its link is valid) and refused.
 */
async function completeBucketUpload(row: Upload, field: string): Promise<Upload> {
  const size = await storedSize(row.storageKey);
  if (size === undefined) return row;
  const head = size === row.size ? await readHead(row.storageKey, HEAD_BYTES) : undefined;
  const inspection = head ? inspectUploadHead(row.contentType, head) : { ok: false as const, reason: `The file has ${size} bytes; ${row.size} were declared` };
  if (!inspection.ok) {
    await deleteStored(row.storageKey);
    throw new AppError("INVALID_INPUT", `Upload ${row.id} was refused: ${inspection.reason}`, { id: row.id, field });
  }
  const client = await db();
  const completedAt = new Date();
  await client.upload.updateMany({ where: { id: row.id, status: "PENDING" }, data: { status: "READY", mimeType: inspection.mimeType, completedAt } });
  return { ...row, status: "READY", mimeType: inspection.mimeType, completedAt };
}
