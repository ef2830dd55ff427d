import { DoitongError, errorFor, InvalidInputError } from "./errors.js";
import { type CreateUploadMutation, documents, type GetUploadQuery } from "./generated/graphql.js";
import { graphqlRequest, type TransportOptions } from "./transport.js";

export type Upload = GetUploadQuery["upload"];
/** The bytes (a Blob or File keeps its type), or a file path (Node, Bun, Deno). */
export type UploadSource = Blob | ArrayBuffer | Uint8Array | string;

/**
 * createUpload, then PUT of the bytes to the URL it returns (this server's signed link or a bucket's presigned
 * one), then the upload as the API now sees it. Pass its `id` as input.image, endImage, audio or video.
 */
export async function createUpload(transport: TransportOptions, source: UploadSource, options: { contentType?: string; signal?: AbortSignal } = {}): Promise<Upload> {
  const bytes = await readSource(source);
  const contentType = options.contentType || (source instanceof Blob && source.type) || sniffContentType(bytes);
  if (!contentType) throw new InvalidInputError("Cannot tell the file's type from its bytes: pass options.contentType", { code: "INVALID_INPUT", field: "contentType" });
  // Creating an upload twice is harmless (an unused one expires), so a lost answer may be retried.
  const created = (
    await graphqlRequest<CreateUploadMutation>(transport, documents.CreateUpload, { contentType, size: bytes.byteLength }, { idempotent: true, signal: options.signal })
  ).createUpload;
  const response = await transport.fetch(created.url, {
    method: created.method,
    headers: created.headers as Record<string, string>,
    body: bytes,
    signal: options.signal,
  });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw errorFor(body?.error?.message ?? `Upload failed: HTTP ${response.status}`, { code: body?.error?.code ?? "INTERNAL", status: response.status });
  }
  const data = await graphqlRequest<GetUploadQuery>(transport, documents.GetUpload, { id: created.uploadId }, { idempotent: true, signal: options.signal });
  return data.upload;
}

async function readSource(source: UploadSource): Promise<Uint8Array<ArrayBuffer>> {
  if (typeof source === "string") {
    // Only here does the package touch the file system, so browsers never load node:fs.
    const { readFile } = await import("node:fs/promises");
    const buffer = await readFile(source);
    return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength));
  }
  if (source instanceof Blob) return new Uint8Array(await source.arrayBuffer());
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (source instanceof Uint8Array) return new Uint8Array(source);
  throw new DoitongError("uploads.create takes a Blob, ArrayBuffer, Uint8Array or file path", { code: "INVALID_INPUT" });
}

/** The content types createUpload accepts, told by their first bytes. */
export function sniffContentType(bytes: Uint8Array): string | undefined {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes[0] === 0x89 && ascii(1, 4) === "PNG") return "image/png";
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  if (ascii(0, 4) === "RIFF" && ascii(8, 12) === "WAVE") return "audio/wav";
  if (ascii(4, 8) === "ftyp") return ascii(8, 10) === "qt" ? "video/quicktime" : /^M4A/.test(ascii(8, 12)) ? "audio/mp4" : "video/mp4";
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return "video/webm";
  if (ascii(0, 3) === "ID3" || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return "audio/mpeg";
  if (ascii(0, 4) === "OggS") return "audio/ogg";
  return undefined;
}
