import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { bucket, deleteObject, getObjectStream, headObject, listKeys, presignedGet, uploadStream } from "./bucket";
import { pathFor, signedMediaUrlUntil } from "./index";

/**
 * Stored files as streams, for either backend (the folder or the bucket): client uploads arrive and vendor-bound
 * inputs leave through here without ever being held whole in memory.
 */

/** Streams `source` into `key` (the folder: a temporary file renamed into place once complete). */
export async function putStream(key: string, source: Readable, contentType: string): Promise<void> {
  const b = bucket();
  if (b) return uploadStream(b, key, source, contentType);
  const target = pathFor(key);
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    await pipeline(source, fs.createWriteStream(temp));
    await fs.promises.rename(temp, target);
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}

/** The stored bytes as a stream, or undefined when there is no such file. */
export async function openStream(key: string): Promise<Readable | undefined> {
  const b = bucket();
  if (b) return getObjectStream(b, key);
  const file = pathFor(key);
  try {
    await fs.promises.access(file);
  } catch {
    return undefined;
  }
  return fs.createReadStream(file);
}

/** The first `bytes` bytes (fewer for a shorter file), or undefined when there is no such file. */
export async function readHead(key: string, bytes: number): Promise<Buffer | undefined> {
  const b = bucket();
  const stream = b ? await getObjectStream(b, key, { start: 0, end: bytes - 1 }) : await openStream(key);
  if (!stream) return undefined;
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    chunks.push(chunk as Buffer);
    length += (chunk as Buffer).length;
    if (length >= bytes) break;
  }
  stream.destroy();
  return Buffer.concat(chunks).subarray(0, bytes);
}

/** The stored size, or undefined when there is no such file. */
export async function storedSize(key: string): Promise<number | undefined> {
  const b = bucket();
  if (b) return (await headObject(b, key))?.size;
  try {
    return (await fs.promises.stat(pathFor(key))).size;
  } catch {
    return undefined;
  }
}

/** Deletes a stored file (and, in the folder, its directory once empty). Deleting what is not there is fine. */
export async function deleteStored(key: string): Promise<void> {
  const b = bucket();
  if (b) return deleteObject(b, key);
  const file = pathFor(key);
  await fs.promises.rm(file, { force: true });
  await fs.promises.rmdir(path.dirname(file)).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOTEMPTY" && error.code !== "ENOENT") throw error;
  });
}

/**
 * Deletes every stored file whose key starts with `folder` + "/" (a generation's `<account>/<generation>` folder, a
 * whole account's): the files it knows of and any it does not (a thumbnail, a derived file). Returns how many went.
 */
export async function deleteStoredFolder(folder: string): Promise<number> {
  if (!folder || folder.startsWith("/") || folder.endsWith("/") || folder.split("/").some((part) => part === "" || part === "." || part === ".."))
    throw new Error(`Refusing to delete the folder ${JSON.stringify(folder)}`);
  const b = bucket();
  if (b) {
    let deleted = 0;
    for await (const keys of listKeys(b, `${folder}/`)) {
      await Promise.all(keys.map((key) => deleteObject(b, key)));
      deleted += keys.length;
    }
    return deleted;
  }
  const dir = pathFor(folder);
  const files = await fs.promises.readdir(dir, { recursive: true, withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return [];
    throw error;
  });
  await fs.promises.rm(dir, { recursive: true, force: true });
  return files.filter((f) => f.isFile()).length;
}

/**
 * A URL from which someone else (a vendor) can GET the file until `expires` (Unix seconds): a presigned GET of
 * the bucket's object, or our own signed /media link on `baseUrl`.
 */
export async function fetchableUrl(key: string, baseUrl: string, expires: number, contentType?: string): Promise<string> {
  const b = bucket();
  return b ? presignedGet(b, key, expires - Date.now() / 1000, contentType) : signedMediaUrlUntil(baseUrl, key, expires);
}
