import type { Generation } from "../generated/prisma/client";
import { listGenerationOutputs } from "../generations/list-generation-outputs";
import { mimeTypeFor, signedMediaUrl } from "../storage";
import { readHead } from "../storage/streams";

/** Files up to this size come back inside the tool result (agents show them at once); larger ones as links. */
export const MAX_INLINE_BYTES = 1024 * 1024;

export type ToolContent =
  | { type: "text"; text: string }
  | { type: "image"; data: string; mimeType: string }
  | { type: "audio"; data: string; mimeType: string }
  | { type: "resource_link"; uri: string; name: string; mimeType: string };

/** A generation as an agent reads it: a short JSON summary, then each finished file (inline when small). */
export async function generationContent(generation: Generation, baseUrl: string): Promise<ToolContent[]> {
  const files = await listGenerationOutputs(generation);
  const urls = files.map((f) => signedMediaUrl(baseUrl, f.storageKey));
  const summary = {
    id: generation.id,
    type: generation.type,
    status: generation.status,
    progress: generation.progress,
    provider: generation.provider,
    creditCost: generation.creditCost,
    ...(urls.length ? { urls } : {}),
    ...(generation.errorCode ? { error: { code: generation.errorCode, message: generation.errorMessage } } : {}),
    warnings: Array.isArray(generation.warnings) ? generation.warnings : [],
  };
  const content: ToolContent[] = [{ type: "text", text: JSON.stringify(summary) }];
  for (const [i, file] of files.entries()) {
    const mimeType = mimeTypeFor(file.storageKey);
    const kind = mimeType.startsWith("image/") ? "image" : mimeType.startsWith("audio/") ? "audio" : undefined;
    const bytes = kind ? await readHead(file.storageKey, MAX_INLINE_BYTES + 1) : undefined;
    if (kind && bytes && bytes.length <= MAX_INLINE_BYTES) content.push({ type: kind, data: bytes.toString("base64"), mimeType });
    else content.push({ type: "resource_link", uri: urls[i], name: `${generation.id}-${i + 1}`, mimeType });
  }
  return content;
}
