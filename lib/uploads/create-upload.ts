import { z } from "zod";
import { requireKeyScope } from "../auth/key-scopes";
import type { Caller } from "../auth/caller";
import { db } from "../db";
import { invalidInput } from "../errors";
import type { Upload } from "../generated/prisma/client";
import { newId } from "../ids";
import { effectiveRetention } from "../limits/retention";
import { bucket, presignedPut } from "../storage/bucket";
import { ACCEPTED_TYPES, extensionOf, kindOf, megabytes, UPLOAD_MAX_BYTES, UPLOAD_TTL_SECONDS } from "./upload-kinds";
import { PUT_URL_TTL_SECONDS, uploadPutUrl } from "./upload-url";
import { scheduleUploadSweep } from "./upload-sweeper";

export interface CreatedUpload {
  upload: Upload;
  /** PUT the bytes here, with `headers`, before urlExpiresAt. */
  url: string;
  method: "PUT";
  headers: Record<string, string>;
  urlExpiresAt: Date;
}

const argsSchema = z.object({
  contentType: z.string().trim().min(1, "contentType is required").max(100),
  size: z.number().int("size must be a whole number of bytes").min(1, "size must be at least 1 byte"),
  expiresIn: z.number().int().min(1, "expiresIn must be at least 1 second").max(UPLOAD_TTL_SECONDS, `expiresIn must be at most ${UPLOAD_TTL_SECONDS} seconds (24 hours)`).nullish(),
});

/**
 * Opens an upload: a record of what the client will send (type, exact size) and where to PUT it — a presigned PUT
 * of the bucket, or this server's own signed /uploads/<id> link when files live in the data directory. The declared
 * type only picks the kind and its size limit; the bytes' real type is sniffed when they arrive.
 */
export async function createUpload(caller: Caller, raw: unknown, baseUrl: string): Promise<CreatedUpload> {
  requireKeyScope(caller, "generate");
  const parsed = argsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw invalidInput(issue.path.join(".") || "contentType", issue.message);
  }
  const { contentType, size, expiresIn } = parsed.data;
  const type = contentType.split(";")[0].trim().toLowerCase();
  if (type === "image/svg+xml") throw invalidInput("contentType", "SVG images are not accepted; upload PNG, JPEG or WebP");
  const kind = kindOf(type);
  if (!kind) throw invalidInput("contentType", `contentType ${JSON.stringify(contentType)} is not accepted; use one of ${ACCEPTED_TYPES.join(", ")}`);
  if (size > UPLOAD_MAX_BYTES[kind]) throw invalidInput("size", `A ${kind} upload may be at most ${megabytes(UPLOAD_MAX_BYTES[kind])} (${UPLOAD_MAX_BYTES[kind]} bytes)`);

  const id = newId("upload");
  const now = Date.now();
  const client = await db();
  // Uploads follow the workspace's retention too: never kept longer than its generations' media would be.
  const account = await client.account.findUniqueOrThrow({ where: { id: caller.accountId }, select: { plan: true, retentionSeconds: true } });
  const keep = Math.min(expiresIn ?? UPLOAD_TTL_SECONDS, effectiveRetention(account.plan, account.retentionSeconds) ?? UPLOAD_TTL_SECONDS);
  const expiresAt = new Date(now + keep * 1000);
  const storageKey = `uploads/${id}/input.${extensionOf(type)}`;
  const upload = await client.upload.create({
    data: { id, accountId: caller.accountId, mode: caller.mode ?? "LIVE", apiKeyId: caller.apiKeyId, contentType: type, size, storageKey, expiresAt },
  });
  scheduleUploadSweep(expiresAt);

  const urlExpires = Math.floor(Math.min(now / 1000 + PUT_URL_TTL_SECONDS, expiresAt.getTime() / 1000));
  const b = bucket();
  const url = b ? await presignedPut(b, storageKey, type, size, urlExpires - now / 1000) : uploadPutUrl(baseUrl, id, urlExpires);
  return { upload, url, method: "PUT", headers: { "content-type": type }, urlExpiresAt: new Date(urlExpires * 1000) };
}
