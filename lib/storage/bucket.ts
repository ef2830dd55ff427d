import type { Readable } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import { env } from "../env";
import { processSingleton } from "../process-singleton";

/**
 * Result files in an S3-compatible bucket (AWS S3, R2, MinIO, GCS interoperability…), chosen by S3_BUCKET. Every
 * instance reads and writes the same bucket, so any instance can serve any link. Objects stay private: a media
 * link still goes to our /media route, which checks its signature and expiry and then redirects to a presigned
 * GET of the object that expires with the link.
 */
export interface Bucket {
  name: string;
  prefix: string;
  /** The SDK and its client, loaded on first use: a server without a bucket never loads the SDK (~0.2 CPU-s a start). */
  sdk(): Promise<Sdk>;
}

interface Sdk {
  client: S3Client;
  s3: typeof import("@aws-sdk/client-s3");
  Upload: typeof import("@aws-sdk/lib-storage").Upload;
  getSignedUrl: typeof import("@aws-sdk/s3-request-presigner").getSignedUrl;
}

export function bucket(): Bucket | undefined {
  return processSingleton("bucket", openBucket) ?? undefined;
}

function openBucket(): Bucket | null {
  const e = env();
  if (!e.S3_BUCKET) return null;
  let loaded: Promise<Sdk> | undefined;
  const load = async (): Promise<Sdk> => {
    const [s3, { Upload }, { getSignedUrl }] = await Promise.all([import("@aws-sdk/client-s3"), import("@aws-sdk/lib-storage"), import("@aws-sdk/s3-request-presigner")]);
    return {
      s3,
      Upload,
      getSignedUrl,
      client: new s3.S3Client({
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
    };
  };
  return {
    name: e.S3_BUCKET,
    prefix: e.S3_PREFIX ?? "",
    sdk: () =>
      (loaded ??= load().catch((error: unknown) => {
        loaded = undefined;
        throw error;
      })),
  };
}

/**
 * Parts of a streamed upload: QUEUE parts go up at once while the next one is gathered, so a few times PART bytes
 * are buffered at any moment (measured: +2–45 MB of resident memory for a 500 MB result), whatever the file's size.
 * A file smaller than one part goes up as one PutObject, larger ones as a multipart upload (S3 allows 10,000 parts:
 * 50 GB at S3's minimum part size used here). Each part is a buffer, so the SDK can retry a throttled part itself.
 */
const PART_BYTES = 5 * 1024 ** 2;
const QUEUE = 2;

/** Streams a body into the object `key`. A failed multipart upload is aborted (no orphan parts). */
export async function uploadStream(b: Bucket, key: string, body: Readable, contentType: string): Promise<void> {
  const { Upload, client } = await b.sdk();
  const upload = new Upload({
    client,
    params: { Bucket: b.name, Key: b.prefix + key, Body: body, ContentType: contentType },
    partSize: PART_BYTES,
    queueSize: QUEUE,
    leavePartsOnError: false,
  });
  await upload.done();
}

/** The object's bytes as a stream (one byte range of them with `range`), or undefined when there is no such object. */
export async function getObjectStream(b: Bucket, key: string, range?: { start: number; end: number }): Promise<Readable | undefined> {
  const { s3, client } = await b.sdk();
  try {
    const res = await client.send(new s3.GetObjectCommand({ Bucket: b.name, Key: b.prefix + key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
    return res.Body as Readable;
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

/** The object's size, or undefined when there is no such object. */
export async function headObject(b: Bucket, key: string): Promise<{ size: number } | undefined> {
  const { s3, client } = await b.sdk();
  try {
    const res = await client.send(new s3.HeadObjectCommand({ Bucket: b.name, Key: b.prefix + key }));
    return { size: Number(res.ContentLength ?? 0) };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export async function deleteObject(b: Bucket, key: string): Promise<void> {
  const { s3, client } = await b.sdk();
  await client.send(new s3.DeleteObjectCommand({ Bucket: b.name, Key: b.prefix + key }));
}

/** The keys (without the bucket's prefix) of every object under `keyPrefix`, page by page. */
export async function* listKeys(b: Bucket, keyPrefix: string): AsyncGenerator<string[]> {
  const { s3, client } = await b.sdk();
  let token: string | undefined;
  do {
    const res = await client.send(new s3.ListObjectsV2Command({ Bucket: b.name, Prefix: b.prefix + keyPrefix, ContinuationToken: token }));
    yield (res.Contents ?? []).flatMap((o) => (o.Key ? [o.Key.slice(b.prefix.length)] : []));
    token = res.IsTruncated ? res.NextContinuationToken : undefined;
  } while (token);
}

/** A presigned GET of the object, valid for `seconds`. */
export async function presignedGet(b: Bucket, key: string, seconds: number, contentType?: string): Promise<string> {
  const { s3, client, getSignedUrl } = await b.sdk();
  const command = new s3.GetObjectCommand({
    Bucket: b.name,
    Key: b.prefix + key,
    ResponseContentDisposition: `inline; filename="${key.split("/").pop()}"`,
    ResponseContentType: contentType,
  });
  return getSignedUrl(client, command, { expiresIn: clampSeconds(seconds) });
}

/**
 * A presigned PUT of exactly `size` bytes of `contentType` into `key`: both are signed headers, so the bucket
 * refuses a body of another length (a client cannot put 2 GB where it declared 30 MB).
 */
export async function presignedPut(b: Bucket, key: string, contentType: string, size: number, seconds: number): Promise<string> {
  const { s3, client, getSignedUrl } = await b.sdk();
  const command = new s3.PutObjectCommand({ Bucket: b.name, Key: b.prefix + key, ContentType: contentType, ContentLength: size });
  return getSignedUrl(client, command, { expiresIn: clampSeconds(seconds), signableHeaders: new Set(["content-type", "content-length"]) });
}

const clampSeconds = (seconds: number) => Math.max(1, Math.min(Math.ceil(seconds), 7 * 24 * 3600));

function isMissing(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e.name === "NoSuchKey" || e.name === "NotFound" || e.$metadata?.httpStatusCode === 404;
}
