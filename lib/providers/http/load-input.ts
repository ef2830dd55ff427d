import { invalidInput } from "../../errors";
import { fetchPublicUrl } from "../../net/fetch-public-url";

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
 * The bytes of a client input given as a data: URI or an http(s) URL (fetched only from public addresses), with
 * its type checked from the bytes themselves. Vendors that take URLs get them passed on; this is for vendors that
 * need bytes (Kling raw base64, Veo inline data, Hedra and Topview uploads).
 */
export async function loadInput(uri: string, kind: InputKind, field: string, signal?: AbortSignal): Promise<LoadedInput> {
  const limits = INPUT_LIMITS[kind];
  let bytes: Buffer;
  const data = uri.match(/^data:([\w.+-]+\/[\w.+-]+)?(;[\w=-]+)*?;base64,(.*)$/s);
  if (data) {
    bytes = Buffer.from(data[3], "base64");
    if (bytes.length > limits.maxBytes) throw invalidInput(field, `${field} is larger than ${limits.maxBytes / 1024 ** 2} MB`);
  } else if (/^data:/i.test(uri)) {
    throw invalidInput(field, `${field} must be a base64 data: URI`);
  } else {
    bytes = (await fetchPublicUrl(uri, { field, maxBytes: limits.maxBytes, signal })).bytes;
  }
  const mimeType = sniff(bytes);
  if (!mimeType || !limits.types.includes(mimeType)) {
    throw invalidInput(field, `${field} must be ${limits.types.map((t) => t.split("/")[1].toUpperCase()).join(", ")}; got ${mimeType ?? "an unknown format"}`);
  }
  return { bytes, mimeType };
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
