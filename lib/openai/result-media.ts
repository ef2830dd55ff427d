import type { ResultFile } from "../generations/result-files";
import { signedMediaUrl } from "../storage";
import { readHead } from "../storage/streams";

/** Above this a result is not put inline (b64_json, MCP content): a 64 MB image is not a sensible JSON string. */
export const MAX_INLINE_BYTES = 64 * 1024 * 1024;

/** A link the client can fetch for an hour. */
export function fileUrl(file: ResultFile, baseUrl: string): string {
  if (file.storageKey) return signedMediaUrl(baseUrl, file.storageKey);
  if (file.url) return file.url;
  throw new Error("A result file has neither a storage key nor a URL");
}

/** The file's bytes (for b64_json, speech bodies and MCP content), or undefined when it is larger than `limit`. */
export async function fileBytes(file: ResultFile, baseUrl: string, limit = MAX_INLINE_BYTES): Promise<Buffer | undefined> {
  if (file.storageKey) {
    const bytes = await readHead(file.storageKey, limit + 1);
    if (!bytes) throw new Error(`Result file ${file.storageKey} is missing from storage`);
    return bytes.length > limit ? undefined : bytes;
  }
  const res = await fetch(fileUrl(file, baseUrl));
  if (!res.ok) throw new Error(`Result file ${file.url} answered HTTP ${res.status}`);
  const bytes = Buffer.from(await res.arrayBuffer());
  return bytes.length > limit ? undefined : bytes;
}
