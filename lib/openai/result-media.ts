import type { StoredOutput as ResultFile } from "../generations/step-outcomes";
import { signedMediaUrl } from "../storage";
import { readHead } from "../storage/streams";

/** Above this a result is not put inline (b64_json, MCP content): a 64 MB image is not a sensible JSON string. */
export const MAX_INLINE_BYTES = 64 * 1024 * 1024;

/** A link the client can fetch for an hour. */
export function fileUrl(file: ResultFile, baseUrl: string): string {
  return signedMediaUrl(baseUrl, file.storageKey);
}

/** The file's bytes (for b64_json and speech bodies), or undefined when it is larger than `limit`. */
export async function fileBytes(file: ResultFile, limit = MAX_INLINE_BYTES): Promise<Buffer | undefined> {
  const bytes = await readHead(file.storageKey, limit + 1);
  if (!bytes) throw new Error(`Result file ${file.storageKey} is missing from storage`);
  return bytes.length > limit ? undefined : bytes;
}
