import fs from "node:fs";
import { GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { env } from "../env";

/**
 * Result files in an S3-compatible bucket (AWS S3, R2, MinIO, GCS interoperability…), chosen by S3_BUCKET. Every
 * instance reads and writes the same bucket, so any instance can serve any link. Objects stay private: a media
 * link still goes to our /media route, which checks its signature and expiry and then redirects to a presigned
 * GET of the object that expires with the link.
 */
export interface Bucket {
  name: string;
  prefix: string;
  client: S3Client;
}

const holder = globalThis as unknown as { __doitongBucket?: Bucket | null };

export function bucket(): Bucket | undefined {
  if (holder.__doitongBucket === undefined) {
    const e = env();
    holder.__doitongBucket = e.S3_BUCKET
      ? {
          name: e.S3_BUCKET,
          prefix: e.S3_PREFIX ?? "",
          client: new S3Client({
            region: e.S3_REGION,
            endpoint: e.S3_ENDPOINT,
            // Custom endpoints (MinIO, most self-hosted stores) want bucket-in-path URLs.
            forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === "true" : Boolean(e.S3_ENDPOINT),
            // Without keys here the SDK's own chain applies (AWS_ACCESS_KEY_ID…, an instance or task role).
            credentials: e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY ? { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } : undefined,
            // Checksums only where S3 requires them: several S3-compatible stores reject the newer defaults.
            requestChecksumCalculation: "WHEN_REQUIRED",
            responseChecksumValidation: "WHEN_REQUIRED",
            maxAttempts: 4,
          }),
        }
      : null;
  }
  return holder.__doitongBucket ?? undefined;
}

/** Uploads a finished file; returns its size. The SDK retries throttling and 5xx answers with backoff. */
export async function putObject(b: Bucket, key: string, sourceFile: string, contentType: string): Promise<number> {
  const body = await fs.promises.readFile(sourceFile);
  await b.client.send(new PutObjectCommand({ Bucket: b.name, Key: b.prefix + key, Body: body, ContentType: contentType, ContentLength: body.length }));
  return body.length;
}

/** A presigned GET of the object, valid for `seconds`. */
export function presignedGet(b: Bucket, key: string, seconds: number): Promise<string> {
  const command = new GetObjectCommand({ Bucket: b.name, Key: b.prefix + key, ResponseContentDisposition: `inline; filename="${key.split("/").pop()}"` });
  return getSignedUrl(b.client, command, { expiresIn: Math.max(1, Math.min(seconds, 7 * 24 * 3600)) });
}
