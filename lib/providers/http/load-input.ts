import fs from "node:fs";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { invalidInput } from "../../errors";
import { fetchPublicUrl, fetchPublicUrlToFile } from "../../net/fetch-public-url";
import { openOwnUrl } from "../../storage/own-url";

export type InputKind = "image" | "video" | "audio";

export interface LoadedInput {
  bytes: Buffer;
  mimeType: string;
}

/** Per-kind limits, the strictest of the vendors we send to (MiniMax and Runway take images up to 20 MB). */
export const INPUT_LIMITS: Record<InputKind, { maxBytes: number; types: readonly string[] }> = {
  image: { maxBytes: 20 * 1024 ** 2, types: ["image/png", "image/jpeg", "image/webp"] },
  video: { maxBytes: 200 * 1024 ** 2, types: ["video/mp4", "video/quicktime", "video/webm"] },
  audio: { maxBytes: 50 * 1024 ** 2, types: ["audio/mpeg", "audio/wav", "audio/x-wav", "audio/mp4", "audio/aac", "audio/ogg"] },
};

/**
 * The bytes of a client input given as a data: URI or an http(s) URL (fetched only from public addresses; our own
 * links — an upload, a result — are read from storage), with its type checked from the bytes themselves. Vendors
 * that take URLs get them passed on; this is for vendors that need bytes (Kling raw base64, Veo inline data, Hedra
 * and Topview uploads). Large files should use loadInputFile instead.
 */
export async function loadInput(uri: string, kind: InputKind, field: string, signal?: AbortSignal): Promise<LoadedInput> {
  return (await readInput(uri, kind, field, { signal, foreign: true }))!;
}

/**
 * For the local preview, which fetches nothing from the internet: a data: URI or one of our own links (an upload),
 * checked like loadInput; undefined for any other URL.
 */
export function loadInlineOrOwnInput(uri: string, kind: InputKind, field: string): Promise<LoadedInput | undefined> {
  return readInput(uri, kind, field, { foreign: false });
}

async function readInput(uri: string, kind: InputKind, field: string, how: { signal?: AbortSignal; foreign: boolean }): Promise<LoadedInput | undefined> {
  const limits = INPUT_LIMITS[kind];
  let bytes = dataUriBytes(uri, kind, field);
  if (!bytes) {
    const own = await openOwnUrl(uri);
    if (own === "gone") throw goneInput(field);
    if (own) {
      const chunks: Buffer[] = [];
      await pipeline(own, sizeLimit(limits.maxBytes, field), new Writable({ write: (chunk: Buffer, _e, done) => (chunks.push(chunk), done()) }));
      bytes = Buffer.concat(chunks);
    } else if (how.foreign) {
      bytes = (await fetchPublicUrl(uri, { field, maxBytes: limits.maxBytes, signal: how.signal })).bytes;
    } else {
      return undefined;
    }
  }
  return { bytes, mimeType: checkType(bytes, kind, field) };
}

export interface LoadedInputFile {
  file: string;
  mimeType: string;
  size: number;
}

/** The same input streamed into `file` (a 200 MB driving video never sits in memory), its type sniffed from its start. */
export async function loadInputFile(uri: string, kind: InputKind, field: string, file: string, signal?: AbortSignal): Promise<LoadedInputFile> {
  const limits = INPUT_LIMITS[kind];
  const bytes = dataUriBytes(uri, kind, field);
  if (bytes) await fs.promises.writeFile(file, bytes);
  else {
    const own = await openOwnUrl(uri);
    if (own === "gone") throw goneInput(field);
    if (own) await pipeline(own, sizeLimit(limits.maxBytes, field), fs.createWriteStream(file), { signal });
    else await fetchPublicUrlToFile(uri, file, { field, maxBytes: limits.maxBytes, signal });
  }
  const handle = await fs.promises.open(file, "r");
  try {
    const head = Buffer.alloc(64);
    const { bytesRead } = await handle.read(head, 0, 64, 0);
    return { file, mimeType: checkType(head.subarray(0, bytesRead), kind, field), size: (await handle.stat()).size };
  } finally {
    await handle.close();
  }
}

/** The bytes of a base64 data: URI (within the kind's limit); undefined for anything else. */
function dataUriBytes(uri: string, kind: InputKind, field: string): Buffer | undefined {
  const data = uri.match(/^data:([\w.+-]+\/[\w.+-]+)?(;[\w=-]+)*?;base64,(.*)$/s);
  if (!data) {
    if (/^data:/i.test(uri)) throw invalidInput(field, `${field} must be a base64 data: URI`);
    return undefined;
  }
  const bytes = Buffer.from(data[3], "base64");
  if (bytes.length > INPUT_LIMITS[kind].maxBytes) throw tooLarge(field, INPUT_LIMITS[kind].maxBytes);
  return bytes;
}

function checkType(head: Buffer, kind: InputKind, field: string): string {
  const limits = INPUT_LIMITS[kind];
  // SVG is a program for librsvg (entities, external references), not a picture: never handed to it or a vendor.
  if (looksLikeSvg(head)) throw invalidInput(field, `${field} is an SVG image, which is not accepted; send PNG, JPEG or WebP`);
  const mimeType = sniff(head);
  if (!mimeType || !limits.types.includes(mimeType)) {
    throw invalidInput(field, `${field} must be ${limits.types.map((t) => t.split("/")[1].toUpperCase()).join(", ")}; got ${mimeType ?? "an unknown format"}`);
  }
  return mimeType;
}

const tooLarge = (field: string, maxBytes: number) => invalidInput(field, `${field} is larger than ${maxBytes / 1024 ** 2} MB`);
const goneInput = (field: string) => invalidInput(field, `${field} no longer exists (the upload or result it names has expired)`);

function sizeLimit(maxBytes: number, field: string): Transform {
  let bytes = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      done(bytes > maxBytes ? tooLarge(field, maxBytes) : null, chunk);
    },
  });
}

/** Raw base64 without the data: prefix (Kling, Veo). */
export const toBase64 = (input: LoadedInput) => input.bytes.toString("base64");
export const toDataUri = (input: LoadedInput) => `data:${input.mimeType};base64,${input.bytes.toString("base64")}`;

/** The format from the first bytes: clients' Content-Type headers and data: prefixes are often wrong. */
export function sniff(bytes: Buffer): string | undefined {
  const ascii = (start: number, end: number) => bytes.subarray(start, end).toString("latin1");
  if (bytes.length < 12) return undefined;
  if (bytes[0] === 0x89 && ascii(1, 4) === "PNG") return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE") return "audio/wav";
  if (ascii(4, 8) === "ftyp") {
    const brand = ascii(8, 12);
    if (brand.startsWith("M4A")) return "audio/mp4";
    return brand === "qt  " ? "video/quicktime" : "video/mp4";
  }
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return "video/webm";
  if (ascii(0, 3) === "ID3" || (bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0)) return "audio/mpeg";
  if (ascii(0, 4) === "OggS") return "audio/ogg";
  return undefined;
}

/** SVG is refused outright: it is a document that can carry scripts, not a picture we can pass to a vendor. */
export function looksLikeSvg(head: Buffer): boolean {
  const text = head
    .toString("utf8")
    .replace(/^\uFEFF/, "")
    .trimStart()
    .toLowerCase();
  return text.startsWith("<svg") || (text.startsWith("<?xml") && text.includes("<svg")) || text.startsWith("<!doctype svg");
}
