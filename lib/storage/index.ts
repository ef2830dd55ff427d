import { createHmac, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { LRUCache } from "lru-cache";
import { dataDir } from "../env";
import { bucket, presignedGet, uploadStream } from "./bucket";
import { serverSecret } from "./secret";

/**
 * Result files: a folder under the data directory, or an S3-compatible bucket when S3_BUCKET is set (bucket.ts).
 * Keys are `<accountId>/<generationId>/<name>`; clients only ever see our signed, expiring /media URLs.
 */
export interface StoredFile {
  key: string;
  size: number;
}

const MIME: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  webp: "image/webp",
  mp3: "audio/mpeg",
  wav: "audio/wav",
  ogg: "audio/ogg",
  m4a: "audio/mp4",
  aac: "audio/aac",
  mp4: "video/mp4",
  mov: "video/quicktime",
  webm: "video/webm",
};

export function mimeTypeFor(key: string): string {
  return MIME[path.extname(key).slice(1).toLowerCase()] ?? "application/octet-stream";
}

function mediaRoot(): string {
  return path.join(dataDir(), "media");
}

/** Where a key lives in the folder; refuses keys that would leave it. */
export function pathFor(key: string): string {
  const full = path.resolve(mediaRoot(), key);
  if (!full.startsWith(mediaRoot() + path.sep)) throw new Error(`Invalid storage key ${key}`);
  return full;
}

/** Copies a finished file into storage, streaming it (a 2 GB video never sits in memory). Re-putting the same key replaces it. */
export async function putFile(key: string, sourceFile: string): Promise<StoredFile> {
  const b = bucket();
  if (b) {
    const { size } = await fs.promises.stat(sourceFile);
    await uploadStream(b, key, fs.createReadStream(sourceFile), mimeTypeFor(key));
    return { key, size };
  }
  const target = pathFor(key);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.tmp`;
  await fs.promises.copyFile(sourceFile, temp);
  await fs.promises.rename(temp, target); // atomic: a reader sees the old file or the whole new one
  const { size } = await fs.promises.stat(target);
  return { key, size };
}

/**
 * Where a valid media link leads when the files are in a bucket: a presigned URL of the object that expires when
 * the link does. Undefined for the folder, whose files the /media route serves itself (openFile).
 */
export async function bucketLocation(key: string, expires: number, now = Date.now()): Promise<string | undefined> {
  const b = bucket();
  return b ? presignedGet(b, key, Math.ceil(expires - now / 1000)) : undefined;
}

export interface OpenedFile {
  stream: fs.ReadStream;
  size: number;
  start: number;
  end: number;
}

/**
 * Opens a stored file, or one byte range of it (`start`/`end` inclusive; a missing start means the last `end`
 * bytes, as in HTTP). Undefined when there is no such file; "unsatisfiable" for a range outside it.
 */
export async function openFile(key: string, range?: { start?: number; end?: number }): Promise<OpenedFile | "unsatisfiable" | undefined> {
  let size: number;
  let file: string;
  try {
    file = pathFor(key);
    size = (await fs.promises.stat(file)).size;
  } catch (error) {
    // No such file (or a key outside the media folder): not found. A disk that fails is an error.
    if ((error as NodeJS.ErrnoException).code === undefined || (error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  let start = 0;
  let end = size - 1;
  if (range) {
    if (range.start === undefined) start = Math.max(0, size - (range.end ?? 0));
    else {
      start = range.start;
      end = Math.min(range.end ?? size - 1, size - 1);
    }
    if (start > end || start >= size) return "unsatisfiable";
  }
  return { stream: fs.createReadStream(file, { start, end }), size, start, end };
}

const URL_TTL_SECONDS = 60 * 60;

function signature(key: string, expires: number, secret = serverSecret()): string {
  return createHmac("sha256", secret).update(`${key}\n${expires}`).digest("base64url");
}

/**
 * Links signed already, by expiry and key: every poll of a finished generation within the same minute is given the
 * same link (its expiry is rounded up to the minute), and its HMAC was ~4 % of a poll's CPU (issue 22). Only links
 * this server hands out are kept; a link being verified (the client's choice of key and expiry) is not.
 */
let signed: { secret: string; links: LRUCache<string, string> } | undefined;

function signatureOfOwnLink(key: string, expires: number): string {
  const secret = serverSecret();
  if (signed?.secret !== secret) signed = { secret, links: new LRUCache({ max: 10_000 }) };
  const id = `${expires}\n${key}`;
  let sig = signed.links.get(id);
  if (sig === undefined) signed.links.set(id, (sig = signature(key, expires, secret)));
  return sig;
}

/** A URL that serves the file until it expires (1 hour); the signature binds key and expiry. */
export function signedMediaUrl(baseUrl: string, key: string, now = Date.now()): string {
  // Round expiry up to the minute so repeated polls within a minute get the same URL (cache-friendly).
  return signedMediaUrlUntil(baseUrl, key, Math.ceil((now / 1000 + URL_TTL_SECONDS) / 60) * 60);
}

/** The same link, valid until `expires` (Unix seconds). */
export function signedMediaUrlUntil(baseUrl: string, key: string, expires: number): string {
  const encoded = key.split("/").map(encodeURIComponent).join("/");
  return `${baseUrl.replace(/\/$/, "")}/media/${encoded}?expires=${expires}&sig=${signatureOfOwnLink(key, expires)}`;
}

export function verifyMediaSignature(key: string, expires: string | null, sig: string | null, now = Date.now()): boolean {
  const exp = Number(expires);
  if (!sig || !Number.isSafeInteger(exp) || exp * 1000 < now) return false;
  const expected = Buffer.from(signature(key, exp));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
